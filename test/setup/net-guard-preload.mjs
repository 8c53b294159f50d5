// Network guard for child processes started by tests:
//   node --import /abs/path/test/setup/net-guard-preload.mjs cli.mjs ...
// Any TCP/TLS connection attempt to a host other than 127.0.0.0/8, ::1 or
// localhost prints `NET_GUARD_BLOCKED <host>:<port>` to stderr and exits the
// process with code 97, synchronously, before a DNS lookup or a packet.
//
// Same rules as test/setup/net-guard.ts (which throws instead, for vitest);
// keep the two in sync. Plain JS so it loads without a TypeScript loader.
import { writeSync } from 'node:fs';
import net from 'node:net';

const MARKER = Symbol.for('ecs-cred-doctor.net-guard');
export const NET_GUARD_EXIT_CODE = 97;

const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4'); // also matches ::ffff:127.x.y.z
loopback.addAddress('::1', 'ipv6');

/** @param {string} host */
function isAllowedHost(host) {
  let h = host.trim();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  const lower = h.toLowerCase();
  if (lower === 'localhost' || lower === 'localhost.') return true;
  const family = net.isIP(h);
  if (family === 4) return loopback.check(h, 'ipv4');
  if (family === 6) return loopback.check(h, 'ipv6');
  return false;
}

/**
 * (options[, cb]) | (path[, cb]) | (port[, host][, cb]) | internal [options, cb] array.
 * @param {unknown[]} args
 * @returns {{ host: string, port: string } | undefined} undefined: Unix socket / pipe, or nothing usable
 */
function connectTarget(args) {
  let [first, second] = args;
  if (Array.isArray(first)) [first, second] = first;
  if (typeof first === 'object' && first !== null) {
    const options = /** @type {{ path?: unknown, host?: unknown, port?: unknown }} */ (first);
    if (typeof options.path === 'string' && options.path !== '') return undefined;
    const host = typeof options.host === 'string' && options.host !== '' ? options.host : 'localhost';
    return { host, port: String(options.port) };
  }
  const isPort =
    typeof first === 'number' || (typeof first === 'string' && first !== '' && Number.isFinite(Number(first)));
  if (isPort) {
    const host = typeof second === 'string' && second !== '' ? second : 'localhost';
    return { host, port: String(first) };
  }
  return undefined;
}

const current = net.Socket.prototype.connect;
if (current[MARKER] !== 'preload') {
  const original = current;
  /** @this {net.Socket} @param {unknown[]} args */
  const guarded = function guardedConnect(...args) {
    const target = connectTarget(args);
    if (target !== undefined && !isAllowedHost(target.host)) {
      // Synchronous write: process.exit() would drop a pending async stderr write to a pipe.
      writeSync(2, `NET_GUARD_BLOCKED ${target.host}:${target.port}\n`);
      process.exit(NET_GUARD_EXIT_CODE);
    }
    return original.apply(this, args);
  };
  guarded[MARKER] = 'preload';
  net.Socket.prototype.connect = guarded;
}
