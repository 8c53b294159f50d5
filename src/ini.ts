/**
 * The shared config/credentials file parser, as the JS SDK reads those files.
 * mirrors smithy-lang/smithy-typescript packages/shared-ini-file-loader/src/parseIni.ts,
 * getConfigData.ts and loadSharedConfigFiles.ts (a file that fails to read or parse is
 * swallowed as empty, so a broken file looks like a missing one to the app).
 */

const SECTION_PREFIX = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const KNOWN_PREFIXES = new Set(['profile', 'sso-session', 'services']);
const BLOCKED_NAMES = new Set(['__proto__', 'profile __proto__']);

export type IniSections = Map<string, Map<string, string>>;

/** `{ ok: false }` where the SDK's parser throws (a blocked section name); never throws itself. */
export function parseIni(text: string): { ok: true; sections: IniSections } | { ok: false; error: string } {
  const sections: IniSections = new Map();
  let section: string | undefined;
  let subSection: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const trimmed = (line.split(/(^|\s)[;#]/)[0] ?? '').trim();
    if (trimmed.startsWith('[') && trimmed.endsWith(']') && trimmed.length >= 2) {
      section = undefined;
      subSection = undefined;
      const name = trimmed.slice(1, -1);
      const m = SECTION_PREFIX.exec(name);
      if (m) {
        if (KNOWN_PREFIXES.has(m[1] ?? '')) section = `${m[1]}.${m[3]}`;
      } else if (name !== '') {
        section = name;
      }
      if (BLOCKED_NAMES.has(name)) return { ok: false, error: `Found invalid profile name "${name}"` };
      continue;
    }
    if (section === undefined) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) continue;
    const key = trimmed.slice(0, eq).trim();
    const value = trimmed.slice(eq + 1).trim();
    if (value === '') {
      subSection = key;
      continue;
    }
    if (subSection !== undefined && line.trimStart() === line) subSection = undefined;
    const values = sections.get(section) ?? new Map<string, string>();
    sections.set(section, values);
    values.set(subSection !== undefined ? `${subSection}.${key}` : key, value);
  }
  return { ok: true, sections };
}

/**
 * Profiles as the SDK names them. In the config file only `[default]` and `[profile x]`
 * count (a bare `[x]` is dropped); in the credentials file every section is a profile.
 */
export function profilesOf(sections: IniSections, kind: 'config' | 'credentials'): { profiles: IniSections; ssoSessions: IniSections } {
  const profiles: IniSections = new Map();
  const ssoSessions: IniSections = new Map();
  if (kind === 'credentials') {
    for (const [name, values] of sections) profiles.set(name, values);
    return { profiles, ssoSessions };
  }
  const dflt = sections.get('default');
  if (dflt) profiles.set('default', dflt);
  for (const [name, values] of sections) {
    const dot = name.indexOf('.');
    if (dot === -1) continue;
    const prefix = name.slice(0, dot);
    const rest = name.slice(dot + 1);
    if (prefix === 'profile') profiles.set(rest, values);
    else if (prefix === 'sso-session') ssoSessions.set(rest, values);
  }
  return { profiles, ssoSessions };
}

/** One SDK's reading of a shared file: its profiles and sso-sessions, or why its parser rejects the file. */
export type IniRead = { ok: true; profiles: Record<string, Record<string, string>>; ssoSessions: Record<string, Record<string, string>> } | { ok: false; error: string };

/** An SDK's own INI dialect (src/sdks/<id>/ini.ts): pure over the file's (redacted) text. */
export type IniReader = (text: string, kind: 'config' | 'credentials') => IniRead;

const toRecord = (s: IniSections): Record<string, Record<string, string>> => {
  const out: Record<string, Record<string, string>> = {};
  // defineProperty: a section named "__proto__" must stay a key
  for (const [name, values] of s) Object.defineProperty(out, name, { value: Object.fromEntries(values), enumerable: true, writable: true, configurable: true });
  return out;
};

/** profilesOf, as plain records (the Facts form). */
export function readJsIni(text: string, kind: 'config' | 'credentials'): IniRead {
  const parsed = parseIni(text);
  if (!parsed.ok) return parsed;
  const { profiles, ssoSessions } = profilesOf(parsed.sections, kind);
  return { ok: true, profiles: toRecord(profiles), ssoSessions: toRecord(ssoSessions) };
}
