// Go build info for the detect-sdk tests, written the way the linker writes it:
// golang/go src/cmd/link/internal/ld/data.go (Link.buildinfo) and src/debug/buildinfo/buildinfo.go;
// noise to hide a blob in, and a sparse ELF that names .go.buildinfo far into the file.
import { closeSync, openSync, writeSync } from 'node:fs';

export const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
// golang/go src/cmd/go/internal/modload/build.go (infoStart, infoEnd)
export const INFO_START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
export const INFO_END = Buffer.from('f932433186182072008242104116d8f2', 'hex');

export function uvarint(n: number): Buffer {
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
export function inlineBlob(goVersion: string, modinfo: string): Buffer {
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
export function noise(length: number, seed: number): Buffer {
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

export const MODINFO_V2 = [
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
export const MODINFO_V1 = [
  'path\texample.com/legacy',
  'mod\texample.com/legacy\t(devel)\t',
  'dep\tgithub.com/aws/aws-sdk-go\tv1.50.0\th1:HBtrLeO+QyDKnc3t1+5DR1RxodOHCGr8ZcrHudpv7jI=',
  'dep\tgithub.com/jmespath/go-jmespath\tv0.4.0\th1:BEgLn5cpjn8UN1mAw4NjwDrS35OdebyEtFe+9YPoQUg=',
  'build\tGOOS=linux',
  '',
].join('\n');

/** A minimal ELF64 with a section header table naming .go.buildinfo at `blobOffset` (the file is sparse). */
export function writeSparseElf(path: string, blob: Buffer, blobOffset: number, validTable = true): void {
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
