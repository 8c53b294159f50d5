/** The report for machines: the schemaVersion 1 contract (fields are added, never renamed). */
import type { Report } from '../model/report.ts';
import { escapeJsonText } from './escape.ts';
import { describeView } from '../findings/app.ts';
import { taskOf } from './task.ts';

export interface JsonOptions {
  /** --format json-line: one line, with the run's envelope (collectedAt, replay, task) first */
  line?: boolean;
  /** the report came from a facts file (--replay) */
  replay?: boolean;
  /** --watch: which event this line is (first in the line) */
  watch?: WatchLine;
}

/** A --watch line's event (src/watch/loop.ts WatchEvent, by shape). */
export interface WatchLine {
  event: string;
  iteration: number;
  changed: string[];
  reason?: string;
}

export function renderJson(r: Report, o: JsonOptions = {}): string {
  const out = jsonReport(r);
  if (!o.line) return `${escapeJsonText(JSON.stringify(out, null, 2))}\n`;
  const line = lineObject(r, out, o.replay === true);
  return `${escapeJsonText(JSON.stringify(o.watch ? { watch: o.watch, ...line } : line))}\n`;
}

/**
 * The one-line form: the same report, with what a log query groups and filters by first (log
 * tools discover a bounded number of fields per JSON event, in the order they come), then the rest
 * of the report as --json has it. Key order is not content: the parsed objects are equal but for
 * the envelope.
 */
function lineObject(r: Report, report: ReturnType<typeof jsonReport>, replay: boolean) {
  const { schemaVersion, verdict, winner, identity, findings, stoppedBy, ...rest } = report;
  return {
    schemaVersion,
    collectedAt: r.facts.collectedAt,
    replay,
    task: taskOf(r.facts),
    // Logs Insights reads an array's items as findings.0.code, findings.1.code...: one string to match
    findingCodes: r.findings.map((f) => f.code).join(' '),
    verdict,
    winner,
    identity,
    findings,
    stoppedBy,
    ...rest,
  };
}

function jsonReport(r: Report) {
  return {
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
}

/** A usage or internal error in the same envelope, for --json callers (`line`: on one line). */
export function renderJsonError(code: 'USAGE' | 'INTERNAL', message: string, version: string, line = false): string {
  const o = { schemaVersion: 1, tool: { name: 'ecs-cred-doctor', version }, error: { code, message }, verdict: { ok: false, state: 'errors', headline: message, headlineCode: null, exitCode: 2 } };
  // C1 controls, DEL and bidi overrides as \uXXXX: JSON.stringify leaves them raw
  return `${escapeJsonText(line ? JSON.stringify(o) : JSON.stringify(o, null, 2))}\n`;
}
