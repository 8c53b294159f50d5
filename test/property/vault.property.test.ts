// Property tests for the vault's scrub (src/redact.ts): whatever form a held secret comes back
// in (as read, trimmed, percent- or JSON-encoded, one part of a JWT) and however many secrets
// are held (the prefix index takes over past 32 forms), the scrubbed text holds none of them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { harvestSecrets, secretForms, Vault } from '../../src/redact.ts';
import { over } from './arbitraries.ts';

const part = fc.stringMatching(/^[A-Za-z0-9_-]{4,24}$/);
const jwt = fc.tuple(part, part, part).map((p) => ({ token: p.join('.'), parts: p }));
const plain = fc.stringMatching(/^[A-Za-z0-9+/=]{6,40}$/);
const padded = fc.tuple(fc.constantFrom('', ' ', '\n', '\r\n', '\t'), plain, fc.constantFrom('', '\n', ' \n', '\r\n'));
const noise = over('xyz .:/-\n"', { maxLength: 12 });

/** A text in which each secret comes back in some form of it. */
function echo(forms: string[][]): fc.Arbitrary<string> {
  return fc.tuple(...forms.map((f) => fc.tuple(noise, fc.constantFrom(...f), noise))).map((t) => t.flat().join(''));
}

describe('Vault.scrub', () => {
  it('hides every held secret in every form it may come back in (trimmed, encoded, JWT parts)', () => {
    fc.assert(
      fc.property(fc.array(jwt, { minLength: 1, maxLength: 3 }), fc.array(padded, { minLength: 1, maxLength: 3 }), fc.boolean(), (jwts, pads, many) => {
        const vault = new Vault();
        for (const [i, j] of jwts.entries()) vault.putToken(`jwt${i}`, `${j.token}\n`);
        for (const [i, [a, s, b]] of pads.entries()) vault.putCredentials(`c${i}`, { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: `${a}${s}${b}` });
        // enough other secrets to switch to the prefix index
        if (many) for (let i = 0; i < 40; i++) vault.putSecret(`filler${i}secretvalue`);
        const expectedHidden = [...jwts.flatMap((j) => [j.token, ...j.parts]), ...pads.map(([, s]) => s)];
        const forms = [...jwts.map((j) => [j.token, ...j.parts]), ...pads.map(([, s]) => [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)])];
        fc.assert(
          fc.property(echo(forms), (text) => {
            const out = vault.scrub(text);
            for (const h of expectedHidden) expect(out.includes(h), `${JSON.stringify(out)} shows ${h}`).toBe(false);
          }),
          { numRuns: 20 },
        );
      }),
      { numRuns: 150 },
    );
  });

  it('the forms of a JWT include each of its parts; of a padded secret, its trimmed form', () => {
    fc.assert(
      fc.property(jwt, padded, (j, [a, s, b]) => {
        const f = secretForms(`${j.token}\n`);
        for (const p of j.parts) expect(f).toContain(p);
        expect(secretForms(`${a}${s}${b}`)).toContain(s);
      }),
    );
  });
});

describe('harvestSecrets', () => {
  it('finds a secret-named field in JSON, XML and key=value text, in any case of the name', () => {
    const name = fc.constantFrom('SecretAccessKey', 'Token', 'SessionToken', 'aws_secret_access_key', 'AWS_SESSION_TOKEN', 'Aws_Secret_Access_Key', 'password', 'Authorization');
    fc.assert(
      fc.property(name, plain, fc.constantFrom('json', 'xml', 'ini', 'colon', 'query'), (n, v, how) => {
        const text = { json: `{"x":1,"${n}":"${v}"}`, xml: `<R><${n}>${v}</${n}></R>`, ini: `[p]\n${n} = ${v}\n`, colon: `${n}: ${v}`, query: `a=1&${n}=${encodeURIComponent(v)}&b=2` }[how];
        expect(harvestSecrets(text)).toContain(v);
      }),
    );
  });
});
