// Our side of every real-SDK comparison: the bundle's JSON report for `--sdk NAME@VERSION`,
// reduced to what the oracles compare (the selected row, the masked key, where it stops).
// Where the chain stopped is read from structured fields only: the report's `stoppedBy`
// ({source, sdkName, reason} or null) when the report has it, else derived from the chain rows
// (the row with stopsChain; every row not reached means the SDK failed before any provider ran,
// as botocore's ProfileNotFound or a Go loader error do). No message sentence is parsed.
import { expect } from 'vitest';
import { CANARIES } from '../scenarios/scenarios.ts';
import { runBundle } from '../e2e/run-bundle.ts';

export const BEFORE_THE_CHAIN = '(before the chain)';

export interface ChainRow {
  source: string;
  sdkName: string;
  status: string;
  reason: string;
  stopsChain: boolean;
}

export interface Ours {
  selected: { sdkName: string; reason: string } | null;
  winnerKey: string | null;
  stop: { sdkName: string; reason: string } | null;
  chain: ChainRow[];
  /** finding codes */
  findings: string[];
}

interface Report {
  chain: ChainRow[];
  winner: { source: string; accessKeyId: string } | null;
  stoppedBy?: { source: string; sdkName: string; reason?: string } | null;
  findings: { code: string; message?: string }[];
  verdict: { headline: string };
}

/** `report.stoppedBy`, or the same derived from the chain rows for reports that predate it. */
export function stoppedByOf(report: Report): { sdkName: string; reason: string } | null {
  if (report.stoppedBy !== undefined) {
    const s = report.stoppedBy;
    if (s === null) return null;
    const row = report.chain.find((c) => c.sdkName === s.sdkName && c.stopsChain);
    return { sdkName: s.sdkName, reason: s.reason ?? row?.reason ?? fallbackReason(report) };
  }
  const row = report.chain.find((c) => c.stopsChain);
  if (row) return { sdkName: row.sdkName, reason: row.reason };
  if (report.winner === null && report.chain.length > 0 && report.chain.every((c) => c.status === 'not-reached')) return { sdkName: BEFORE_THE_CHAIN, reason: fallbackReason(report) };
  return null;
}

/** The text a before-the-chain stop is explained in, when no row holds it (compared by containment only). */
const fallbackReason = (report: Report): string => [report.verdict.headline, ...report.findings.map((f) => f.message ?? '')].join('\n');

export function oursOf(stdout: string): Ours {
  const report = JSON.parse(stdout) as Report;
  const selected = report.chain.find((c) => c.status === 'selected') ?? null;
  return { selected: selected && { sdkName: selected.sdkName, reason: selected.reason }, winnerKey: report.winner?.accessKeyId ?? null, stop: stoppedByOf(report), chain: report.chain, findings: report.findings.map((f) => f.code) };
}

export async function runOurs(sdk: string, env: Record<string, string>): Promise<Ours> {
  const r = await runBundle(['--json', '--no-sts', '--sdk', sdk], env, 30_000);
  if (r.code === 2) throw new Error(`ecs-cred-doctor failed: ${r.stdout}${r.stderr}`);
  for (const c of CANARIES) expect(r.stdout).not.toContain(c);
  return oursOf(r.stdout);
}
