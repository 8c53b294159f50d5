// Types for scripts/netns.mjs, which stays plain JS so the scripts run without a TypeScript
// loader; the tests that import it (test/oracle/botocore.test.ts, test/sea.test.ts) need them.

/** What the current network namespace holds, as /proc/net shows it. */
export interface LoopbackState {
  /** true only when `lo` is the one interface and no route leaves through anything else */
  ok: boolean;
  ifaces: string[];
  routes: string[];
  v6: string[];
}

/** The variable a script sees set to '1' once it runs re-executed inside the namespace. */
export const IN_NETNS_MARKER: string;
/** True when this process was re-executed inside the namespace by reexecInLoopbackNamespace. */
export function inLoopbackNamespace(marker?: string): boolean;
/** Only `lo` may exist, and no route may leave through anything else. Throws where there is no /proc/net. */
export function loopbackOnly(): LoopbackState;
/** Exits with 3, naming what it found, unless this namespace holds only loopback. */
export function refuseUnlessLoopbackOnly(what: string): LoopbackState;
/** Runs `node scriptPath ...args` in a new loopback-only namespace and returns its exit status; null where that cannot be done. */
export function reexecInLoopbackNamespace(scriptPath: string, args: readonly string[], options?: { marker?: string; env?: Record<string, string>; cwd?: string }): number | null;
