// Node single executable applications: `node build.mjs --sea` makes dist/ecs-cred-doctor-linux-x64
// and -linux-arm64, the registry's node-linux-<arch> with the tool injected, for images that have
// no `node`. Built here from a copy of the build inputs (build.mjs, package.json, tsconfig.json,
// scripts/stubs.mjs, scripts/registry-node.mjs, src/; node_modules and .cache linked), so the dist/
// bundle the other tests run is never rewritten under them; the copy also gets the plain ESM
// bundle to compare against. The executable of this machine's CPU is run; the other one cannot
// run natively here and is checked by its ELF header (class, byte order, machine, program
// interpreter), and run under qemu-user where that is installed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario, startScenario } from './scenarios/scenarios.ts';
import { GUARD, normalise, PATIENT } from './e2e/run-bundle.ts';
import { loopbackOnly } from '../scripts/netns.mjs';
import { cachedNode, SEA_ARCHES, SEA_NODE_VERSION } from '../scripts/registry-node.mjs';
import { runChild } from './helpers/spawn.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const EXE_NAME = `ecs-cred-doctor-linux-${process.arch}`;
/** CPU: ELF e_machine and the glibc program interpreter of the official node build */
const ELF: Record<string, { machine: number; interpreter: string }> = {
  x64: { machine: 62, interpreter: '/lib64/ld-linux-x86-64.so.2' },
  arm64: { machine: 183, interpreter: '/lib/ld-linux-aarch64.so.1' },
};

function skipReason(): string | null {
  if (process.platform !== 'linux') return `build --sea supports Linux only, this is ${process.platform}`;
  if (!existsSync(join(ROOT, 'node_modules', 'postject', 'package.json'))) return 'postject is not installed (a devDependency: run npm ci)';
  if (!(process.arch in ELF)) return `the SEA blob is made by the node of this machine's CPU, and ${process.arch} has none`;
  const uncached = SEA_ARCHES.filter((a) => !existsSync(cachedNode(a, SEA_NODE_VERSION)));
  // CI fetches them (.ci/run); a checkout without them says how, instead of failing offline
  if (uncached.length > 0 && process.env['CI'] !== 'true') return `node-linux-{${uncached.join(',')}}@${SEA_NODE_VERSION} not cached: run \`node scripts/registry-node.mjs --sea\` once`;
  return null;
}

/**
 * The SEA cannot carry the test's `--import` net guard (a SEA takes no node options), so runs
 * that reach the fakes happen only where the kernel itself allows nothing but loopback.
 */
function onlyLoopbackHere(): boolean {
  return loopbackOnly().ok;
}

const run = (cmd: string, args: string[], env: Record<string, string>) => runChild(cmd, args, { env, timeoutMs: 20_000 });

const reason = skipReason();

describe.skipIf(reason !== null)(`single executable (node build.mjs --sea)${reason === null ? '' : ` (skipped: ${reason})`}`, () => {
  let dir = '';
  let exe = '';
  let esm = '';
  /** a PATH that holds no node: the executable must not need one */
  let noNodePath = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecd-sea-test-'));
    for (const f of ['build.mjs', 'package.json', 'tsconfig.json', 'scripts/stubs.mjs', 'scripts/registry-node.mjs']) cpSync(join(ROOT, f), join(dir, f));
    cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    mkdirSync(join(ROOT, '.cache'), { recursive: true });
    symlinkSync(join(ROOT, '.cache'), join(dir, '.cache'), 'dir');
    const built = spawnSync(process.execPath, ['build.mjs', '--sea', '--quiet'], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
    if (built.status !== 0) throw new Error(`node build.mjs --sea failed (${built.status ?? built.signal}):\n${built.stdout}\n${built.stderr}`);
    exe = join(dir, 'dist', EXE_NAME);
    esm = join(dir, 'dist', 'ecs-cred-doctor.mjs');
    noNodePath = join(dir, 'empty-bin');
    mkdirSync(noNodePath);
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is an executable file', () => {
    const st = statSync(exe);
    expect(st.isFile()).toBe(true);
    expect(st.mode & 0o111).toBe(0o111);
    // the node binary plus the tool: far more than the bundle alone
    expect(st.size).toBeGreaterThan(statSync(esm).size * 10);
  });

  for (const arch of SEA_ARCHES) {
    it(`${arch}: a 64-bit little-endian ELF executable for that CPU, with the glibc loader, the SEA fuse flipped and the tool inside`, () => {
      const file = join(dir, 'dist', `ecs-cred-doctor-linux-${arch}`);
      const bytes = readFileSync(file);
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
      expect([bytes[4], bytes[5]]).toEqual([2, 1]);
      expect(bytes.readUInt16LE(18)).toBe(ELF[arch]?.machine);
      // PT_INTERP: the program header entries, from e_phoff, e_phentsize and e_phnum
      const phoff = Number(bytes.readBigUInt64LE(32));
      const [phentsize, phnum] = [bytes.readUInt16LE(54), bytes.readUInt16LE(56)];
      const interps = Array.from({ length: phnum }, (_, i) => phoff + i * phentsize)
        .filter((at) => bytes.readUInt32LE(at) === 3)
        .map((at) =>
          bytes
            .subarray(Number(bytes.readBigUInt64LE(at + 8)), Number(bytes.readBigUInt64LE(at + 8)) + Number(bytes.readBigUInt64LE(at + 32)))
            .toString('latin1')
            .replace(/\0+$/, ''),
        );
      expect(interps).toEqual([ELF[arch]?.interpreter]);
      expect(bytes.includes('NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1')).toBe(true);
      // the CommonJS text itself, not the ESM loader that carries it in the bundle
      expect(bytes.includes('ecs-cred-doctor needs Node')).toBe(false);
      expect(bytes.includes('ecs-cred-doctor: internal error:')).toBe(true);
      expect(statSync(file).mode & 0o111).toBe(0o111);
    });
  }

  // where Debian's qemu-user and the arm64 cross libraries are installed (CI installs them),
  // the arm64 executable runs under emulation, with those libraries as its root
  const QEMU = '/usr/bin/qemu-aarch64';
  const ARM64_ROOT = '/usr/aarch64-linux-gnu';
  const emulated = process.arch === 'x64' && existsSync(QEMU) && existsSync(join(ARM64_ROOT, 'lib', 'libstdc++.so.6'));
  it.skipIf(!emulated && process.env['CI'] !== 'true')(
    `arm64: runs --version under qemu-user${emulated ? '' : ' (skipped: no qemu-user or arm64 cross libraries here)'}`,
    async () => {
      const r = await runChild(QEMU, ['-L', ARM64_ROOT, join(dir, 'dist', 'ecs-cred-doctor-linux-arm64'), '--version'], { env: { PATH: noNodePath }, timeoutMs: 240_000 });
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: `ecs-cred-doctor ${VERSION}\n`, stderr: '' });
    },
    300_000,
  );

  it.skipIf((!emulated && process.env['CI'] !== 'true') || !onlyLoopbackHere())(
    `arm64: under qemu-user, healthy-task-role gives the same report as the ESM bundle${emulated && onlyLoopbackHere() ? '' : ' (skipped: needs qemu-user and a loopback-only network namespace)'}`,
    async () => {
      const sc = await startScenario(scenario('healthy-task-role'));
      try {
        const env = { PATH: noNodePath, ...sc.env };
        // emulation is slow: the patient limits of the e2e tests, on both sides
        const args = ['--json', ...sc.args, ...Object.entries(PATIENT).flat()];
        const viaArm = await runChild(QEMU, ['-L', ARM64_ROOT, join(dir, 'dist', 'ecs-cred-doctor-linux-arm64'), ...args], { env, timeoutMs: 240_000 });
        const viaEsm = await run(process.execPath, ['--import', GUARD, esm, ...args], env);
        expect(viaArm.stderr).toBe('');
        expect(viaArm.code, viaArm.stdout).toBe(viaEsm.code);
        expect(normalise(viaArm.stdout, sc.dir)).toBe(normalise(viaEsm.stdout, sc.dir));
      } finally {
        await sc.close();
      }
    },
    300_000,
  );

  it('prints the version with no node on PATH', async () => {
    expect(spawnSync('sh', ['-c', 'command -v node'], { env: { PATH: noNodePath } }).status).not.toBe(0);
    const r = await run(exe, ['--version'], { PATH: noNodePath });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: `ecs-cred-doctor ${VERSION}\n`, stderr: '' });
  });

  it('usage errors behave as the bundle: exit 2, the bad value named', async () => {
    const r = await run(exe, ['--timeout', 'soon'], { PATH: noNodePath });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"soon"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  // the CommonJS variant must diagnose exactly as the ESM bundle does (container endpoint,
  // IMDS, web identity: the paths with lazy imports and the STS client)
  for (const name of ['healthy-task-role', 'instance-role-fallback', 'irsa-web-identity']) {
    it.skipIf(!onlyLoopbackHere())(`${name}: the same report as the ESM bundle${onlyLoopbackHere() ? '' : ' (skipped: needs a loopback-only network namespace, as npm test makes)'}`, async () => {
      const sc = await startScenario(scenario(name));
      try {
        const env = { PATH: noNodePath, ...sc.env };
        const viaSea = await run(exe, ['--json', ...sc.args], env);
        const viaEsm = await run(process.execPath, ['--import', GUARD, esm, '--json', ...sc.args], env);
        expect(viaEsm.stderr).toBe('');
        expect(viaSea.stderr).toBe('');
        expect(viaSea.code).toBe(viaEsm.code);
        expect(normalise(viaSea.stdout, sc.dir)).toBe(normalise(viaEsm.stdout, sc.dir));
        expect((JSON.parse(viaSea.stdout) as { chain: unknown[] }).chain.length).toBeGreaterThan(0);
      } finally {
        await sc.close();
      }
    });
  }
});
