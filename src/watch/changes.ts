/** What --watch compares between runs: pure functions of two reports. */
import type { Report } from '../model/report.ts';

/** What a watch line reports as changed, in this order. */
export type Change = 'winner' | 'credentials' | 'identity' | 'findings' | 'verdict';

/** The parts of a report a watch follows; everything else (timings, ports) may differ freely. */
export interface Mark {
  winner: string | null;
  /** masked key id and expiration: a rotation changes both */
  credentials: string | null;
  identity: string | null;
  findings: string;
  verdict: string;
}

export function markOf(r: Report): Mark {
  return {
    winner: r.winner?.source ?? null,
    credentials: r.winner ? `${r.winner.accessKeyId} ${r.winner.expiration ?? '-'}` : null,
    identity: r.identity?.arn ?? null,
    findings: r.findings.map((f) => f.code).join(' '),
    verdict: r.verdict.state,
  };
}

/** The parts that differ; empty when nothing a watch follows has changed. */
export function changesBetween(a: Mark, b: Mark): Change[] {
  return (['winner', 'credentials', 'identity', 'findings', 'verdict'] as const).filter((k) => a[k] !== b[k]);
}

/** The same source handed the same credentials (key id and expiration): nothing rotated. */
export const sameCredentials = (a: Mark, b: Mark): boolean => a.winner !== null && a.winner === b.winner && a.credentials === b.credentials;
