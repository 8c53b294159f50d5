// Our side of every real-SDK comparison: the bundle's JSON report for `--sdk NAME@VERSION`,
// reduced to what the oracles compare (the selected row, the masked key, where it stops).
import { expect } from 'vitest';
import { CANARIES } from '../scenarios/scenarios.ts';
import { runBundle } from '../e2e/run-bundle.ts';

export interface Ours {
  selected: { sdkName: string; reason: string } | null;
  winnerKey: string | null;
  stop: { sdkName: string; reason: string } | null;
  chain: { sdkName: string; status: string; reason: string; stopsChain: boolean }[];
  /** finding codes */
  findings: string[];
}

export async function runOurs(sdk: string, env: Record<string, string>): Promise<Ours> {
  const r = await runBundle(['--json', '--no-sts', '--sdk', sdk], env, 30_000);
  if (r.code === 2) throw new Error(`ecs-cred-doctor failed: ${r.stdout}${r.stderr}`);
  for (const c of CANARIES) expect(r.stdout).not.toContain(c);
  const report = JSON.parse(r.stdout) as { chain: Ours['chain']; winner: { accessKeyId: string } | null; findings: { code: string; message: string }[] };
  const selected = report.chain.find((c) => c.status === 'selected') ?? null;
  let stop: Ours['stop'] = report.chain.find((c) => c.stopsChain) ?? null;
  // a failure before any provider (botocore's ProfileNotFound, a Go loader error) is not a chain row
  const pre = /^The chain stops at \(before the chain\) \([^)]*\): (.*)$/s.exec(report.findings.find((f) => f.code === 'NO_CREDENTIALS')?.message ?? '');
  if (!stop && pre) stop = { sdkName: '(before the chain)', reason: pre[1] ?? '' };
  return { selected: selected && { sdkName: selected.sdkName, reason: selected.reason }, winnerKey: report.winner?.accessKeyId ?? null, stop: stop && { sdkName: stop.sdkName, reason: stop.reason }, chain: report.chain, findings: report.findings.map((f) => f.code) };
}
