/** A --watch event as one line of text, for people reading a sidecar's log. */
import type { Report } from '../model/report.ts';
import { escapeTerminal } from './escape.ts';
import type { WatchLine } from './json.ts';

export function renderWatchText(e: WatchLine, r: Report): string {
  const what = e.event === 'change' ? `change (${e.changed.join(', ')})` : e.event === 'stop' && e.reason ? `stop (${e.reason})` : e.event;
  const codes = r.findings.length > 0 ? ` [${r.findings.map((f) => f.code).join(' ')}]` : '';
  const key = r.winner ? ` · ${r.winner.source} ${r.winner.accessKeyId}${r.winner.expiration ? ` until ${r.winner.expiration}` : ''}` : '';
  return `${escapeTerminal(`ecs-cred-doctor ${r.facts.collectedAt} ${what}: ${r.verdict.headline}${key}${codes}`)}\n`;
}
