// The detect-sdk tests' world: the fixture trees copied to a temporary directory (with
// `_node_modules` renamed back), Go binaries, and a fake /proc of app processes 101–114.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectSdk, type SdkDetection } from '../../../src/gather/detect-sdk/index.ts';
import { inlineBlob, MODINFO_V1, MODINFO_V2, noise, writeSparseElf } from './go-blob.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'detect');

export interface World {
  tmp: string;
  /** the fixture trees */
  fx: string;
  /** the fake /proc */
  proc: string;
  goV2Exe: string;
  goV1Exe: string;
  /** a sparse ELF whose .go.buildinfo lies beyond 64 MiB */
  goElf: string;
}

/** A fresh temporary directory and the paths in it; nothing is written yet. */
export function newWorld(): World {
  const tmp = mkdtempSync(join(tmpdir(), 'ecd-detect-'));
  return { tmp, fx: join(tmp, 'fx'), proc: join(tmp, 'proc'), goV2Exe: join(tmp, 'go', 'orders-server'), goV1Exe: join(tmp, 'go', 'legacy'), goElf: join(tmp, 'go-elf', 'big-server') };
}

export function removeWorld(w: World): void {
  rmSync(w.tmp, { recursive: true, force: true });
}

/** Copies the fixture tree, turning `_node_modules` back into `node_modules` (see fixtures/detect/README.md). */
function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const target = join(to, e.name === '_node_modules' ? 'node_modules' : e.name);
    if (e.isDirectory()) copyTree(join(from, e.name), target);
    else copyFileSync(join(from, e.name), target);
  }
}

export function copyFixtures(w: World): void {
  copyTree(FIXTURES, w.fx);
}

export function writeGoBinaries(w: World): void {
  mkdirSync(dirname(w.goV2Exe), { recursive: true });
  mkdirSync(dirname(w.goElf), { recursive: true });
  // Go binaries: the blob at a 16-byte aligned offset inside noise, as in a linked binary
  writeFileSync(w.goV2Exe, Buffer.concat([noise(3 * 4096, 7), inlineBlob('go1.22.7', MODINFO_V2), noise(5000, 8)]), { mode: 0o755 });
  writeFileSync(w.goV1Exe, Buffer.concat([noise(4096, 9), inlineBlob('go1.21.13', MODINFO_V1), noise(100, 10)]), { mode: 0o755 });
  // the linker puts .go.buildinfo after code and read-only data: beyond 64 MiB in a big binary
  writeSparseElf(w.goElf, inlineBlob('go1.23.2', MODINFO_V2), 66 * 1024 * 1024);
}

interface FakeProc {
  argv: string[];
  env?: Record<string, string>;
  exe?: string;
  cwd?: string;
  /** /proc/<pid>/root → '/' unless false */
  root?: boolean;
  children?: number[];
}

function fakeProcAt(proc: string, pid: number, p: FakeProc): void {
  const base = join(proc, String(pid));
  mkdirSync(join(base, 'task', String(pid)), { recursive: true });
  writeFileSync(join(base, 'cmdline'), `${p.argv.join('\0')}\0`);
  writeFileSync(
    join(base, 'environ'),
    Object.entries(p.env ?? {})
      .map(([k, v]) => `${k}=${v}\0`)
      .join(''),
  );
  if (p.exe !== undefined) symlinkSync(p.exe, join(base, 'exe'));
  if (p.cwd !== undefined) symlinkSync(p.cwd, join(base, 'cwd'));
  if (p.root !== false) symlinkSync('/', join(base, 'root'));
  writeFileSync(join(base, 'task', String(pid), 'children'), (p.children ?? []).map((c) => `${c} `).join(''));
}

const SECRET_ENV = { AWS_SECRET_ACCESS_KEY: 'CANARYsecretFromEnviron', HOME: '/nonexistent-home' };

/** The fake /proc; needs copyFixtures and writeGoBinaries first (its processes point into them). */
export function writeFakeProc({ tmp, fx, proc, goV2Exe, goV1Exe }: World): void {
  const fakeProc = (pid: number, p: FakeProc): void => fakeProcAt(proc, pid, p);
  mkdirSync(proc);
  const node = join(fx, 'bin', 'node');
  fakeProc(101, { argv: ['node', '--enable-source-maps', '-r', 'dotenv/config', 'src/server.js'], env: { ...SECRET_ENV, NODE_ENV: 'production' }, exe: node, cwd: join(fx, 'node-v3', 'app') });
  fakeProc(102, { argv: ['node', join(fx, 'node-v2', 'app', 'index.js')], env: SECRET_ENV, exe: node, cwd: '/', root: false });
  fakeProc(103, { argv: ['node', 'index.js'], env: SECRET_ENV, exe: node, cwd: join(fx, 'node-pnpm', 'app') });
  fakeProc(104, {
    argv: ['python', '-u', 'app.py'],
    env: { ...SECRET_ENV, PATH: `${join(fx, 'python-venv', 'venv', 'bin')}:/usr/bin` },
    // /proc/<pid>/exe is the base interpreter: the venv's bin/python is a symlink to it
    exe: join(fx, 'python-venv', 'usr', 'local', 'bin', 'python3.11'),
    cwd: join(fx, 'python-venv', 'app'),
  });
  const deb = join(fx, 'debian-awscli', 'usr', 'bin');
  fakeProc(105, { argv: [join(deb, 'python3'), join(deb, 'aws'), 'sts', 'get-caller-identity'], env: SECRET_ENV, exe: join(deb, 'python3.11'), cwd: '/' });
  const java = join(fx, 'java-v2', 'jdk', 'bin', 'java');
  fakeProc(106, { argv: ['java', '-Xmx256m', '-Daws.secretAccessKey=CANARYsecretFromArgv', '-cp', 'classes:libs/*', 'com.example.Main', '-cp', 'not-the-classpath'], env: SECRET_ENV, exe: java, cwd: join(fx, 'java-v2', 'app') });
  fakeProc(107, { argv: ['java', '-jar', 'app.jar'], env: SECRET_ENV, exe: java, cwd: join(fx, 'java-v1') });
  fakeProc(108, { argv: ['java', '-cp', '@jib-classpath-file', 'com.example.Main'], env: SECRET_ENV, exe: java, cwd: join(fx, 'java-v2', 'app') });
  fakeProc(109, { argv: ['/app/orders-server', '--listen', ':8080'], env: SECRET_ENV, exe: goV2Exe, cwd: '/' });
  fakeProc(110, { argv: ['/app/legacy'], env: SECRET_ENV, exe: goV1Exe, cwd: '/' });
  fakeProc(111, { argv: ['/sbin/tini', '--', 'node', 'src/server.js'], env: SECRET_ENV, exe: join(fx, 'bin', 'tini'), cwd: '/', children: [101] });
  fakeProc(112, { argv: ['/usr/local/bin/app'], env: SECRET_ENV, exe: join(fx, 'bin', 'app'), cwd: join(fx, 'empty-app') });
  // unreadable: environ is a directory (EISDIR), exe a dangling link, no cwd, no root
  fakeProc(113, { argv: ['/app/server'], exe: join(tmp, 'deleted-binary'), root: false });
  rmSync(join(proc, '113', 'environ'));
  mkdirSync(join(proc, '113', 'environ'));
  fakeProc(114, { argv: ['node', 'index.js'], env: SECRET_ENV, exe: node, cwd: join(fx, 'empty-app') });
}

/** detectSdk on the fake /proc. */
export const detectIn =
  (w: World) =>
  (pid: number | null, appDir: string | null = null): Promise<SdkDetection> =>
    detectSdk({ pid, appDir, procRoot: w.proc });
/** The evidence as lines, for matching. */
export const show = (d: SdkDetection): string => d.evidence.map((e) => `${e.label}: ${e.value}`).join('\n');
