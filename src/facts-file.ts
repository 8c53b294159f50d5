/**
 * The facts file for support: what the tool gathered, redacted (no secret, no token,
 * masked key ids), so a report can be replayed offline exactly as the customer saw it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Facts } from './model/facts.ts';
import { UsageError } from './errors.ts';
import { VERSION } from './version.ts';
import { escapeJsonText } from './render/escape.ts';

const KIND = 'ecs-cred-doctor-facts';
const CAP = 8 * 1024 * 1024;

export function serialiseFacts(facts: Facts): string {
  // a facts file is read with `cat` and pasted into tickets: no raw C1 or bidi character either
  return `${escapeJsonText(JSON.stringify({ kind: KIND, schemaVersion: 1, tool: { name: 'ecs-cred-doctor', version: VERSION }, facts }, null, 2))}\n`;
}

/** Written only when the user asks (--facts-out); mode 0600 all the same. */
export async function writeFactsFile(path: string, facts: Facts): Promise<void> {
  await writeFile(path, serialiseFacts(facts), { mode: 0o600 });
}

/** Reads and checks a facts file; a UsageError names what is wrong with it. */
export async function readFactsFile(path: string): Promise<Facts> {
  let text: string;
  try {
    const buf = await readFile(path);
    if (buf.length > CAP) throw new UsageError(`--replay ${path}: ${buf.length} bytes is too large for a facts file`);
    text = buf.toString('utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--replay ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseFacts(text, path);
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
