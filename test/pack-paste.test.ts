// scripts/pack-paste.mjs: the snippet for pasting the bundle into an ECS Exec shell. It is fed
// to `sh` on stdin, line by line as a paste arrives, in an empty TMPDIR with an environment
// holding only PATH and TMPDIR (test/pack-paste-pty.test.ts pastes it through a terminal).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(ROOT, 'dist', 'ecs-cred-doctor.mjs');
const SCRIPT = join(ROOT, 'scripts', 'pack-paste.mjs');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** node's directory and the usual system ones: sh, node, nothing else of the developer's */
const PATH = [dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':');
const SHELLS = ['sh', ...['bash', 'busybox'].filter((s) => spawnSync('sh', ['-c', `command -v ${s}`]).status === 0)];

let snippet = '';
let sizeLine = '';
const dirs: string[] = [];

beforeAll(() => {
  if (!existsSync(BUNDLE)) {
    const b = spawnSync(process.execPath, ['build.mjs', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`node build.mjs failed:\n${b.stderr}`);
  }
  const r = spawnSync(process.execPath, [SCRIPT], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pack-paste failed (${r.status}):\n${r.stderr}`);
  snippet = r.stdout;
  sizeLine = r.stderr;
}, 60_000);

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function cleanDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ecd-paste-'));
  dirs.push(d);
  return d;
}

/** Runs a snippet as a paste: the shell reads it from stdin. */
function paste(text: string, dir: string, shell = 'sh') {
  const args = shell === 'busybox' ? ['sh'] : [];
  return spawnSync(shell, args, { input: text, cwd: dir, env: { PATH, TMPDIR: dir }, encoding: 'utf8', timeout: 30_000 });
}

/** The snippet's base64 lines: between the heredoc's opening line and its delimiter. */
function payloadLines(text: string): { start: number; end: number; lines: string[] } {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.includes("<<'ECD_PAYLOAD_END'")) + 1;
  const end = lines.indexOf('ECD_PAYLOAD_END');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return { start, end, lines };
}

describe('pack:paste snippet', () => {
  it('reports its size in bytes on stderr', () => {
    const m = /snippet (\d+) bytes/.exec(sizeLine);
    expect(m, sizeLine).not.toBeNull();
    expect(Number(m?.[1])).toBe(Buffer.byteLength(snippet));
  });

  it('pastes well: lines of at most 1000 bytes (busybox sh keeps 1,022), no tabs, no `!`, a quoted heredoc of base 85', () => {
    const lines = snippet.split('\n');
    expect(Math.max(...lines.map((l) => Buffer.byteLength(l)))).toBeLessThanOrEqual(1000);
    // few lines: the payload fills its lines, and the decoder takes at most two
    expect(lines.length).toBeLessThan(Buffer.byteLength(snippet) / 950 + 6);
    expect(snippet).not.toMatch(/[\t!]/);
    const { start, end } = payloadLines(snippet);
    // base 85: printable ASCII without ! ^ (bash history), quotes, $, backslash, braces
    for (const l of lines.slice(start, end)) expect(l).toMatch(/^[#%&(-[\]_a-z|~]{1,1000}$/);
    expect(start).toBeLessThanOrEqual(2);
    // far smaller than the bundle as it is
    expect(Buffer.byteLength(snippet)).toBeLessThan(readFileSync(BUNDLE).length);
  });

  for (const shell of SHELLS) {
    it(`${shell}: writes a byte-identical bundle to $TMPDIR that runs --version`, () => {
      const dir = cleanDir();
      const r = paste(snippet, dir, shell);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const out = join(dir, 'ecs-cred-doctor.mjs');
      expect(r.stdout).toContain(`written to ${out}`);
      expect(r.stdout).toContain(`node ${out}`);
      expect(readFileSync(out).equals(readFileSync(BUNDLE))).toBe(true);
      // nothing else is left behind (no partial file)
      expect(readdirSync(dir)).toEqual(['ecs-cred-doctor.mjs']);
      const v = spawnSync(process.execPath, [out, '--version'], { env: { PATH }, encoding: 'utf8' });
      expect(v.stdout).toBe(`ecs-cred-doctor ${VERSION}\n`);
      expect(v.status).toBe(0);
    });
  }

  it('a flipped payload character fails the checksum and leaves no runnable file, not even an old one', () => {
    const { start, end, lines } = payloadLines(snippet);
    const at = Math.floor((start + end) / 2);
    const line = lines[at] ?? '';
    const flipped = line.charAt(10) === 'A' ? 'B' : 'A';
    lines[at] = line.slice(0, 10) + flipped + line.slice(11);
    const corrupted = lines.join('\n');
    expect(corrupted).not.toBe(snippet);

    const dir = cleanDir();
    const out = join(dir, 'ecs-cred-doctor.mjs');
    writeFileSync(out, 'console.log("a stale copy from an earlier paste")\n');
    const r = paste(corrupted, dir);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/checksum mismatch: the pasted payload is damaged/);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(r.stdout).not.toMatch(/run it/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a payload cut short fails the same way', () => {
    const { end, lines } = payloadLines(snippet);
    const cut = [...lines.slice(0, end - 40), ...lines.slice(end)].join('\n');
    const dir = cleanDir();
    const r = paste(cut, dir);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/checksum mismatch/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an extracted file that differs from the expected sha256 is refused and removed', () => {
    // the payload is intact but the file's expected digest is not: the second check must hold
    const m = /h\(f\.readFileSync\(t\)\)==="([0-9a-f]{64})"\|\|x\("checksum mismatch: "\+t/.exec(snippet);
    expect(m, 'the file digest check').not.toBeNull();
    const digest = m?.[1] ?? '';
    const wrong = snippet.replace(`"${digest}"||x(`, `"${'0'.repeat(64)}"||x(`);
    expect(wrong).not.toBe(snippet);
    const dir = cleanDir();
    const r = paste(wrong, dir);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/checksum mismatch: .*is not ecs-cred-doctor/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('no node on PATH: one line pointing to the sidecar runbook, status 1 (not 127), nothing written', () => {
    const dir = cleanDir();
    mkdirSync(join(dir, 'bin'));
    const r = spawnSync('/bin/sh', [], { input: snippet, cwd: dir, env: { PATH: join(dir, 'bin'), TMPDIR: dir }, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('ecs-cred-doctor: no node on PATH in this container: run the tool from a doctor sidecar instead (README, Runbooks)\n');
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual(['bin']);
  });

  it('an unwritable TMPDIR gives a clear error', () => {
    const r = spawnSync('sh', [], { input: snippet, env: { PATH, TMPDIR: '/proc/ecs-cred-doctor-no-such-dir' }, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/cannot write .*set TMPDIR to a writable directory/);
  });
});
