/**
 * The only file that reads argv and the process environment, writes stdout/stderr, writes
 * the facts file the user asked for, and sets the exit code. Everything else is data in,
 * data out.
 */
import { SDK_IDS } from './model/facts.ts';
import { HELP, parseOptions, wantsJson, type Options } from './options.ts';
import { UsageError, describeError } from './errors.ts';
import { renderJsonError } from './render/json.ts';
import { useColor } from './render/color.ts';
import { escapeTerminal } from './render/escape.ts';
import { VERSION } from './version.ts';
import type { Facts, SdkSelection } from './model/facts.ts';
import type { Report } from './model/report.ts';
import type { AppProcessRead } from './gather/process.ts';
import type { ChainDefinition, ChainPlanner } from './model/chain.ts';
import type { VerdictOptions } from './verdict/input.ts';
import { setFlagsFromString } from 'node:v8';

// undici's HTTP parser is WebAssembly; V8 compiles it once more with its optimising tier in
// the background, and the process then waits for that work at exit (about 60-100 ms here).
// A one-shot tool parses a few small responses: the baseline tier is plenty.
setFlagsFromString('--liftoff-only');

/** Exit codes of a wait ended by a signal, as shells report them (128 + signal number). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

async function main(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseOptions(argv, process.env);
  } catch (e) {
    return usageError(e, wantsJson(argv));
  }
  if (opts.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (opts.version) {
    process.stdout.write(`ecs-cred-doctor ${VERSION}\n`);
    return 0;
  }
  // the diagnosis (and with it undici, the STS client and every chain) loads only when it runs
  const [{ chainFor }, select] = await Promise.all([import('./sdks/index.ts'), import('./sdk-select.ts')]);
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
  select: typeof import('./sdk-select.ts');
  chainFor: typeof import('./sdks/index.ts').chainFor;
  compare: ChainDefinition[];
  verdictOptions: Omit<VerdictOptions, 'now' | 'chain'>;
}

/** --replay FILE: the report from a facts file, offline. */
async function replay(run: Run, file: string): Promise<number> {
  const [{ evaluateFacts }, facts] = await Promise.all([import('./evaluate.ts'), import('./facts-file.ts')]);
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
  await print(report, run.opts, chain.title);
  return report.verdict.exitCode;
}

/** The live run: find the app and its SDK, then attempt (until healthy with --wait), then report. */
async function live(run: Run): Promise<number> {
  const { opts } = run;
  const found = await findApp(opts);
  if (typeof found === 'string') return usageError(new UsageError(found), opts.json);
  const sdkSelection = await selectWithin(opts, found.pid, found.app, run.select);
  const chain = run.chainFor(sdkSelection.family, sdkSelection.version);
  const [{ plannerFor }, { closeHttp }, facts] = await Promise.all([import('./plan.ts'), import('./gather/http.ts'), import('./facts-file.ts')]);
  let outcome: Attempts;
  try {
    outcome = await attempt(run, chain, plannerFor(chain, run.compare), found.app, sdkSelection);
  } catch (e) {
    // contained: a bug must still give a clear line and exit 2, never a stack trace
    const message = `internal error: ${describeError(e)}`;
    if (opts.json) process.stdout.write(renderJsonError('INTERNAL', message, VERSION));
    else process.stderr.write(`ecs-cred-doctor: ${escapeTerminal(message)}\n`);
    return 2;
  } finally {
    await closeHttp();
  }
  const { report, attempts, signalled } = outcome;
  if (opts.factsOut) {
    try {
      await facts.writeFactsFile(opts.factsOut, report.facts);
    } catch (e) {
      process.stderr.write(`ecs-cred-doctor: --facts-out ${escapeTerminal(`${opts.factsOut}: ${describeError(e)}`)}\n`);
      return 2;
    }
  }
  if (opts.waitMs !== null && !opts.json && !opts.quiet) process.stderr.write(`ecs-cred-doctor: ${attempts} attempt${attempts === 1 ? '' : 's'}${signalled ? `, stopped by ${signalled}` : ''}\n`);
  await print(report, opts, chain.title);
  return signalled ? SIGNAL_EXIT[signalled] : report.verdict.exitCode;
}

/** The app process to judge (PID 1, --pid N, or none with --pid self); a string is a usage error. */
async function findApp(opts: Options): Promise<{ pid: number | null; app: AppProcessRead | null } | string> {
  if (opts.appDir !== null) {
    // a directory the user named that is not there is a usage error, not a finding
    const { stat } = await import('node:fs/promises');
    const isDir = await stat(opts.appDir).then(
      (st) => st.isDirectory(),
      () => false,
    );
    if (!isDir) return `--app-dir ${JSON.stringify(opts.appDir)} is not a readable directory`;
  }
  const { readAppProcess } = await import('./gather/process.ts');
  const pid = opts.pid === 'self' ? null : (opts.pid ?? (process.pid !== 1 ? 1 : null));
  const app = pid !== null ? await readAppProcess(pid, typeof opts.pid === 'number' ? 'pid' : 'pid1') : null;
  if (typeof opts.pid === 'number' && app && !app.fact.readable) return `--pid ${opts.pid}: cannot read the process environment (${app.fact.error ?? 'unknown error'})`;
  return { pid, app };
}

/**
 * Detection reads local files only, but /proc and the app's tree can sit on slow storage: it
 * gets a share of the deadline, and the run goes on with js-v3 when it takes longer.
 */
async function selectWithin(opts: Options, pid: number | null, app: AppProcessRead | null, select: Run['select']): Promise<SdkSelection> {
  const detectMs = Math.min(2000, Math.round(opts.deadlineMs / 4));
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    selectSdk(opts, pid, app, select),
    new Promise<SdkSelection>((resolve) => {
      timer = setTimeout(() => resolve(select.selectionWithoutApp(`the SDK detection took longer than ${detectMs} ms`)), detectMs);
    }),
  ]).finally(() => clearTimeout(timer));
}

interface Attempts {
  report: Report;
  attempts: number;
  signalled: keyof typeof SIGNAL_EXIT | null;
}

/** One attempt, or with --wait attempts until healthy or the wait ends; a signal ends it at once, with a report. */
async function attempt(run: Run, chain: ChainDefinition, planner: ChainPlanner, app: AppProcessRead | null, sdkSelection: SdkSelection): Promise<Attempts> {
  const { opts } = run;
  const [{ collectFacts }, { evaluateFacts }] = await Promise.all([import('./gather/collect.ts'), import('./evaluate.ts')]);
  const waitUntil = opts.waitMs !== null ? Date.now() + opts.waitMs : null;
  const stop = new AbortController();
  let signalled: keyof typeof SIGNAL_EXIT | null = null;
  const onSignal = (sig: keyof typeof SIGNAL_EXIT) => (): void => {
    signalled = sig;
    stop.abort();
  };
  const handlers = { SIGINT: onSignal('SIGINT'), SIGTERM: onSignal('SIGTERM') };
  process.once('SIGINT', handlers.SIGINT);
  process.once('SIGTERM', handlers.SIGTERM);
  let attempts = 0;
  // an attempt cut short by a signal saw only its own abort: the report is then the last whole one
  let whole: Report | null = null;
  try {
    for (let backoff = 250; ; backoff = Math.min(backoff * 2, 1000)) {
      attempts++;
      // an attempt may run one request timeout past the wait, so the last one is judged whole
      const remaining = waitUntil === null ? opts.deadlineMs : Math.min(opts.deadlineMs, Math.max(waitUntil - Date.now(), opts.timeoutMs));
      // no AbortSignal.any: the bundle runs on Node 18
      const each = new AbortController();
      const timer = setTimeout(() => each.abort(), remaining);
      const abortOnStop = (): void => each.abort();
      stop.signal.addEventListener('abort', abortOnStop, { once: true });
      let report: Report;
      try {
        const f = await collectFacts({
          env: { ...process.env },
          planner,
          timeoutMs: opts.timeoutMs,
          stsTimeoutMs: Math.max(opts.timeoutMs, 3000),
          containerEndpoint: opts.containerEndpoint,
          imdsProbe: !opts.noImdsProbe,
          noSts: opts.noSts,
          signal: each.signal,
          app,
          sdkSelection,
        });
        report = evaluateFacts(f, chain, run.verdictOptions, run.compare);
      } finally {
        clearTimeout(timer);
        stop.signal.removeEventListener('abort', abortOnStop);
      }
      if (signalled) return { report: whole ?? report, attempts, signalled };
      whole = report;
      const left = waitUntil === null ? 0 : waitUntil - Date.now();
      if (report.verdict.ok || waitUntil === null || left <= 50) return { report, attempts, signalled };
      // the last attempt starts just before the wait ends, so the verdict is the newest
      await sleep(Math.min(backoff, Math.max(0, left - 50)), stop.signal);
      if (signalled) return { report, attempts, signalled };
    }
  } finally {
    process.off('SIGINT', handlers.SIGINT);
    process.off('SIGTERM', handlers.SIGTERM);
  }
}

/**
 * --sdk NAME is taken as said; --sdk auto (and all) detect the app's SDK from the app process
 * or --app-dir. When the process shows nothing (PID 1 is a shell running this tool first, or
 * this tool is PID 1), the app's working directory is searched, as it usually holds the app.
 */
async function selectSdk(opts: Options, appPid: number | null, app: AppProcessRead | null, select: Run['select']): Promise<SdkSelection> {
  if (opts.sdk) return select.selectionFromFlag(opts.sdk);
  const { detectSdk, ev } = await import('./gather/detect-sdk/index.ts');
  // --app-dir names the app's files: the process is searched too only when named with --pid
  if (opts.appDir !== null) return select.selectionFromDetection(await detectSdk({ pid: typeof opts.pid === 'number' ? opts.pid : null, appDir: opts.appDir, app }));
  if (opts.pid === 'self') return select.selectionWithoutApp('the app process is not looked at (--pid self)');
  const fromProcess = appPid !== null ? await detectSdk({ pid: appPid, appDir: null, app }) : null;
  if (fromProcess?.family) return select.selectionFromDetection(fromProcess);
  const dir = app?.fact.cwd ?? process.cwd();
  if (dir === '/' || dir === '') return fromProcess ? select.selectionFromDetection(fromProcess) : select.selectionWithoutApp('this tool is PID 1, so there is no other process to look at');
  const fromDir = await detectSdk({ pid: null, appDir: dir });
  const said = ev('working directory', `${fromProcess ? 'nothing found from the process' : 'this tool is PID 1'}; searched ${dir}`);
  const evidence = [...(fromProcess?.evidence ?? []), said, ...fromDir.evidence];
  if (fromDir.family) return select.selectionFromDetection({ ...fromDir, evidence });
  const note = fromProcess?.note ?? `No AWS SDK detected (this tool is PID 1, and ${dir} holds none); the js-v3 chain is assumed.`;
  return select.selectionFromDetection({ ...(fromProcess ?? fromDir), note, evidence });
}

async function print(report: Report, opts: Options, title: string): Promise<void> {
  if (opts.json) {
    const { renderJson } = await import('./render/json.ts');
    process.stdout.write(renderJson(report));
    return;
  }
  const color = useColor(opts.color, process.env, process.stdout.isTTY === true);
  if (opts.quiet && report.verdict.exitCode === 0) {
    process.stdout.write(`ecs-cred-doctor: ${escapeTerminal(report.verdict.headline)}\n`);
    return;
  }
  const { renderText } = await import('./render/text.ts');
  process.stdout.write(renderText(report, { color, verbose: opts.verbose, chainTitle: title, now: new Date(report.facts.collectedAt) }));
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
  if (json) process.stdout.write(renderJsonError('USAGE', message, VERSION));
  else process.stderr.write(`ecs-cred-doctor: ${escapeTerminal(message)}\nTry 'ecs-cred-doctor --help'.\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`ecs-cred-doctor: internal error: ${describeError(e)}\n`);
    process.exitCode = 2;
  },
);
