// Go build info as Go 1.18+ links it (and the older modinfo-only form), in bytes and in files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goModuleVersion, goSdkOf } from '../../../src/gather/detect-sdk/go.ts';
import { parseGoBuildInfo, parseModinfo, readGoBuildInfo, readUvarint } from '../../../src/gather/detect-sdk/go-buildinfo.ts';
import { INFO_END, INFO_START, inlineBlob, MAGIC, MODINFO_V1, MODINFO_V2, noise, uvarint, writeSparseElf } from './go-blob.ts';
import { newWorld, removeWorld, writeGoBinaries } from './world.ts';

const w = newWorld();
const { tmp, goElf } = w;
beforeAll(() => writeGoBinaries(w));
afterAll(() => removeWorld(w));

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
  it.runIf(hasGo)(
    'a real Go binary (built offline: the AWS modules are local replacements)',
    async () => {
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
    },
    120_000,
  );
});
