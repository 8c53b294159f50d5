/**
 * The Go SDK's INI dialect, in its two parsers, then the config module's section rules.
 * Legacy (config < 1.24.0, internal/ini < 1.7.0): the lexer/parser of aws/aws-sdk-go-v2
 * internal/ini (ini_lexer.go, ini_parser.go, visitor.go, literal_tokens.go), as Debian's config
 * 1.17.10 (internal/ini 1.3.26) parses [verified: test/oracle/go-ini]: keys lower-cased, "=" or
 * ":", an inline comment starts at " ;" or " #", a double-quoted value is unquoted (`\"` kept as
 * `"`; an unterminated quote leaves the file without sections), an empty value drops the key and
 * the indented lines under it (a nested block), a header ends at its first "]" (the rest is
 * ignored), `[]` or a BOM before "[" fails the file, the last of a duplicated key wins, duplicated sections merge.
 * Modern (config ≥ 1.24.0, internal/ini 1.7.0 "Replace the legacy config parser"): aws/aws-sdk-go-v2
 * internal/ini/ini.go (lines split on "\n"), tokenize.go (asProfile, asProperty, asSubProperty,
 * asContinuation), strings.go (trimProfileComment, trimPropertyComment, splitProperty,
 * splitProfile, legacyStrconv), parse.go: a header is `[type name]` cut at any "#"/";", a
 * property's comment starts at a space or tab before "#"/";" (ini 1.7.1, config 1.25.2; 1.7.0 cut
 * at any "#"/";" and failed on a line it did not recognise), an empty value keeps the key, a
 * fully quoted value is unwrapped (1.7.3, config 1.26.6, stopped expanding `\"`, `\'`, `\n`).
 * Then config/shared_config.go processConfigSections (config file: `profile x` renamed to x,
 * replacing a plain x; `default` in any case kept; other sections dropped) and
 * processCredentialsSections (credentials file: `profile x` sections dropped).
 */
import type { IniRead, IniReader } from '../../ini.ts';
import { atLeast } from '../../versions.ts';
import { GO_RULES } from './rules.ts';

type Sections = Map<string, Map<string, string>>;

// strings.TrimSpace (unicode.IsSpace): unlike JS's trim, a BOM (U+FEFF) is not space
const GO_WS = '\\t\\n\\v\\f\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_TRIM = new RegExp(`^[${GO_WS}]+|[${GO_WS}]+$`, 'g');
const goTrim = (s: string): string => s.replace(GO_TRIM, '');
const GO_SPACE = new RegExp(`[${GO_WS}]`);
type Parsed = { ok: true; sections: Sections } | { ok: false; error: string };

const section = (s: Sections, name: string): Map<string, string> => {
  const got = s.get(name);
  if (got) return got;
  const made = new Map<string, string>();
  s.set(name, made);
  return made;
};

/** The legacy lexer's reading, line by line (its statements never span lines). */
export function parseGoLegacyIni(text: string): Parsed {
  const out: Sections = new Map();
  let current = '';
  // after a key with an empty value, indented lines are its nested block, skipped
  let nested = false;
  let failure: string | null = null;
  const lines = text.split('\n');
  // the lexer reads the whole file first: a value that opens a quote never closed after it (even
  // on a line the parser would skip) leaves no sections at all
  for (let n = 0; n < lines.length; n++) {
    const l = lines[n] ?? '';
    if (/^[ \t]*[#;]/.test(l)) continue;
    const op = l.search(/[=:]/);
    if (op >= 0 && /^[ \t]*"/.test(l.slice(op + 1)) && !/^"(?:[^"\\]|\\[\s\S])*"/.test([l.slice(op + 1).replace(/^[ \t]+/, ''), ...lines.slice(n + 1)].join('\n'))) return { ok: true, sections: new Map() };
  }
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n] ?? '';
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const t = goTrim(line);
    const indented = /^[ \t]/.test(line);
    if (t === '') continue;
    if (t.startsWith('#') || t.startsWith(';')) {
      // a comment in column 0 ends a skipped block
      if (!indented) nested = false;
      continue;
    }
    if (nested && indented) continue;
    nested = false;
    // a BOM is a letter to the lexer: glued to a key it is part of the key, before "[" it fails the file
    // (the lexer runs first: an unterminated quote later on still wins, so the error waits for the end)
    if (t.startsWith('\ufeff[')) {
      failure ??= 'unsupported expression (a UTF-8 byte order mark before "[")';
      continue;
    }
    if (t.startsWith('[')) {
      const end = t.indexOf(']');
      if (end < 0) {
        failure ??= 'a section header without "]"';
        continue;
      }
      let name = goTrim(t.slice(1, end));
      if (name === '') {
        failure ??= 'unsupported child statement: ini.AST (an empty section name)';
        continue;
      }
      if (name.startsWith('profile ')) name = `profile ${name.slice(8).replace(/^ +/, '')}`;
      current = name;
      section(out, current);
      continue;
    }
    const op = t.search(/[=:]/);
    // a line that is no statement is skipped with the indented lines under it, as a nested block is
    if (op <= 0) {
      nested = true;
      continue;
    }
    const key = goTrim(t.slice(0, op));
    let value = t.slice(op + 1).replace(/^[ \t]+/, '');
    if (value.startsWith('"')) {
      // a quoted string runs to the next unescaped quote, across lines (the rest of that line is
      // dropped); one that never closes leaves the parser with no sections at all
      // from the raw line: a "\r" inside the quotes is part of the value
      let quoted = raw.slice(raw.search(/[=:]/) + 1).replace(/^[ \t]+/, '');
      let m = /^"((?:[^"\\]|\\[\s\S])*)"/.exec(quoted);
      while (!m && n + 1 < lines.length) {
        quoted += `\n${lines[++n] ?? ''}`;
        m = /^"((?:[^"\\]|\\[\s\S])*)"/.exec(quoted);
      }
      if (!m) return { ok: true, sections: new Map() };
      value = (m[1] ?? '').replace(/\\"/g, '"');
    } else {
      const c = value.search(/ [;#]/);
      if (c >= 0) value = value.slice(0, c);
      value = value.replace(/ +$/, '');
    }
    if (value === '') {
      nested = true;
      continue;
    }
    // a key of several words is some other key: the section exists, no known key is set
    if (GO_SPACE.test(key)) section(out, current);
    else section(out, current).set(key.toLowerCase(), value);
  }
  return failure ? { ok: false, error: failure } : { ok: true, sections: out };
}

/** Which modern parser: the comment rule and unknown-line handling of 1.7.0, the escapes before 1.7.3. */
interface Modern {
  commentNeedsSpace: boolean;
  escapes: boolean;
}

const cutAt = (s: string, seps: string[]): string => seps.reduce((r, sep) => (r.includes(sep) ? r.slice(0, r.indexOf(sep)) : r), s);
const isLineSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** splitProperty: the first "=", or ":" when it comes first or there is no "=". */
function splitProperty(s: string): [string, string] | null {
  const eq = s.indexOf('=');
  const colon = s.indexOf(':');
  const at = eq === -1 || (colon !== -1 && colon < eq) ? colon : eq;
  if (at === -1) return null;
  return [goTrim(s.slice(0, at)), goTrim(s.slice(at + 1))];
}

function legacyStrconv(v: string, m: Modern): string {
  const quoted = v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")));
  // before 1.7.3 a quote pair needs something inside (len > 2); from it, hasAffixes
  const s = quoted && (v.length > 2 || !m.escapes) ? v.slice(1, -1) : v;
  return m.escapes ? s.replaceAll('\\"', '"').replaceAll("\\'", "'").replaceAll('\\n', '\n') : s;
}

/** The modern tokenizer and parser. */
export function parseGoModernIni(text: string, m: Modern): Parsed {
  const out: Sections = new Map();
  let current = '';
  let key = '';
  for (const line of text.split('\n')) {
    if (goTrim(line) === '' || /^[ \t]*[#;]/.test(line)) continue;
    const header = m.commentNeedsSpace ? goTrim(cutAt(line, ['#', ';'])) : cutAt(line, ['#', ';']).replace(/[ \t]+$/, '');
    if (header.startsWith('[') && header.endsWith(']') && header.length >= 2) {
      const inner = goTrim(header.slice(1, -1));
      // splitProfile: the first run of spaces/tabs parts type and name
      const ws = /[ \t]+/.exec(inner);
      current = ws ? `${inner.slice(0, ws.index)} ${inner.slice(ws.index + ws[0].length)}` : inner;
      section(out, current);
      key = '';
      continue;
    }
    if (!isLineSpace(line[0])) {
      const body = (m.commentNeedsSpace ? cutAt(line, [' #', ' ;', '\t#', '\t;']) : cutAt(line, ['#', ';'])).replace(/[ \t]+$/, '');
      const kv = splitProperty(body);
      if (kv) {
        // "global" properties before any section are ignored
        if (current === '') continue;
        key = kv[0].toLowerCase();
        section(out, current).set(key, legacyStrconv(kv[1], m));
        continue;
      }
      if (!m.commentNeedsSpace) return { ok: false, error: `tokenize: unrecognized token '${line}'` };
      continue;
    }
    // an indented line: a sub-property of an empty value, or a continuation of a non-empty one
    if (key === '' || current === '') continue;
    const values = section(out, current);
    const now = values.get(key) ?? '';
    const kv = splitProperty(line.replace(/^[ \t]+/, ''));
    if (kv && now === '') values.set(`${key}.${kv[0].toLowerCase()}`, legacyStrconv(kv[1], m));
    else if (!kv && now !== '') values.set(key, `${now}\n${line.replace(/^[ \t]+/, '')}`);
  }
  return { ok: true, sections: out };
}

const put = (to: Record<string, Record<string, string>>, name: string, values: Map<string, string>): void => {
  Object.defineProperty(to, name, { value: Object.fromEntries(values), enumerable: true, writable: true, configurable: true });
};

/** processConfigSections / processCredentialsSections over the parsed sections (List() is sorted). */
function profilesOfGo(sections: Sections, kind: 'config' | 'credentials'): IniRead {
  const profiles: Record<string, Record<string, string>> = {};
  const ssoSessions: Record<string, Record<string, string>> = {};
  for (const name of [...sections.keys()].sort()) {
    const values = sections.get(name) ?? new Map<string, string>();
    if (kind === 'credentials') {
      if (!name.startsWith('profile ')) put(profiles, name, values);
    } else if (name.startsWith('profile ')) put(profiles, name.slice(8), values);
    else if (name.startsWith('sso-session ')) put(ssoSessions, goTrim(name.slice(12)), values);
    // sorted, `default` comes before `profile default`, which then replaces it
    else if (name.toLowerCase() === 'default') put(profiles, name, values);
  }
  return { ok: true, profiles, ssoSessions };
}

const readers = new Map<string, IniReader>();

/** The Go SDK's reader at a config release (null: the newest source read); one function per dialect, so readings are memoised. */
export function goIniReader(version: string | null): IniReader {
  const legacy = !atLeast(version, GO_RULES.iniModern);
  const m: Modern = { commentNeedsSpace: atLeast(version, GO_RULES.iniCommentNeedsSpace), escapes: !atLeast(version, GO_RULES.iniNoEscapes) };
  const id = legacy ? 'legacy' : `${m.commentNeedsSpace}/${m.escapes}`;
  const known = readers.get(id);
  if (known) return known;
  const reader: IniReader = (text, kind) => {
    const parsed = legacy ? parseGoLegacyIni(text) : parseGoModernIni(text, m);
    return parsed.ok ? profilesOfGo(parsed.sections, kind) : parsed;
  };
  readers.set(id, reader);
  return reader;
}
