// Property tests for the environment facts (src/gather/env.ts describeEnv).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeEnv, ENV_ALLOW_LIST, SECRET_VARS, type RawEnv } from '../../src/gather/env.ts';
import { maskKeyId, secretMarker } from '../../src/redact.ts';
import { anyString } from './arbitraries.ts';

const SECRETS = [...SECRET_VARS];
const KEY_IDS = ['AWS_ACCESS_KEY_ID', 'AWS_ACCESS_KEY'];
const PROXIES = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy'];

const keyId = fc.tuple(fc.constantFrom('AKIA', 'ASIA', 'AROA', 'AIDA'), fc.stringMatching(/^[A-Z2-7]{16}$/)).map(([p, rest]) => p + rest);
const envValue = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: anyString(40) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 60 }) },
  { weight: 1, arbitrary: keyId },
  { weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true }) },
);
const names = fc.constantFrom(...ENV_ALLOW_LIST, 'PATH', 'OTHER_SECRET', 'aws_secret_access_key', 'AWS_SECRET_ACCESS_KEY ', '__proto__', 'toString');
const rawEnv: fc.Arbitrary<RawEnv> = fc.dictionary(names, envValue, { maxKeys: 25 });
/** An environment that surely sets some secret variables. */
const rawEnvWithSecrets = fc.tuple(rawEnv, fc.dictionary(fc.constantFrom(...SECRETS), fc.oneof(anyString(60), fc.base64String({ minLength: 4, maxLength: 200 })), { minKeys: 1 })).map(([env, secrets]): RawEnv => ({ ...env, ...secrets }));

describe('describeEnv', () => {
  it('stores secret variables as a length marker only: output does not depend on their contents', () => {
    fc.assert(
      fc.property(
        rawEnvWithSecrets,
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c.length === 1),
        (raw, filler) => {
          const out = describeEnv(raw);
          const other: RawEnv = { ...raw };
          for (const name of SECRETS) {
            const v = raw[name];
            if (v === undefined) continue;
            expect(out[name]).toBe(secretMarker(v));
            other[name] = filler.repeat(v.length);
          }
          expect(describeEnv(other)).toEqual(out);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never outputs the value of a secret variable (length >= 4)', () => {
    fc.assert(
      fc.property(rawEnvWithSecrets, (raw) => {
        const out = describeEnv(raw);
        const nonSecretInputs = Object.entries(raw)
          .filter(([k]) => !SECRET_VARS.has(k))
          .map(([, v]) => v ?? '');
        // A marker such as "<redacted: 19 chars>" contains "reda", "char"...: a secret equal to a piece
        // of it, or one that another (non-secret) variable also holds, is not a leak.
        const placeholders: RawEnv = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, SECRET_VARS.has(k) ? '\u0000'.repeat(v?.length ?? 0) : v]));
        const baseline = Object.values(describeEnv(placeholders));
        for (const name of SECRETS) {
          const s = raw[name];
          if (s === undefined || s.length < 4) continue;
          if (nonSecretInputs.some((v) => v.includes(s)) || baseline.some((v) => v.includes(s))) continue;
          for (const v of Object.values(out)) expect(v.includes(s)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  // The SDK's fromEnv tests `if (accessKeyId && secretAccessKey)`, so a set, non-empty value must
  // stay non-empty in the facts (evaluateEnv reads them with nonEmpty()).
  it('keeps "" apart from unset and a non-empty value non-empty; outputs only allow-listed variables', () => {
    const allowed = new Set<string>(ENV_ALLOW_LIST);
    fc.assert(
      fc.property(rawEnv, (raw) => {
        const out = describeEnv(raw);
        for (const k of Object.keys(out)) expect(allowed.has(k)).toBe(true);
        for (const name of ENV_ALLOW_LIST) {
          const v = Object.hasOwn(raw, name) ? raw[name] : undefined;
          expect(Object.hasOwn(out, name)).toBe(v !== undefined);
          if (v === '') expect(out[name]).toBe('');
          if (v !== undefined && v !== '') expect(out[name], `${name}=${JSON.stringify(v)}`).not.toBe('');
        }
      }),
      { numRuns: 300, examples: [[{ AWS_ACCESS_KEY_ID: '\t' }]] },
    );
  });

  it('masks access key ids: prefix and last four only', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KEY_IDS), fc.oneof(keyId, anyString(40)), (name, v) => {
        const out = describeEnv({ [name]: v })[name];
        expect(out).toBe(maskKeyId(v));
        if (/^A[A-Z]{3}[A-Z2-7]{16}$/.test(v)) expect(out).toBe(`${v.slice(0, 4)}${'*'.repeat(12)}${v.slice(-4)}`);
      }),
      { numRuns: 200 },
    );
  });
});

// ---- proxy URLs -------------------------------------------------------------------------------

const userinfoSafe = fc.stringMatching(/^[A-Za-z0-9\-._~!$&'()*+,;=%]{1,12}$/);
const hostArb = fc.oneof(fc.domain(), fc.constantFrom('proxy', '10.0.0.1', '[fd00::1]', 'proxy.corp.example'));
const portArb = fc.option(
  fc.integer({ min: 1, max: 65535 }).map((p) => `:${p}`),
  { nil: '' },
);
const pathArb = fc.constantFrom('', '/', '/path', '/a?b=c');
const scheme = fc.constantFrom('http', 'https', 'HTTP', 'socks5', 'socks5h');

describe('describeEnv: proxy URLs', () => {
  it('scheme://user:password@host → scheme://<redacted>@host, host and path kept', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROXIES), scheme, userinfoSafe, fc.option(userinfoSafe, { nil: undefined }), hostArb, portArb, pathArb, (name, sch, user, pw, host, port, path) => {
        const v = `${sch}://${user}${pw === undefined ? '' : `:${pw}`}@${host}${port}${path}`;
        const out = describeEnv({ [name]: v })[name] ?? '';
        expect(out).toBe(`${sch}://<redacted>@${host}${port}${path}`);
        if (pw !== undefined && pw.length >= 4) expect(out.includes(pw)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  // The oracle is Node's URL parser, which undici's proxy agents use on these variables: whenever it
  // finds a username or password in the value, the redacted value must carry none of it.
  it('whenever the URL parser sees user info in a proxy value, the output has none left', () => {
    const messyInfo = fc.stringMatching(/^[A-Za-z0-9@:%._-]{1,10}$/);
    const lead = fc.constantFrom('', '', '', ' ', '\t', '\n');
    const slashes = fc.constantFrom('://', '://', '://', ':', ':/', ':\\\\', ':///');
    fc.assert(
      fc.property(lead, scheme, slashes, messyInfo, fc.option(messyInfo, { nil: undefined }), hostArb, portArb, pathArb, (ws, sch, sl, user, pw, host, port, path) => {
        const v = `${ws}${sch}${sl}${user}${pw === undefined ? '' : `:${pw}`}@${host}${port}${path}`;
        const parsed = URL.canParse(v) ? new URL(v) : null;
        fc.pre(parsed !== null && (parsed.username !== '' || parsed.password !== ''));
        const out = describeEnv({ HTTPS_PROXY: v })['HTTPS_PROXY'] ?? '';
        const after = URL.canParse(out) ? new URL(out) : null;
        expect(after, `redacted value ${JSON.stringify(out)} no longer parses`).not.toBeNull();
        expect({ username: after?.username, password: after?.password, host: after?.host }).toEqual({ username: '%3Credacted%3E', password: '', host: parsed?.host });
      }),
      { numRuns: 300 },
    );
  });
});
