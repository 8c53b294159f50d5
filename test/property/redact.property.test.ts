// Property tests for masking and scrubbing (src/redact.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskKeyId, scrub } from '../../src/redact.ts';
import { anyString, over } from './arbitraries.ts';

describe('maskKeyId', () => {
  it('never reveals more than the first 4 and the last 4 characters', () => {
    const keyish = fc.oneof(
      anyString(40),
      fc.tuple(fc.constantFrom('AKIA', 'ASIA', ' AKIA', ''), fc.stringMatching(/^[A-Z0-9]{0,24}$/), fc.constantFrom('', ' ', '\n')).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(keyish, (raw) => {
        const id = raw; // no trim: the SDK uses the value as it is
        const m = maskKeyId(raw);
        if (id.length <= 8) {
          expect(m).toBe('*'.repeat(id.length));
          return;
        }
        expect(m.slice(0, 4)).toBe(id.slice(0, 4));
        expect(m.slice(-4)).toBe(id.slice(-4));
        const middle = m.slice(4, -4);
        expect(middle).toMatch(/^\*{4,}$/);
        // the hidden part is never shorter than what it hides (for >= 12 chars the length is kept)
        expect(middle.length).toBeGreaterThanOrEqual(id.length - 8);
      }),
      { numRuns: 400 },
    );
  });
});

/**
 * Secrets and texts over a tiny alphabet, so secrets overlap, repeat and contain each other.
 * None of a-d plus x-z can form four characters in a row with the marker "<redacted>" (its
 * runs of these letters are at most "dac"), so any 4 such characters in the output are input.
 */
const secretArb = over('abcd', { minLength: 1, maxLength: 9 });
const secretsArb = fc.array(secretArb, { minLength: 1, maxLength: 5 });
/** A text that embeds some of the secrets (maybe overlapping: pieces are cut from them) among noise. */
const textFrom = (secrets: string[]): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...secrets),
        fc.tuple(fc.constantFrom(...secrets), fc.nat(9), fc.nat(9)).map(([s, a, b]) => s.slice(Math.min(a, b), Math.max(a, b))),
        over('abcdxyz', { maxLength: 5 }),
      ),
      { maxLength: 8 },
    )
    .map((parts) => parts.join(''));

describe('scrub', () => {
  it('the output never contains a secret of length >= 4 (overlapping and nested secrets included)', () => {
    fc.assert(
      fc.property(
        secretsArb.chain((secrets) => fc.tuple(fc.constant(secrets), textFrom(secrets))),
        ([secrets, text]) => {
          const out = scrub(text, secrets);
          for (const s of secrets) if (s.length >= 4) expect(out.includes(s), `${JSON.stringify(out)} contains ${s}`).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('the output never contains a secret: unicode, key-id shaped secrets, secrets given as a generator', () => {
    const secret = fc.oneof(anyString(12), fc.stringMatching(/^A(KIA|SIA)[A-Z0-9]{8,16}$/), fc.base64String({ minLength: 4, maxLength: 24 }));
    fc.assert(
      fc.property(fc.array(secret, { minLength: 1, maxLength: 4 }), anyString(30), fc.array(fc.nat(), { maxLength: 4 }), (secrets, noise, at) => {
        let text = noise;
        at.forEach((pos, i) => {
          const s = secrets[i % secrets.length] ?? '';
          const p = pos % (text.length + 1);
          text = text.slice(0, p) + s + text.slice(p);
        });
        // "<redacted>" and the "*" of a masked key id can spell a secret that was never in the input
        // (scrub("xxxxZ", ["tedZ", "xxxx"]) → "<redacted>Z"): that is no leak, so such secrets are skipped.
        const out = scrub(
          text,
          (function* () {
            yield* secrets;
          })(),
        );
        for (const s of secrets) {
          if (s.length < 4 || /[<>*]|redacted/.test(s)) continue;
          expect(out.includes(s), `${JSON.stringify(out)} contains ${JSON.stringify(s)}`).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  // Stronger than "no whole secret": a secret that occurs in the text must not survive in part
  // either. scrub() replaces the secrets one after the other in the order given, so when a shorter
  // secret sits inside a longer one (or two occurrences overlap) and comes first, it cuts the longer
  // occurrence apart and the rest of the longer secret is printed.
  it('a secret in the text leaves no 4 consecutive characters of itself behind', () => {
    fc.assert(
      fc.property(secretsArb, fc.nat(), over('xyz', { maxLength: 4 }), over('xyz', { maxLength: 4 }), (secrets, pick, before, after) => {
        const long = secrets.filter((s) => s.length >= 4);
        fc.pre(long.length > 0);
        const s = long[pick % long.length] ?? '';
        const out = scrub(`${before}${s}${after}`, secrets);
        expect(out, `scrub(${JSON.stringify(before + s + after)}, ${JSON.stringify(secrets)})`).not.toMatch(/[abcd]{4}/);
      }),
      { numRuns: 1000, examples: [[['abcd', 'abcdbbbb'], 1, '', '']] },
    );
  });

  it('leaves a text without secrets or key ids unchanged, and masks stray key ids', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.stringMatching(/^A(KIA|SIA)[A-Z0-9]{16}$/), (text, id) => {
        fc.pre(!/A(KIA|SIA|ROA|IDA|GPA|NPA|NVA|PKA|3T)[A-Z0-9]{12}/.test(text));
        expect(scrub(text, [])).toBe(text);
        expect(scrub(`${text} ${id} ${text}`, [])).toBe(`${text} ${maskKeyId(id)} ${text}`);
      }),
      { numRuns: 300 },
    );
  });
});
