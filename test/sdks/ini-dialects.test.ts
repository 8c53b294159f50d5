// Each SDK's INI dialect on the forms issue 11 item 1 names, one table per SDK. The botocore and
// Go (legacy) rows were checked against the real parsers (test/oracle/ini-dialects.test.ts); the
// Go modern and Java rows follow their sources, cited in src/sdks/go-v2/ini.ts and src/sdks/java-v2/ini.ts.
import { describe, expect, it } from 'vitest';
import type { IniRead } from '../../src/ini.ts';
import { readJsIni } from '../../src/ini.ts';
import { readBotoIni, shlexSplit } from '../../src/sdks/python/ini.ts';
import { goIniReader } from '../../src/sdks/go-v2/ini.ts';
import { readJavaIni } from '../../src/sdks/java-v2/ini.ts';
import { readAs } from '../../src/sdks/shared/files.ts';
import type { IniFileFact } from '../../src/model/facts.ts';

const KEYS = '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n';
type Reader = (text: string, kind: 'config' | 'credentials') => IniRead;
/** the default profile's keys, or the parser's error class */
const dflt = (r: Reader, text: string, kind: 'config' | 'credentials' = 'credentials'): Record<string, string> | string | undefined => {
  const got = r(text, kind);
  return got.ok ? got.profiles['default'] : (/^(\w+)/.exec(got.error)?.[1] ?? got.error);
};

// text, then what JS, botocore, Go 1.17.10 (legacy), Go current and Java read as [default] of a credentials file
const ROWS: [string, string, ...(Record<string, string> | string | undefined)[]][] = [
  ['upper-case keys', '[default]\nAWS_ACCESS_KEY_ID = A\n', { AWS_ACCESS_KEY_ID: 'A' }, { aws_access_key_id: 'A' }, { aws_access_key_id: 'A' }, { aws_access_key_id: 'A' }, { AWS_ACCESS_KEY_ID: 'A' }],
  ['key: value', '[default]\nregion: eu\n', undefined, { region: 'eu' }, { region: 'eu' }, { region: 'eu' }, 'IllegalArgumentException'],
  ['inline comments', '[default]\na = x ; c\nb = y#z\n', { a: 'x', b: 'y#z' }, { a: 'x ; c', b: 'y#z' }, { a: 'x', b: 'y#z' }, { a: 'x', b: 'y#z' }, { a: 'x', b: 'y#z' }],
  ['duplicated section', '[default]\na = 1\n[default]\nb = 2\n', { a: '1', b: '2' }, 'DuplicateSectionError', { a: '1', b: '2' }, { a: '1', b: '2' }, { a: '1', b: '2' }],
  ['duplicated key', '[default]\na = 1\na = 2\n', { a: '2' }, 'DuplicateOptionError', { a: '2' }, { a: '2' }, { a: '2' }],
  ['UTF-8 BOM', `\ufeff${KEYS}`, { aws_access_key_id: 'AKIAEXAMPLE', aws_secret_access_key: 's' }, 'MissingSectionHeaderError', 'unsupported', undefined, 'IllegalArgumentException'],
  // JS makes a section only when it gets a value
  ['continuation of an empty value', '[default]\nnote =\n  more\n', undefined, 'ValueError', {}, { note: '' }, 'IllegalArgumentException'],
  ['continuation of a value', '[default]\nnote = a\n  more\n', { note: 'a' }, { note: 'a\nmore' }, { note: 'a' }, { note: 'a\nmore' }, { note: 'a\nmore' }],
  ['empty value', '[default]\na =\n', undefined, { a: '' }, {}, { a: '' }, { a: '' }],
  ['[DEFAULT] values', '[DEFAULT]\na = 1\n[default]\nb = 2\n', { b: '2' }, { a: '1', b: '2' }, { b: '2' }, { b: '2' }, { b: '2' }],
  ['[default]#c', '[default]#c\na = 1\n', undefined, { a: '1' }, { a: '1' }, { a: '1' }, { a: '1' }],
  ['[ default ]', '[ default ]\na = 1\n', undefined, undefined, { a: '1' }, { a: '1' }, { a: '1' }],
  ['quoted value', '[default]\na = "q v"\n', { a: '"q v"' }, { a: '"q v"' }, { a: 'q v' }, { a: 'q v' }, { a: '"q v"' }],
];

describe('INI dialects: [default] of a credentials file, per SDK', () => {
  const readers: [string, Reader][] = [
    ['js-v3', readJsIni],
    ['botocore', readBotoIni],
    ['go-v2@1.17.10', goIniReader('1.17.10')],
    ['go-v2 (current)', goIniReader(null)],
    ['java-v2', readJavaIni],
  ];
  it.each(ROWS)('%s', (_name, text, ...want) => {
    expect(readers.map(([id, r]) => [id, dflt(r, text)])).toEqual(readers.map(([id], i) => [id, want[i]]));
  });
});

describe('INI dialects: profile names in a config file', () => {
  const names = (r: Reader, text: string): string[] | string => {
    const got = r(text, 'config');
    return got.ok ? Object.keys(got.profiles).sort() : got.error;
  };
  it.each([
    // text, JS, botocore, Go legacy, Go current, Java
    ['[profile "a b"]\nk = v\n', [], ['a b'], ['"a b"'], ['"a b"'], []],
    ['[profile  x]\nk = v\n', [], ['x'], ['x'], ['x'], ['x']],
    ['[profilex]\nk = v\n[profiles y]\nk = v\n', [], ['y'], [], [], []],
    ['[DEFAULT]\nk = v\n[x]\nk = v\n', [], [], ['DEFAULT'], ['DEFAULT'], []],
  ])('%j', (text, ...want) => {
    expect([readJsIni, readBotoIni, goIniReader('1.17.10'), goIniReader(null), readJavaIni].map((r) => names(r, text))).toEqual(want);
  });

  it('[profile default] and [default]: which one each SDK keeps, in both orders', () => {
    const pick = (r: Reader, text: string): string | undefined => {
      const got = r(text, 'config');
      return got.ok ? got.profiles['default']?.['k'] : got.error;
    };
    const first = '[profile default]\nk = p\n[default]\nk = d\n';
    const last = '[default]\nk = d\n[profile default]\nk = p\n';
    // JS, botocore (the later section), Go legacy and current (sorted: profile default wins), Java (profile default wins)
    expect([readJsIni, readBotoIni, goIniReader('1.17.10'), goIniReader(null), readJavaIni].map((r) => [pick(r, first), pick(r, last)])).toEqual([
      ['p', 'p'],
      ['d', 'p'],
      ['p', 'p'],
      ['p', 'p'],
      ['p', 'p'],
    ]);
  });
});

describe('Go INI version boundaries (GO_RULES.iniModern, iniCommentNeedsSpace, iniNoEscapes)', () => {
  it.each([
    ['1.23.0', 'legacy: "#" glued to a value stays', { a: 'x#c' }],
    ['1.24.0', '1.7.0: any "#" starts a comment', { a: 'x' }],
    ['1.25.2', '1.7.1: only a spaced "#" does', { a: 'x#c' }],
  ])('%s (%s)', (version, _why, want) => {
    expect(dflt(goIniReader(version), '[default]\na = x#c\n')).toEqual(want);
  });
  it('escapes are expanded inside quotes before 1.26.6, kept literally from it', () => {
    expect(dflt(goIniReader('1.26.5'), '[default]\na = "x\\"y"\n')).toEqual({ a: 'x"y' });
    expect(dflt(goIniReader('1.26.6'), '[default]\na = "x\\"y"\n')).toEqual({ a: 'x\\"y' });
  });
  it('1.24.0 fails on a line it does not recognise; later releases skip it', () => {
    expect(goIniReader('1.24.0')('[default]\njustword\n', 'config').ok).toBe(false);
    expect(goIniReader(null)('[default]\njustword\n', 'config').ok).toBe(true);
  });
});

describe('shlex.split as botocore uses it for section names', () => {
  it.each([
    ['profile a', ['profile', 'a']],
    ['profile  "a b"', ['profile', 'a b']],
    ["profile 'x'y", ['profile', 'xy']],
    ['profile a\\ b', ['profile', 'a b']],
    ['profile "open', null],
    ['profile a\\', null],
  ])('%j', (s, want) => {
    expect(shlexSplit(s)).toEqual(want);
  });
});

describe('readAs: a file read in an SDK dialect', () => {
  const fact = (text: string): IniFileFact => ({ path: '/f', origin: 'test', state: 'unreadable', size: 1, error: "the SDK's parser rejects it: x", profiles: {}, ssoSessions: {}, text });
  it('re-reads the text: a file the JS parser rejected is fine for botocore, and its key ids are masked as Facts mask them', () => {
    const f = fact('[__proto__]\na = 1\n[default]\naws_access_key_id = AKIAU**********00001\n');
    const r = readAs(f, readBotoIni, 'credentials');
    expect(r.state).toBe('ok');
    expect(r.profiles['default']).toEqual({ aws_access_key_id: 'AKIA************0001' });
    // memoised per file and reader: every step of a chain sees the same object
    expect(readAs(f, readBotoIni, 'credentials')).toBe(r);
  });
  it('keeps a file without text as gathered (older facts files, files over the text cap)', () => {
    const f = { ...fact(''), text: undefined };
    expect(readAs(f, readBotoIni, 'credentials')).toBe(f);
  });
  it("names the dialect's error", () => {
    expect(readAs(fact('[default]\n[default]\n'), readBotoIni, 'config').error).toMatch(/^the SDK's parser rejects it: DuplicateSectionError/);
  });
});
