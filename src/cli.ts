/**
 * The only file that reads argv and the process environment, writes stdout/stderr and sets
 * the exit code. Everything else is data in, data out.
 */
import { HELP, parseOptions, wantsJson, type Options } from './options.ts';
import { UsageError, describeError } from './errors.ts';
import { renderJsonError } from './render/json.ts';
import { useColor } from './render/color.ts';
import { VERSION } from './version.ts';

async function main(argv: string[]): Promise<number> {
  const env = process.env;
  let opts: Options;
  try {
    opts = parseOptions(argv, env);
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
  // the diagnosis (and with it undici and the STS client) loads only when it runs
  const [{ diagnose }, { jsV3Chain }, { renderText }, { renderJson }, { closeHttp }] = await Promise.all([
    import('./diagnose.ts'),
    import('./chains/js-v3.ts'),
    import('./render/text.ts'),
    import('./render/json.ts'),
    import('./gather/http.ts'),
  ]);
  const chain = jsV3Chain;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), opts.deadlineMs);
  try {
    const report = await diagnose({
      env: { ...env },
      chain,
      timeoutMs: opts.timeoutMs,
      stsTimeoutMs: Math.max(opts.timeoutMs, 3000),
      containerEndpoint: opts.containerEndpoint,
      imdsProbe: !opts.noImdsProbe,
      noSts: opts.noSts,
      expectRole: opts.expectRole,
      expectAccount: opts.expectAccount,
      strict: opts.strict,
      signal: deadline.signal,
    });
    const out = opts.json
      ? renderJson(report)
      : renderText(report, { color: useColor(opts.color, env, process.stdout.isTTY === true), verbose: opts.verbose, chainTitle: chain.title, now: new Date() });
    process.stdout.write(out);
    return report.verdict.exitCode;
  } catch (e) {
    // contained: a bug must still give a clear line and exit 2, never a stack trace
    const message = `internal error: ${describeError(e)}`;
    if (opts.json) process.stdout.write(renderJsonError('INTERNAL', message, VERSION));
    else process.stderr.write(`ecs-cred-doctor: ${message}\n`);
    return 2;
  } finally {
    clearTimeout(timer);
    await closeHttp();
  }
}

function usageError(e: unknown, json: boolean): number {
  const message = e instanceof UsageError ? e.message : describeError(e);
  if (json) process.stdout.write(renderJsonError('USAGE', message, VERSION));
  else process.stderr.write(`ecs-cred-doctor: ${message}\nTry 'ecs-cred-doctor --help'.\n`);
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
