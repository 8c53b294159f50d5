/** The report for people: pure (report, options) → string. */
import type { Finding, Report, SourceResult } from '../model/report.ts';
import { paint, type Paint } from './color.ts';
import { humanDuration } from '../findings/words.ts';
import { mapStrings } from '../redact.ts';
import { escapeTerminal } from './escape.ts';
import { describeView } from '../findings/app.ts';

export interface TextOptions {
  color: boolean;
  verbose: boolean;
  chainTitle: string;
  now: Date;
  /** the report came from a facts file (--replay): said under the title */
  replay?: boolean;
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));

export function renderText(report: Report, options: TextOptions): string {
  // every string the report holds is escaped before any is interpolated: values of outside
  // origin are everywhere (facts, reasons, findings), the tool's own prose has no control
  // character, and the only raw escape sequences are the colours added below
  const r = mapStrings(report, escapeTerminal);
  const o: TextOptions = { ...options, chainTitle: escapeTerminal(options.chainTitle) };
  const p = paint(o.color);
  const sections = [headerLines, identityLines, taskLines, chainLines, sdkLines, findingsSection, factsLines, summaryLines];
  return `${sections.flatMap((section) => section(r, o, p)).join('\n')}\n`;
}

type Section = (r: Report, o: TextOptions, p: Paint) => string[];

const headerLines: Section = (r, o, p) => {
  // three states, as flutter doctor's [✓] [!] [✗]; the exit code stays as documented
  const mark = r.verdict.state === 'healthy' ? p.green('✔') : r.verdict.state === 'warnings' ? p.yellow('!') : p.red('✘');
  const view = describeView(r.facts);
  return [p.dim(`ecs-cred-doctor ${r.tool.version} · ${o.chainTitle}`), ...(view ? [`view: ${view}`] : []), ...selectionLines(r, o, p), '', `${mark} ${p.bold(r.verdict.headline)}`, ''];
};

const rowLines = (p: Paint, title: string, rows: [string, string | null][]): string[] => [p.bold(title), ...rows.flatMap(([k, v]) => (v ? [`  ${p.dim(pad(k, 9))} ${v}`] : [])), ''];

const identityLines: Section = (r, o, p) => {
  if (!r.identity && !r.winner) return [];
  const rows: [string, string | null][] = [];
  if (r.identity) rows.push(['arn', r.identity.arn], ['account', r.identity.account], ['type', r.identity.type], ['session', r.identity.sessionName]);
  if (r.winner) {
    rows.push(['source', `${r.winner.source} (${r.winner.origin})`], ['key', r.winner.accessKeyId], ['role', r.winner.roleArn]);
    if (r.winner.expiration) {
      const left = Date.parse(r.winner.expiration) - o.now.getTime();
      rows.push(['expires', Number.isNaN(left) ? r.winner.expiration : `${r.winner.expiration} (${left > 0 ? `in ${humanDuration(left)}` : `${humanDuration(-left)} ago`})`]);
    }
    rows.push(['$source', r.winner.feature]);
  }
  return rowLines(p, 'Identity', rows);
};

const taskLines: Section = (r, _o, p) => {
  const tm = r.facts.taskMetadata;
  if (!tm?.ok) return [];
  const t = tm.task;
  return rowLines(p, 'Task', [
    ['cluster', t.cluster],
    ['task', t.taskArn],
    ['family', t.family && t.revision ? `${t.family}:${t.revision}` : t.family],
    ['container', t.container ?? null],
    ['launch', t.launchType],
    ['zone', t.availabilityZone],
    ['network', t.networkMode],
  ]);
};

const chainLines: Section = (r, o, p) => {
  const lines = [p.bold(`Credential chain (${r.sdk}, in the SDK's order)`)];
  // botocore has several profile steps (assume-role, shared-credentials-file, ...): a source
  // that repeats is told apart by the SDK's own name for the step
  const seen = new Map<string, number>();
  for (const c of r.chain) seen.set(c.source, (seen.get(c.source) ?? 0) + 1);
  const names = r.chain.map((c) => ((seen.get(c.source) ?? 0) > 1 ? `${c.source} (${c.sdkName})` : c.source));
  const w = Math.max(...names.map((n) => n.length));
  const digits = String(r.chain.length).length;
  r.chain.forEach((c, i) => {
    lines.push(`  ${String(i + 1).padStart(digits)} ${pad(names[i] ?? c.source, w)}  ${statusCell(c, p)}  ${c.reason}`);
    if (o.verbose) {
      lines.push(`    ${' '.repeat(w)}  ${p.dim(`sdk: ${c.sdkName}`)}`);
      for (const e of c.evidence) lines.push(`    ${' '.repeat(w)}  ${p.dim(`${e.label}: ${e.value}`)}`);
    }
  });
  return [...lines, ''];
};

const sdkLines: Section = (r, _o, p) => {
  if (!r.sdks) return [];
  const sw = Math.max(...r.sdks.map((s) => s.sdk.length));
  const rows = r.sdks.map((s) => {
    const what = s.winner ? `${s.winner.source} (${s.winner.sdkName}) ${s.winner.accessKeyId}` : s.stoppedBy ? p.red(`no credentials: stops at ${s.stoppedBy.sdkName}`) : p.red('no credentials');
    return `  ${pad(s.sdk, sw)}  ${what}`;
  });
  return [p.bold("SDKs compared (same facts, each SDK's own chain)"), ...rows, ''];
};

const findingsSection: Section = (r, o, p) => (r.findings.length > 0 ? [p.bold('Findings'), ...r.findings.flatMap((f) => findingLines(f, p, o.verbose))] : []);

const factsLines: Section = (r, o, p) => {
  if (!o.verbose) return [];
  const f = r.facts;
  return [
    p.bold('Facts (redacted)'),
    ...Object.entries(f.env).map(([k, v]) => `  ${p.dim(k)}=${v}`),
    `  ${p.dim('config file')}      ${f.configFile.path} (${f.configFile.state})`,
    `  ${p.dim('credentials file')} ${f.credentialsFile.path} (${f.credentialsFile.state})`,
    ...(f.sts ? [`  ${p.dim('sts')}              ${f.sts.endpoint} (${f.sts.region}), ${f.sts.ms} ms`] : []),
    ...(f.imdsProbeReason ? [`  ${p.dim('imds probe')}       ${f.imdsProbeReason}`] : []),
    '',
  ];
};

const summaryLines: Section = (r, o, p) => {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  const summary = errors + warnings === 0 ? 'No problems found.' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`;
  // when, and from where: a report pasted into a ticket days later, or replayed from a facts file
  const when = p.dim(`facts collected ${r.facts.collectedAt}${o.replay ? ', replayed from a facts file' : ''}`);
  return [when, `${summary} ${p.dim(`exit ${r.verdict.exitCode}`)}`];
};

/** Under the title: where the modelled SDK came from, when it was not named with --sdk. */
function selectionLines(r: Report, o: TextOptions, p: Paint): string[] {
  const s = r.sdkSelection;
  if (!s || s.how === 'flag') return [];
  const found = s.evidence.filter((e) => e.label === 'detected').at(-1);
  const out: string[] = [];
  if (s.how === 'detected' && found) out.push(p.dim(`sdk detected: ${found.value}`));
  if (s.note) out.push(p.dim(s.note));
  if (o.verbose) for (const e of s.evidence) if (e !== found) out.push(p.dim(`  ${e.label}: ${e.value}`));
  return out;
}

function statusCell(c: SourceResult, p: Paint): string {
  const s = pad(c.status, 11);
  switch (c.status) {
    case 'selected':
      return p.green(s);
    case 'shadowed':
      return p.yellow(s);
    case 'failed':
      return c.stopsChain ? p.red(pad('failed-stop', 11)) : p.red(s);
    default:
      return p.dim(s);
  }
}

function findingLines(f: Finding, p: Paint, verbose: boolean): string[] {
  const sev = f.severity === 'error' ? p.red('ERROR  ') : f.severity === 'warning' ? p.yellow('WARNING') : p.cyan('INFO   ');
  const out = [`  ${sev} ${p.bold(f.code)}`, `          ${f.message}`, `          ${p.dim('fix:')} ${f.fix}`];
  if (verbose) for (const e of f.evidence) out.push(`          ${p.dim(`${e.label}:`)} ${e.value}`);
  out.push(`          ${p.dim(`docs: docs/findings/${f.code}.md`)}`, '');
  return out;
}
