#!/usr/bin/env node
// `npm test`: builds the bundle, then runs vitest inside a network namespace that holds only
// loopback, so no test can send a packet anywhere else (the kernel refuses). As root with
// unshare(1) and ip(8) this is mandatory; elsewhere the in-process guard of
// test/setup/net-guard.ts still fails any test that tries.
// `npm run test:oracle` (`--oracle` first): the same, with vitest.oracle.config.ts, for the
// real-SDK agreement tests of test/oracle/.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inLoopbackNamespace, reexecInLoopbackNamespace, refuseUnlessLoopbackOnly } from './netns.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const oracle = process.argv[2] === '--oracle';
// the flag stays in `args` so the re-executed script sees it too
const args = process.argv.slice(2);
const vitestArgs = oracle ? ['--config', 'vitest.oracle.config.ts', ...args.slice(1)] : args;
const run = (cmd, argv) => spawnSync(cmd, argv, { stdio: 'inherit', cwd: root }).status ?? 1;

if (inLoopbackNamespace()) {
  refuseUnlessLoopbackOnly('tests');
  process.exit(run(process.execPath, [require_vitest(), 'run', ...vitestArgs]));
}

if (run(process.execPath, ['build.mjs', '--quiet']) !== 0) process.exit(1);

const status = reexecInLoopbackNamespace(fileURLToPath(import.meta.url), args, { cwd: root });
if (status !== null) process.exit(status);
console.error('note: not root or no unshare/ip here; running without a network namespace (the in-process guard still blocks non-loopback connections)');
process.exit(run(process.execPath, [require_vitest(), 'run', ...vitestArgs]));

function require_vitest() {
  return fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
}
