// Vitest setup file: makes it impossible for a test to open a TCP connection
// to anything but this machine's loopback. Code under test talks to fixed
// AWS addresses (169.254.170.2, 169.254.169.254, sts.amazonaws.com); a
// forgotten endpoint override must fail the test, never leave the machine.
//
// Every TCP/TLS client in Node (net.connect, tls.connect, http/https agents,
// undici and therefore global fetch) ends in net.Socket.prototype.connect, so
// one patch there covers them all. The check runs synchronously before the
// original connect: no DNS lookup, no socket handle, no packet.
//
// The host rules live in loopback.mjs and connect-target.mjs, shared with
// test/setup/net-guard-preload.mjs (the same guard for child processes, which
// exits instead of throwing).
import net from 'node:net';
import { afterAll, afterEach } from 'vitest';
import { connectTarget } from './connect-target.mjs';
import { isAllowedHost } from './loopback.mjs';

export { connectTarget, isAllowedHost };

export interface BlockedAttempt {
  host: string;
  port: string;
}

export const NET_GUARD_ERROR_CODE = 'ERR_NET_GUARD';
/** Property set on the patched connect; its value says which guard installed it. */
export const NET_GUARD_MARKER = Symbol.for('ecs-cred-doctor.net-guard');

type Connect = (this: net.Socket, ...args: unknown[]) => net.Socket;
type MarkedConnect = Connect & { [NET_GUARD_MARKER]?: 'vitest' | 'preload' };

// Shared through globalThis so every module instance of this file in one
// process (setup file, test files importing it) sees the same record.
const STATE_KEY = Symbol.for('ecs-cred-doctor.net-guard.blocked');
const globalState = globalThis as { [STATE_KEY]?: BlockedAttempt[] };
globalState[STATE_KEY] ??= [];
const blocked: BlockedAttempt[] = globalState[STATE_KEY];

function install(): void {
  const current = net.Socket.prototype.connect as unknown as MarkedConnect;
  if (current[NET_GUARD_MARKER] === 'vitest') return; // already installed in this process

  const original = current;
  const guarded: MarkedConnect = function guardedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
    const target = connectTarget(args);
    if (target !== undefined && !isAllowedHost(target.host)) {
      blocked.push(target);
      const error = new Error(`net-guard: blocked connection to ${target.host}:${target.port}; tests may only reach 127.0.0.0/8, ::1 or localhost`) as NodeJS.ErrnoException;
      error.code = NET_GUARD_ERROR_CODE;
      throw error;
    }
    return original.apply(this, args);
  };
  guarded[NET_GUARD_MARKER] = 'vitest';
  net.Socket.prototype.connect = guarded as unknown as typeof net.Socket.prototype.connect;
}

/** True when the guard is active in this process (check it before deliberately provoking it). */
export function isNetGuardInstalled(): boolean {
  return (net.Socket.prototype.connect as unknown as MarkedConnect)[NET_GUARD_MARKER] === 'vitest';
}

/** Returns and forgets the attempts recorded so far (a test that provokes the guard on purpose calls this). */
export function takeBlockedAttempts(): BlockedAttempt[] {
  return blocked.splice(0, blocked.length);
}

function failIfBlocked(when: string): void {
  const attempts = takeBlockedAttempts();
  if (attempts.length > 0) {
    const list = attempts.map((a) => `${a.host}:${a.port}`).join(', ');
    throw new Error(`net-guard: ${when} tried to connect outside loopback: ${list}`);
  }
}

install();

// Fails the test even if the code under test swallowed the ERR_NET_GUARD error.
afterEach(() => failIfBlocked('this test'));
afterAll(() => failIfBlocked('this file (outside a test)'));
