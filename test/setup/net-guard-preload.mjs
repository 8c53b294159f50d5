// Network guard for child processes started by tests:
//   node --import /abs/path/test/setup/net-guard-preload.mjs cli.mjs ...
// Any TCP/TLS connection attempt to a host other than 127.0.0.0/8, ::1 or
// localhost prints `NET_GUARD_BLOCKED <host>:<port>` to stderr and exits the
// process with code 97, synchronously, before a DNS lookup or a packet.
//
// Same rules as test/setup/net-guard.ts (which throws instead, for vitest): both
// import them from loopback.mjs and connect-target.mjs. Plain JS so it loads
// without a TypeScript loader.
import { writeSync } from 'node:fs';
import net from 'node:net';
import { connectTarget } from './connect-target.mjs';
import { isAllowedHost } from './loopback.mjs';

const MARKER = Symbol.for('ecs-cred-doctor.net-guard');
export const NET_GUARD_EXIT_CODE = 97;

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
