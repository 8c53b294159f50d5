/** Runs the built bundle as a user would, with only the given environment and the network guard preloaded. */
import { fileURLToPath } from 'node:url';
import { runChild, type ChildResult } from '../helpers/spawn.ts';

export const BUNDLE = fileURLToPath(new URL('../../dist/ecs-cred-doctor.mjs', import.meta.url));
export const GUARD = fileURLToPath(new URL('../setup/net-guard-preload.mjs', import.meta.url));

export type RunResult = ChildResult;

/**
 * The fakes run in the busy test process on a loaded two-core machine: a fake that answers must
 * never lose a race with the tool's per-request timeout (1 s by default) or its 8 s deadline, or
 * a report would say "unreachable" by luck. Where a fake hangs on purpose the outcome does not
 * depend on the value (a hang never answers; the slow fakes wait far longer than this). So every
 * run gets these limits unless the test names its own --timeout or --deadline (the tests of the
 * limits themselves do). The text report does not print them.
 */
export const PATIENT: Record<'--timeout' | '--deadline', string> = { '--timeout': '5000', '--deadline': '30000' };

const withPatientLimits = (args: string[]): string[] => [...args, ...Object.entries(PATIENT).flatMap(([flag, value]) => (args.some((a) => a === flag || a.startsWith(`${flag}=`)) ? [] : [flag, value]))];

/** The child sees only `env` (plus PATH): never the developer's own AWS settings. */
export function runBundle(args: string[], env: Record<string, string>, timeoutMs = 40_000): Promise<RunResult> {
  return runChild(process.execPath, ['--import', GUARD, BUNDLE, ...withPatientLimits(args)], {
    // the tool would otherwise judge PID 1 (the app in a container; here, the machine's init)
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ECS_CRED_DOCTOR_APP_PID: 'self', ...env },
    timeoutMs,
    name: 'bundle',
  });
}

/** Replaces what changes from run to run (ports, timings, temp dirs, clocks) with stable markers. */
export function normalise(text: string, dir: string): string {
  return text
    .replaceAll(dir, '$DIR')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/\b\d+ ms\b/g, 'N ms')
    .replace(/"ms": \d+/g, '"ms": N')
    .replace(/\b(in|after) \d+ (h \d+ min|days|years)\b/g, '$1 DURATION')
    .replace(/\d+ (s|min|h \d+ min) ago/g, 'DURATION ago')
    .replace(/\b\d{8}T\d{6}Z\b/g, 'AMZDATE')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, 'TIMESTAMP')
    .replace(/[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT/g, 'HTTPDATE')
    .replace(/ecs-cred-doctor \d+\.\d+\.\d+\S*/g, 'ecs-cred-doctor VERSION');
}
