#!/usr/bin/env node
// `npm test`: builds the bundle, then runs vitest inside a network namespace that holds only
// loopback, so no test can send a packet anywhere else (the kernel refuses). As root with
// unshare(1) and ip(8) this is mandatory; elsewhere the in-process guard of
// test/setup/net-guard.ts still fails any test that tries.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const run = (cmd, argv, env = process.env) => spawnSync(cmd, argv, { stdio: 'inherit', cwd: root, env }).status ?? 1;
const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** Only `lo` may exist, and no route may leave through anything else. */
function loopbackOnly() {
  // /proc/net is per network namespace (/sys/class/net is not, unless /sys is remounted)
  const ifaces = readFileSync('/proc/net/dev', 'utf8').split('\n').slice(2).map((l) => l.split(':')[0]?.trim()).filter(Boolean);
  const routes = readFileSync('/proc/net/route', 'utf8').trim().split('\n').slice(1).filter(Boolean);
  const v6 = readFileSync('/proc/net/ipv6_route', 'utf8').trim().split('\n').filter((l) => l && !/\slo$/.test(l.trim()));
  return { ok: ifaces.length === 1 && ifaces[0] === 'lo' && routes.every((r) => r.startsWith('lo\t')) && v6.length === 0, ifaces, routes, v6 };
}

if (process.env.ECD_IN_NETNS === '1') {
  const state = loopbackOnly();
  if (!state.ok) {
    console.error(`refusing to run tests: this namespace has more than loopback: interfaces ${state.ifaces.join(', ')}; routes ${JSON.stringify([...state.routes, ...state.v6])}`);
    process.exit(3);
  }
  process.exit(run(process.execPath, [require_vitest(), 'run', ...args]));
}

if (run(process.execPath, ['build.mjs', '--quiet']) !== 0) process.exit(1);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && have('unshare') && have('ip')) {
  const inner = `ip link set lo up && exec "${process.execPath}" scripts/test.mjs ${args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')}`;
  process.exit(run('unshare', ['-n', 'sh', '-c', inner], { ...process.env, ECD_IN_NETNS: '1' }));
}
console.error('note: not root or no unshare/ip here; running without a network namespace (the in-process guard still blocks non-loopback connections)');
process.exit(run(process.execPath, [require_vitest(), 'run', ...args]));

function require_vitest() {
  return fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
}
