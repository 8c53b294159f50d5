/**
 * --watch: run again and again, and say something only when it matters. The loop owns the
 * decisions (when to print, what changed, since when the credentials are the same); the caller
 * injects the I/O (gather, write, sleep), so tests drive it with no clock and no network.
 */
import type { Facts } from '../model/facts.ts';
import type { Report } from '../model/report.ts';
import { changesBetween, markOf, sameCredentials, type Change, type Mark } from './changes.ts';

/** start: the first run; change: something followed changed; heartbeat: nothing did for a while; stop: the last line. */
export type WatchEventKind = 'start' | 'change' | 'heartbeat' | 'stop';

export interface WatchEvent {
  event: WatchEventKind;
  /** runs so far, this one included */
  iteration: number;
  changed: Change[];
  /** why the watch ended (stop only): a signal's name, or "iterations" */
  reason?: string;
}

export interface WatchDeps {
  /** one run's facts, bounded like a single run; rejects only on a bug */
  gather(signal: AbortSignal): Promise<Facts>;
  evaluate(facts: Facts): Report;
  /** writes one event; false when the reader went away (the watch then ends) */
  emit(e: WatchEvent, report: Report): Promise<boolean>;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  now(): number;
  /** aborted by SIGTERM/SIGINT */
  stop: AbortSignal;
  /** what stopped it, for the last line (the signal's name) */
  stopReason(): string;
  intervalMs: number;
  heartbeatMs: number;
  /** end after this many runs (tests and the benchmark); null: until stopped */
  maxIterations: number | null;
}

/** Runs until stopped; returns the last whole report (null when stopped before the first). */
export async function runWatch(d: WatchDeps): Promise<Report | null> {
  let last: { report: Report; mark: Mark } | null = null;
  // when the current credentials were first seen (collectedAt of that run)
  let since: string | null = null;
  let lastLineAt = 0;
  let iteration = 0;
  for (;;) {
    iteration++;
    const facts = await d.gather(d.stop);
    // a run cut short by the signal saw only its own abort: the last whole report stands
    if (d.stop.aborted) break;
    let report = d.evaluate(facts);
    let mark = markOf(report);
    if (last && sameCredentials(last.mark, mark)) {
      facts.sameCredentialsSince = since ?? facts.collectedAt;
      report = d.evaluate(facts);
      mark = markOf(report);
    } else since = facts.collectedAt;
    const changed = last ? changesBetween(last.mark, mark) : [];
    const event: WatchEventKind | null = !last ? 'start' : changed.length > 0 ? 'change' : d.now() - lastLineAt >= d.heartbeatMs ? 'heartbeat' : null;
    last = { report, mark };
    if (event) {
      lastLineAt = d.now();
      if (!(await d.emit({ event, iteration, changed }, report))) return report;
    }
    if (d.maxIterations !== null && iteration >= d.maxIterations) {
      await d.emit({ event: 'stop', iteration, changed: [], reason: 'iterations' }, report);
      return report;
    }
    await d.sleep(d.intervalMs, d.stop);
    if (d.stop.aborted) break;
  }
  if (last) await d.emit({ event: 'stop', iteration, changed: [], reason: d.stopReason() }, last.report);
  return last?.report ?? null;
}
