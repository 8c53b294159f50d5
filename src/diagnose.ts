/**
 * The whole run: gather → walk the chain (with the STS exchanges it needs) → prove → decide.
 * `collectFacts` does all the I/O; `evaluateFacts` is pure, so a facts file replays offline.
 */
import type { ExchangeRequest } from './model/chain.ts';
import type { Facts, SdkSelection, ShellView } from './model/facts.ts';
import type { Report, SdkComparison } from './model/report.ts';
import { draft, type Draft } from './findings/registry.ts';
import { gatherFacts, scrubFacts } from './gather/index.ts';
import { describeEnv, SECRET_VARS, type RawEnv } from './gather/env.ts';
import { callAssumeRole, callAssumeRoleWithWebIdentity, callGetCallerIdentity, loadSts, type StsTarget } from './gather/sts.ts';
import { loadUndici } from './gather/undici.ts';
import { whenFirstRequestSent } from './gather/http.ts';
import { readableBy, type AppProcessRead } from './gather/process.ts';
import { chainContextOf, walkChain, type ChainWalk } from './chains/walk.ts';
import type { ChainDefinition } from './model/chain.ts';
import { decideVerdict } from './verdict/decide.ts';
import type { VerdictOptions } from './verdict/input.ts';
import type { Vault } from './redact.ts';
import { VERSION } from './version.ts';

export interface CollectOptions {
  env: RawEnv;
  chain: ChainDefinition;
  timeoutMs: number;
  stsTimeoutMs: number;
  containerEndpoint: string | null;
  imdsProbe: boolean;
  noSts: boolean;
  signal: AbortSignal;
  /** the app process, when the tool runs beside it (ECS Exec) rather than as it */
  app?: AppProcessRead | null;
  /** more chains to decide over the same facts (--sdk all): their STS exchanges are made too */
  compare?: ChainDefinition[];
  /** how the chain was chosen; kept in the facts (scrubbed) so --replay models the same one */
  sdkSelection?: SdkSelection;
}

/** Exchanges are bounded: the longest real chain is a few profiles deep. */
const MAX_EXCHANGES = 5;

/** Gathers everything for the app's view (and the shell's, when it differs). */
export async function collectFacts(o: CollectOptions): Promise<Facts> {
  const app = o.app?.fact.readable && o.app.env ? o.app : null;
  const appEnv: RawEnv = app?.env ? { ...app.env, ...(app.fact.home && !app.env['HOME'] ? { HOME: app.fact.home } : {}) } : o.env;
  const shellDiffers = app !== null && envDiff(o.env, appEnv).length > 0;
  const [{ facts, vault }, shellFacts] = await Promise.all([collectOne({ ...o, env: appEnv }, true, app?.argv?.join(' ')), shellDiffers ? collectOne({ ...o, noSts: true }, false).then((r) => r.facts) : Promise.resolve(null)]);
  if (o.app) facts.app = o.app.fact;
  if (app) {
    facts.appFileAccess = await appFileAccess(facts, app);
    for (const a of facts.appFileAccess) {
      // the app cannot read what root can: judge its chain with its own eyes
      if (a.readable) continue;
      if (facts.webIdentityTokenFile?.path === a.path) facts.webIdentityTokenFile = { ...facts.webIdentityTokenFile, state: 'unreadable', error: `not readable by the app's uid ${app.fact.uid} (${a.why})` };
      if (facts.containerTokenFile?.path === a.path && facts.container) {
        facts.containerTokenFile = { ...facts.containerTokenFile, state: 'unreadable', error: `not readable by the app's uid ${app.fact.uid} (${a.why})` };
        facts.container = { ...facts.container, http: null, document: null, notSent: { code: 'TOKEN_FILE_UNREADABLE', message: `the token file ${a.path} is not readable by the app's uid ${app.fact.uid} (${a.why}), so the SDK fails before sending` } };
      }
    }
  }
  if (shellFacts && app) facts.shell = shellViewOf(o.env, appEnv, shellFacts, o.chain);
  // the app's fields (command line, paths) leave through the same scrub as gather's
  return scrubFacts(facts, vault);
}

/** `exchanges`: make the STS role exchanges the chain needs (the shell's view skips them). */
async function collectOne(o: CollectOptions, exchanges: boolean, appCommandLine?: string): Promise<{ facts: Facts; vault: Vault }> {
  // start loading the HTTP and STS code now; it evaluates while the first files are read
  const gathering = gatherFacts({ env: o.env, timeoutMs: o.timeoutMs, containerEndpoint: o.containerEndpoint, imdsProbe: o.imdsProbe, signal: o.signal, ...(appCommandLine ? { appCommandLine } : {}) });
  void loadUndici().catch(() => undefined);
  // the STS client takes a while to evaluate: do it while the first probe is on the wire
  whenFirstRequestSent(() => void loadSts().catch(() => undefined));
  const { facts, vault, scrub } = await gathering;
  // detection evidence holds paths and class paths: scrubbed like every other fact
  if (o.sdkSelection && exchanges) facts.sdkSelection = { ...o.sdkSelection, evidence: o.sdkSelection.evidence.map((e) => ({ label: e.label, value: scrub(e.value) })) };
  let walk: ChainWalk = walkChain(o.chain, chainContextOf(facts, o.chain));
  for (let i = 0; i < MAX_EXCHANGES && walk.needs && exchanges; i++) {
    await performExchange(walk.needs, facts, vault, o.chain, { timeoutMs: o.stsTimeoutMs, signal: o.signal, scrub, vault });
    walk = walkChain(o.chain, chainContextOf(facts, o.chain));
  }
  for (const other of exchanges ? (o.compare ?? []) : []) {
    let w = walkChain(other, chainContextOf(facts, other));
    for (let i = 0; i < MAX_EXCHANGES && w.needs; i++) {
      if (facts.exchanges[w.needs.ref]) break;
      await performExchange(w.needs, facts, vault, other, { timeoutMs: o.stsTimeoutMs, signal: o.signal, scrub, vault });
      w = walkChain(other, chainContextOf(facts, other));
    }
  }
  const creds = walk.winner?.credentials ? vault.credentials(walk.winner.credentials.ref) : undefined;
  if (!o.noSts && creds) {
    const region = o.chain.appRegionOf(facts).region ?? 'us-east-1';
    const endpoint = o.chain.stsEndpointOf(facts, region);
    facts.sts = await callGetCallerIdentity({ region: endpoint.signingRegion, endpoint: endpoint.url, timeoutMs: o.stsTimeoutMs, signal: o.signal, scrub, vault }, creds);
  }
  // exchanges and the identity call add STS answers: scrubbed with everything the vault now holds
  return { facts: scrubFacts(facts, vault), vault };
}

/** The report, from facts alone: no I/O (used live and for --replay). */
export function evaluateFacts(facts: Facts, chain: ChainDefinition, o: Omit<VerdictOptions, 'now' | 'chain'>, compare: ChainDefinition[] = []): Report {
  const walk = walkChain(chain, chainContextOf(facts, chain));
  const sdks = compare.length > 0 ? [chain, ...compare.filter((c) => c.id !== chain.id)].map((c) => compareRow(facts, c)) : undefined;
  const disagreement = sdks ? disagreementOf(sdks) : null;
  const v = decideVerdict(facts, walk, { ...o, chain, now: new Date(facts.collectedAt) }, disagreement ? [disagreement] : []);
  return {
    ...(sdks ? { sdks } : {}),
    ...(facts.sdkSelection ? { sdkSelection: facts.sdkSelection } : {}),
    schemaVersion: 1,
    tool: { name: 'ecs-cred-doctor', version: VERSION },
    sdk: chain.id,
    chain: walk.results,
    winner: v.winner,
    identity: v.identity,
    findings: v.findings,
    stoppedBy: walk.stoppedBy ? { source: walk.stoppedBy.source, sdkName: walk.stoppedBy.sdkName, reason: walk.stoppedBy.outcome.reason } : null,
    verdict: { ok: v.ok, state: v.state, headline: v.headline, headlineCode: v.headlineCode, exitCode: v.exitCode },
    facts,
  };
}

async function performExchange(req: ExchangeRequest, facts: Facts, vault: Vault, chain: ChainDefinition, t: { timeoutMs: number; signal: AbortSignal; scrub: (s: string) => string; vault: Vault }): Promise<void> {
  const region = (req.kind === 'assume-role' ? req.region : null) ?? chain.stsRegionOf(facts).region ?? 'us-east-1';
  const endpoint = chain.stsEndpointOf(facts, region);
  const target: StsTarget = { region: endpoint.signingRegion, endpoint: endpoint.url, ...t };
  const result =
    req.kind === 'web-identity'
      ? await callAssumeRoleWithWebIdentity(target, { roleArn: req.roleArn, sessionName: req.sessionName, token: vault.token(req.tokenRef) ?? '' })
      : await callAssumeRole(target, vault.credentials(req.sourceRef), { roleArn: req.roleArn, sessionName: req.sessionName, externalId: req.externalId });
  facts.exchanges[req.ref] = result.observation;
  if (result.credentials) vault.putCredentials(req.ref, result.credentials);
}

/** Allow-listed variables that differ between two environments (names only). */
export function envDiff(a: RawEnv, b: RawEnv): string[] {
  const da = describeEnv(a);
  const db = describeEnv(b);
  const names = new Set([...Object.keys(da), ...Object.keys(db)]);
  names.delete('ECS_CRED_DOCTOR_CONTAINER_ENDPOINT');
  names.delete('ECS_CRED_DOCTOR_APP_PID');
  return [...names].filter((n) => (SECRET_VARS.has(n) ? a[n] !== b[n] : da[n] !== db[n])).sort();
}

function shellViewOf(shellEnv: RawEnv, appEnv: RawEnv, shellFacts: Facts, chain: ChainDefinition): ShellView {
  const w = walkChain(chain, chainContextOf(shellFacts, chain)).winner;
  return {
    envDiff: envDiff(shellEnv, appEnv),
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    home: shellEnv['HOME'] ?? null,
    cwd: process.cwd(),
    winner: w?.credentials ? { source: w.source, accessKeyId: w.credentials.accessKeyId } : null,
  };
}

async function appFileAccess(facts: Facts, app: AppProcessRead): Promise<NonNullable<Facts['appFileAccess']>> {
  const uid = app.fact.uid;
  if (uid === null) return [];
  const wanted: { path: string; what: string }[] = [];
  if (facts.webIdentityTokenFile) wanted.push({ path: facts.webIdentityTokenFile.path, what: 'AWS_WEB_IDENTITY_TOKEN_FILE' });
  if (facts.containerTokenFile) wanted.push({ path: facts.containerTokenFile.path, what: 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE' });
  if (facts.configFile.state === 'ok') wanted.push({ path: facts.configFile.path, what: 'shared config file' });
  if (facts.credentialsFile.state === 'ok') wanted.push({ path: facts.credentialsFile.path, what: 'shared credentials file' });
  const out: NonNullable<Facts['appFileAccess']> = [];
  for (const w of wanted) {
    const r = await readableBy(w.path, uid, app.fact.gids);
    if (r) out.push({ ...w, readable: r.readable, why: r.why });
  }
  return out;
}

function compareRow(facts: Facts, chain: ChainDefinition): SdkComparison {
  const w = walkChain(chain, chainContextOf(facts, chain));
  return {
    sdk: chain.id,
    title: chain.title,
    winner: w.winner?.credentials ? { source: w.winner.source, sdkName: w.winner.sdkName, accessKeyId: w.winner.credentials.accessKeyId, roleArn: w.winner.credentials.roleArn } : null,
    stoppedBy: w.stoppedBy ? { source: w.stoppedBy.source, sdkName: w.stoppedBy.sdkName, reason: w.stoppedBy.outcome.reason } : null,
    notes: chain.notes,
  };
}

/** SDKS_DISAGREE when the SDKs end with different credentials (or some with none). */
function disagreementOf(rows: SdkComparison[]): Draft | null {
  const outcome = (r: SdkComparison): string => (r.winner ? `${r.winner.source} (${r.winner.accessKeyId})` : r.stoppedBy ? `no credentials (stops at ${r.stoppedBy.sdkName})` : 'no credentials');
  const groups = new Map<string, string[]>();
  for (const r of rows) groups.set(outcome(r), [...(groups.get(outcome(r)) ?? []), r.sdk]);
  if (groups.size < 2) return null;
  const said = [...groups].map(([o, sdks]) => `${sdks.join(', ')}: ${o}`).join('; ');
  return draft('SDKS_DISAGREE', { said }, [...groups].map(([o, sdks]) => ({ label: sdks.join(', '), value: o })));
}
