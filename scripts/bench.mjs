#!/usr/bin/env node
// `npm run bench`: a benchmark, not a test. How long does one diagnosis take, and how much
// memory, next to a bare `node -e 0` and next to what an app with the real SDK does? Starts the
// loopback fakes of test/scenarios in this process and times, side by side in one run:
//   (a) node -e 0                                        the floor
//   (b) ecs-cred-doctor, healthy task role               scenario healthy-task-role
//   (b2) the same with --sdk auto detecting the app: a node process (--pid) whose working
//       directory holds node_modules/@aws-sdk/credential-provider-node (what detection costs)
//   (c) ecs-cred-doctor, the endpoint never answers      scenario endpoint-hangs (the worst case)
//   (d) the real JS SDK v3, unbundled: the default chain + GetCallerIdentity
//       (scripts/bench-sdk-chain.mjs on scenario pod-identity-token-file: the same task role, but
//       through the full URI on 127.0.0.1, as the relative URI's host is hard-coded in the SDK)
//   (e) aws sts get-caller-identity, only with Debian's awscli (/usr/bin/aws), env keys of a user
// Runs are interleaved (a, b, d, e, a, b, d, e, …, with the fewer runs of (c) spread evenly
// among them) after one untimed warm-up of each, so drift touches every row alike.
//
//   node scripts/bench.mjs [--runs N] [--worst-runs N]     defaults 15 and 5
//
// Wall time: from spawn to exit, as this process sees it. Peak RSS: the child's ru_maxrss as
// /usr/bin/time -f %M reports it (Debian package `time`); without it RSS shows as n/a.
// As root with unshare(1) and ip(8) it re-executes itself inside a network namespace that holds
// only loopback (as scripts/test.mjs does); every Node child also has the network guard preloaded
// and sees only PATH and the scenario's environment.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { inLoopbackNamespace, loopbackOnly, reexecInLoopbackNamespace, refuseUnlessLoopbackOnly } from './netns.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist/ecs-cred-doctor.mjs');
const guard = join(root, 'test/setup/net-guard-preload.mjs');
const sdkScript = join(root, 'scripts/bench-sdk-chain.mjs');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const RUN_TIMEOUT_MS = 30_000;

// ── options ──
const argv = process.argv.slice(2);
const opts = { runs: 15, worstRuns: 5 };
for (let i = 0; i < argv.length; i++) {
  const [flag, inline] = argv[i].split('=', 2);
  const key = { '--runs': 'runs', '--worst-runs': 'worstRuns' }[flag];
  if (!key) usage(`unknown argument ${argv[i]}`);
  const value = inline ?? argv[++i];
  if (!/^[1-9]\d*$/.test(value ?? '')) usage(`${flag} takes a whole number of runs (1 or more), got ${JSON.stringify(value)}`);
  opts[key] = Number(value);
}
opts.worstRuns = Math.min(opts.worstRuns, opts.runs);

function usage(message) {
  console.error(`bench: ${message}\nusage: node scripts/bench.mjs [--runs N] [--worst-runs N]`);
  process.exit(2);
}

// ── a loopback-only network namespace, as in scripts/test.mjs ──
const inNetns = inLoopbackNamespace();
const net = inNetns ? refuseUnlessLoopbackOnly('the benchmark') : loopbackOnly();
if (!inNetns && !net.ok) {
  const status = reexecInLoopbackNamespace(fileURLToPath(import.meta.url), argv, { cwd: root });
  if (status !== null) process.exit(status);
  console.error('note: not root or no unshare/ip here; running without a network namespace (Node children keep the preloaded network guard; the aws CLI row is skipped)');
}

if (!existsSync(bundle)) {
  console.error(`bench: ${bundle} is missing: run \`node build.mjs\` first (npm run bench does)`);
  process.exit(2);
}

// ── peak RSS through GNU time ──
const TIME = '/usr/bin/time';
const timeWorks = existsSync(TIME) && spawnSync(TIME, ['-f', '%M', '-o', '/dev/null', 'true'], { stdio: 'ignore' }).status === 0;
const scratch = mkdtempSync(join(tmpdir(), 'ecd-bench-'));

// ── the fakes (TypeScript shared with the tests, bundled in memory as scripts/demo.mjs does) ──
const { build } = await import('esbuild');
const out = await build({ entryPoints: [join(root, 'test/scenarios/scenarios.ts')], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'error' });
const { scenario, startScenario } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);

const started = [];
const start = async (name) => {
  const sc = await startScenario(scenario(name));
  started.push(sc);
  return sc;
};
const healthy = await start('healthy-task-role');
const hangs = await start('endpoint-hangs');
const fullUri = await start('pod-identity-token-file');
const PATH = process.env.PATH ?? '/usr/bin:/bin';
const node = process.execPath;

// (b2)'s app: an idle node process whose working directory is an app tree with the JS SDK
const appDir = join(scratch, 'app');
mkdirSync(join(appDir, 'node_modules/@aws-sdk/credential-provider-node'), { recursive: true });
mkdirSync(join(appDir, 'src'), { recursive: true });
writeFileSync(join(appDir, 'node_modules/@aws-sdk/credential-provider-node/package.json'), JSON.stringify({ name: '@aws-sdk/credential-provider-node', version: '3.600.0' }));
const app = spawn(node, ['-e', 'setTimeout(() => {}, 3_600_000)'], { cwd: join(appDir, 'src'), env: { PATH, ...healthy.env }, stdio: 'ignore' });
started.push({ close: async () => void app.kill('SIGKILL') });

/** @type {{ id: string, label: string, argv: string[], env: Record<string,string>, runs: number, check: (r: any) => string | null }[]} */
const rows = [
  { id: 'a', label: '(a) node -e 0 (the floor)', argv: [node, '-e', '0'], env: { PATH }, runs: opts.runs, check: (r) => (r.code === 0 ? null : `exit ${r.code}`) },
  {
    id: 'b',
    label: '(b) ecs-cred-doctor, healthy task role',
    argv: [node, '--import', guard, bundle, ...healthy.args],
    env: { PATH, ...healthy.env },
    runs: opts.runs,
    check: (r) => (r.code !== 0 ? `exit ${r.code}` : r.stderr ? 'stderr not empty' : r.stdout.includes('myAppTaskRole') ? null : 'no myAppTaskRole in the report'),
  },
  {
    id: 'b2',
    label: '(b2) the same, --sdk auto finds a node app',
    argv: [node, '--import', guard, bundle, ...healthy.args, '--pid', String(app.pid)],
    env: { PATH, ...healthy.env },
    runs: opts.runs,
    check: (r) => (r.code !== 0 ? `exit ${r.code}` : r.stderr ? 'stderr not empty' : r.stdout.includes('sdk detected: js-v3 3.600.0') ? null : "the node app's SDK was not detected"),
  },
  {
    id: 'c',
    label: '(c) ecs-cred-doctor, endpoint hangs (worst)',
    argv: [node, '--import', guard, bundle, ...hangs.args],
    env: { PATH, ...hangs.env },
    runs: opts.worstRuns,
    check: (r) => (r.code !== 1 ? `exit ${r.code}, expected 1` : r.stdout.includes('CONTAINER_ENDPOINT_UNREACHABLE') ? null : 'no CONTAINER_ENDPOINT_UNREACHABLE in the report'),
  },
  {
    id: 'd',
    label: '(d) JS SDK v3 chain + GetCallerIdentity',
    argv: [node, '--import', guard, sdkScript],
    env: { PATH, ...fullUri.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    runs: opts.runs,
    check: (r) => (r.code !== 0 ? `exit ${r.code}` : r.stderr ? 'stderr not empty' : r.stdout.includes('assumed-role/myAppTaskRole/') ? null : `unexpected ARN ${JSON.stringify(r.stdout.trim())}`),
  },
];

// (e) Debian's awscli only; anything else (a pyenv shim, a pip install, AWS's own installer) is not measured.
const AWS = '/usr/bin/aws';
const awsOnPath = spawnSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).stdout.trim();
const awsOwner = existsSync(AWS) ? spawnSync('dpkg', ['-S', AWS], { encoding: 'utf8' }).stdout?.split(':')[0]?.trim() : '';
let awsSkipped = null;
if (!existsSync(AWS) || awsOwner !== 'awscli') {
  awsSkipped = existsSync(AWS)
    ? `${AWS} does not belong to Debian's awscli package (dpkg -S: ${JSON.stringify(awsOwner)})`
    : `Debian's awscli is not installed (no ${AWS}${awsOnPath ? `; \`aws\` on PATH is ${awsOnPath}, not measured` : ''}; apt-get install -y awscli)`;
} else if (!net.ok) {
  awsSkipped = 'not inside a loopback-only network namespace (the aws CLI has no network guard)';
} else {
  const keys = await start('static-keys-shadow-task-role');
  const env = { PATH, ...keys.env, AWS_EC2_METADATA_DISABLED: 'true', AWS_DEFAULT_REGION: keys.env.AWS_REGION ?? 'eu-west-1', AWS_PAGER: '' };
  for (const k of Object.keys(env)) if (/^(AWS_CONTAINER_|ECS_CONTAINER_METADATA_URI|ECS_CRED_DOCTOR_)/.test(k)) delete env[k];
  const version = spawnSync(AWS, ['--version'], { encoding: 'utf8', env: { PATH, HOME: keys.env.HOME } });
  rows.push({
    id: 'e',
    label: `(e) aws sts get-caller-identity`,
    version: `${version.stdout}${version.stderr}`.trim().split(/\s+/)[0],
    // --endpoint-url as well as AWS_ENDPOINT_URL_STS: an awscli older than 2.13 ignores the variable
    argv: [AWS, 'sts', 'get-caller-identity', '--endpoint-url', env.AWS_ENDPOINT_URL_STS, '--output', 'json'],
    env,
    runs: opts.runs,
    check: (r) => (r.code !== 0 ? `exit ${r.code}` : r.stdout.includes(':user/deploy') ? null : `unexpected output ${JSON.stringify(r.stdout.trim().slice(0, 200))}`),
  });
}

// ── one measured run ──
let seq = 0;
function measure(row) {
  return new Promise((resolve) => {
    const rssFile = join(scratch, `rss-${seq++}`);
    const [cmd, ...args] = timeWorks ? [TIME, '-f', '%M', '-o', rssFile, ...row.argv] : row.argv;
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: root, env: row.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let wallMs = 0;
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', () => (wallMs = performance.now() - t0));
    child.on('error', (e) => (stderr += `spawn error: ${e.message}\n`));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, RUN_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      let rssKiB = null;
      if (timeWorks) {
        // GNU time writes "Command exited with non-zero status N" before the figure when N != 0
        const last = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').pop() : '';
        if (/^\d+$/.test(last ?? '')) rssKiB = Number(last);
        rmSync(rssFile, { force: true });
      }
      const r = { code: timedOut ? null : code, stdout, stderr, wallMs: wallMs || performance.now() - t0, rssKiB };
      r.problem = timedOut ? `no exit within ${RUN_TIMEOUT_MS} ms` : row.check(r);
      resolve(r);
    });
  });
}

// ── the schedule: warm-ups, then rounds a, b, d, e with (c) spread evenly ──
const worstRounds = new Set(Array.from({ length: opts.worstRuns }, (_, k) => Math.floor(((k + 0.5) * opts.runs) / opts.worstRuns)));
const results = Object.fromEntries(rows.map((r) => [r.id, []]));
const progress = process.stderr.isTTY ? (s) => process.stderr.write(s) : () => {};
const loadBefore = loadavg()[0];
const t0 = performance.now();
try {
  progress('warm-up ');
  for (const row of rows) if (row.id !== 'c') await measure(row);
  for (let round = 0; round < opts.runs; round++) {
    progress('.');
    for (const row of rows) {
      if (row.id === 'c' && !worstRounds.has(round)) continue;
      results[row.id].push(await measure(row));
    }
  }
  progress('\n');
} finally {
  for (const sc of started) await sc.close();
  rmSync(scratch, { recursive: true, force: true });
}
const totalS = (performance.now() - t0) / 1000;

// ── the report ──
const median = (xs) => {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const mib = (kib) => (kib / 1024).toFixed(1);
const group = (n) => n.toLocaleString('en-US');

const floor = median(results.a.map((r) => r.wallMs));
const table = [['', 'runs', 'wall median', 'wall min-max', 'x floor', 'peak RSS median', 'peak RSS min-max']];
for (const row of rows) {
  const rs = results[row.id];
  const walls = rs.map((r) => r.wallMs);
  const rss = rs.map((r) => r.rssKiB).filter((x) => x !== null);
  const failed = rs.filter((r) => r.problem).length;
  table.push([
    `${row.label}${failed ? ' (!)' : ''}`,
    String(rs.length),
    `${ms(median(walls))} ms`,
    `${ms(Math.min(...walls))}-${ms(Math.max(...walls))} ms`,
    `${(median(walls) / floor).toFixed(1)}x`,
    rss.length === rs.length ? `${mib(median(rss))} MiB` : 'n/a',
    rss.length === rs.length ? `${mib(Math.min(...rss))}-${mib(Math.max(...rss))} MiB` : 'n/a',
  ]);
}
const widths = table[0].map((_, c) => Math.max(...table.map((line) => line[c].length)));
const render = (line) =>
  line
    .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
    .join('  ')
    .trimEnd();

const bytes = readFileSync(bundle);
const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
const awsRow = rows.find((r) => r.id === 'e');
console.log(`ecs-cred-doctor ${pkg.version} benchmark: node ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} CPUs (${cpu})`);
console.log(`bundle dist/ecs-cred-doctor.mjs: ${group(bytes.length)} bytes, ${group(gzipSync(bytes).length)} bytes gzipped (zlib default level)`);
console.log(
  `${opts.runs} runs per row (worst case ${opts.worstRuns}), interleaved a,b,b2,d${awsRow ? ',e' : ''} with (c) spread among them, after one untimed warm-up each; loopback fakes in ${net.ok ? 'a loopback-only network namespace' : 'the host network namespace'}`,
);
console.log('');
console.log(render(table[0]));
for (const line of table.slice(1)) console.log(render(line));
console.log('');
console.log(`wall: spawn to exit as the parent sees it${timeWorks ? `, through ${TIME}` : ''}; x floor: median over the median of (a).`);
console.log(timeWorks ? `peak RSS: the child's ru_maxrss from ${TIME} -f %M.` : `peak RSS: n/a (no GNU time at ${TIME}; Debian: apt-get install -y time).`);
console.log('(b)-(d) run with the network guard preloaded (node --import test/setup/net-guard-preload.mjs); (c) uses the default --timeout 1000.');
console.log(
  `(d) scripts/bench-sdk-chain.mjs: fromNodeProviderChain() + STS GetCallerIdentity, @aws-sdk/client-sts ${pkg.dependencies['@aws-sdk/client-sts']}, @aws-sdk/credential-providers ${pkg.devDependencies['@aws-sdk/credential-providers']}, from node_modules; full URI + token file (scenario pod-identity-token-file).`,
);
console.log(awsRow ? `(e) ${AWS} (${awsRow.version}, Debian awscli): env keys of a user, --endpoint-url on the fake STS, IMDS disabled.` : `(e) aws sts get-caller-identity: skipped: ${awsSkipped}.`);
console.log(`total ${totalS.toFixed(1)} s; 1-min load average ${loadBefore.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end; other work on the machine widens the spread.`);

let bad = false;
for (const row of rows) {
  const failures = results[row.id].filter((r) => r.problem);
  if (failures.length === 0) continue;
  bad = true;
  const f = failures[0];
  console.log(`\n${row.label}: ${failures.length} of ${results[row.id].length} runs failed; first: ${f.problem}`);
  if (f.stderr.trim())
    console.log(
      f.stderr
        .trim()
        .split('\n')
        .slice(0, 15)
        .map((l) => `    ${l.slice(0, 240)}`)
        .join('\n'),
    );
}
process.exit(bad ? 1 : 0);
