// Property tests for the shared config/credentials file parser (src/ini.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIni, profilesOf, type IniSections } from '../../src/ini.ts';
import { anyString, iniNoise } from './arbitraries.ts';

const asSorted = (m: IniSections): [string, [string, string][]][] =>
  [...m.entries()].map(([name, values]): [string, [string, string][]] => [name, [...values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** A name the parser may have composed from two pieces of the input (`profile x` → `profile.x`, sub-section `s3` + key). */
const composedFromInput = (name: string, input: string): boolean => {
  if (input.includes(name)) return true;
  for (let i = name.indexOf('.'); i !== -1; i = name.indexOf('.', i + 1)) {
    if (input.includes(name.slice(0, i)) && input.includes(name.slice(i + 1))) return true;
  }
  return false;
};

const anyText = fc.oneof(anyString(300), iniNoise(80));

describe('parseIni / profilesOf: never throws', () => {
  it('returns a result for any string (unicode, NUL, CR, lone surrogates)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = parseIni(text);
        expect(typeof r.ok).toBe('boolean');
        if (r.ok) {
          profilesOf(r.sections, 'config');
          profilesOf(r.sections, 'credentials');
        } else {
          expect(r.error).toMatch(/__proto__/);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('handles lines up to ~100 KB', () => {
    fc.assert(
      fc.property(iniNoise(12), fc.integer({ min: 1, max: 100_000 }), fc.constantFrom('', '[', 'k=', '[profile ', '# '), (piece, size, lead) => {
        const line = lead + (piece === '' ? 'x' : piece).repeat(Math.ceil(size / Math.max(1, piece.length))).slice(0, size);
        const r = parseIni(`[default]\n${line}\n${line}]\nk = ${line}\n`);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 25 },
    );
  });
});

describe('parseIni: everything it returns comes from the input', () => {
  it('every section name, key and value is (made of) text of the input', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = parseIni(text);
        if (!r.ok) return;
        for (const [section, values] of r.sections) {
          expect(composedFromInput(section, text)).toBe(true);
          for (const [key, value] of values) {
            expect(composedFromInput(key, text)).toBe(true);
            expect(value).not.toBe('');
            expect(text.includes(value)).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  // The SDK's parser tests `else if (currentSection)`: a `[]` header gives the empty name, which is
  // falsy, so the SDK ignores every key under it (checked against @smithy/core loadSharedConfigFiles:
  // "[]\nregion=x\n[ok]\na=1" gives only {ok:{a:'1'}}). Our parser tests `section === undefined`.
  it('like the SDK, never yields a section with an empty name', () => {
    fc.assert(
      fc.property(iniNoise(40), (text) => {
        const r = parseIni(text);
        if (r.ok) expect([...r.sections.keys()]).not.toContain('');
      }),
      { numRuns: 400, examples: [['[]\nregion=x']] },
    );
  });
});

// ---- round trip ---------------------------------------------------------------------------

const profileName = fc.stringMatching(/^[\w-]{1,12}$/).filter((n) => n !== '__proto__');
const key = fc.stringMatching(/^[a-z_]{1,12}$/);
const value = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }).filter((v) => v.trim() === v && v !== '' && !/[;#\r\n]/.test(v));
const entries = fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 6 });
const profilesArb = fc.uniqueArray(fc.record({ name: profileName, entries }), { selector: (p) => p.name, maxLength: 5 });

/** One way of writing a key line: spacing around `=`, an inline comment, the line ending. */
const layout = fc.record({
  before: fc.constantFrom('', ' ', '\t', '  '),
  sep: fc.constantFrom('=', ' = ', '= ', ' =', '\t=\t'),
  after: fc.constantFrom('', ' ', '\t'),
  comment: fc.option(
    fc.tuple(
      fc.constantFrom(' ;', ' #', '\t;', '\t#'),
      anyString(12).map((c) => c.replace(/[\r\n]/g, '')),
    ),
    { nil: undefined },
  ),
  eol: fc.constantFrom('\n', '\r\n'),
  noise: fc.constantFrom('', '\n', '# a comment\n', '; another\n', '   \n', '\t# indented comment\n'),
});

type Layout = typeof layout extends fc.Arbitrary<infer T> ? T : never;

function keyLine(k: string, v: string, l: Layout): string {
  return `${l.noise}${l.before}${k}${l.sep}${v}${l.after}${l.comment ? l.comment.join('') : ''}${l.eol}`;
}

function render(headers: string[], sections: { entries: [string, string][] }[], layouts: Layout[]): string {
  let i = 0;
  const next = (): Layout => layouts[i++ % layouts.length] ?? { before: '', sep: '=', after: '', comment: undefined, eol: '\n', noise: '' };
  return sections.map((s, n) => `${next().noise}${headers[n] ?? ''}${next().eol}${s.entries.map(([k, v]) => keyLine(k, v, next())).join('')}`).join('');
}

/** Profiles without keys vanish: the SDK creates a section only when it sets a key. */
const expected = (ps: { name: string; entries: [string, string][] }[]): IniSections => new Map(ps.filter((p) => p.entries.length > 0).map((p) => [p.name, new Map(p.entries)]));

describe('parseIni + profilesOf: round trip', () => {
  it('credentials form `[x]` gives back exactly the generated profiles', () => {
    fc.assert(
      fc.property(profilesArb, fc.array(layout, { minLength: 1, maxLength: 8 }), (ps, layouts) => {
        const text = render(
          ps.map((p) => `[${p.name}]`),
          ps,
          layouts,
        );
        const r = parseIni(text);
        if (!r.ok) throw new Error(r.error);
        const { profiles, ssoSessions } = profilesOf(r.sections, 'credentials');
        expect(asSorted(profiles)).toEqual(asSorted(expected(ps)));
        expect(ssoSessions.size).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('config form `[profile x]` gives back exactly the generated profiles; sso-session apart, bare [x] dropped', () => {
    const header = fc.record({ space: fc.constantFrom(' ', '\t'), quote: fc.constantFrom('', '"', "'"), bareDefault: fc.boolean() });
    const distractors = fc.uniqueArray(fc.record({ name: profileName.filter((n) => n !== 'default'), entries }), { selector: (p) => p.name, maxLength: 3 });
    fc.assert(
      fc.property(profilesArb, fc.array(header, { minLength: 1, maxLength: 5 }), distractors, distractors, fc.array(layout, { minLength: 1, maxLength: 8 }), (ps, hs, bare, sso, layouts) => {
        const headers = ps.map((p, i) => {
          const h = hs[i % hs.length] ?? { space: ' ', quote: '', bareDefault: false };
          return p.name === 'default' && h.bareDefault ? '[default]' : `[profile${h.space}${h.quote}${p.name}${h.quote}]`;
        });
        const all = [...ps, ...bare, ...sso];
        const text = render([...headers, ...bare.map((b) => `[${b.name}]`), ...sso.map((s) => `[sso-session ${s.name}]`)], all, layouts);
        const r = parseIni(text);
        if (!r.ok) throw new Error(r.error);
        const { profiles, ssoSessions } = profilesOf(r.sections, 'config');
        expect(asSorted(profiles)).toEqual(asSorted(expected(ps)));
        expect(asSorted(ssoSessions)).toEqual(asSorted(expected(sso)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseIni: always bounded', () => {
  // One realistic 5 MB file, then single 5 MB lines aimed at the two regular expressions
  // (the comment splitter and the `[prefix name]` matcher). Parsing is linear: 400k sections
  // take ~2.4 s and 200k ~1 s here, so the sizes stay at 5 MB to keep the folder fast.
  const block = (i: number): string => `[profile p${i}]\nregion = eu-west-1 ; inline\n# comment\naws_access_key_id=AKIAABCDEFGHIJKL${String(i % 10_000).padStart(4, '0')}\ns3 =\n  max_concurrent_requests = 10\n`;
  const shapes: [string, () => string][] = [
    ['a realistic 5 MB file', () => Array.from({ length: Math.ceil(5_000_000 / block(0).length) }, (_, i) => block(i)).join('')],
    ['one 5 MB line', () => 'a'.repeat(5_000_000)],
    ['a 5 MB section header', () => `[${'a'.repeat(5_000_000)}]\nk=v`],
    ['a 5 MB prefixed header without its closing quote', () => `[profile '${'-'.repeat(5_000_000)}]\nk=v`],
    ['a 5 MB header of words and spaces', () => `[${'ab '.repeat(1_700_000)}x]\nk=v`],
    ['5 MB of spaces (comment regex)', () => `[d]\nk=${' '.repeat(5_000_000)}x`],
    ['5 MB of lone CRs', () => '\r'.repeat(5_000_000)],
    ['5 MB of `=`', () => `[d]\nk${'='.repeat(5_000_000)}`],
  ];
  for (const [label, make] of shapes) {
    it(`parses ${label} in < 2 s`, () => {
      const text = make();
      expect(text.length).toBeGreaterThanOrEqual(4_000_000);
      // CPU time of this process, not wall time: other processes on a loaded machine do not count
      const started = process.cpuUsage();
      const r = parseIni(text);
      const used = process.cpuUsage(started);
      const ms = (used.user + used.system) / 1000;
      expect(r.ok).toBe(true);
      expect(ms).toBeLessThan(2000);
    });
  }
});
