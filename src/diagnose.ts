/** The whole run: gather → walk the chain (with the STS exchanges it needs) → prove → decide. */
import type { ExchangeRequest, Facts, Report } from './model.ts';
import { gatherFacts } from './gather/index.ts';
import type { RawEnv } from './gather/env.ts';
import { callAssumeRole, callAssumeRoleWithWebIdentity, callGetCallerIdentity, loadSts, type StsTarget } from './gather/sts.ts';
import { loadUndici } from './gather/undici.ts';
import { chainContextOf, walkChain, type ChainWalk } from './chains/walk.ts';
import type { ChainDefinition } from './chains/types.ts';
import { decideVerdict } from './verdict.ts';
import { appRegionOf, stsEndpointOf, stsRegionOf } from './region.ts';
import type { Vault } from './redact.ts';
import { VERSION } from './version.ts';

export interface DiagnoseOptions {
  env: RawEnv;
  chain: ChainDefinition;
  timeoutMs: number;
  stsTimeoutMs: number;
  containerEndpoint: string | null;
  imdsProbe: boolean;
  noSts: boolean;
  expectRole: string | null;
  expectAccount: string | null;
  strict: boolean;
  signal: AbortSignal;
  now?: () => Date;
}

/** Exchanges are bounded: the longest real chain is a few profiles deep. */
const MAX_EXCHANGES = 5;

export async function diagnose(o: DiagnoseOptions): Promise<Report> {
  // start loading the HTTP and STS code now; it evaluates while the first files are read
  const gathering = gatherFacts({ env: o.env, timeoutMs: o.timeoutMs, containerEndpoint: o.containerEndpoint, imdsProbe: o.imdsProbe, signal: o.signal });
  void loadUndici().catch(() => undefined);
  if (!o.noSts) void loadSts().catch(() => undefined);
  const { facts, vault, scrub } = await gathering;
  let walk: ChainWalk = walkChain(o.chain, chainContextOf(facts));
  for (let i = 0; i < MAX_EXCHANGES && walk.needs; i++) {
    await performExchange(walk.needs, facts, vault, { timeoutMs: o.stsTimeoutMs, signal: o.signal, scrub });
    walk = walkChain(o.chain, chainContextOf(facts));
  }
  const creds = walk.winner?.credentials ? vault.credentials(walk.winner.credentials.ref) : undefined;
  if (!o.noSts && creds) {
    const region = appRegionOf(facts).region ?? 'us-east-1';
    const endpoint = stsEndpointOf(facts, region).url;
    facts.sts = await callGetCallerIdentity({ region, endpoint, timeoutMs: o.stsTimeoutMs, signal: o.signal, scrub }, creds);
  }
  const v = decideVerdict(facts, walk, { expectRole: o.expectRole, expectAccount: o.expectAccount, strict: o.strict, noSts: o.noSts, now: (o.now ?? (() => new Date()))() });
  return {
    schemaVersion: 1,
    tool: { name: 'ecs-cred-doctor', version: VERSION },
    sdk: o.chain.id,
    chain: walk.results,
    winner: v.winner,
    identity: v.identity,
    findings: v.findings,
    verdict: { ok: v.ok, headline: v.headline, exitCode: v.exitCode },
    facts,
  };
}

async function performExchange(req: ExchangeRequest, facts: Facts, vault: Vault, t: { timeoutMs: number; signal: AbortSignal; scrub: (s: string) => string }): Promise<void> {
  const region = (req.kind === 'assume-role' ? req.region : null) ?? stsRegionOf(facts).region ?? 'us-east-1';
  const target: StsTarget = { region, endpoint: stsEndpointOf(facts, region).url, ...t };
  const result =
    req.kind === 'web-identity'
      ? await callAssumeRoleWithWebIdentity(target, { roleArn: req.roleArn, sessionName: req.sessionName, token: vault.token(req.tokenRef) ?? '' })
      : await callAssumeRole(target, vault.credentials(req.sourceRef), { roleArn: req.roleArn, sessionName: req.sessionName, externalId: req.externalId });
  facts.exchanges[req.ref] = result.observation;
  if (result.credentials) vault.putCredentials(req.ref, result.credentials);
}
