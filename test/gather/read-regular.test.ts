// The bounded reader every configured path goes through: what is not a regular file is refused
// before open (a FIFO would block open() forever), procfs files are read to EOF, caps hold.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRegularFile } from '../../src/gather/read-regular.ts';
import { profilesTheChainsRead } from '../../src/gather/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'ecd-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readRegularFile', () => {
  it('refuses a FIFO without opening it (no writer: open() would never return)', async () => {
    const fifo = join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = await readRegularFile(fifo, 1024);
    expect(r.state).toBe('not-a-file');
    expect(r.state !== 'ok' && r.error).toBe('is a named pipe (FIFO)');
  });

  it('refuses devices, directories, and follows a symlink only to a regular file', async () => {
    expect((await readRegularFile('/dev/zero', 1024)).state).toBe('not-a-file');
    expect((await readRegularFile('/dev/urandom', 1024)).state).toBe('not-a-file');
    expect((await readRegularFile(dir, 1024)).state).toBe('not-a-file');
    const target = join(dir, 'target');
    writeFileSync(target, 'abc');
    symlinkSync(target, join(dir, 'link'));
    symlinkSync('/dev/zero', join(dir, 'zero-link'));
    const r = await readRegularFile(join(dir, 'link'), 1024);
    expect(r.state === 'ok' && r.bytes.toString()).toBe('abc');
    expect((await readRegularFile(join(dir, 'zero-link'), 1024)).state).toBe('not-a-file');
  });

  it('reads a procfs file that reports size 0 to its end, not as 1 byte', async () => {
    const expected = readFileSync('/proc/self/status');
    const r = await readRegularFile('/proc/self/status', 64 * 1024);
    expect(r.state).toBe('ok');
    // the status of this very process: the first line (its name) is stable while it runs
    expect(r.state === 'ok' && r.bytes.length).toBeGreaterThan(100);
    expect(r.state === 'ok' && r.bytes.toString().split('\n')[0]).toBe(expected.toString().split('\n')[0]);
  });

  it('reads an empty file as empty, and caps at the byte', async () => {
    writeFileSync(join(dir, 'empty'), '');
    const empty = await readRegularFile(join(dir, 'empty'), 10);
    expect(empty.state === 'ok' && empty.bytes.length).toBe(0);
    writeFileSync(join(dir, 'ten'), '0123456789');
    expect((await readRegularFile(join(dir, 'ten'), 10)).state).toBe('ok');
    expect((await readRegularFile(join(dir, 'ten'), 9)).state).toBe('too-large');
    expect((await readRegularFile(join(dir, 'nope'), 9)).state).toBe('missing');
  });
});

describe('profilesTheChainsRead', () => {
  const config = {
    default: { web_identity_token_file: '/t/default' },
    app: { source_profile: 'mid', role_arn: 'arn:aws:iam::123456789012:role/a' },
    mid: { source_profile: 'base', role_arn: 'arn:aws:iam::123456789012:role/m' },
    base: { web_identity_token_file: '/t/base', role_arn: 'arn:aws:iam::123456789012:role/b' },
    unrelated: { web_identity_token_file: '/t/unrelated' },
    loop1: { source_profile: 'loop2' },
    loop2: { source_profile: 'loop1' },
  };
  it('follows the named profile and its source_profile chain, plus default; nothing else', () => {
    expect(profilesTheChainsRead({ AWS_PROFILE: 'app' }, undefined, config, {}).sort()).toEqual(['app', 'base', 'default', 'mid']);
    expect(profilesTheChainsRead({}, undefined, config, {})).toEqual(['default']);
  });
  it('takes AWS_DEFAULT_PROFILE and -Daws.profile too, and ends on a source_profile loop', () => {
    expect(profilesTheChainsRead({ AWS_DEFAULT_PROFILE: 'loop1', JAVA_TOOL_OPTIONS: '-Daws.profile=base' }, undefined, config, {}).sort()).toEqual(['base', 'default', 'loop1', 'loop2']);
  });
  it('stays bounded on a 100k-profile chain', () => {
    const big: Record<string, Record<string, string>> = {};
    for (let i = 0; i < 100_000; i++) big[`p${i}`] = { source_profile: `p${i + 1}`, web_identity_token_file: `/t/${i}` };
    expect(profilesTheChainsRead({ AWS_PROFILE: 'p0' }, undefined, big, {}).length).toBeLessThanOrEqual(16);
  });
});
