/** The report for people: pure (report, options) → string. */
import type { Finding, Report, SourceResult } from '../model/report.ts';
import { paint, type Paint } from './color.ts';
import { humanDuration } from '../findings/words.ts';
import { mapStrings } from '../redact.ts';
import { escapeTerminal } from './escape.ts';

export interface TextOptions {
  color: boolean;
  verbose: boolean;
  chainTitle: string;
  now: Date;
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));

export function renderText(report: Report, options: TextOptions): string {
  // every string the report holds is escaped before any is interpolated: values of outside
  // origin are everywhere (facts, reasons, findings), the tool's own prose has no control
  // character, and the only raw escape sequences are the colours added below
  const r = mapStrings(report, escapeTerminal);
  const o: TextOptions = { ...options, chainTitle: escapeTerminal(options.chainTitle) };
  const p = paint(o.color);
  const lines: string[] = [];
  lines.push(p.dim(`ecs-cred-doctor ${r.tool.version} · ${o.chainTitle}`));
  lines.push(...selectionLines(r, o, p));
  lines.push('');
  // three states, as flutter doctor's [✓] [!] [✗]; the exit code stays as documented
  const mark = r.verdict.state === 'healthy' ? p.green('✔') : r.verdict.state === 'warnings' ? p.yellow('!') : p.red('✘');
  lines.push(`${mark} ${p.bold(r.verdict.headline)}`);
  lines.push('');

  if (r.identity || r.winner) {
    lines.push(p.bold('Identity'));
    const rows: [string, string][] = [];
    if (r.identity) {
      rows.push(['arn', r.identity.arn], ['account', r.identity.account], ['type', r.identity.type]);
      if (r.identity.sessionName) rows.push(['session', r.identity.sessionName]);
    }
    if (r.winner) {
      rows.push(['source', `${r.winner.source} (${r.winner.origin})`]);
      rows.push(['key', r.winner.accessKeyId]);
      if (r.winner.roleArn) rows.push(['role', r.winner.roleArn]);
      if (r.winner.expiration) {
        const left = Date.parse(r.winner.expiration) - o.now.getTime();
        rows.push(['expires', Number.isNaN(left) ? r.winner.expiration : `${r.winner.expiration} (${left > 0 ? `in ${humanDuration(left)}` : `${humanDuration(-left)} ago`})`]);
      }
      if (r.winner.feature) rows.push(['$source', r.winner.feature]);
    }
    for (const [k, v] of rows) lines.push(`  ${p.dim(pad(k, 9))} ${v}`);
    lines.push('');
  }

  const tm = r.facts.taskMetadata;
  if (tm?.ok) {
    const t = tm.task;
    lines.push(p.bold('Task'));
    const rows: [string, string | null][] = [
      ['cluster', t.cluster],
      ['task', t.taskArn],
      ['family', t.family && t.revision ? `${t.family}:${t.revision}` : t.family],
      ['launch', t.launchType],
      ['zone', t.availabilityZone],
      ['network', t.networkMode],
    ];
    for (const [k, v] of rows) if (v) lines.push(`  ${p.dim(pad(k, 9))} ${v}`);
    lines.push('');
  }

  lines.push(p.bold(`Credential chain (${r.sdk}, in the SDK's order)`));
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
  lines.push('');

  if (r.sdks) {
    lines.push(p.bold("SDKs compared (same facts, each SDK's own chain)"));
    const sw = Math.max(...r.sdks.map((s) => s.sdk.length));
    for (const s of r.sdks) {
      const what = s.winner ? `${s.winner.source} (${s.winner.sdkName}) ${s.winner.accessKeyId}` : s.stoppedBy ? p.red(`no credentials: stops at ${s.stoppedBy.sdkName}`) : p.red('no credentials');
      lines.push(`  ${pad(s.sdk, sw)}  ${what}`);
    }
    lines.push('');
  }

  if (r.findings.length > 0) {
    lines.push(p.bold('Findings'));
    for (const f of r.findings) lines.push(...findingLines(f, p, o.verbose));
  }
  if (o.verbose) {
    lines.push(p.bold('Facts (redacted)'));
    for (const [k, v] of Object.entries(r.facts.env)) lines.push(`  ${p.dim(k)}=${v}`);
    lines.push(`  ${p.dim('config file')}      ${r.facts.configFile.path} (${r.facts.configFile.state})`);
    lines.push(`  ${p.dim('credentials file')} ${r.facts.credentialsFile.path} (${r.facts.credentialsFile.state})`);
    if (r.facts.sts) lines.push(`  ${p.dim('sts')}              ${r.facts.sts.endpoint} (${r.facts.sts.region}), ${r.facts.sts.ms} ms`);
    if (r.facts.imdsProbeReason) lines.push(`  ${p.dim('imds probe')}       ${r.facts.imdsProbeReason}`);
    lines.push('');
  }
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  const summary = errors + warnings === 0 ? 'No problems found.' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`;
  lines.push(`${summary} ${p.dim(`exit ${r.verdict.exitCode}`)}`);
  return `${lines.join('\n')}\n`;
}

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
