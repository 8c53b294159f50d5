/**
 * The live side of --watch: each run gathered as a single run is (its own deadline, aborted by a
 * signal), judged, and written as one line. Built by cli.ts, which hands in what touches the
 * process (environment, stdout, the last-resort exit).
 */
import type { ChainDefinition, ChainPlanner } from '../model/chain.ts';
import type { SdkSelection } from '../model/facts.ts';
import type { Options } from '../options.ts';
import type { AppProcessRead } from '../gather/process.ts';
import type { VerdictOptions } from '../verdict/input.ts';
import type { RawEnv } from '../gather/env.ts';
import { collectFacts } from '../gather/collect.ts';
import { collectRequestOf } from '../collect-request.ts';
import type { AppView } from '../model/facts.ts';
import { evaluateFacts } from '../evaluate.ts';
import { renderJson } from '../render/json.ts';
import { renderEmf } from '../render/emf.ts';
import { renderWatchText } from '../render/watch.ts';
import { stsOnce } from './sts-once.ts';
import type { WatchDeps } from './loop.ts';

export interface LiveWatch {
  opts: Options;
  chain: ChainDefinition;
  planner: ChainPlanner;
  compare: ChainDefinition[];
  verdictOptions: Omit<VerdictOptions, 'now' | 'chain'>;
  app: AppProcessRead | null;
  /** --container: the app's files are read through its root in every run, as in a single run */
  view: AppView | null;
  sdkSelection: SdkSelection;
  env(): RawEnv;
  stop: AbortSignal;
  stopReason(): string;
  /** writes text to stdout; false when it cannot (the reader went away) */
  write(text: string): Promise<boolean>;
  /** ends the process with one line: a run that outlives its deadline (a bug, a read the OS never ends) */
  giveUp(message: string, code: number): never;
}

/** Time kept at the end of a run for judging and writing, as a single run keeps. */
const REPORT_RESERVE_MS = 150;
/** Past its deadline by this much, a run is stuck: the watch ends with one line. */
const STUCK_GRACE_MS = 350;
/** Iterations for tests and the benchmark (src/watch/loop.ts maxIterations); unset: until stopped. */
const ITERATIONS_VAR = 'ECS_CRED_DOCTOR_WATCH_ITERATIONS';

export function watchDeps(w: LiveWatch): WatchDeps {
  const { opts } = w;
  const once = stsOnce(w.planner);
  const max = Number(w.env()[ITERATIONS_VAR] ?? '');
  return {
    async gather(stop) {
      const each = new AbortController();
      const timer = setTimeout(() => each.abort(), Math.max(0, opts.deadlineMs - REPORT_RESERVE_MS));
      const stuck = setTimeout(() => w.giveUp(`a --watch run did not finish within its time limit (--deadline ${opts.deadlineMs} ms); the watch stops`, 2), opts.deadlineMs + STUCK_GRACE_MS);
      const abortOnStop = (): void => each.abort();
      if (stop.aborted) each.abort();
      else stop.addEventListener('abort', abortOnStop, { once: true });
      try {
        const facts = await collectFacts({
          env: w.env(),
          planner: once.planner,
          ...collectRequestOf(opts),
          signal: each.signal,
          app: w.app,
          view: w.view,
          sdkSelection: w.sdkSelection,
        });
        once.reuse(facts);
        return facts;
      } finally {
        clearTimeout(timer);
        clearTimeout(stuck);
        stop.removeEventListener('abort', abortOnStop);
      }
    },
    evaluate: (facts) => evaluateFacts(facts, w.chain, w.verdictOptions, w.compare),
    async emit(e, report) {
      // --json and --format json-line both print lines here: a pretty report per event is no log line
      const line = opts.format === 'text' ? renderWatchText(e, report) : renderJson(report, { line: true, watch: e });
      return (await w.write(line)) && (!opts.emf || (await w.write(renderEmf(report))));
    },
    sleep: (ms, signal) =>
      new Promise((resolve) => {
        // the listener leaves with the sleep: thousands of runs must not pile them on the one stop signal
        const done = (): void => {
          clearTimeout(t);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const t = setTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
      }),
    now: () => Date.now(),
    stop: w.stop,
    stopReason: w.stopReason,
    intervalMs: opts.watchMs ?? 60_000,
    heartbeatMs: opts.heartbeatMs,
    maxIterations: Number.isInteger(max) && max > 0 ? max : null,
  };
}
