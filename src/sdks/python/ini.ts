/**
 * botocore's INI dialect (the CLI's copy is the same): Python's configparser.RawConfigParser with
 * its defaults, then botocore's own mapping.
 * mirrors boto/botocore botocore/configloader.py raw_config_parse (RawConfigParser().read, a
 * configparser.Error or UnicodeDecodeError is ConfigParseError, a value that starts with "\n" is
 * a nested block split on "=", a line without "=" is ConfigParseError), _parse_nested and
 * build_profile_map (`[profile …]` / `[sso-session …]` split with shlex, two parts or the section
 * is not a profile; `[default]`; a later section of the same profile replaces an earlier one), and
 * aws/aws-cli awscli/botocore/configloader.py (six.moves.configparser: the same parser).
 * The parser: cpython Lib/configparser.py RawConfigParser._read (3.11, Debian 12's interpreter):
 * delimiters "=" and ":" (the first of either), full-line "#"/";" comments only (no inline
 * comments: "v ; c" is the value), keys lower-cased, continuation lines deeper indented than
 * their key, strict (a duplicated section or key raises), `[DEFAULT]` values inherited by every
 * section, a UTF-8 BOM is text (the first line is then no section header: MissingSectionHeaderError).
 */
import type { IniRead } from '../../ini.ts';

// Python's str.isspace() set (str.strip, re's \s): JS's \s differs (it holds U+FEFF, lacks U+001C–U+001F and U+0085)
const WS = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEAD = new RegExp(`^[${WS}]+`);
const TRAIL = new RegExp(`[${WS}]+$`);
const NONSPACE = new RegExp(`[^${WS}]`);
const pyStrip = (s: string): string => s.replace(LEAD, '').replace(TRAIL, '');
const pyRstrip = (s: string): string => s.replace(TRAIL, '');
// SECTCRE `\[(?P<header>.+)\]` with match(): greedy, so the header ends at the last "]"
const SECTION = /^\[([^\n]+)\]/;
// OPTCRE `(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$`
const OPTION = new RegExp(`^([^\\n]*?)[${WS}]*([=:])[${WS}]*([^\\n]*)$`);
// str.splitlines() boundaries (for _parse_nested)
// biome-ignore lint/suspicious/noControlCharactersInRegex: Python's line boundaries include these control characters
const SPLITLINES = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

type Sections = Map<string, Map<string, string>>;

/** RawConfigParser.read of one file: its sections in order (values joined) and [DEFAULT], or the error it raises. */
export function readConfigParser(text: string): { ok: true; sections: Sections; defaults: Map<string, string> } | { ok: false; error: string } {
  const raw = new Map<string, Map<string, string[]>>();
  const defaults = new Map<string, string[]>();
  const added = new Set<string>();
  let cursect: Map<string, string[]> | null = null;
  let sectname = '';
  let optname: string | null = null;
  let indentLevel = 0;
  let parsingError: string | null = null;
  // universal newlines: "\r\n", "\r" and "\n" end a line
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] ?? '';
    const lineno = n + 1;
    const stripped = pyStrip(line);
    const comment = stripped.startsWith('#') || stripped.startsWith(';');
    const value = comment ? '' : stripped;
    if (value === '') {
      // empty_lines_in_values: an empty line (not a comment) joins the current value
      if (!comment && cursect && optname) cursect.get(optname)?.push('');
      continue;
    }
    const indent = line.search(NONSPACE);
    if (cursect && optname && indent > indentLevel) {
      cursect.get(optname)?.push(value);
      continue;
    }
    indentLevel = indent;
    const header = SECTION.exec(value);
    if (header) {
      sectname = header[1] ?? '';
      const existing = raw.get(sectname);
      if (existing) {
        if (added.has(`s:${sectname}`)) return { ok: false, error: `DuplicateSectionError: section ${pyRepr(sectname)} already exists (line ${lineno})` };
        cursect = existing;
        added.add(`s:${sectname}`);
      } else if (sectname === 'DEFAULT') {
        cursect = defaults;
      } else {
        cursect = new Map();
        raw.set(sectname, cursect);
        added.add(`s:${sectname}`);
      }
      optname = null;
      continue;
    }
    if (!cursect) return { ok: false, error: `MissingSectionHeaderError: File contains no section headers (line ${lineno}: ${pyRepr(line)})` };
    const opt = OPTION.exec(value);
    if (!opt) {
      parsingError ??= `ParsingError: Source contains parsing errors (line ${lineno}: ${pyRepr(line)})`;
      continue;
    }
    if ((opt[1] ?? '') === '') parsingError ??= `ParsingError: Source contains parsing errors (line ${lineno}: ${pyRepr(line)})`;
    optname = pyRstrip(opt[1] ?? '').toLowerCase();
    const key = `o:${sectname}\u0000${optname}`;
    if (added.has(key)) return { ok: false, error: `DuplicateOptionError: option ${pyRepr(optname)} in section ${pyRepr(sectname)} already exists (line ${lineno})` };
    added.add(key);
    cursect.set(optname, [pyStrip(opt[3] ?? '')]);
  }
  if (parsingError) return { ok: false, error: parsingError };
  const join = (m: Map<string, string[]>): Map<string, string> => new Map([...m].map(([k, v]) => [k, pyRstrip(v.join('\n'))]));
  return { ok: true, sections: new Map([...raw].map(([name, m]) => [name, join(m)])), defaults: join(defaults) };
}

/** Python's repr of a str, near enough for a message (single quotes unless the text holds one). */
const pyRepr = (s: string): string => (s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replaceAll("'", "\\'")}'`);

/**
 * raw_config_parse: each section with its values and the [DEFAULT] ones it inherits; a nested
 * block (`s3 =` then indented `k = v` lines) becomes `s3.k` keys, as the JS SDK names them.
 */
export function botoRawConfigParse(text: string): { ok: true; sections: [string, Record<string, string>][] } | { ok: false; error: string } {
  const cp = readConfigParser(text);
  if (!cp.ok) return cp;
  const out: [string, Record<string, string>][] = [];
  for (const [name, own] of cp.sections) {
    const values: Record<string, string> = {};
    const set = (k: string, v: string): void => {
      Object.defineProperty(values, k, { value: v, enumerable: true, writable: true, configurable: true });
    };
    // cp.options(): the section's keys, then [DEFAULT]'s; cp.get: the section's value first
    for (const option of new Set([...own.keys(), ...cp.defaults.keys()])) {
      const v = own.get(option) ?? cp.defaults.get(option) ?? '';
      if (!v.startsWith('\n')) {
        set(option, v);
        continue;
      }
      for (const l of v.split(SPLITLINES)) {
        const s = pyStrip(l);
        if (s === '') continue;
        const eq = s.indexOf('=');
        if (eq < 0) return { ok: false, error: `ValueError: not enough values to unpack (a line of the nested block under ${option} has no "=")` };
        set(`${option}.${pyStrip(s.slice(0, eq))}`, pyStrip(s.slice(eq + 1)));
      }
    }
    out.push([name, values]);
  }
  return { ok: true, sections: out };
}

/**
 * shlex.split (POSIX mode, no comments): words split on space, tab, CR and LF; quotes and
 * backslashes as a POSIX shell reads them. null where shlex raises ValueError (an open quote, a
 * final backslash).
 */
export function shlexSplit(s: string): string[] | null {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\')) word += s[++i] ?? '';
      else if (c === '\\' && i + 1 >= s.length) return null;
      else word += c;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (c === '"' || c === "'") quote = c;
      else if (c === '\\') {
        if (i + 1 >= s.length) return null;
        word += s[++i] ?? '';
      } else word += c;
    }
  }
  if (quote) return null;
  if (inWord) words.push(word);
  return words;
}

/** botocore's reading of a config file (load_config) or a credentials file (raw_config_parse: every section is a profile). */
export function readBotoIni(text: string, kind: 'config' | 'credentials'): IniRead {
  const parsed = botoRawConfigParse(text);
  if (!parsed.ok) return parsed;
  const profiles: Record<string, Record<string, string>> = {};
  const ssoSessions: Record<string, Record<string, string>> = {};
  const put = (to: Record<string, Record<string, string>>, name: string, values: Record<string, string>): void => {
    Object.defineProperty(to, name, { value: values, enumerable: true, writable: true, configurable: true });
  };
  for (const [name, values] of parsed.sections) {
    if (kind === 'credentials') {
      put(profiles, name, values);
      continue;
    }
    const prefix = name.startsWith('profile') ? profiles : name.startsWith('sso-session') ? ssoSessions : null;
    if (prefix) {
      const parts = shlexSplit(name);
      if (parts?.length === 2) put(prefix, parts[1] ?? '', values);
    } else if (name === 'default') put(profiles, name, values);
  }
  return { ok: true, profiles, ssoSessions };
}
