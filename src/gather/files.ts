/** Reads the shared config/credentials files and token files: capped, never throws. */
import { join } from 'node:path';
import type { FileFact, IniFileFact, TokenFileFact } from '../model/facts.ts';
import { parseIni, profilesOf } from '../ini.ts';
import { isSecretName, maskKeyId, secretMarker, type Vault } from '../redact.ts';
import { readRegularFile } from './read-regular.ts';
import { pathInRoot, type AppRoot } from './app-root.ts';

export const INI_CAP_BYTES = 4 * 1024 * 1024;
export const TOKEN_CAP_BYTES = 64 * 1024;

/** The key names the JS SDK reads the vault under (its parser keeps keys as written). */
const VAULT_KEYS = new Set(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

/** The last name of a key (`s3.aws_secret_access_key` in a sub-section): what says it is a secret. */
const leafOf = (k: string): string => k.slice(k.lastIndexOf('.') + 1);

/**
 * The Facts form of one INI value. Key names are compared in any case: botocore and Go accept
 * `AWS_SECRET_ACCESS_KEY = …` (issue 11), and a secret must never pass for an ordinary key.
 */
export function redactIniValue(key: string, value: string): string {
  const leaf = leafOf(key).toLowerCase();
  if (isSecretName(leaf)) return secretMarker(value);
  if (leaf === 'aws_access_key_id') return maskKeyId(value);
  if (leaf === 'credential_process') return redactCommandArgs(value);
  return value;
}

/**
 * `helper --token abc` → `helper <redacted: 11 chars of arguments>`: a credential_process
 * command line may carry a secret in any argument, and which one cannot be told.
 */
export function redactCommandArgs(command: string): string {
  const m = /^\s*("[^"]*"|'[^']*'|\S+)(\s+)(\S[\s\S]*)$/.exec(command);
  if (!m) return command;
  return `${m[1] ?? ''} <redacted: ${(m[3] ?? '').length} chars of arguments>`;
}

/**
 * A key id masked in place, its length and the first and last 5 characters kept: whichever span
 * a dialect takes as the value (with quotes, without, with an inline comment), maskKeyId of its
 * reading (src/sdks/shared/files.ts readAs) is maskKeyId of the real value.
 */
function maskKeyIdEdges(w: string): string {
  const keep = w.length >= 14 ? 5 : 4;
  return w.slice(0, keep) + '*'.repeat(w.length - 2 * keep) + w.slice(-keep);
}

/** Files up to this size keep their (redacted) text in Facts for the SDKs' own parsers; past it only the JS SDK's view is kept. */
export const INI_TEXT_CAP_BYTES = 1024 * 1024;

/**
 * The text of a shared file as Facts may hold it, for every SDK's own parser: line for line,
 * the value of every secret-named key (any case, `=` or `:`, as any dialect reads the key) and
 * every deeper-indented line after it (botocore's continuation lines) become a marker, the words
 * of an aws_access_key_id value are masked in place, credential_process arguments are redacted.
 * Sections, keys, comments and line breaks stay, so every dialect parses the same structure.
 */
export function redactIniText(text: string): string {
  const parts = text.split(/(\r\n|\n|\r)/);
  let secretIndent = -1;
  for (let i = 0; i < parts.length; i += 2) {
    const line = parts[i] ?? '';
    const indent = /^\s*/.exec(line)?.[0] ?? '';
    if (line.trim() === '') continue;
    if (secretIndent >= 0 && indent.length > secretIndent) {
      // an '=' stays: botocore parses such a block as key = value pairs and raises without one
      parts[i] =
        indent +
        line
          .slice(indent.length)
          .split('=')
          .map((w, j) => (j < 2 ? secretMarker(w.trim()) : ''))
          .slice(0, 2)
          .join(' = ');
      continue;
    }
    secretIndent = -1;
    // the key as each dialect may cut it: up to the first ':' or '=' (botocore), up to '=' (JS, Go, Java)
    const m = /^(\s*)([^=:]*)([=:])(.*)$/.exec(line);
    if (!m) continue;
    const eq = line.indexOf('=');
    const keys = [m[2] ?? '', eq >= 0 ? line.slice(0, eq) : ''].map((k) => k.trim().replace(/^["']|["']$/g, ''));
    const cut = (at: number): [string, string] => {
      const rest = line.slice(at + 1);
      const lead = /^\s*/.exec(rest)?.[0] ?? '';
      return [line.slice(0, at + 1) + lead, rest.slice(lead.length)];
    };
    const colon = (m[1] ?? '').length + (m[2] ?? '').length;
    const at = keys[0] !== '' && isSecretName(keys[0] ?? '') ? colon : keys[1] !== '' && isSecretName(keys[1] ?? '') ? eq : -1;
    if (at >= 0) {
      const [head, value] = cut(at);
      parts[i] = value === '' ? head : `${head}${secretMarker(value)}`;
      secretIndent = indent.length;
      continue;
    }
    const leaf = (k: string): string => leafOf(k).toLowerCase();
    for (const [k, pos] of [
      [keys[0] ?? '', colon],
      [keys[1] ?? '', eq],
    ] as const) {
      if (pos < 0) continue;
      const [head, value] = cut(pos);
      if (leaf(k) === 'aws_access_key_id') parts[i] = head + value.replace(/[^\s"';#=]{9,}/g, maskKeyIdEdges);
      else if (leaf(k) === 'credential_process') parts[i] = head + redactCommandArgs(value);
      else continue;
      break;
    }
  }
  return parts.join('');
}

type ReadResult = { fact: FileFact; text: string | null };

/**
 * Reads a file up to `cap` bytes; the state says why nothing was read. Only a regular file is
 * opened (a FIFO or a device at a configured path would block or never end: src/gather/read-regular.ts).
 */
export async function readCapped(path: string, origin: string, cap: number, root: AppRoot | null = null): Promise<ReadResult> {
  // `path` is the app's; `root` (a sidecar's view of another container) is where it is opened
  const r = await readRegularFile(await pathInRoot(root, path), cap);
  if (r.state === 'ok') return { fact: { path, origin, state: 'ok', size: r.size, error: null }, text: r.bytes.toString('utf8') };
  return { fact: { path, origin, state: r.state, size: r.size, error: r.error }, text: null };
}

/**
 * Where the JS SDK looks: the variable if non-empty, else `~/.aws/<name>` under HOME.
 * mirrors smithy-lang/smithy-typescript packages/shared-ini-file-loader/src/getConfigFilepath.ts, getHomeDir.ts
 */
export function iniPath(env: Record<string, string | undefined>, variable: string, name: string, home: string | null): { path: string; origin: string } {
  const v = env[variable];
  if (v) return { path: v.startsWith('~/') && home ? join(home, v.slice(2)) : v, origin: variable };
  return { path: join(home ?? '/', '.aws', name), origin: 'default' };
}

/**
 * Reads and parses one shared file; secrets go to the vault, Facts keep markers. `vaultKind`
 * names its vault entries (`<vaultKind>:<profile>:<key>`): `kind` for the JS SDK's files, a
 * per-path name for the files only other SDKs read.
 */
export async function gatherIniFile(path: string, origin: string, kind: 'config' | 'credentials', vault: Vault, vaultKind: string = kind, root: AppRoot | null = null): Promise<IniFileFact> {
  const { fact, text } = await readCapped(path, origin, INI_CAP_BYTES, root);
  const out: IniFileFact = { ...fact, profiles: {}, ssoSessions: {} };
  if (text === null) return out;
  if (text.length <= INI_TEXT_CAP_BYTES) out.text = redactIniText(text);
  // every secret-shaped value of the raw text, in any case and any SDK's dialect (`key: value`,
  // inline comments, sections this parser drops), before anything is parsed or kept
  vault.harvest(text);
  for (const m of text.matchAll(/^[ \t]*credential_process[ \t]*[=:][ \t]*(.*)$/gim)) {
    const args = /^\s*(?:"[^"]*"|'[^']*'|\S+)\s+(\S.*?)\s*$/.exec(m[1] ?? '')?.[1];
    if (args) vault.putSecret(args);
  }
  const parsed = parseIni(text);
  if (!parsed.ok) {
    out.state = 'unreadable';
    out.error = `the SDK's parser rejects it: ${parsed.error}`;
    return out;
  }
  const { profiles, ssoSessions } = profilesOf(parsed.sections, kind);
  for (const [name, values] of profiles) {
    const redacted: Record<string, string> = {};
    for (const [k, v] of values) {
      redacted[k] = redactIniValue(k, v);
      if (VAULT_KEYS.has(k)) vault.putToken(`${vaultKind}:${name}:${k}`, v);
      // botocore and Go read `AWS_SECRET_ACCESS_KEY = …` as the key (issue 11 item 1): the pair
      // they send is kept too, the lower-case spelling winning where a section has both
      else if (VAULT_KEYS.has(k.toLowerCase()) && !values.has(k.toLowerCase())) vault.putToken(`${vaultKind}:${name}:${k.toLowerCase()}`, v);
      else if (isSecretName(leafOf(k))) vault.putSecret(v);
    }
    out.profiles[name] = redacted;
  }
  for (const [name, values] of ssoSessions) {
    for (const [k, v] of values) if (isSecretName(leafOf(k))) vault.putSecret(v);
    out.ssoSessions[name] = Object.fromEntries([...values].map(([k, v]) => [k, redactIniValue(k, v)]));
  }
  return out;
}

/** Reads a token file for its shape (never its content in Facts); the content goes to the vault. */
export async function gatherTokenFile(path: string, origin: string, vault: Vault, ref: string, root: AppRoot | null = null): Promise<TokenFileFact> {
  const { fact, text } = await readCapped(path, origin, TOKEN_CAP_BYTES, root);
  const out: TokenFileFact = { ...fact, endsWithNewline: false, containsCrLf: false, jwt: null };
  if (text === null) return out;
  vault.putToken(ref, text);
  out.endsWithNewline = text.endsWith('\n');
  out.containsCrLf = text.includes('\r\n');
  out.jwt = decodeJwtClaims(text.trim());
  return out;
}

/** The identifying claims of a JWT payload; null when the text is not a JWT. */
export function decodeJwtClaims(token: string): TokenFileFact['jwt'] {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof payload !== 'object' || payload === null) return null;
    const p = payload as Record<string, unknown>;
    const str = (v: unknown): string | null => (typeof v === 'string' ? v : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(',') : null);
    return { iss: str(p['iss']), aud: str(p['aud']), sub: str(p['sub']), exp: typeof p['exp'] === 'number' ? p['exp'] : null };
  } catch {
    return null;
  }
}
