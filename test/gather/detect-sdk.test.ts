// --sdk auto: the app's runtime and SDK from a fake /proc tree and fixture files; the Go
// build-info blob as Go 1.18+ links it; every unreadable entry named, nothing thrown.
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classifyJarName,
  detectSdk,
  findBotocore,
  findJavaSdk,
  findNodeSdk,
  goModuleVersion,
  goSdkOf,
  javaClasspathOf,
  nodeScriptOf,
  parseGoBuildInfo,
  parseModinfo,
  pnpmEntryVersion,
  pythonArgsOf,
  pythonVersionOf,
  readGoBuildInfo,
  readUvarint,
  runtimeOf,
  splitArgFile,
  type SdkDetection,
} from '../../src/gather/detect-sdk.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'detect');
const tmp = mkdtempSync(join(tmpdir(), 'ecd-detect-'));
const fx = join(tmp, 'fx');
const proc = join(tmp, 'proc');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------
// Go build info, written the way the linker writes it:
// golang/go src/cmd/link/internal/ld/data.go (Link.buildinfo) and src/debug/buildinfo/buildinfo.go

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
// golang/go src/cmd/go/internal/modload/build.go (infoStart, infoEnd)
const INFO_START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
const INFO_END = Buffer.from('f932433186182072008242104116d8f2', 'hex');

function uvarint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}

/** The 32-byte header (magic, pointer size 8, flags 2 = inline strings), then two uvarint-prefixed strings, padded to 16. */
function inlineBlob(goVersion: string, modinfo: string): Buffer {
  const header = Buffer.alloc(32);
  MAGIC.copy(header);
  header[14] = 8;
  header[15] = 2;
  const mod = Buffer.concat([INFO_START, Buffer.from(modinfo), INFO_END]);
  const parts = [header, uvarint(goVersion.length), Buffer.from(goVersion), uvarint(mod.length), mod];
  const data = Buffer.concat(parts);
  return Buffer.concat([data, Buffer.alloc((16 - (data.length % 16)) % 16)]);
}

/** Deterministic noise, so a run that fails can be repeated byte for byte. */
function noise(length: number, seed: number): Buffer {
  const b = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

const MODINFO_V2 = [
  'path\texample.com/orders/cmd/server',
  'mod\texample.com/orders\t(devel)\t',
  'dep\tgithub.com/aws/aws-sdk-go-v2\tv1.30.5\th1:mWSRTwQAb0aLE17dSzztCVJWI9+cRMgqebndjwDyK0=',
  'dep\tgithub.com/aws/aws-sdk-go-v2/config\tv1.27.34\th1:hS7r0Dl3L4/PmEsZSYY3GbXUWyRp6Ya3n6yCd/0Jf6U=',
  'dep\tgithub.com/aws/aws-sdk-go-v2/credentials\tv1.17.32\th1:7Cxhp/BnT2RcGy4VisJ9miUPecY+lyE9I8JvcZofn9I=',
  'dep\tgithub.com/aws/smithy-go\tv1.20.4\th1:2HK1zBdPgRbjFOHlfeQZfpGINUKrmHa+c6d7RIqJkIk=',
  'build\t-buildmode=exe',
  'build\t-compiler=gc',
  'build\tCGO_ENABLED=0',
  'build\tGOARCH=amd64',
  'build\tGOOS=linux',
  '',
].join('\n');
const MODINFO_V1 = ['path\texample.com/legacy', 'mod\texample.com/legacy\t(devel)\t', 'dep\tgithub.com/aws/aws-sdk-go\tv1.50.0\th1:HBtrLeO+QyDKnc3t1+5DR1RxodOHCGr8ZcrHudpv7jI=', 'dep\tgithub.com/jmespath/go-jmespath\tv0.4.0\th1:BEgLn5cpjn8UN1mAw4NjwDrS35OdebyEtFe+9YPoQUg=', 'build\tGOOS=linux', ''].join('\n');

/** A minimal ELF64 with a section header table naming .go.buildinfo at `blobOffset` (the file is sparse). */
function writeSparseElf(path: string, blob: Buffer, blobOffset: number, validTable = true): void {
  const strtab = Buffer.from('\0.shstrtab\0.go.buildinfo\0', 'latin1');
  const strtabOffset = blobOffset + blob.length;
  const shoff = Math.ceil((strtabOffset + strtab.length) / 64) * 64;
  const head = Buffer.alloc(64);
  head.write('\x7fELF', 0, 'latin1');
  head[4] = 2; // 64-bit
  head[5] = 1; // little endian
  head[6] = 1;
  head.writeUInt16LE(2, 0x10); // ET_EXEC
  head.writeUInt16LE(0x3e, 0x12); // x86-64
  head.writeBigUInt64LE(BigInt(validTable ? shoff : 0), 0x28);
  head.writeUInt16LE(64, 0x34);
  head.writeUInt16LE(64, 0x3a);
  head.writeUInt16LE(3, 0x3c);
  head.writeUInt16LE(2, 0x3e);
  const sh = Buffer.alloc(3 * 64);
  const section = (i: number, name: number, type: number, offset: number, size: number): void => {
    sh.writeUInt32LE(name, i * 64);
    sh.writeUInt32LE(type, i * 64 + 4);
    sh.writeBigUInt64LE(BigInt(offset), i * 64 + 0x18);
    sh.writeBigUInt64LE(BigInt(size), i * 64 + 0x20);
  };
  section(1, strtab.indexOf('.go.buildinfo'), 1, blobOffset, blob.length);
  section(2, strtab.indexOf('.shstrtab'), 3, strtabOffset, strtab.length);
  const fd = openSync(path, 'w', 0o755);
  try {
    writeSync(fd, head, 0, head.length, 0);
    writeSync(fd, blob, 0, blob.length, blobOffset);
    writeSync(fd, strtab, 0, strtab.length, strtabOffset);
    writeSync(fd, sh, 0, sh.length, shoff);
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------
// the fake /proc

/** Copies the fixture tree, turning `_node_modules` back into `node_modules` (see fixtures/detect/README.md). */
function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const target = join(to, e.name === '_node_modules' ? 'node_modules' : e.name);
    if (e.isDirectory()) copyTree(join(from, e.name), target);
    else copyFileSync(join(from, e.name), target);
  }
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

function fakeProc(pid: number, p: FakeProc): void {
  const base = join(proc, String(pid));
  mkdirSync(join(base, 'task', String(pid)), { recursive: true });
  writeFileSync(join(base, 'cmdline'), `${p.argv.join('\0')}\0`);
  writeFileSync(join(base, 'environ'), Object.entries(p.env ?? {}).map(([k, v]) => `${k}=${v}\0`).join(''));
  if (p.exe !== undefined) symlinkSync(p.exe, join(base, 'exe'));
  if (p.cwd !== undefined) symlinkSync(p.cwd, join(base, 'cwd'));
  if (p.root !== false) symlinkSync('/', join(base, 'root'));
  writeFileSync(join(base, 'task', String(pid), 'children'), (p.children ?? []).map((c) => `${c} `).join(''));
}

const SECRET_ENV = { AWS_SECRET_ACCESS_KEY: 'CANARYsecretFromEnviron', HOME: '/nonexistent-home' };
const goV2Exe = join(tmp, 'go', 'orders-server');
const goV1Exe = join(tmp, 'go', 'legacy');
const goElf = join(tmp, 'go-elf', 'big-server');

beforeAll(() => {
  copyTree(FIXTURES, fx);
  mkdirSync(proc);
  mkdirSync(dirname(goV2Exe), { recursive: true });
  mkdirSync(dirname(goElf), { recursive: true });
  // Go binaries: the blob at a 16-byte aligned offset inside noise, as in a linked binary
  writeFileSync(goV2Exe, Buffer.concat([noise(3 * 4096, 7), inlineBlob('go1.22.7', MODINFO_V2), noise(5000, 8)]), { mode: 0o755 });
  writeFileSync(goV1Exe, Buffer.concat([noise(4096, 9), inlineBlob('go1.21.13', MODINFO_V1), noise(100, 10)]), { mode: 0o755 });
  // the linker puts .go.buildinfo after code and read-only data: beyond 64 MiB in a big binary
  writeSparseElf(goElf, inlineBlob('go1.23.2', MODINFO_V2), 66 * 1024 * 1024);

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
});

const detect = (pid: number | null, appDir: string | null = null): Promise<SdkDetection> => detectSdk({ pid, appDir, procRoot: proc });
const show = (d: SdkDetection): string => d.evidence.map((e) => `${e.label}: ${e.value}`).join('\n');

// ---------------------------------------------------------------------------------------------

describe('detectSdk on a fake /proc', () => {
  it('node app with @aws-sdk/credential-provider-node 3.600.0 (script under src/, found walking up; v2 also installed)', async () => {
    const d = await detect(101);
    expect(d).toMatchObject({ family: 'js-v3', version: '3.600.0', runtime: 'node', note: null });
    expect(show(d)).toContain(`script: ${join(fx, 'node-v3', 'app', 'src', 'server.js')}`);
    expect(show(d)).toContain(`js-v3: @aws-sdk/credential-provider-node 3.600.0 from ${join(fx, 'node-v3', 'app', 'node_modules', '@aws-sdk', 'credential-provider-node', 'package.json')}`);
    expect(show(d)).toMatch(/js-v2: aws-sdk 2\.1500\.0 .*also installed; v3 reported/);
  });

  it('node app with aws-sdk v2 2.1500.0; /proc/<pid>/root unreadable is said and paths are read here', async () => {
    const d = await detect(102);
    expect(d).toMatchObject({ family: 'js-v2', version: '2.1500.0', runtime: 'node' });
    expect(show(d)).toMatch(/root: .*\/102\/root: not found \(ENOENT\); the app's paths are read in this container's filesystem/);
  });

  it('pnpm layout: the .pnpm virtual store, newest copy reported, the others listed', async () => {
    const d = await detect(103);
    expect(d).toMatchObject({ family: 'js-v3', version: '3.734.0', runtime: 'node' });
    expect(show(d)).toContain('.pnpm/@aws-sdk+credential-provider-node@3.734.0_@aws-sdk+client-sts@3.734.0/node_modules/@aws-sdk/credential-provider-node/package.json');
    expect(show(d)).toMatch(/js-v3 other copies: 3\.600\.0 \(.*\.pnpm\/@aws-sdk\+credential-provider-node@3\.600\.0\)/);
  });

  it('python venv found from argv[0] on PATH and pyvenv.cfg: botocore 1.29.27 (not the system 1.34.0)', async () => {
    const d = await detect(104);
    expect(d).toMatchObject({ family: 'python', version: '1.29.27', runtime: 'python' });
    expect(show(d)).toContain(`venv: ${join(fx, 'python-venv', 'venv', 'pyvenv.cfg')}`);
    expect(show(d)).toContain(join(fx, 'python-venv', 'venv', 'lib', 'python3.11', 'site-packages', 'botocore', '__init__.py'));
    // include-system-site-packages = false: the base interpreter's site-packages is not on the path
    expect(show(d)).not.toContain('usr/local/lib/python3.11/site-packages');
  });

  it('Debian dist-packages awscli 2.9.19 with its own awscli/botocore → aws-cli', async () => {
    const d = await detect(105);
    expect(d).toMatchObject({ family: 'aws-cli', version: '2.9.19', runtime: 'python' });
    expect(show(d)).toMatch(/aws-cli: awscli 2\.9\.19 from .*dist-packages\/awscli\/__init__\.py; its own botocore 2\.9\.19 at /);
  });

  it('java -cp with a libs/* wildcard of v2 jars 2.25.1; arguments after the main class are not options', async () => {
    const d = await detect(106);
    expect(d).toMatchObject({ family: 'java-v2', version: '2.25.1', runtime: 'java' });
    expect(show(d)).toContain('classpath: -cp: classes:libs/*');
    expect(show(d)).toMatch(/java-v2: auth 2\.25\.1 from .*libs\/auth-2\.25\.1\.jar; 5 SDK v2 entries/);
    expect(JSON.stringify(d)).not.toContain('CANARY');
  });

  it('java -jar app.jar: the jar is not opened; v1 jars beside it are reported as a guess', async () => {
    const d = await detect(107);
    expect(d).toMatchObject({ family: 'java-v1', version: '1.12.700', runtime: 'java' });
    expect(show(d)).toContain('classpath: -jar: app.jar');
    expect(show(d)).toContain("java guess: found beside app.jar, not on the classpath as given (the jar's manifest is not read)");
  });

  it('java -cp @argfile (jib) is expanded', async () => {
    const d = await detect(108);
    expect(d).toMatchObject({ family: 'java-v2', version: '2.25.1' });
    expect(show(d)).toContain(`java @argfile: ${join(fx, 'java-v2', 'app', 'jib-classpath-file')}`);
  });

  it('Go binary with aws-sdk-go-v2/config v1.27.34 → go-v2 1.27.34', async () => {
    const d = await detect(109);
    expect(d).toMatchObject({ family: 'go-v2', version: '1.27.34', runtime: 'go', note: null });
    expect(show(d)).toContain('go-v2: github.com/aws/aws-sdk-go-v2/config v1.27.34');
    expect(show(d)).toMatch(/go build info: .*orders-server: go1\.22\.7, example\.com\/orders\/cmd\/server; offset 0x3000 \(scanned\)/);
  });

  it('Go binary with only github.com/aws/aws-sdk-go v1.50.0 → go-v1', async () => {
    const d = await detect(110);
    expect(d).toMatchObject({ family: 'go-v1', version: '1.50.0', runtime: 'go' });
  });

  it('PID 1 is tini: its child is the app', async () => {
    const d = await detect(111);
    expect(d).toMatchObject({ family: 'js-v3', version: '3.600.0', runtime: 'node' });
    expect(show(d)).toContain('child: pid 101: a descendant of pid 111');
  });

  it('nothing found: family null, and the note says js-v3 is assumed', async () => {
    const d = await detect(112);
    expect(d).toMatchObject({ family: null, version: null, runtime: 'unknown' });
    expect(d.note).toMatch(/^No AWS SDK detected \(.*\); the js-v3 chain is assumed\.$/);
    const n = await detect(114);
    expect(n).toMatchObject({ family: null, runtime: 'node' });
    expect(n.note).toContain('no JS SDK package found in node_modules');
    expect(n.note).toContain('js-v3 chain is assumed');
  });

  it('unreadable /proc entries are evidence, not exceptions', async () => {
    const d = await detect(113);
    expect(d.family).toBeNull();
    expect(d.note).toContain('js-v3 chain is assumed');
    const text = show(d);
    expect(text).toMatch(/environ: .*\/113\/environ: is a directory \(EISDIR\)/);
    expect(text).toMatch(/cwd: .*\/113\/cwd: not found \(ENOENT\)/);
    expect(text).toMatch(/go build info: .*deleted-binary: not found \(ENOENT\)/);
    expect(d.note).toMatch(/the executable could not be read .*--app-dir/);
  });

  it('a process that does not exist', async () => {
    const d = await detect(4242);
    expect(d).toMatchObject({ family: null, runtime: 'unknown' });
    expect(d.note).toContain('process 4242 not found');
    expect(show(d)).toContain('no such process');
  });

  it('a /proc root that is not there at all', async () => {
    const d = await detectSdk({ pid: null, appDir: null, procRoot: join(tmp, 'no-proc') });
    expect(d.family).toBeNull();
    expect(d.note).toContain('process 1 not found');
  });

  it('no secret from environ or the command line reaches the result', async () => {
    for (const pid of [101, 104, 105, 106, 109, 113]) expect(JSON.stringify(await detect(pid))).not.toContain('CANARY');
  });
});

describe('--app-dir', () => {
  it('node, python (a venv inside), java and Go app directories', async () => {
    expect(await detect(null, join(fx, 'node-v3', 'app'))).toMatchObject({ family: 'js-v3', version: '3.600.0', runtime: 'node' });
    expect(await detect(null, join(fx, 'python-venv'))).toMatchObject({ family: 'python', version: '1.29.27', runtime: 'python' });
    expect(await detect(null, join(fx, 'java-v2', 'app'))).toMatchObject({ family: 'java-v2', version: '2.25.1', runtime: 'java' });
    const go = await detect(null, dirname(goElf));
    expect(go).toMatchObject({ family: 'go-v2', version: '1.27.34', runtime: 'go' });
    expect(show(go)).toContain('ELF section .go.buildinfo at offset 0x4200000');
  });
  it('the app directory wins over what the process shows; the process still names the runtime', async () => {
    const d = await detect(114, join(fx, 'node-pnpm', 'app'));
    expect(d).toMatchObject({ family: 'js-v3', version: '3.734.0', runtime: 'node' });
  });
  it('an app directory of another runtime than the process: the directory is believed, and the evidence says so', async () => {
    const d = await detect(114, join(fx, 'python-venv'));
    expect(d).toMatchObject({ family: 'python', version: '1.29.27', runtime: 'python' });
    expect(show(d)).toMatch(/app-dir: the process runs node, but .*python-venv holds a python SDK/);
  });
  it('an empty or missing app directory: js-v3 assumed', async () => {
    expect((await detect(null, join(fx, 'empty-app'))).note).toMatch(/no AWS SDK in --app-dir .*js-v3 chain is assumed/);
    expect((await detect(null, join(tmp, 'missing'))).note).toMatch(/is not a readable directory.*js-v3 chain is assumed/);
  });
});

// ---------------------------------------------------------------------------------------------

describe('Go build info', () => {
  it('finds aws-sdk-go-v2/config v1.27.34 in a blob embedded in noise', () => {
    const bytes = Buffer.concat([noise(10_000, 1), Buffer.alloc(6), inlineBlob('go1.22.7', MODINFO_V2), noise(777, 2)]);
    const info = parseGoBuildInfo(bytes);
    expect(info).toMatchObject({ goVersion: 'go1.22.7', path: 'example.com/orders/cmd/server', format: 'inline', offset: 10_006 });
    expect(info?.main).toMatchObject({ path: 'example.com/orders', version: '(devel)' });
    expect(info?.deps.find((m) => m.path === 'github.com/aws/aws-sdk-go-v2/config')).toEqual({ path: 'github.com/aws/aws-sdk-go-v2/config', version: 'v1.27.34', sum: 'h1:hS7r0Dl3L4/PmEsZSYY3GbXUWyRp6Ya3n6yCd/0Jf6U=', replace: null });
    expect(info && goSdkOf(info).hit).toEqual({ family: 'go-v2', version: '1.27.34' });
  });
  it('only github.com/aws/aws-sdk-go v1.50.0 → go-v1', () => {
    const info = parseGoBuildInfo(Buffer.concat([noise(512, 3), inlineBlob('go1.21.13', MODINFO_V1)]));
    expect(info && goSdkOf(info).hit).toEqual({ family: 'go-v1', version: '1.50.0' });
  });
  it('a copy of the magic in a string constant is passed over', () => {
    const decoy = Buffer.concat([MAGIC, Buffer.from([0x41, 0x42]), noise(40, 4)]);
    const info = parseGoBuildInfo(Buffer.concat([decoy, noise(100, 5), inlineBlob('go1.22.7', MODINFO_V2)]));
    expect(info?.goVersion).toBe('go1.22.7');
  });
  it('pre-1.18 pointer format: the modinfo is still found by its sentinels, without the Go version', () => {
    const header = Buffer.alloc(32);
    MAGIC.copy(header);
    header[14] = 8;
    header[15] = 0; // pointers, not inline strings
    const modinfo = Buffer.concat([INFO_START, Buffer.from(MODINFO_V1), INFO_END]);
    const info = parseGoBuildInfo(Buffer.concat([noise(64, 6), header, noise(300, 7), modinfo]));
    expect(info).toMatchObject({ goVersion: null, format: 'modinfo', path: 'example.com/legacy' });
    expect(info && goSdkOf(info).hit).toEqual({ family: 'go-v1', version: '1.50.0' });
  });
  it('truncated, empty, or no module info: null or no deps, never a throw', () => {
    const blob = inlineBlob('go1.22.7', MODINFO_V2);
    expect(parseGoBuildInfo(blob.subarray(0, 60))).toBeNull();
    expect(parseGoBuildInfo(new Uint8Array(0))).toBeNull();
    expect(parseGoBuildInfo(noise(4096, 11))).toBeNull();
    // a binary built outside module mode: version, no module framing
    const header = Buffer.alloc(32);
    MAGIC.copy(header);
    header[14] = 8;
    header[15] = 2;
    const bare = parseGoBuildInfo(Buffer.concat([header, uvarint(8), Buffer.from('go1.22.7'), uvarint(0), Buffer.alloc(16)]));
    expect(bare).toMatchObject({ goVersion: 'go1.22.7', deps: [], main: null });
    expect(bare && goSdkOf(bare).hit).toBeNull();
  });
  it('replacements and pseudo-versions', () => {
    const m = parseModinfo('dep\tgithub.com/aws/aws-sdk-go-v2/config\tv1.27.34\n=>\t./fakeconfig\t(devel)\t\nbuild\tGOOS=linux\n');
    expect(m.deps[0]).toEqual({ path: 'github.com/aws/aws-sdk-go-v2/config', version: 'v1.27.34', sum: '', replace: { path: './fakeconfig', version: '(devel)' } });
    expect(goModuleVersion('v1.27.35-0.20240901120000-abcdef123456')).toBe('1.27.35');
    expect(goModuleVersion('(devel)')).toBeNull();
    expect(readUvarint(Uint8Array.from([0x82, 0x03]), 0)).toEqual([386, 2]);
    expect(readUvarint(Uint8Array.from([0x82]), 0)).toEqual([0, 0]);
  });
  it('files: an ELF .go.buildinfo beyond the 64 MiB scan is read through the section table; without the table it is out of reach', async () => {
    const r = await readGoBuildInfo(goElf);
    expect(r.ok && r.value?.where).toBe('ELF section .go.buildinfo at offset 0x4200000');
    const noTable = join(tmp, 'go-elf-no-table');
    writeSparseElf(noTable, inlineBlob('go1.23.2', MODINFO_V2), 66 * 1024 * 1024, false);
    const n = await readGoBuildInfo(noTable);
    expect(n).toEqual({ ok: true, value: null });
  });
  it('files: a named ELF without .go.buildinfo (this node binary) is no Go binary, and is not scanned', async () => {
    // CPU time, not wall time (a loaded machine's other processes do not count): a scan of the
    // whole binary would cost far more than reading its section table
    const started = process.cpuUsage();
    expect(await readGoBuildInfo(process.execPath)).toEqual({ ok: true, value: null });
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(2000);
  });
  it('files: sentinels that straddle a 1 MiB chunk boundary are still found', async () => {
    const modinfo = Buffer.concat([INFO_START, Buffer.from(MODINFO_V1), INFO_END]);
    const path = join(tmp, 'straddle');
    writeFileSync(path, Buffer.concat([noise(1024 * 1024 - 7, 12), modinfo, noise(1000, 13)]));
    const r = await readGoBuildInfo(path);
    expect(r.ok && r.value?.info.format).toBe('modinfo');
    expect(r.ok && r.value?.where).toBe(`offset 0x${(1024 * 1024 - 7).toString(16)} (scanned)`);
    expect(await readGoBuildInfo(join(tmp, 'nope'))).toEqual({ ok: false, error: 'not found (ENOENT)' });
  });

  const hasGo = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
  it.runIf(hasGo)('a real Go binary (built offline: the AWS modules are local replacements)', async () => {
    const dir = join(tmp, 'real-go');
    mkdirSync(join(dir, 'config'), { recursive: true });
    writeFileSync(join(dir, 'go.mod'), 'module example.com/app\n\ngo 1.18\n\nrequire github.com/aws/aws-sdk-go-v2/config v1.27.34\n\nreplace github.com/aws/aws-sdk-go-v2/config v1.27.34 => ./config\n');
    writeFileSync(join(dir, 'config', 'go.mod'), 'module github.com/aws/aws-sdk-go-v2/config\n\ngo 1.18\n');
    writeFileSync(join(dir, 'config', 'config.go'), 'package config\n\nfunc Name() string { return "config" }\n');
    writeFileSync(join(dir, 'main.go'), 'package main\n\nimport "github.com/aws/aws-sdk-go-v2/config"\n\nfunc main() { println(config.Name()) }\n');
    const env = { ...process.env, GOPROXY: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOCACHE: join(dir, '.cache'), GOPATH: join(dir, '.gopath'), CGO_ENABLED: '0' };
    const built = spawnSync('go', ['build', '-o', 'app', '.'], { cwd: dir, env, encoding: 'utf8' });
    expect(built.stderr).toBe('');
    const r = await readGoBuildInfo(join(dir, 'app'));
    expect(r.ok && r.value?.where).toMatch(/^ELF section \.go\.buildinfo at offset 0x[0-9a-f]+$/);
    const info = r.ok ? r.value?.info : undefined;
    expect(info?.goVersion).toMatch(/^go1\.\d+/);
    expect(info?.deps).toContainEqual({ path: 'github.com/aws/aws-sdk-go-v2/config', version: 'v1.27.34', sum: '', replace: { path: './config', version: '(devel)' } });
    expect(info && goSdkOf(info).hit).toEqual({ family: 'go-v2', version: '1.27.34' });
  }, 120_000);
});

describe('pure helpers', () => {
  it.each([
    ['/usr/local/bin/node', ['node', 'server.js'], 'node'],
    ['/usr/bin/nodejs', null, 'node'],
    ['/usr/bin/python3.11', ['python3', 'app.py'], 'python'],
    ['/usr/local/bin/python3.12 (deleted)', null, 'python'],
    ['/usr/lib/jvm/java-17-openjdk-amd64/bin/java', ['java', '-jar', 'a.jar'], 'java'],
    [null, ['/usr/bin/python3', 'x.py'], 'python'],
    ['/app/server', ['/app/server'], 'unknown'],
    ['/sbin/tini', ['tini', '--', 'node', 'x.js'], 'unknown'],
  ] as const)('runtimeOf(%s, %j) → %s', (exe, argv, expected) => {
    expect(runtimeOf(exe, argv)).toBe(expected);
  });

  it('nodeScriptOf skips options and their values', () => {
    expect(nodeScriptOf(['node', '--enable-source-maps', '-r', 'dotenv/config', '--max-old-space-size=512', 'dist/main.js', '--port', '1'])).toBe('dist/main.js');
    expect(nodeScriptOf(['node', '--import', 'tsx', 'src/app.ts'])).toBe('src/app.ts');
    expect(nodeScriptOf(['node', '-e', 'require("x")'])).toBeNull();
    expect(nodeScriptOf(['node'])).toBeNull();
  });

  it('pythonArgsOf: script, -m, -E/-I/-s', () => {
    expect(pythonArgsOf(['python3', '-u', 'app.py', '-m', 'x'])).toEqual({ script: 'app.py', module: null, ignoreEnv: false, noUserSite: false });
    expect(pythonArgsOf(['python3', '-Is', '-m', 'gunicorn', 'app:app'])).toEqual({ script: null, module: 'gunicorn', ignoreEnv: true, noUserSite: true });
    expect(pythonArgsOf(['python3', '-W', 'ignore', '-c', 'print(1)'])).toEqual({ script: null, module: null, ignoreEnv: false, noUserSite: false });
    expect(pythonVersionOf("import os\n__version__ = '1.29.27'\n")).toBe('1.29.27');
    expect(pythonVersionOf('__version__ = "2.9.19"')).toBe('2.9.19');
    expect(pythonVersionOf('version = 1')).toBeNull();
  });

  it('javaClasspathOf: -cp, --class-path=, -jar, CLASSPATH, the default', () => {
    expect(javaClasspathOf(['java', '-cp', 'a.jar:lib/*', 'Main', '-cp', 'x'], {})).toEqual({ entries: ['a.jar', 'lib/*'], origin: '-cp', jar: null });
    expect(javaClasspathOf(['java', '--add-opens', 'java.base/java.lang=ALL-UNNAMED', '--class-path=/app/*', 'Main'], {})).toMatchObject({ entries: ['/app/*'], origin: '--class-path' });
    expect(javaClasspathOf(['java', '-cp', 'ignored', '-jar', '/app/app.jar', '-cp', 'arg'], { CLASSPATH: 'x' })).toEqual({ entries: ['/app/app.jar'], origin: '-jar', jar: '/app/app.jar' });
    expect(javaClasspathOf(['java', 'Main'], { CLASSPATH: '/opt/lib/*:/opt/classes' })).toMatchObject({ entries: ['/opt/lib/*', '/opt/classes'], origin: 'CLASSPATH' });
    expect(javaClasspathOf(['java', 'Main'], {})).toMatchObject({ entries: ['.'], origin: 'default (.)' });
    expect(splitArgFile('# jib\n/app/resources:/app/classes:/app/libs/*\n')).toEqual(['/app/resources:/app/classes:/app/libs/*']);
    expect(splitArgFile('-cp "a b.jar" Main')).toEqual(['-cp', 'a b.jar', 'Main']);
  });

  it('classifyJarName', () => {
    expect(classifyJarName('/app/libs/aws-core-2.25.1.jar')).toEqual({ major: 2, artifact: 'aws-core', version: '2.25.1', strong: true });
    expect(classifyJarName('/app/libs/auth-2.25.1.jar')).toMatchObject({ artifact: 'auth', strong: false });
    expect(classifyJarName('/root/.m2/repository/software/amazon/awssdk/auth/2.25.1/auth-2.25.1.jar')).toMatchObject({ artifact: 'auth', strong: true });
    expect(classifyJarName('aws-java-sdk-core-1.12.700.jar')).toEqual({ major: 1, artifact: 'core', version: '1.12.700', strong: true });
    expect(classifyJarName('slf4j-api-2.0.9.jar')).toBeNull();
    expect(classifyJarName('aws-java-sdk-s3-1.12.700.jar')).toBeNull();
  });

  it('pnpmEntryVersion: pnpm 7/8 and 9 peer suffixes', () => {
    expect(pnpmEntryVersion('@aws-sdk+credential-provider-node@3.600.0', '@aws-sdk/credential-provider-node')).toBe('3.600.0');
    expect(pnpmEntryVersion('@aws-sdk+credential-provider-node@3.734.0_@aws-sdk+client-sts@3.734.0', '@aws-sdk/credential-provider-node')).toBe('3.734.0');
    expect(pnpmEntryVersion('@aws-sdk+credential-provider-node@3.734.0(@aws-sdk/client-sts@3.734.0)', '@aws-sdk/credential-provider-node')).toBe('3.734.0');
    expect(pnpmEntryVersion('aws-sdk@2.1500.0', 'aws-sdk')).toBe('2.1500.0');
    expect(pnpmEntryVersion('@aws-sdk+credential-provider-ini@3.600.0', '@aws-sdk/credential-provider-node')).toBeNull();
  });

  it('the find* helpers on their own', async () => {
    expect((await findNodeSdk(join(fx, 'node-v2', 'app'))).hit).toMatchObject({ family: 'js-v2', version: '2.1500.0' });
    expect((await findNodeSdk(join(fx, 'empty-app'), { nodePath: [join(fx, 'node-v3', 'app', 'node_modules')] })).hit).toMatchObject({ family: 'js-v3', version: '3.600.0' });
    const dist = join(fx, 'debian-awscli', 'usr', 'lib', 'python3', 'dist-packages');
    const site = join(fx, 'python-venv', 'venv', 'lib', 'python3.11', 'site-packages');
    // a boto3 app on a machine that also has the Debian CLI: its botocore is what it imports
    expect((await findBotocore([dist, site])).hit).toMatchObject({ family: 'python', version: '1.29.27' });
    expect((await findBotocore([dist, site], { preferCli: true })).hit).toMatchObject({ family: 'aws-cli', version: '2.9.19' });
    expect((await findBotocore([join(tmp, 'none')])).hit).toBeNull();
    expect((await findJavaSdk(['libs/*'], { cwd: join(fx, 'java-v2', 'app') })).hit).toMatchObject({ family: 'java-v2', version: '2.25.1' });
    expect((await findJavaSdk([join(fx, 'java-v1', 'lib', '*')])).hit).toMatchObject({ family: 'java-v1', version: '1.12.700' });
    expect((await findJavaSdk([join(fx, 'java-v2', 'app', 'libs', 'sts-2.25.1.jar')])).hit).toBeNull();
  });
});
