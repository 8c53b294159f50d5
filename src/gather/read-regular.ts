/**
 * Reads a file the user (or a hostile environment) named, bounded whatever sits at the path: a
 * FIFO blocks open() forever, /dev/zero never ends, a procfs file reports size 0 and has content.
 * So: stat before open and refuse what is not a regular file; open non-blocking all the same (the
 * path may be swapped between the stat and the open); check the opened file is the one stat saw;
 * read up to the cap plus one byte, whatever size stat reported.
 */
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { describeError, errorCode } from '../errors.ts';

export type RegularRead = { state: 'ok'; size: number; bytes: Buffer } | { state: 'missing' | 'unreadable' | 'not-a-file' | 'too-large'; size: number | null; error: string; code: string | null };

const CHUNK = 64 * 1024;

/** What a non-regular file is, in a finding's words. */
function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isDirectory()) return 'is a directory';
  if (st.isFIFO()) return 'is a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device';
  if (st.isSocket()) return 'is a socket';
  return 'is not a regular file';
}

function failed(e: unknown): RegularRead {
  const code = errorCode(e) ?? null;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'missing', size: null, error: 'no such file', code };
  return { state: 'unreadable', size: null, error: `${code ?? 'error'}: ${describeError(e)}`, code };
}

/** Reads `path` (symlinks followed) if it is a regular file of at most `cap` bytes; never throws. */
export async function readRegularFile(path: string, cap: number): Promise<RegularRead> {
  let before: Awaited<ReturnType<typeof stat>>;
  try {
    before = await stat(path);
  } catch (e) {
    return failed(e);
  }
  if (!before.isFile()) return { state: 'not-a-file', size: before.size, error: kindOf(before), code: null };
  if (before.size > cap) return { state: 'too-large', size: before.size, error: `${before.size} bytes, over the ${cap}-byte cap; not read`, code: null };
  let handle: FileHandle;
  try {
    // O_NONBLOCK: a FIFO swapped in after the stat opens at once instead of waiting for a writer
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    return failed(e);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile() || st.ino !== before.ino || st.dev !== before.dev) return { state: 'not-a-file', size: st.size, error: st.isFile() ? 'was replaced while read; not read' : kindOf(st), code: null };
    const chunks: Buffer[] = [];
    let total = 0;
    // size is only a hint (procfs says 0, a growing file says less): read until EOF or past the cap
    while (total <= cap) {
      const buf = Buffer.alloc(Math.min(CHUNK, cap + 1 - total));
      const { bytesRead } = await handle.read(buf, 0, buf.length, total);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
      total += bytesRead;
    }
    if (total > cap) return { state: 'too-large', size: st.size, error: `grew past the ${cap}-byte cap while read; not read`, code: null };
    return { state: 'ok', size: st.size, bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    const r = failed(e);
    return r.state === 'missing' ? { ...r, state: 'unreadable' } : r;
  } finally {
    await handle.close().catch(() => undefined);
  }
}
