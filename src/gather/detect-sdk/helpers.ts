/**
 * Small I/O helpers shared by every runtime's detection: capped, and they return an error
 * string instead of throwing (detection never throws; an unreadable entry is evidence).
 */
import { type FileHandle, open, readdir, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { describeError, errorCode } from '../../errors.ts';
import { compareVersions } from '../../versions.ts';
import type { Evidence, Read } from './types.ts';

const { isAbsolute, resolve } = posix;

/** Text files (package.json, __init__.py, /proc entries, Java @argfiles) are read up to this. */
export const TEXT_CAP = 1024 * 1024;
/** Directory listings are cut here: a site-packages or .pnpm can be large, not unbounded. */
const DIR_CAP = 20_000;
const VALUE_CAP = 400;

/** A short, stable reason for an fs error: the code first (it is what users search for). */
export function describeFsError(e: unknown): string {
  const code = errorCode(e);
  switch (code) {
    case 'ENOENT':
      return 'not found (ENOENT)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'EISDIR':
      return 'is a directory (EISDIR)';
    case 'ENOTDIR':
      return 'not a directory (ENOTDIR)';
    case 'ESRCH':
      return 'no such process (ESRCH)';
    default:
      return code === undefined ? describeError(e) : `${code}: ${describeError(e)}`;
  }
}

export function notAFile(st: { isDirectory(): boolean }): string {
  return st.isDirectory() ? 'is a directory (EISDIR)' : 'not a regular file';
}

/**
 * Reads a whole file up to `cap` bytes. It reads until EOF rather than trusting stat's size,
 * because /proc files report size 0.
 */
export async function readBytesCapped(path: string, cap = TEXT_CAP): Promise<Read<Buffer>> {
  let handle: FileHandle;
  try {
    // opening a FIFO would wait for a writer forever; /proc entries are regular files
    const st = await stat(path);
    if (!st.isFile()) return { ok: false, error: notAFile(st) };
    handle = await open(path, 'r');
  } catch (e) {
    return { ok: false, error: describeFsError(e) };
  }
  try {
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(Math.min(64 * 1024, cap + 1 - total));
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      parts.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > cap) return { ok: false, error: `over the ${cap}-byte cap; not read` };
    }
    return { ok: true, value: Buffer.concat(parts) };
  } catch (e) {
    return { ok: false, error: describeFsError(e) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export async function readTextCapped(path: string, cap = TEXT_CAP): Promise<Read<string>> {
  const r = await readBytesCapped(path, cap);
  return r.ok ? { ok: true, value: r.value.toString('utf8') } : r;
}

export async function listDir(path: string): Promise<string[]> {
  try {
    return (await readdir(path)).slice(0, DIR_CAP);
  } catch {
    return [];
  }
}

export async function isDir(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

export async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** `root` is /proc/<pid>/root (the app's filesystem seen from here) or '' (our own). */
export function at(root: string, appPath: string): string {
  return root === '' ? appPath : `${root}${appPath.startsWith('/') ? '' : '/'}${appPath}`;
}

/** Resolves a path the app wrote (relative to its cwd). */
export function appPath(p: string, cwd: string | null): string {
  return isAbsolute(p) || cwd === null ? p : resolve(cwd, p);
}

export function ev(label: string, value: string): Evidence {
  return { label, value: value.length > VALUE_CAP ? `${value.slice(0, VALUE_CAP - 1)}…` : value };
}

export function uniq(items: readonly string[]): string[] {
  return [...new Set(items.filter((s) => s !== ''))];
}

/** compareVersions on release numbers only (a prerelease suffix is ignored); 0 when either is no version. */
export function safeCompare(a: string, b: string): number {
  const n = compareVersions(a.replace(/-.*$/, ''), b.replace(/-.*$/, ''));
  return Number.isNaN(n) ? 0 : n;
}

/** "a, b or c", for evidence that names the runtimes looked for. */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}
