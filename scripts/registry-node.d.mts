// Types for scripts/registry-node.mjs, which stays plain JS so build.mjs runs with bare node;
// test/sea.test.ts imports it.

/** The exact Node version the single executables are made of. */
export const SEA_NODE_VERSION: string;
/** The CPUs they are made for, as process.arch names them. */
export const SEA_ARCHES: string[];
/** Where bin/node of node-linux-<arch>@<version> is cached (it may not be there yet). */
export function cachedNode(arch: string, version: string): string;
/** bin/node of node-linux-<arch>@<version>: from the cache, else `npm pack` from the registry. Throws with npm's words. */
export function registryNode(arch: string, version: string): string;
