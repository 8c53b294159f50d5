/**
 * The only file that reads argv and the process environment, writes stdout/stderr, writes
 * the facts file the user asked for, and sets the exit code. Everything else is data in,
 * data out.
 */
import { SDK_IDS } from './model/facts.ts';
import { HELP, parseOptions, wantsJson, wantsJsonLine, type Options } from './options.ts';
import { UsageError, describeError, errorCode } from './errors.ts';
import { renderJson, renderJsonError } from './render/json.ts';
import { renderText } from './render/text.ts';
import { chainFor } from './sdks/index.ts';
import * as select from './sdk-select.ts';
import { evaluateFacts } from './evaluate.ts';
import * as facts from './facts-file.ts';
import { plannerFor } from './plan.ts';
import { closeHttp } from './gather/http.ts';
import { stat } from 'node:fs/promises';
import { readAppProcess } from './gather/process.ts';
import { collectFacts } from './gather/collect.ts';
import { collectRequestOf } from './collect-request.ts';
import { renderEmf } from './render/emf.ts';
import { watchDeps } from './watch/live.ts';
import { runWatch } from './watch/loop.ts';
import { locateAppContainer } from './gather/app-container.ts';
import { detectSdk, ev } from './gather/detect-sdk/index.ts';
import { useColor } from './render/color.ts';
import { escapeJsonText, escapeTerminal } from './render/escape.ts';
import { VERSION } from './version.ts';
import type { AppView, Facts, SdkSelection } from './model/facts.ts';
import type { Report } from './model/report.ts';
import type { AppProcessRead } from './gather/process.ts';
import type { ChainDefinition, ChainPlanner } from './model/chain.ts';
import type { VerdictOptions } from './verdict/input.ts';
import { setFlagsFromString } from 'node:v8';

// undici's HTTP parser is WebAssembly; V8 compiles it once more with its optimising tier in
// the background, and the process then waits for that work at exit (about 60-100 ms here).
// A one-shot tool parses a few small responses: the baseline tier is plenty.
setFlagsFromString('--liftoff-only');

/** Exit codes of a run ended by a signal, as shells report them (128 + signal number). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
type Signal = keyof typeof SIGNAL_EXIT;

/**
 * Signals are handled for the whole run, from the first line: a signal aborts what is in flight
 * (the report then says what is known), and if no report is out soon after, the run ends anyway
 * with one line. A second signal ends it at once. No window where a signal is swallowed.
 */
const stop = new AbortController();
let signalled: Signal | null = null;
/** after a signal, the time the report has to come out before the run ends without one */
const SIGNAL_GRACE_MS = 700;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (signalled) giveUp(`stopped by ${sig}`, SIGNAL_EXIT[sig]);
    signalled = sig;
    stop.abort();
    setTimeout(() => giveUp(`stopped by ${sig} before the report was ready`, SIGNAL_EXIT[sig]), SIGNAL_GRACE_MS).unref();
  });
}

// A closed pipe (`| head -1`) or a full disk must not throw from an 'error' event with a stack
// trace: every write reports its own error to its callback (see out() and finish()).
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

/** Milliseconds since the process started: the deadline counts node's start-up too. */
const elapsedMs = (): number => Math.round(process.uptime() * 1000);
/** Time kept at the end of a run for judging, rendering and writing the report. */
const REPORT_RESERVE_MS = 150;

/** The report's writes, each settling with its error (or null) once handed to the OS. */
const writes: Promise<Error | null>[] = [];
let wroteStdout = false;
let jsonMode = false;
/** --format json-line: errors are one line too */
let jsonLine = false;

function out(text: string): void {
  wroteStdout = true;
  writes.push(new Promise((resolve) => process.stdout.write(text, (e) => resolve(e ?? null))));
}

/**
 * One write awaited on its own (--watch): a run of thousands of lines must not keep a promise per
 * line. False when the reader went away (EPIPE) or stdout failed; the watch then ends.
 */
function writeLine(text: string): Promise<boolean> {
  wroteStdout = true;
  return new Promise((resolve) => process.stdout.write(text, (e) => resolve(!e)));
}

function err(line: string): void {
  process.stderr.write(line, () => undefined);
}

/** Ends the run now with one line (the report could not come out); never returns. */
function giveUp(message: string, code: number): never {
  if (jsonMode && !wroteStdout) process.stdout.write(renderJsonError('INTERNAL', message, VERSION, jsonLine));
  else err(`ecs-cred-doctor: ${message}\n`);
  process.exit(code);
}

/**
 * Ends the run once stdout has taken the report, whatever is still pending (a connect to a name
 * that never resolves, a timer): the report is the run's result. A reader that went away (EPIPE)
 * ends it quietly with the verdict's code; any other write error is one line and exit 2.
 */
async function finish(code: number): Promise<never> {
  const failed = (await Promise.all(writes)).find((e) => e !== null);
  if (failed && errorCode(failed) !== 'EPIPE') {
    err(`ecs-cred-doctor: cannot write the report to stdout: ${escapeTerminal(describeError(failed))}\n`);
    process.exit(2);
  }
  process.exit(signalled ? SIGNAL_EXIT[signalled] : code);
}

async function main(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseOptions(argv, process.env);
  } catch (e) {
    jsonLine = wantsJsonLine(argv);
    return usageError(e, wantsJson(argv));
  }
  jsonMode = opts.json;
  jsonLine = opts.format === 'json-line' || opts.watchMs !== null;
  if (opts.help) {
    out(HELP);
    return 0;
  }
  if (opts.version) {
    out(`ecs-cred-doctor ${VERSION}\n`);
    return 0;
  }
  // the last guard: whatever still runs (CPU-bound work, a read the OS never ends), the run
  // ends shortly after its deadline (plus the wait, with --wait), with one line
  const limit = opts.deadlineMs + (opts.waitMs ?? 0);
  // --watch runs on: each of its runs has this guard of its own (src/watch-run.ts)
  if (opts.watchMs === null) setTimeout(() => giveUp(`the run did not finish within its time limit (--deadline ${opts.deadlineMs} ms); stopped without a report`, 2), Math.max(0, limit + 350 - elapsedMs())).unref();
  const run: Run = {
    opts,
    select,
    chainFor,
    compare: opts.allSdks ? SDK_IDS.map((f) => chainFor(f, null)) : [],
    verdictOptions: { expectRole: opts.expectRole, expectAccount: opts.expectAccount, expectSource: opts.expectSource, strict: opts.strict, noSts: opts.noSts },
  };
  return opts.replay ? replay(run, opts.replay) : live(run);
}

/** What every kind of run shares: the options, the registry, the chains to compare. */
interface Run {
  opts: Options;
  select: typeof select;
  chainFor: typeof chainFor;
  compare: ChainDefinition[];
  verdictOptions: Omit<VerdictOptions, 'now' | 'chain'>;
}

/** --replay FILE: the report from a facts file, offline. */
async function replay(run: Run, file: string): Promise<number> {
  let loaded: Facts;
  try {
    loaded = await facts.readFactsFile(file);
  } catch (e) {
    return usageError(e, run.opts.json);
  }
  // the facts file remembers which SDK was modelled; --sdk NAME models another over the same facts
  loaded.sdkSelection = run.opts.sdk ? run.select.selectionFromFlag(run.opts.sdk) : (loaded.sdkSelection ?? run.select.selectionWithoutApp('the facts file names no SDK'));
  const chain = run.chainFor(loaded.sdkSelection.family, loaded.sdkSelection.version);
  const report = evaluateFacts(loaded, chain, run.verdictOptions, run.compare);
  await print(report, run.opts, chain.title, true);
  return report.verdict.exitCode;
}

/** The live run: find the app and its SDK, then attempt (until healthy with --wait), then report. */
async function live(run: Run): Promise<number> {
  const { opts } = run;
  const found = await findApp(opts);
  if (typeof found === 'string') return usageError(new UsageError(found), opts.json);
  // an app that could not be read is not looked at: the report judges this shell and says so
  const sdkSelection = found.view?.failure ? run.select.selectionWithoutApp(`the app in container ${opts.container} could not be read`) : await selectWithin(opts, found, run.select);
  const chain = run.chainFor(sdkSelection.family, sdkSelection.version);
  if (opts.watchMs !== null) {
    const deps = watchDeps({
      opts,
      chain,
      planner: plannerFor(chain, run.compare),
      compare: run.compare,
      verdictOptions: run.verdictOptions,
      app: found.app,
      view: found.view,
      sdkSelection,
      env: () => ({ ...process.env }),
      stop: stop.signal,
      stopReason: () => signalled ?? 'signal',
      write: writeLine,
      giveUp,
    });
    const last = await runWatch(deps);
    return last?.verdict.exitCode ?? 2;
  }
  let outcome: Attempts;
  try {
    outcome = await attempt(run, chain, plannerFor(chain, run.compare), found, sdkSelection);
  } catch (e) {
    // contained: a bug must still give a clear line and exit 2, never a stack trace
    const message = `internal error: ${describeError(e)}`;
    if (opts.json) out(renderJsonError('INTERNAL', message, VERSION));
    else err(`ecs-cred-doctor: ${escapeTerminal(message)}\n`);
    return 2;
  } finally {
    // bounded: the process exits after the report anyway, and a connect to a name that never
    // resolves may keep a socket from closing
    await Promise.race([closeHttp(), new Promise((resolve) => setTimeout(resolve, 50).unref())]);
  }
  const { report, attempts } = outcome;
  if (opts.waitMs !== null && !opts.json && !opts.quiet) err(`ecs-cred-doctor: ${attempts} attempt${attempts === 1 ? '' : 's'}${signalled ? `, stopped by ${signalled}` : ''}\n`);
  // the report first: a facts file that cannot be written must not lose it
  await print(report, opts, chain.title);
  if (opts.factsOut) {
    try {
      await facts.writeFactsFile(opts.factsOut, report.facts);
    } catch (e) {
      const message = `--facts-out ${opts.factsOut}: ${factsOutError(e)}`;
      // stdout holds the report; the error goes to stderr, as a JSON line with --json
      err(opts.json ? `${escapeJsonText(JSON.stringify({ error: { code: 'FACTS_OUT', message } }))}\n` : `ecs-cred-doctor: ${escapeTerminal(message)}\n`);
      return 2;
    }
  }
  return report.verdict.exitCode;
}

/** Why the facts file was not written, in the user's words. */
function factsOutError(e: unknown): string {
  const code = errorCode(e);
  if (code === 'EEXIST' || code === 'ELOOP') return 'the path exists; the facts file is only ever created new (remove it or name another path)';
  if (code === 'ENOENT') return 'its directory does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot write it (${code ?? describeError(e)})`;
}

/** The app process to judge (PID 1, --pid N, or none with --pid self); a string is a usage error. */
async function findApp(opts: Options): Promise<FoundApp | string> {
  if (opts.appDir !== null) {
    // a directory the user named that is not there is a usage error, not a finding
    const isDir = await stat(opts.appDir).then(
      (st) => st.isDirectory(),
      () => false,
    );
    if (!isDir) return `--app-dir ${JSON.stringify(opts.appDir)} is not a readable directory`;
  }
  // --container, or (judging PID 1 by default) the task's other containers, to say how to pick one
  const view = opts.container !== null || (opts.pid === null && process.pid !== 1) ? await locate(opts) : null;
  if (opts.container !== null) {
    const app = view?.pid ? await readAppProcess(view.pid, 'container') : null;
    if (view && app && !app.fact.readable) view.failure = { kind: 'unreadable', pid: view.pid, error: app.fact.error ?? 'unknown error' };
    return { pid: view?.failure ? null : (view?.pid ?? null), app, view };
  }
  const pid = opts.pid === 'self' ? null : (opts.pid ?? (process.pid !== 1 ? 1 : null));
  const app = pid !== null ? await readAppProcess(pid, typeof opts.pid === 'number' ? 'pid' : 'pid1') : null;
  if (typeof opts.pid === 'number' && app && !app.fact.readable) return `--pid ${opts.pid}: cannot read the process environment (${app.fact.error ?? 'unknown error'})`;
  return { pid, app, view };
}

/**
 * In a task's shared process namespace, the processes detection may walk into: the app's
 * container's (PID 1 of no listed container, such as the pause process, is looked at alone);
 * null when other containers are not visible (every child is the app's).
 */
function containerPids(view: AppView | null, pid: number): number[] | null {
  if (!view) return null;
  return view.containers.find((c) => c.pids.includes(pid))?.pids ?? [pid];
}

interface FoundApp {
  pid: number | null;
  app: AppProcessRead | null;
  view: AppView | null;
}

async function locate(opts: Options): Promise<AppView | null> {
  return locateAppContainer({ name: opts.container, metadataBase: process.env['ECS_CONTAINER_METADATA_URI_V4'], timeoutMs: opts.timeoutMs, signal: stop.signal });
}

/**
 * Detection reads local files only, but /proc and the app's tree can sit on slow storage: it
 * gets a share of the deadline, and the run goes on with js-v3 when it takes longer.
 */
async function selectWithin(opts: Options, { pid, app, view }: FoundApp, select: Run['select']): Promise<SdkSelection> {
  const detectMs = Math.min(2000, Math.round(opts.deadlineMs / 4));
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    selectSdk(opts, pid, app, select, view),
    new Promise<SdkSelection>((resolve) => {
      timer = setTimeout(() => resolve(select.selectionWithoutApp(`the SDK detection took longer than ${detectMs} ms`)), detectMs);
    }),
  ]).finally(() => clearTimeout(timer));
}

interface Attempts {
  report: Report;
  attempts: number;
}

/** One attempt, or with --wait attempts until healthy or the wait ends; a signal ends it at once, with a report. */
async function attempt(run: Run, chain: ChainDefinition, planner: ChainPlanner, { app, view }: FoundApp, sdkSelection: SdkSelection): Promise<Attempts> {
  const { opts } = run;
  // the wait, like the deadline, counts from the process's start
  const startedAt = Date.now() - elapsedMs();
  const waitUntil = opts.waitMs !== null ? startedAt + opts.waitMs : null;
  const endBy = startedAt + (opts.waitMs ?? 0) + opts.deadlineMs - REPORT_RESERVE_MS;
  let attempts = 0;
  // an attempt cut short by a signal saw only its own abort: the report is then the last whole one
  let whole: Report | null = null;
  for (let backoff = 250; ; backoff = Math.min(backoff * 2, 1000)) {
    attempts++;
    // an attempt may run one request timeout past the wait, so the last one is judged whole
    // the deadline is the whole run's: what start-up and detection took is not given again
    const perAttempt = waitUntil === null ? opts.deadlineMs : Math.min(opts.deadlineMs, Math.max(waitUntil - Date.now(), opts.timeoutMs));
    const remaining = Math.max(0, Math.min(perAttempt, endBy - Date.now()));
    // no AbortSignal.any: the bundle runs on Node 18
    const each = new AbortController();
    const timer = setTimeout(() => each.abort(), remaining);
    const abortOnStop = (): void => each.abort();
    // a signal during detection, before this attempt began, aborts it at once
    if (stop.signal.aborted) each.abort();
    else stop.signal.addEventListener('abort', abortOnStop, { once: true });
    let report: Report;
    try {
      const f = await collectFacts({
        env: { ...process.env },
        planner,
        ...collectRequestOf(opts),
        signal: each.signal,
        app,
        view,
        sdkSelection,
      });
      report = evaluateFacts(f, chain, run.verdictOptions, run.compare);
    } finally {
      clearTimeout(timer);
      stop.signal.removeEventListener('abort', abortOnStop);
    }
    if (signalled) return { report: whole ?? report, attempts };
    whole = report;
    const left = waitUntil === null ? 0 : waitUntil - Date.now();
    if (report.verdict.ok || waitUntil === null || left <= 50) return { report, attempts };
    // the last attempt starts just before the wait ends, so the verdict is the newest
    await sleep(Math.min(backoff, Math.max(0, left - 50)), stop.signal);
    if (signalled) return { report, attempts };
  }
}

/**
 * --sdk NAME is taken as said; --sdk auto (and all) detect the app's SDK from the app process
 * or --app-dir. When the process shows nothing (PID 1 is a shell running this tool first, or
 * this tool is PID 1), the app's working directory is searched, as it usually holds the app.
 */
async function selectSdk(opts: Options, appPid: number | null, app: AppProcessRead | null, select: Run['select'], view: AppView | null): Promise<SdkSelection> {
  if (opts.sdk) return select.selectionFromFlag(opts.sdk);
  // --app-dir names the app's files: the process is searched too only when named with --pid
  if (opts.appDir !== null) return select.selectionFromDetection(await detectSdk({ pid: typeof opts.pid === 'number' ? opts.pid : null, appDir: opts.appDir, app }));
  if (opts.pid === 'self') return select.selectionWithoutApp('the app process is not looked at (--pid self)');
  const fromProcess = appPid !== null ? await detectSdk({ pid: appPid, appDir: null, app, within: containerPids(view, appPid) }) : null;
  if (fromProcess?.family) return select.selectionFromDetection(fromProcess);
  const cwd = app?.fact.cwd ?? safeCwd();
  // the app's working directory is searched in its own root (a sidecar sees another container's)
  const dir = `${app?.fact.root ?? ''}${cwd}`;
  if (cwd === '/' || cwd === '') return fromProcess ? select.selectionFromDetection(fromProcess) : select.selectionWithoutApp('this tool is PID 1, so there is no other process to look at');
  const fromDir = await detectSdk({ pid: null, appDir: dir });
  const said = ev('working directory', `${fromProcess ? 'nothing found from the process' : 'this tool is PID 1'}; searched ${dir}`);
  const evidence = [...(fromProcess?.evidence ?? []), said, ...fromDir.evidence];
  if (fromDir.family) return select.selectionFromDetection({ ...fromDir, evidence });
  const note = fromProcess?.note ?? `No AWS SDK detected (this tool is PID 1, and ${dir} holds none); the js-v3 chain is assumed.`;
  return select.selectionFromDetection({ ...(fromProcess ?? fromDir), note, evidence });
}

async function print(report: Report, opts: Options, title: string, replay = false): Promise<void> {
  if (opts.emf) {
    // the metrics line after the report, so a reader of the first line still gets the report
    await printReport(report, opts, title, replay);
    out(renderEmf(report, { replay }));
    return;
  }
  await printReport(report, opts, title, replay);
}

async function printReport(report: Report, opts: Options, title: string, replay: boolean): Promise<void> {
  if (opts.json) {
    out(renderJson(report, { line: opts.format === 'json-line', replay }));
    return;
  }
  const color = useColor(opts.color, process.env, process.stdout.isTTY === true);
  if (opts.quiet && report.verdict.exitCode === 0) {
    out(`ecs-cred-doctor: ${escapeTerminal(report.verdict.headline)}\n`);
    return;
  }
  out(renderText(report, { color, verbose: opts.verbose, chainTitle: title, now: new Date(report.facts.collectedAt), replay }));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}

function usageError(e: unknown, json: boolean): number {
  const message = e instanceof UsageError ? e.message : describeError(e);
  if (json) out(renderJsonError('USAGE', message, VERSION, jsonLine));
  else err(`ecs-cred-doctor: ${escapeTerminal(message)}\nTry 'ecs-cred-doctor --help'.\n`);
  return 2;
}

/** The working directory, or '' when it was deleted (process.cwd() then throws uv_cwd). */
function safeCwd(): string {
  try {
    return process.cwd();
  } catch {
    return '';
  }
}

main(process.argv.slice(2)).then(
  (code) => finish(code),
  (e: unknown) => {
    err(`ecs-cred-doctor: internal error: ${escapeTerminal(describeError(e))}\n`);
    return finish(2);
  },
);
