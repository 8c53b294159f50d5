#!/usr/bin/env node
// Official Linux builds of Node, as the npm registry ships them: `node-linux-<arch>@<version>`
// (bin/node inside, no install scripts). build.mjs --sea injects the tool into them; they are
// cached under .cache/registry-node/<arch>-<version>/ so a build inside a loopback-only network
// namespace (npm test) finds them without the registry.
//   node scripts/registry-node.mjs --sea   fetch what `node build.mjs --sea` needs, then stop
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Node the single executables are made of: an LTS line, the same exact version for every arch (the SEA blob is tied to it). */
export const SEA_NODE_VERSION = '24.22.1';
export const SEA_ARCHES = ['x64', 'arm64'];

const cacheRoot = fileURLToPath(new URL('../.cache/registry-node/', import.meta.url));

/** Where bin/node of node-linux-<arch>@<version> is cached (it may not be there yet). */
export const cachedNode = (arch, version) => join(cacheRoot, `${arch}-${version}`, 'bin', 'node');

/** bin/node of node-linux-<arch>@<version>: from the cache, else `npm pack` from the registry. Throws with npm's words. */
export function registryNode(arch, version) {
  const bin = cachedNode(arch, version);
  if (existsSync(bin)) return bin;
  const name = `node-linux-${arch}@${version}`;
  const work = mkdtempSync(join(tmpdir(), 'ecd-registry-node-'));
  try {
    const packed = spawnSync('npm', ['pack', name, '--json', '--loglevel=error', '--pack-destination', work], { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (packed.status !== 0) throw new Error(`npm pack ${name} failed (exit ${packed.status}): ${(packed.stderr || packed.error?.message || '').trim().split('\n').slice(-3).join(' | ')}`);
    const info = JSON.parse(packed.stdout)[0];
    if (info.version !== version || !info.files.some((f) => f.path === 'bin/node')) throw new Error(`${name}: got version ${info.version}, with${info.files.some((f) => f.path === 'bin/node') ? '' : 'out'} bin/node`);
    // extracted beside the cache entry, then renamed: a reader never sees half a node
    const staging = join(cacheRoot, `.${arch}-${version}.${process.pid}`);
    mkdirSync(staging, { recursive: true });
    const tar = spawnSync('tar', ['-xzf', join(work, info.filename), '-C', staging, '--strip-components=1', 'package/bin/node', 'package/LICENSE'], { encoding: 'utf8' });
    if (tar.status !== 0) throw new Error(`tar could not unpack ${info.filename}: ${tar.stderr.trim()}`);
    renameSync(staging, join(cacheRoot, `${arch}-${version}`));
    return bin;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--sea') {
  let failed = false;
  for (const arch of SEA_ARCHES) {
    try {
      registryNode(arch, SEA_NODE_VERSION);
    } catch (e) {
      console.error(`registry-node: ${e.message}`);
      failed = true;
    }
  }
  process.exit(failed ? 1 : 0);
}
