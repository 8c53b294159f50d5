// Shared fast-check arbitraries for the property tests (not a test file itself).
import fc from 'fast-check';

/** Any string of code units, lone surrogates, NUL and CR included. */
export const anyString = (maxLength = 200): fc.Arbitrary<string> => fc.string({ unit: 'binary', maxLength });

/** Strings built from a small alphabet, so that overlaps and repeats are likely. */
export const over = (alphabet: string, constraints: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...alphabet.split('')), ...constraints });

/**
 * Text made of INI-ish tokens: brackets, `=`, comment characters, line breaks of every kind,
 * known section prefixes, NUL, unicode, so the parser's branches are all reached.
 */
export const iniNoise = (maxTokens = 60): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom('[', ']', '=', ' = ', ';', '#', ' ;', ' #', '\n', '\r\n', '\r', '\t', ' ', '  ', '\u0000', '\u00a0', '\u2028', '\ufeff', '"', "'"),
        fc.constantFrom('profile', 'profile ', 'sso-session ', 'services ', 'default', '__proto__', 'profile __proto__', 'region', 'aws_access_key_id', 's3', '.', '-', '@', '%'),
        fc.stringMatching(/^[\w-]{1,8}$/),
        anyString(6),
      ),
      { maxLength: maxTokens },
    )
    .map((parts) => parts.join(''));
