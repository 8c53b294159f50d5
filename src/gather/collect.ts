/**
 * Everything the tool learns from the outside world for one run: the app's view (and the
 * shell's, when it differs), the STS exchanges the modelled chains make eagerly, and the
 * identity call. Which exchange and which endpoint come from the planner (src/plan.ts); this
 * file only does the I/O.
 */
import type { ChainPlanner, ExchangeRequest, StsCallTarget } from '../model/chain.ts';
import type { AppView, Facts, SdkSelection, ShellView } from '../model/facts.ts';
import { gatherFacts, scrubFacts } from './index.ts';
import { describeEnv, SECRET_VARS, type RawEnv } from './env.ts';
import { callAssumeRole, callAssumeRoleWithWebIdentity, callGetCallerIdentity, loadSts, type StsTarget } from './sts.ts';
import { loadUndici } from './undici.ts';
import { whenFirstRequestSent } from './http.ts';
import { readableBy, type AppProcessRead } from './process.ts';
import type { Vault } from '../redact.ts';
import { pathInRoot, type AppRoot } from './app-root.ts';

export interface CollectOptions {
  env: RawEnv;
  /** what the modelled chains need: exchanges, the identity call, the shell's winner */
  planner: ChainPlanner;
  timeoutMs: number;
  stsTimeoutMs: number;
  containerEndpoint: string | null;
  imdsProbe: boolean;
  noSts: boolean;
  signal: AbortSignal;
  /** the app process, when the tool runs beside it (ECS Exec) rather than as it */
  app?: AppProcessRead | null;
  /** how the chain was chosen; kept in the facts (scrubbed) so --replay models the same one */
  sdkSelection?: SdkSelection;
  /** --container, or the task's other containers seen from a sidecar (src/gather/app-container.ts) */
  view?: AppView | null;
}

/** Exchanges are bounded: the longest real chain is a few profiles deep, times the chains of --sdk all. */
const MAX_EXCHANGES = 25;

/** Gathers everything for the app's view (and the shell's, when it differs). */
export async function collectFacts(o: CollectOptions): Promise<Facts> {
  const app = o.app?.fact.readable && o.app.env ? o.app : null;
  const appEnv: RawEnv = app?.env ? { ...app.env, ...(app.fact.home && !app.env['HOME'] ? { HOME: app.fact.home } : {}) } : o.env;
  const shellDiffers = app !== null && envDiff(o.env, appEnv).length > 0;
  const [{ facts, vault }, shellFacts] = await Promise.all([collectOne({ ...o, env: appEnv }, true, app?.argv?.join(' '), app?.root), shellDiffers ? collectOne({ ...o, noSts: true }, false).then((r) => r.facts) : Promise.resolve(null)]);
  if (o.app) facts.app = o.app.fact;
  if (o.view) facts.view = o.view;
  // recorded beside the observations, never folded into them: the chain combines both (src/chains/app-view.ts)
  if (app) facts.appFileAccess = await appFileAccess(facts, app);
  if (shellFacts && app) facts.shell = shellViewOf(o.env, appEnv, shellFacts, o.planner);
  // the app's fields (command line, paths) leave through the same scrub as gather's
  return scrubFacts(facts, vault);
}

/** `exchanges`: make the STS role exchanges the chain needs (the shell's view skips them). */
async function collectOne(o: CollectOptions, exchanges: boolean, appCommandLine?: string, root?: AppRoot | null): Promise<{ facts: Facts; vault: Vault }> {
  // start loading the HTTP and STS code now; it evaluates while the first files are read
  const gathering = gatherFacts({
    env: o.env,
    timeoutMs: o.timeoutMs,
    containerEndpoint: o.containerEndpoint,
    plan: (env) => o.planner.probePlan(env, o.imdsProbe),
    signal: o.signal,
    ...(appCommandLine ? { appCommandLine } : {}),
    root: root ?? null,
  });
  void loadUndici().catch(() => undefined);
  // the STS client takes a while to evaluate: do it while the first probe is on the wire
  whenFirstRequestSent(() => void loadSts().catch(() => undefined));
  const { facts, vault, scrub } = await gathering;
  // detection evidence holds paths and class paths: scrubbed like every other fact
  if (o.sdkSelection && exchanges) facts.sdkSelection = { ...o.sdkSelection, evidence: o.sdkSelection.evidence.map((e) => ({ label: e.label, value: scrub(e.value) })) };
  for (let i = 0; i < MAX_EXCHANGES && exchanges; i++) {
    const next = o.planner.nextExchange(facts);
    if (!next) break;
    await performExchange(next.request, next.target, facts, vault, { timeoutMs: o.stsTimeoutMs, signal: o.signal, scrub, vault });
  }
  const call = o.noSts ? null : o.planner.identityCall(facts);
  const creds = call ? vault.credentials(call.ref) : undefined;
  if (call && creds) {
    facts.sts = await callGetCallerIdentity({ region: call.target.signingRegion, endpoint: call.target.url, timeoutMs: o.stsTimeoutMs, signal: o.signal, scrub, vault }, creds);
  }
  // exchanges and the identity call add STS answers: scrubbed with everything the vault now holds
  return { facts: scrubFacts(facts, vault), vault };
}

async function performExchange(req: ExchangeRequest, to: StsCallTarget, facts: Facts, vault: Vault, t: { timeoutMs: number; signal: AbortSignal; scrub: (s: string) => string; vault: Vault }): Promise<void> {
  const target: StsTarget = { region: to.signingRegion, endpoint: to.url, ...t };
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

function shellViewOf(shellEnv: RawEnv, appEnv: RawEnv, shellFacts: Facts, planner: ChainPlanner): ShellView {
  return {
    envDiff: envDiff(shellEnv, appEnv),
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    home: shellEnv['HOME'] ?? null,
    cwd: safeCwd(),
    winner: planner.winnerOf(shellFacts),
  };
}

/** The working directory, or null when it was deleted (process.cwd() then throws uv_cwd). */
function safeCwd(): string | null {
  try {
    return process.cwd();
  } catch {
    return null;
  }
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
    const r = await readableBy(await pathInRoot(app.root, w.path), uid, app.fact.gids);
    if (r) out.push({ ...w, readable: r.readable, why: r.why });
  }
  return out;
}
