/**
 * The Java SDK v2's INI dialect: one pass over the lines, where several mistakes throw
 * IllegalArgumentException for the whole file (the merged ProfileFile then fails to load).
 * mirrors aws/aws-sdk-java-v2 core/profiles/src/main/java/software/amazon/awssdk/profiles/internal/ProfileFileReader.java
 * (parseLine, readProfileDefinitionLine, readPropertyDefinitionLine, readPropertyContinuationLine,
 * parseProfileDefinition, parsePropertyDefinition, removeTrailingComments, VALID_IDENTIFIER):
 * lines end at "\n", "\r" or "\r\n" (BufferedReader.lines); a comment line starts with "#"/";"
 * in column 0; a header starts with "[" in column 0, is cut at any "#"/";" and must end with "]"
 * (else the file throws); in the config file only `[profile x]` (space or tab) and `[default]`
 * count, and `[profile default]` wins over `[default]` in either order; a name outside
 * `[A-Za-z0-9_\-/.%@]*` is ignored with its properties; a property needs "=" (a `key: value`
 * line throws), keeps its key's case (so `AWS_ACCESS_KEY_ID` is not the key id), is cut at a
 * space or tab before "#"/";" and is not unquoted; an indented line continues the property (a
 * continuation of an empty value must itself be `k = v`, else the file throws); the last of a
 * duplicated key wins and duplicated profiles merge. A BOM is text: the first line is then a
 * property before any profile, which throws.
 */
import type { IniRead } from '../../ini.ts';

const VALID_IDENTIFIER = /^[A-Za-z0-9_\-/.%@]*$/;
// String.trim: every code point up to U+0020 at either end
// biome-ignore lint/suspicious/noControlCharactersInRegex: String.trim's own set
const jTrim = (s: string): string => s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
const cutAtEarliest = (line: string, patterns: string[]): string => line.slice(0, Math.min(line.length, ...patterns.map((p) => line.indexOf(p)).filter((i) => i >= 0)));

class JavaIniError extends Error {}

/** ProfileFileReader.parseFile for one file type. */
export function readJavaIni(text: string, kind: 'config' | 'credentials'): IniRead {
  try {
    return { ok: true, profiles: parseJava(text, kind), ssoSessions: {} };
  } catch (e) {
    if (e instanceof JavaIniError) return { ok: false, error: `IllegalArgumentException: ${e.message}` };
    throw e;
  }
}

function parseJava(text: string, kind: 'config' | 'credentials'): Record<string, Record<string, string>> {
  const profiles = new Map<string, Map<string, string>>();
  let profile: string | null = null;
  let property: string | null = null;
  let ignoringProfile = false;
  let ignoringProperty = false;
  let subProperties = false;
  let seenProfileDefault = false;
  const check = (ok: boolean, message: string, n: number): void => {
    if (!ok) throw new JavaIniError(`${message} on line ${n}`);
  };
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, i) => {
    const n = i + 1;
    if (/^[\t ]*$/.test(line) || line.startsWith('#') || line.startsWith(';')) return;
    if (line.startsWith('[')) {
      const header = jTrim(cutAtEarliest(line, ['#', ';']));
      check(header.endsWith(']'), "Profile definition must end with ']'", n);
      const raw = jTrim(header.slice(1, -1));
      const prefixed = raw.startsWith('profile ') || raw.startsWith('profile\t');
      let name: string | null = kind === 'credentials' ? raw : prefixed ? jTrim(raw.slice(7)) : raw === 'default' ? 'default' : null;
      if (name !== null && !VALID_IDENTIFIER.test(name)) name = null;
      if (name !== null && kind === 'config' && name === 'default' && profiles.has('default')) {
        if (!prefixed && seenProfileDefault) name = null;
        else if (prefixed && !seenProfileDefault) profiles.delete('default');
      }
      if (name === null) {
        ignoringProfile = true;
        return;
      }
      if (name === 'default' && prefixed) seenProfileDefault = true;
      profile = name;
      property = null;
      ignoringProfile = false;
      ignoringProperty = false;
      if (!profiles.has(name)) profiles.set(name, new Map());
      return;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (ignoringProfile || ignoringProperty) return;
      check(profile !== null && property !== null, 'Expected a profile or property definition', n);
      const values = profiles.get(profile ?? '');
      const value = jTrim(line);
      if (subProperties) parseProperty(value, n, check);
      values?.set(property ?? '', `${values.get(property ?? '') ?? ''}\n${value}`);
      return;
    }
    if (ignoringProfile) return;
    check(profile !== null, 'Expected a profile definition', n);
    const kv = parseProperty(jTrim(cutAtEarliest(line, [' #', ' ;', '\t#', '\t;'])), n, check);
    if (!kv) {
      ignoringProperty = true;
      return;
    }
    property = kv[0];
    ignoringProperty = false;
    subProperties = kv[1] === '';
    profiles.get(profile ?? '')?.set(kv[0], kv[1]);
  });
  const out: Record<string, Record<string, string>> = {};
  for (const [name, values] of profiles) Object.defineProperty(out, name, { value: Object.fromEntries(values), enumerable: true, writable: true, configurable: true });
  return out;
}

/** parsePropertyDefinition: "=" and a key are required (else the file throws); an invalid key is ignored (null). */
function parseProperty(line: string, n: number, check: (ok: boolean, message: string, n: number) => void): [string, string] | null {
  const eq = line.indexOf('=');
  check(eq !== -1, "Expected an '=' sign defining a property", n);
  const key = jTrim(line.slice(0, eq));
  check(key !== '', 'Property did not have a name', n);
  if (!VALID_IDENTIFIER.test(key)) return null;
  return [key, jTrim(line.slice(eq + 1))];
}
