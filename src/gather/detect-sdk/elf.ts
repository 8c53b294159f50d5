/**
 * Just enough ELF to find a named section's bytes: the header's section table, the section
 * names, and positioned reads. Go's linker names `.go.buildinfo` in every ELF it writes.
 */
import { open } from 'node:fs/promises';

export interface ElfSection {
  name: string;
  offset: number;
  size: number;
}
export interface ElfSectionTable {
  shoff: number;
  entsize: number;
  count: number;
  strndx: number;
  is64: boolean;
  le: boolean;
}
export type FileHandle = Awaited<ReturnType<typeof open>>;

/** The section header table's place, from an ELF header (32- or 64-bit, either byte order). */
export function elfSectionTable(head: Uint8Array): ElfSectionTable | null {
  if (head.length < 64 || head[0] !== 0x7f || head[1] !== 0x45 || head[2] !== 0x4c || head[3] !== 0x46) return null;
  const is64 = head[4] === 2;
  const le = head[5] !== 2;
  const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const shoff = is64 ? Number(v.getBigUint64(0x28, le)) : v.getUint32(0x20, le);
  const entsize = v.getUint16(is64 ? 0x3a : 0x2e, le);
  const count = v.getUint16(is64 ? 0x3c : 0x30, le);
  const strndx = v.getUint16(is64 ? 0x3e : 0x32, le);
  if (!Number.isSafeInteger(shoff) || shoff === 0 || count === 0 || count > 4096 || entsize < (is64 ? 64 : 40) || entsize > 256 || strndx >= count) return null;
  return { shoff, entsize, count, strndx, is64, le };
}

/** Section names, file offsets and sizes from the section header table and .shstrtab. */
export function elfSections(table: Uint8Array, t: ElfSectionTable, strtab: Uint8Array): ElfSection[] {
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const out: ElfSection[] = [];
  for (let i = 0; i < t.count && (i + 1) * t.entsize <= table.length; i++) {
    const o = i * t.entsize;
    const nameOff = v.getUint32(o, t.le);
    const offset = t.is64 ? Number(v.getBigUint64(o + 0x18, t.le)) : v.getUint32(o + 0x10, t.le);
    const size = t.is64 ? Number(v.getBigUint64(o + 0x20, t.le)) : v.getUint32(o + 0x14, t.le);
    const end = strtab.indexOf(0, nameOff);
    const name = nameOff < strtab.length ? Buffer.from(strtab.buffer, strtab.byteOffset, strtab.byteLength).toString('latin1', nameOff, end < 0 ? strtab.length : end) : '';
    out.push({ name, offset, size });
  }
  return out;
}

export async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(Math.max(0, length));
  const { bytesRead } = await fh.read(buf, 0, buf.length, position);
  return buf.subarray(0, bytesRead);
}

/** Whether a file starts with the ELF magic; false when it cannot be read. */
export async function hasElfMagic(path: string): Promise<boolean> {
  try {
    const fh = await open(path, 'r');
    try {
      const head = await readAt(fh, 0, 4);
      return head.length === 4 && head.readUInt32BE(0) === 0x7f454c46;
    } finally {
      await fh.close().catch(() => undefined);
    }
  } catch {
    return false;
  }
}

/** The named sections of an ELF file, or null when it has no readable section table (or is no ELF). */
export async function readElfSections(fh: FileHandle, size: number, strtabCap: number): Promise<ElfSection[] | null> {
  const table = elfSectionTable(await readAt(fh, 0, 64));
  if (!table || table.shoff + table.count * table.entsize > size) return null;
  const raw = await readAt(fh, table.shoff, table.count * table.entsize);
  const strHeader = elfSections(raw, table, new Uint8Array(0))[table.strndx];
  if (!strHeader || strHeader.size > strtabCap) return null;
  const strtab = await readAt(fh, strHeader.offset, strHeader.size);
  return elfSections(raw, table, strtab);
}
