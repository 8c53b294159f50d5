#!/usr/bin/env node
// `npm run bench:watch`: a benchmark, not a test. Does --watch keep its memory flat over
// thousands of runs? Runs the bundle with --watch against the loopback fakes of
// test/scenarios (healthy-task-role: container endpoint, IMDS probe, task metadata, STS), a
// heartbeat line every run (so each line names its run), and reads the child's resident set
// (VmRSS of /proc/PID/status) as the runs go. Prints RSS after the warm-up runs and at the end.
//
//   node scripts/bench-watch.mjs [--iterations N]      default 3000
//   BENCH_NODE_FLAGS='--max-old-space-size=48' node scripts/bench-watch.mjs
//
// As root with unshare(1) and ip(8) it re-executes itself inside a network namespace that holds
// only loopback (as scripts/test.mjs does); the child has the network guard preloaded.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inLoopbackNamespace, loopbackOnly, reexecInLoopbackNamespace, refuseUnlessLoopbackOnly } from './netns.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist/ecs-cred-doctor.mjs');
const guard = join(root, 'test/setup/net-guard-preload.mjs');
const argv = process.argv.slice(2);
const flag = argv.indexOf('--iterations');
const iterations = flag >= 0 ? Number(argv[flag + 1]) : 3000;
if (!Number.isInteger(iterations) || iterations < 200) {
  console.error('usage: node scripts/bench-watch.mjs [--iterations N]   (N >= 200)');
  process.exit(2);
}
/** Runs before the first reading: module loading, JIT and the first connections settle. */
const WARM_UP = 100;

const inNetns = inLoopbackNamespace();
const net = inNetns ? refuseUnlessLoopbackOnly('the benchmark') : loopbackOnly();
if (!inNetns && !net.ok) {
  const status = reexecInLoopbackNamespace(fileURLToPath(import.meta.url), argv, { cwd: root });
  if (status !== null) process.exit(status);
  console.error('note: not root or no unshare/ip here; running without a network namespace (the child keeps the preloaded network guard)');
}
if (!existsSync(bundle)) {
  console.error(`bench-watch: ${bundle} is missing: run \`node build.mjs\` first (npm run bench:watch does)`);
  process.exit(2);
}

// the fakes (TypeScript shared with the tests, bundled in memory as scripts/bench.mjs does)
const { build } = await import('esbuild');
const out = await build({ entryPoints: [join(root, 'test/scenarios/scenarios.ts')], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'error' });
const { scenario, startScenario } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
const sc = await startScenario(scenario('healthy-task-role'));

const rssKb = (pid) => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
const started = performance.now();
// BENCH_NODE_FLAGS: node options for the child (e.g. --max-old-space-size=48: a leak fails, a lazy heap does not)
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const child = spawn(process.execPath, [...nodeFlags, '--import', guard, bundle, '--watch', '1ms', '--heartbeat', '1ms', '--format', 'json-line', '--timeout', '5000', '--deadline', '30000'], {
  env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...sc.env, ECS_CRED_DOCTOR_WATCH_ITERATIONS: String(iterations) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const readings = [];
let rest = '';
let lines = 0;
let maxLine = 0;
child.stdout.on('data', (d) => {
  const parts = (rest + d.toString()).split('\n');
  rest = parts.pop() ?? '';
  for (const line of parts) {
    lines++;
    maxLine = Math.max(maxLine, Buffer.byteLength(line) + 1);
    const n = Number(/"iteration":(\d+)/.exec(line)?.[1]);
    // every 10% of the runs, and the last run before the stop line
    if (n === WARM_UP || (n > WARM_UP && n % Math.floor(iterations / 10) === 0) || (n === iterations && line.includes('"heartbeat"'))) {
      try {
        readings.push({ n, kb: rssKb(child.pid) });
      } catch {
        // the child may already be gone at the very end
      }
    }
  }
});
const code = await new Promise((resolve) => child.on('close', resolve));
const seconds = (performance.now() - started) / 1000;
await sc.close();

const first = readings[0];
const last = readings.at(-1);
console.log(`ecs-cred-doctor --watch: ${iterations} runs in ${seconds.toFixed(1)} s (${((seconds * 1000) / iterations).toFixed(1)} ms a run), exit ${code}, ${lines} lines (longest ${maxLine} bytes)`);
console.log('run      RSS');
for (const r of readings) console.log(`${String(r.n).padStart(6)}  ${(r.kb / 1024).toFixed(1)} MiB`);
if (first && last) console.log(`RSS after ${first.n} runs: ${(first.kb / 1024).toFixed(1)} MiB; after ${last.n}: ${(last.kb / 1024).toFixed(1)} MiB (${last.kb >= first.kb ? '+' : ''}${((last.kb - first.kb) / 1024).toFixed(1)} MiB)`);
process.exit(code === 0 ? 0 : 1);
