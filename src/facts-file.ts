/**
 * The facts file for support: what the tool gathered, redacted (no secret, no token,
 * masked key ids), so a report can be replayed offline exactly as the customer saw it.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Facts } from './model/facts.ts';
import { UsageError } from './errors.ts';
import { VERSION } from './version.ts';
import { escapeJsonText } from './render/escape.ts';
import { readRegularFile } from './gather/read-regular.ts';

const KIND = 'ecs-cred-doctor-facts';
const CAP = 8 * 1024 * 1024;

export function serialiseFacts(facts: Facts): string {
  // a facts file is read with `cat` and pasted into tickets: no raw C1 or bidi character either
  return `${escapeJsonText(JSON.stringify({ kind: KIND, schemaVersion: 1, tool: { name: 'ecs-cred-doctor', version: VERSION }, facts }, null, 2))}\n`;
}

/**
 * Written only when the user asks (--facts-out), after the report is out. Created new, never
 * through a symlink, mode 0600: an existing path (a planted symlink, a FIFO, someone's file) is
 * refused with EEXIST rather than followed, overwritten or blocked on.
 */
export async function writeFactsFile(path: string, facts: Facts): Promise<void> {
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o600);
  try {
    await handle.writeFile(serialiseFacts(facts));
  } finally {
    await handle.close();
  }
}

/** Reads and checks a facts file; a UsageError names what is wrong with it. */
export async function readFactsFile(path: string): Promise<Facts> {
  // regular files only, capped: /dev/zero, /dev/urandom or a FIFO would never end
  const r = await readRegularFile(path, CAP);
  if (r.state === 'too-large') throw new UsageError(`--replay ${path}: ${r.size ?? 'over'} bytes is too large for a facts file (the cap is ${CAP})`);
  if (r.state === 'not-a-file') throw new UsageError(`--replay ${path}: ${r.error}`);
  if (r.state !== 'ok') throw new UsageError(`--replay ${path}: cannot read it (${r.code ?? r.error})`);
  return parseFacts(r.bytes.toString('utf8'), path);
}

export function parseFacts(text: string, name: string): Facts {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new UsageError(`--replay ${name}: not JSON`);
  }
  const d = doc as { kind?: unknown; schemaVersion?: unknown; facts?: unknown };
  if (typeof doc !== 'object' || doc === null || d.kind !== KIND) throw new UsageError(`--replay ${name}: not an ecs-cred-doctor facts file (written by --facts-out)`);
  if (d.schemaVersion !== 1) throw new UsageError(`--replay ${name}: schemaVersion ${JSON.stringify(d.schemaVersion)} is not supported (this tool reads 1)`);
  const f = d.facts as Partial<Facts> | undefined;
  const required: (keyof Facts)[] = ['collectedAt', 'env', 'configFile', 'credentialsFile', 'exchanges'];
  if (typeof f !== 'object' || f === null || required.some((k) => f[k] === undefined)) throw new UsageError(`--replay ${name}: the facts are incomplete (need ${required.join(', ')})`);
  return { containerTokenFile: null, webIdentityTokenFile: null, profileTokenFiles: {}, container: null, imds: null, imdsProbeReason: null, taskMetadata: null, sts: null, home: null, ...f } as Facts;
}
