/** Command-line options: parsed with node:util parseArgs, validated with messages that name the bad value. */
import { parseArgs } from 'node:util';
import { UsageError } from './errors.ts';
import { parseSdkSpec, type SdkSpec } from './sdk.ts';
import { SDK_IDS } from './model/facts.ts';

export interface Options {
  /** JSON on stdout (--json or --format json/json-line): usage and internal errors are JSON too */
  json: boolean;
  /** text (default), json (pretty, --json), json-line (the same report on one line, for log pipelines) */
  format: OutputFormat;
  /** --emf: one more line per report, in CloudWatch Embedded Metric Format */
  emf: boolean;
  /** --watch INTERVAL: run again every INTERVAL, a line when something changes; null: one run */
  watchMs: number | null;
  /** --heartbeat DURATION: with --watch, a line at least this often even when nothing changed */
  heartbeatMs: number;
  /** the SDK named with --sdk NAME[@VERSION]; null with auto (the default) and all */
  sdk: SdkSpec | null;
  /** --sdk all: compare every modelled SDK's chain over the same facts (the app's own first) */
  allSdks: boolean;
  /** --app-dir: the app's files (node_modules, site-packages, jars, a Go binary) for --sdk auto */
  appDir: string | null;
  expectRole: string | null;
  expectAccount: string | null;
  strict: boolean;
  noSts: boolean;
  noImdsProbe: boolean;
  timeoutMs: number;
  deadlineMs: number;
  verbose: boolean;
  help: boolean;
  version: boolean;
  containerEndpoint: string | null;
  color: boolean | null;
  waitMs: number | null;
  quiet: boolean;
  expectSource: string | null;
  factsOut: string | null;
  replay: string | null;
  /** a process id, 'self' (the tool's own environment), or null (auto-detect) */
  pid: number | 'self' | null;
  /** --container NAME: judge the app in this container of the task (a doctor sidecar, pidMode "task") */
  container: string | null;
}

export const OUTPUT_FORMATS = ['text', 'json', 'json-line'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** --heartbeat's default: a sidecar's log shows it is alive at least this often. */
export const DEFAULT_HEARTBEAT_MS = 15 * 60_000;

export const SOURCE_IDS = ['env', 'system-properties', 'sso', 'profile', 'process', 'web-identity', 'container', 'imds'] as const;

export const HELP = `ecs-cred-doctor: which AWS credentials the app in this container gets, as whom, and why.

Usage: ecs-cred-doctor [options]

Walks the AWS SDK's default credential chain in its real order, calls the container
credentials endpoint, proves the identity with sts:GetCallerIdentity, and explains.

Options:
  --json                   machine-readable report (schemaVersion 1); errors are JSON too
  --format FORMAT          text (default), json (as --json), json-line (the same report on one
                           line, plus collectedAt and the task: for awslogs and Logs Insights)
  --emf                    also one line in CloudWatch Embedded Metric Format (CredentialsHealthy,
                           Errors, Warnings, SecondsToExpiry by cluster and task family)
  --watch INTERVAL         run again every INTERVAL (e.g. 60s, 5m); a line when the winner, the
                           identity or the findings change; follows the credentials' refresh;
                           SIGTERM ends it with a last line; JSON formats print one line each
  --heartbeat DURATION     with --watch, a line at least this often (default 15m)
  --sdk NAME[@VERSION]     the app's SDK chain to model: ${SDK_IDS.join(', ')}, e.g.
                           python@1.29.27 (no version: the current release);
                           auto (default): detect the app's SDK and version from the app
                           process (--pid) or --app-dir; js-v3 when none is found;
                           all: every SDK side by side, and where they disagree
                           (env ECS_CRED_DOCTOR_SDK)
  --app-dir DIR            the app's files, for --sdk auto: a node_modules tree, a Python
                           site-packages or venv, a directory of jars, or a Go binary's directory
  --expect-role ROLE       fail unless the app runs as this role (name or ARN)
  --expect-account ID      fail unless the credentials belong to this 12-digit account
  --expect-source SOURCE   fail unless this source wins (env, sso, profile, process, web-identity,
                           container, imds)
  --strict                 exit 1 on warnings too
  --wait DURATION          retry until healthy or DURATION ends (e.g. 30s, 2m, 1500ms): for entrypoints,
                           where the endpoint can answer 503 for a moment at container start
  --quiet                  one line when healthy; the full report only on failure
  --pid N|self             diagnose the app process N (default: PID 1 when this is not PID 1 and
                           /proc/1/environ is readable, as in an ECS Exec shell); "self" uses this
                           process's own environment (env ECS_CRED_DOCTOR_APP_PID)
  --container NAME         judge the app in container NAME of this task, from a sidecar: its process
                           (through the task's shared process namespace, pidMode "task"), its
                           environment and its files (through /proc/<pid>/root)
  --facts-out FILE         also write the gathered facts (redacted) as JSON, for support
  --replay FILE            evaluate a facts file offline (no network) and print the report
  --no-sts                 do not call sts:GetCallerIdentity
  --no-imds-probe          inside ECS, do not check whether IMDS hands out the instance role
  --timeout MS             per-request timeout for the credentials endpoint and IMDS (default 1000, as the SDK)
  --deadline MS            the whole run's deadline (default 8000)
  --verbose                show every source's evidence and the gathered facts
  --color / --no-color     force colour on or off (default: on a TTY, unless NO_COLOR is set)
  --container-endpoint URL replaces http://169.254.170.2 for the relative URI (tests, local emulators;
                           env ECS_CRED_DOCTOR_CONTAINER_ENDPOINT)
  -h, --help               this help
  -V, --version            the version

Environment overrides:
  AWS_EC2_METADATA_SERVICE_ENDPOINT   IMDS endpoint, as the SDK honours it
  AWS_ENDPOINT_URL_STS                STS endpoint; the tool's own STS calls follow it
                                      even where the modelled SDK version would not

Exit codes: 0 healthy; 1 a problem was found (error findings, or warnings with --strict);
            2 usage or internal error; 130/143 a wait ended by SIGINT/SIGTERM.
Finding codes are documented in docs/findings/<CODE>.md.
`;

function positiveInt(flag: string, value: string, max: number): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number of milliseconds, got ${JSON.stringify(value)}`);
  const n = Number(value);
  if (n < 1 || n > max) throw new UsageError(`${flag} must be between 1 and ${max}, got ${value}`);
  return n;
}

/** The flags, as node:util parseArgs reads them. */
const OPTION_SPEC = {
  json: { type: 'boolean' },
  format: { type: 'string' },
  emf: { type: 'boolean' },
  watch: { type: 'string' },
  heartbeat: { type: 'string' },
  sdk: { type: 'string' },
  'expect-role': { type: 'string' },
  'expect-account': { type: 'string' },
  strict: { type: 'boolean' },
  'no-sts': { type: 'boolean' },
  'no-imds-probe': { type: 'boolean' },
  timeout: { type: 'string' },
  deadline: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  'container-endpoint': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  wait: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'expect-source': { type: 'string' },
  'facts-out': { type: 'string' },
  replay: { type: 'string' },
  pid: { type: 'string' },
  'app-dir': { type: 'string' },
  container: { type: 'string' },
} as const;

const parseArgsWithOptions = (argv: string[]) => parseArgs({ args: argv, strict: true, allowPositionals: false, options: OPTION_SPEC });

/** Parses argv (without node and the script); throws UsageError naming the bad value. */
export function parseOptions(argv: string[], env: Record<string, string | undefined>): Options {
  let parsed: ReturnType<typeof parseArgsWithOptions>;
  try {
    parsed = parseArgsWithOptions(argv);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new UsageError(msg.replace(/\. To specify a positional argument.*$/s, '.'));
  }
  const v = parsed.values;
  const sdkText = v.sdk ?? env['ECS_CRED_DOCTOR_SDK'] ?? 'auto';
  const allSdks = sdkText === 'all';
  let sdk: SdkSpec | null = null;
  try {
    sdk = allSdks || sdkText === 'auto' ? null : parseSdkSpec(sdkText, SDK_IDS);
  } catch (e) {
    // a bad default from the environment is named as such, not as a flag the user never typed
    if (v.sdk === undefined && e instanceof UsageError) throw new UsageError(e.message.replace(/^--sdk /, 'ECS_CRED_DOCTOR_SDK='));
    throw e;
  }
  const appDir = v['app-dir'] ?? null;
  if (appDir !== null && sdk !== null) throw new UsageError(`--app-dir is for detecting the SDK; it does not combine with --sdk ${sdkText}`);
  const account = v['expect-account'] ?? null;
  if (account !== null && !/^\d{12}$/.test(account)) throw new UsageError(`--expect-account takes a 12-digit AWS account id, got ${JSON.stringify(account)}`);
  const role = v['expect-role'] ?? null;
  if (role !== null && (role.trim() === '' || (role.startsWith('arn:') && !/^arn:[\w-]+:(iam|sts)::\d{12}:(role|assumed-role)\/.+/.test(role)))) {
    throw new UsageError(`--expect-role takes a role name or a role ARN (arn:aws:iam::123456789012:role/Name), got ${JSON.stringify(role)}`);
  }
  const endpoint = v['container-endpoint'] ?? env['ECS_CRED_DOCTOR_CONTAINER_ENDPOINT'] ?? null;
  if (endpoint !== null) {
    let u: URL | null = null;
    try {
      u = new URL(endpoint);
    } catch {
      u = null;
    }
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) throw new UsageError(`--container-endpoint takes an http(s) URL such as http://127.0.0.1:8080, got ${JSON.stringify(endpoint)}`);
  }
  const expectSource = v['expect-source'] ?? null;
  if (expectSource !== null && !(SOURCE_IDS as readonly string[]).includes(expectSource)) {
    throw new UsageError(`--expect-source takes one of ${SOURCE_IDS.join(', ')}, got ${JSON.stringify(expectSource)}`);
  }
  const pid = v.pid ?? env['ECS_CRED_DOCTOR_APP_PID'] ?? null;
  if (pid !== null && pid !== 'self' && !/^[1-9]\d{0,9}$/.test(pid)) throw new UsageError(`--pid takes a process id or "self", got ${JSON.stringify(pid)}`);
  for (const flag of ['facts-out', 'replay', 'app-dir'] as const) {
    if (v[flag] !== undefined && v[flag].trim() === '') throw new UsageError(`--${flag} takes a file path, got ""`);
  }
  const container = v.container ?? null;
  if (container !== null && (container.trim() === '' || v.pid !== undefined || v.replay !== undefined))
    throw new UsageError(container.trim() === '' ? '--container takes a container name of this task, got ""' : `--container names the app's container; it does not combine with ${v.pid !== undefined ? '--pid' : '--replay'}`);
  const format = formatOf(v.format, v.json === true);
  const watchMs = v.watch !== undefined ? parseDuration('--watch', v.watch) : null;
  // a watch slower than the default heartbeat beats once a run
  const heartbeatMs = v.heartbeat !== undefined ? parseDuration('--heartbeat', v.heartbeat) : Math.max(DEFAULT_HEARTBEAT_MS, watchMs ?? 0);
  if (watchMs === null && v.heartbeat !== undefined) throw new UsageError('--heartbeat is for --watch');
  if (watchMs !== null && heartbeatMs < watchMs) throw new UsageError(`--heartbeat (${v.heartbeat}) must not be shorter than --watch (${v.watch})`);
  if (watchMs !== null && (v.replay !== undefined || v.wait !== undefined || v['facts-out'] !== undefined)) throw new UsageError('--watch runs live again and again; it does not combine with --replay, --wait or --facts-out');
  if (v.replay !== undefined && (v.wait !== undefined || v['facts-out'] !== undefined || appDir !== null)) throw new UsageError('--replay evaluates a facts file offline; it does not combine with --wait, --facts-out or --app-dir');
  return {
    json: format !== 'text',
    format,
    emf: v.emf ?? false,
    watchMs,
    heartbeatMs,
    sdk,
    allSdks,
    appDir,
    expectRole: role,
    expectAccount: account,
    strict: v.strict ?? false,
    noSts: v['no-sts'] ?? false,
    noImdsProbe: v['no-imds-probe'] ?? false,
    timeoutMs: v.timeout !== undefined ? positiveInt('--timeout', v.timeout, 60_000) : 1000,
    deadlineMs: v.deadline !== undefined ? positiveInt('--deadline', v.deadline, 600_000) : 8000,
    verbose: v.verbose ?? false,
    help: v.help ?? false,
    version: v.version ?? false,
    containerEndpoint: endpoint,
    color: v['no-color'] ? false : v.color ? true : null,
    waitMs: v.wait !== undefined ? parseDuration('--wait', v.wait) : null,
    quiet: v.quiet ?? false,
    expectSource,
    factsOut: v['facts-out'] ?? null,
    replay: v.replay ?? null,
    // --container picks the app's process itself: ECS_CRED_DOCTOR_APP_PID (a default) gives way
    pid: pid === null || container !== null ? null : pid === 'self' ? 'self' : Number(pid),
    container,
  };
}

/** `30s`, `2m`, `1500ms`, or a bare number of seconds; at most one hour. */
export function parseDuration(flag: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  if (!m) throw new UsageError(`${flag} takes a duration such as 30s, 2m or 1500ms, got ${JSON.stringify(value)}`);
  const n = Number(m[1]);
  const ms = m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000;
  if (ms < 1 || ms > 3_600_000) throw new UsageError(`${flag} must be between 1ms and 1h, got ${JSON.stringify(value)}`);
  return Math.round(ms);
}

/** --format, with --json as its older spelling of `json`; the two must agree. */
function formatOf(flag: string | undefined, json: boolean): OutputFormat {
  if (flag === undefined) return json ? 'json' : 'text';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(flag)) throw new UsageError(`--format takes one of ${OUTPUT_FORMATS.join(', ')}, got ${JSON.stringify(flag)}`);
  if (json && flag === 'text') throw new UsageError('--json and --format text contradict each other');
  // --json --format json-line: the one-line form of the same report
  return flag as OutputFormat;
}

/** Whether JSON was asked for, even when the rest of argv is bad (usage errors are JSON then too). */
export function wantsJson(argv: string[]): boolean {
  return argv.includes('--json') || argv.some((a, i) => (a === '--format' && argv[i + 1]?.startsWith('json')) || a.startsWith('--format=json'));
}

/** Whether a usage error should be one line of JSON (--format json-line). */
export function wantsJsonLine(argv: string[]): boolean {
  return argv.some((a, i) => (a === '--format' && argv[i + 1] === 'json-line') || a === '--format=json-line');
}
