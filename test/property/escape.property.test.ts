// Property tests for the escaping of outside values (src/render/escape.ts): text for a
// terminal never holds a raw control, C1 or bidi character, JSON text never holds one raw
// either, and both are lossless where they need to be (JSON still parses to the same value).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeJsonText, escapeTerminal, hasUnsafeChar } from '../../src/render/escape.ts';
import { anyString } from './arbitraries.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** Strings rich in the characters that matter, mixed with ordinary text and any code unit. */
const hostile = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0x7f, max: 0x9f }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('\u061c', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'),
      fc.constantFrom('\u001b]0;title\u0007', '\u001b[2J', '\u009b31m', '✔ all good', 'arn:aws:iam::1:role/x', '\\x1b', 'é', '\ud800'),
      anyString(8),
    ),
    { maxLength: 20 },
  )
  .map((p) => p.join(''));

describe('escapeTerminal', () => {
  it('leaves no raw unsafe character, and no line break', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = escapeTerminal(s);
        expect(UNSAFE.test(out)).toBe(false);
        expect(hasUnsafeChar(out)).toBe(false);
        expect(out.includes('\n')).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps safe text as it is, and shows each unsafe character as a visible escape', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = escapeTerminal(s);
        if (!UNSAFE.test(s)) expect(out).toBe(s);
        // every unsafe character becomes exactly its \xHH or \uHHHH form, in place
        const expected = [...s].map((c) => (UNSAFE.test(c) ? (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : c)).join('');
        expect(out).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('is idempotent: escaping an escaped text changes nothing', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(escapeTerminal(escapeTerminal(s))).toBe(escapeTerminal(s));
      }),
      { numRuns: 500 },
    );
  });
});

describe('escapeJsonText', () => {
  it('JSON of any value holds no raw unsafe character and parses back to the same value', () => {
    const value = fc.oneof(hostile, fc.dictionary(hostile, hostile, { maxKeys: 4 }), fc.array(hostile, { maxLength: 4 }));
    fc.assert(
      fc.property(value, fc.constantFrom(0, 2), (v, indent) => {
        const json = escapeJsonText(JSON.stringify(v, null, indent));
        const withoutLayout = indent === 0 ? json : json.replace(/\n/g, '');
        expect(UNSAFE.test(withoutLayout)).toBe(false);
        expect(JSON.parse(json)).toEqual(v);
      }),
      { numRuns: 1000 },
    );
  });
});
