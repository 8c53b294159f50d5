/** The report for machines: the schemaVersion 1 contract (fields are added, never renamed). */
import type { Report } from '../model/report.ts';
import { escapeJsonText } from './escape.ts';
import { describeView } from '../findings/app.ts';

export function renderJson(r: Report): string {
  const out = {
    schemaVersion: r.schemaVersion,
    tool: r.tool,
    sdk: r.sdk,
    ...(r.sdkSelection ? { sdkSelection: r.sdkSelection } : {}),
    // whose view the report is (--container, PID 1, --pid), as the text header says it
    ...(describeView(r.facts) ? { view: describeView(r.facts) } : {}),
    chain: r.chain.map((c) => ({
      source: c.source,
      sdkName: c.sdkName,
      status: c.status,
      reason: c.reason,
      stopsChain: c.stopsChain,
      wouldProvide: c.wouldProvide,
      outcome: c.outcome,
      credentials: c.credentials ? { accessKeyId: c.credentials.accessKeyId, roleArn: c.credentials.roleArn, expiration: c.credentials.expiration, feature: c.credentials.feature } : null,
    })),
    winner: r.winner ? { source: r.winner.source, accessKeyId: r.winner.accessKeyId, roleArn: r.winner.roleArn, expiration: r.winner.expiration, origin: r.winner.origin, feature: r.winner.feature } : null,
    identity: r.identity,
    findings: r.findings.map((f) => ({ ...f, docs: `docs/findings/${f.code}.md` })),
    stoppedBy: r.stoppedBy,
    verdict: r.verdict,
    ...(r.sdks ? { sdks: r.sdks } : {}),
    facts: r.facts,
  };
  // C1 controls, DEL and bidi overrides as \uXXXX: JSON.stringify leaves them raw
  return `${escapeJsonText(JSON.stringify(out, null, 2))}\n`;
}

/** A usage or internal error in the same envelope, for --json callers. */
export function renderJsonError(code: 'USAGE' | 'INTERNAL', message: string, version: string): string {
  return `${escapeJsonText(JSON.stringify({ schemaVersion: 1, tool: { name: 'ecs-cred-doctor', version }, error: { code, message }, verdict: { ok: false, state: 'errors', headline: message, headlineCode: null, exitCode: 2 } }, null, 2))}\n`;
}
