// A network namespace that holds only loopback, for the scripts that start the tool or its
// fakes (scripts/test.mjs, bench.mjs, node-matrix.mjs): inside it the kernel itself refuses any
// packet to anywhere but 127.0.0.0/8 and ::1, whatever the code under test does.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The variable a script sees set to '1' once it runs re-executed inside the namespace. */
export const IN_NETNS_MARKER = 'ECD_IN_NETNS';

/** True when this process was re-executed inside the namespace by reexecInLoopbackNamespace. */
export const inLoopbackNamespace = (marker = IN_NETNS_MARKER) => process.env[marker] === '1';

/** Only `lo` may exist, and no route may leave through anything else. */
export function loopbackOnly() {
  // /proc/net is per network namespace (/sys/class/net is not, unless /sys is remounted)
  const ifaces = readFileSync('/proc/net/dev', 'utf8')
    .split('\n')
    .slice(2)
    .map((l) => l.split(':')[0]?.trim())
    .filter(Boolean);
  const routes = readFileSync('/proc/net/route', 'utf8').trim().split('\n').slice(1).filter(Boolean);
  const v6 = readFileSync('/proc/net/ipv6_route', 'utf8')
    .trim()
    .split('\n')
    .filter((l) => l && !/\slo$/.test(l.trim()));
  return { ok: ifaces.length === 1 && ifaces[0] === 'lo' && routes.every((r) => r.startsWith('lo\t')) && v6.length === 0, ifaces, routes, v6 };
}

/**
 * Exits with 3, naming what it found, unless this namespace holds only loopback; `what` completes
 * "refusing to run …". Called inside the namespace, so that a failed unshare or a namespace that
 * somehow has another interface never runs anything.
 */
export function refuseUnlessLoopbackOnly(what) {
  const state = loopbackOnly();
  if (!state.ok) {
    console.error(`refusing to run ${what}: this namespace has more than loopback: interfaces ${state.ifaces.join(', ')}; routes ${JSON.stringify([...state.routes, ...state.v6])}`);
    process.exit(3);
  }
  return state;
}

const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/**
 * Runs `node scriptPath ...args` again inside a new network namespace with only `lo` up, with
 * `marker`=1 (and `env`) added to the environment, and returns its exit status; returns null,
 * running nothing, where that cannot be done (not root, or no unshare(1) or ip(8)).
 */
export function reexecInLoopbackNamespace(scriptPath, args, { marker = IN_NETNS_MARKER, env = {}, cwd } = {}) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !have('unshare') || !have('ip')) return null;
  // the command goes to sh as positional parameters ("$@"), so no argument is ever quoted by hand
  const r = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', process.execPath, scriptPath, ...args], {
    stdio: 'inherit',
    cwd,
    env: { ...process.env, ...env, [marker]: '1' },
  });
  return r.status ?? 1;
}
