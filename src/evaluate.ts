/** The report, from facts alone: no I/O, so a facts file replays offline (--replay). */
import type { ChainDefinition } from './model/chain.ts';
import type { Facts } from './model/facts.ts';
import type { Report, SdkComparison } from './model/report.ts';
import { draft, type Draft } from './findings/registry.ts';
import { chainContextOf, walkChain } from './chains/walk.ts';
import { decideVerdict } from './verdict/decide.ts';
import type { VerdictOptions } from './verdict/input.ts';
import { VERSION } from './version.ts';

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
  return draft(
    'SDKS_DISAGREE',
    { said },
    [...groups].map(([o, sdks]) => ({ label: sdks.join(', '), value: o })),
  );
}
