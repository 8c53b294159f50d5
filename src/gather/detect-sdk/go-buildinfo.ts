/**
 * Go build info (the Go version and the module list a binary was linked with), parsed from
 * bytes and read from an executable file, as golang/go src/debug/buildinfo/buildinfo.go does.
 */
import { open, stat } from 'node:fs/promises';
import { describeFsError, notAFile, TEXT_CAP } from './helpers.ts';
import { readAt, readElfSections, type FileHandle } from './elf.ts';
import type { Read } from './types.ts';

/** A Go binary is scanned for its build info in its first 64 MiB at most, 1 MiB at a time. */
export const GO_SCAN_CAP = 64 * 1024 * 1024;
const GO_CHUNK = 1024 * 1024;
/** Bytes read from a build-info blob or an ELF section; a modinfo of many hundred modules fits. */
const GO_WINDOW = 1024 * 1024;

export interface GoModule {
  path: string;
  version: string;
  sum: string;
  replace: { path: string; version: string } | null;
}
export interface GoBuildInfo {
  /** e.g. go1.22.4; null when only the modinfo text was found (pre-1.18 pointer format) */
  goVersion: string | null;
  path: string | null;
  main: GoModule | null;
  deps: GoModule[];
  /** 'inline': the Go 1.18+ header; 'modinfo': the sentinel-framed text only */
  format: 'inline' | 'modinfo';
  /** where in the given bytes the blob starts */
  offset: number;
}
/** Build info and where in the file it was found. */
export interface GoInfoAt {
  info: GoBuildInfo;
  where: string;
}

// mirrors golang/go src/debug/buildinfo/buildinfo.go (buildInfoMagic) and
// src/cmd/link/internal/ld/data.go (Link.buildinfo): 14 magic bytes, pointer size, flags
const GO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const GO_HEADER = 32;
// flags bit 2: "new pointer-free format" (Go 1.18+), the two strings follow the header inline
const GO_FLAG_INLINE = 2;
// mirrors golang/go src/cmd/go/internal/modload/build.go (infoStart, infoEnd): the sentinels
// framing runtime.modinfo, in every Go version that has module info
const GO_INFO_START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
const GO_INFO_END = Buffer.from('f932433186182072008242104116d8f2', 'hex');

/** encoding/binary.Uvarint: [value, bytes used]; bytes used 0 when the input is cut or too long. */
export function readUvarint(b: Uint8Array, at: number): [number, number] {
  let x = 0;
  let scale = 1;
  for (let i = 0; i < 10 && at + i < b.length; i++) {
    const byte = b[at + i] ?? 0;
    x += (byte & 0x7f) * scale;
    if (byte < 0x80) return Number.isSafeInteger(x) ? [x, i + 1] : [0, 0];
    scale *= 128;
  }
  return [0, 0];
}

/** debug/buildinfo decodeString: a uvarint length, then that many bytes. */
function decodeGoString(b: Buffer, at: number): { s: string; next: number } | null {
  const [len, n] = readUvarint(b, at);
  if (n === 0 || at + n + len > b.length) return null;
  return { s: b.toString('utf8', at + n, at + n + len), next: at + n + len };
}

/**
 * debug/buildinfo readRawBuildInfo: strip the 16-byte sentinels around the module info, or
 * there is none (a binary built outside module mode). Checked on bytes: the framing is binary.
 * mirrors `len(mod) >= 33 && mod[len(mod)-17] == '\n'`
 */
function stripModinfoFraming(raw: Buffer): string {
  return raw.length >= 33 && raw[raw.length - 17] === 0x0a ? raw.toString('utf8', 16, raw.length - 16) : '';
}

/**
 * The modinfo text (`path`, `mod`, `dep`, `=>` and `build` lines), leniently: a malformed line
 * is skipped rather than failing the whole parse as runtime/debug.ParseBuildInfo would.
 * mirrors golang/go src/runtime/debug/mod.go (ParseBuildInfo)
 */
export function parseModinfo(text: string): { path: string | null; main: GoModule | null; deps: GoModule[] } {
  let path: string | null = null;
  let main: GoModule | null = null;
  const deps: GoModule[] = [];
  let last: GoModule | null = null;
  for (const line of text.split('\n')) {
    const [word, ...cols] = line.split('\t');
    if (word === 'path') path = cols.join('\t');
    else if ((word === 'mod' || word === 'dep') && (cols.length === 2 || cols.length === 3)) {
      const m: GoModule = { path: cols[0] ?? '', version: cols[1] ?? '', sum: cols[2] ?? '', replace: null };
      if (word === 'mod') main = m;
      else deps.push(m);
      last = m;
    } else if (word === '=>' && cols.length === 3 && last) {
      last.replace = { path: cols[0] ?? '', version: cols[1] ?? '' };
      last = null;
    }
  }
  return { path, main, deps };
}

function indexesOf(b: Buffer, needle: Buffer, limit = 64): number[] {
  const out: number[] = [];
  for (let i = b.indexOf(needle); i >= 0 && out.length < limit; i = b.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** The Go 1.18+ header at `i`: the magic, pointer size, inline flag, then the two strings; null when `i` is a look-alike. */
function parseInlineBlob(b: Buffer, i: number): GoBuildInfo | null {
  const ptrSize = b[i + 14];
  const flags = b[i + 15] ?? 0;
  if ((ptrSize !== 4 && ptrSize !== 8) || (flags & GO_FLAG_INLINE) === 0) return null;
  const vers = decodeGoString(b, i + GO_HEADER);
  if (!vers || !/^(go\d|devel)/.test(vers.s)) return null;
  const [len, n] = readUvarint(b, vers.next);
  if (n === 0 || vers.next + n + len > b.length) return null;
  const raw = b.subarray(vers.next + n, vers.next + n + len);
  return { goVersion: vers.s, ...parseModinfo(stripModinfoFraming(raw)), format: 'inline', offset: i };
}

/**
 * Go build info in a byte range of a binary. Go 1.18+ writes a 32-byte header (the magic,
 * the pointer size, flags with bit 2 set) followed by two uvarint-prefixed strings: the Go
 * version and runtime.modinfo (the module list framed by 16-byte sentinels). Older binaries
 * hold pointers instead, which need the executable's address map; for those the modinfo
 * text is still found by its sentinels, without the Go version.
 */
export function parseGoBuildInfo(bytes: Uint8Array): GoBuildInfo | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const i of indexesOf(b, GO_MAGIC)) {
    // a copy of the magic inside a string constant (a program that imports debug/buildinfo)
    // fails these checks; Go itself also requires 16-byte alignment within the data section
    if (b.length - i < GO_HEADER) break;
    const info = parseInlineBlob(b, i);
    if (info) return info;
  }
  for (const i of indexesOf(b, GO_INFO_START)) {
    const end = b.indexOf(GO_INFO_END, i + GO_INFO_START.length);
    if (end < 0) break;
    const text = b.toString('utf8', i + GO_INFO_START.length, end);
    const parsed = parseModinfo(text);
    if (parsed.path !== null || parsed.main !== null || parsed.deps.length > 0) return { goVersion: null, ...parsed, format: 'modinfo', offset: i };
  }
  return null;
}

/**
 * Through the ELF section table: the build info, null when the table names no
 * .go.buildinfo (no Go binary), 'scan' when the table cannot tell (no table, or a
 * pre-1.18 section of pointers).
 */
async function fromElfSection(fh: FileHandle, size: number): Promise<GoInfoAt | null | 'scan'> {
  const sections = await readElfSections(fh, size, TEXT_CAP);
  if (sections === null) return 'scan';
  const section = sections.find((s) => s.name === '.go.buildinfo');
  if (section) {
    const info = parseGoBuildInfo(await readAt(fh, section.offset, Math.min(section.size, GO_WINDOW)));
    // before Go 1.18 the section holds pointers: the modinfo text is found by the scan
    return info ? { info, where: `ELF section .go.buildinfo at offset 0x${section.offset.toString(16)}` } : 'scan';
  }
  // the Go linker names .go.buildinfo in every ELF it writes: a named table without it is no Go binary (nginx, envoy...)
  return sections.some((s) => s.name === '.text') ? null : 'scan';
}

/** The first 64 MiB, 1 MiB at a time, for the magic and the modinfo sentinels (a needle may straddle two chunks). */
async function scanForBuildInfo(fh: FileHandle, size: number): Promise<GoInfoAt | null> {
  const limit = Math.min(size, GO_SCAN_CAP);
  let windows = 0;
  const overlap = GO_INFO_START.length - 1;
  let carry = Buffer.alloc(0);
  for (let off = 0; off < limit; off += GO_CHUNK) {
    const chunk = await readAt(fh, off, Math.min(GO_CHUNK, limit - off));
    if (chunk.length === 0) break;
    const buf = Buffer.concat([carry, chunk]);
    const base = off - carry.length;
    // a needle wholly inside the carried tail was already seen in the previous chunk
    const fresh =
      (needle: Buffer) =>
      (h: number): boolean =>
        h + needle.length > carry.length;
    const hits = [...indexesOf(buf, GO_MAGIC, 16).filter(fresh(GO_MAGIC)), ...indexesOf(buf, GO_INFO_START, 16).filter(fresh(GO_INFO_START))].sort((a, b) => a - b);
    for (const h of hits) {
      // a file full of look-alikes cannot turn the 64 MiB scan into gigabytes of reads
      if (++windows > 16) return null;
      const info = parseGoBuildInfo(await readAt(fh, base + h, GO_WINDOW));
      if (info) return { info, where: `offset 0x${(base + h).toString(16)} (scanned)` };
    }
    carry = buf.subarray(Math.max(0, buf.length - overlap));
  }
  return null;
}

/**
 * Go build info from an executable file. An ELF binary names its `.go.buildinfo` section,
 * which the linker places after the code and read-only data (deep in a large binary), so it
 * is read directly; otherwise the first 64 MiB are scanned in 1 MiB chunks for the magic and
 * the modinfo sentinels. Read errors are returned, never thrown.
 */
export async function readGoBuildInfo(path: string): Promise<Read<GoInfoAt | null>> {
  let fh: FileHandle;
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) return { ok: false, error: notAFile(st) };
    size = st.size;
    fh = await open(path, 'r');
  } catch (e) {
    return { ok: false, error: describeFsError(e) };
  }
  try {
    const elf = await fromElfSection(fh, size);
    return { ok: true, value: elf === 'scan' ? await scanForBuildInfo(fh, size) : elf };
  } catch (e) {
    return { ok: false, error: describeFsError(e) };
  } finally {
    await fh.close().catch(() => undefined);
  }
}
