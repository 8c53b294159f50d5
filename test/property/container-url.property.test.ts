// Property tests for the container credentials URL rules (src/sources/container-url.ts)
// and the strict RFC 3339 check (src/sources/rfc3339.ts). Pure: nothing here sends a request
// (the SDK's fromHttp is only constructed, which runs its URL check, and never invoked).
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { parseRfc3339DateTime } from '@smithy/core/serde';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containerUrlOf, ECS_CONTAINER_HOST, jsFromHttpAllows } from '../../src/sdks/js-v3/container-url.ts';
import { parseUrl } from '../../src/sdks/shared/url.ts';
import { parseRfc3339Strict } from '../../src/sdks/shared/rfc3339.ts';
import { anyString } from './arbitraries.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** Whether the real SDK's fromHttp accepts this full URI (its checkUrl runs when the provider is built). */
function sdkAllows(fullUri: string): boolean {
  try {
    fromHttp({ awsContainerCredentialsFullUri: fullUri, awsContainerCredentialsRelativeUri: '', awsContainerAuthorizationToken: '', awsContainerAuthorizationTokenFile: '', logger: quiet });
    return true;
  } catch {
    return false;
  }
}

const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('00', '010', '0x1', '-0', '1x', '1-evil', '255a', '1e2', ''));
const hostArb = fc.oneof(
  fc.constantFrom(
    '169.254.170.2',
    '169.254.170.23',
    '[fd00:ec2::23]',
    '[FD00:EC2:0::23]',
    'localhost',
    'LOCALHOST',
    'localhost.',
    '[::1]',
    '[0:0:0:0:0:0:0:1]',
    '[0000:0000:0000:0000:0000:0000:0000:0001]',
    '[::ffff:127.0.0.1]',
    '127.1',
    '2130706433',
    '0x7f.0.0.1',
    '127.0.0.1.',
    '169.254.170.2.',
    '169.254.169.254',
    'example.com',
    '127.0.0.1.nip.io',
    'localhost.evil.com',
    '[::]',
    '0.0.0.0',
    '0',
  ),
  fc.tuple(fc.constantFrom('127', '0127', '128', '126'), octet, octet, octet).map((p) => p.join('.')),
  fc.ipV4(),
  fc.ipV6().map((h) => `[${h}]`),
  fc.domain(),
);
const urlArb = fc
  .tuple(fc.constantFrom('http', 'https', 'HTTP', 'HTTPS', 'ftp', 'ws', 'file'), fc.constantFrom('://', '://user:pw@'), hostArb, fc.constantFrom('', ':80', ':8080', ':0', ':65536'), fc.constantFrom('', '/', '/v2/credentials/abc', '/x?y#z'))
  .map((p) => p.join(''));

const LISTED = new Set(['169.254.170.2', '169.254.170.23', '[fd00:ec2::23]', 'localhost', '[::1]']);

describe('parseUrl', () => {
  it('never throws, and returns a URL exactly when URL.canParse agrees', () => {
    fc.assert(
      fc.property(fc.oneof(anyString(80), urlArb), (text) => {
        const u = parseUrl(text);
        expect(u === null).toBe(!URL.canParse(text));
        if (u) expect(u.href).toBe(new URL(text).href);
      }),
      { numRuns: 400 },
    );
  });
});

describe('containerUrlOf', () => {
  it('never throws; the relative URI wins when both are set; empty counts as unset', () => {
    const value = fc.option(fc.oneof(fc.constant(''), anyString(30), urlArb), { nil: undefined });
    fc.assert(
      fc.property(value, value, (relative, full) => {
        const env: Record<string, string> = {};
        if (relative !== undefined) env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] = relative;
        if (full !== undefined) env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] = full;
        const r = containerUrlOf(env);
        if (relative) expect(r).toEqual({ url: `${ECS_CONTAINER_HOST}${relative}`, from: 'relative' });
        else if (full) expect(r).toEqual({ url: full, from: 'full' });
        else expect(r).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

describe('jsFromHttpAllows', () => {
  it('never throws; https is always allowed', () => {
    fc.assert(
      fc.property(fc.oneof(urlArb, fc.webUrl(), anyString(40)), (text) => {
        const u = parseUrl(text);
        if (!u) return;
        const allowed = jsFromHttpAllows(u);
        if (u.protocol === 'https:') expect(allowed).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('an allowed non-https URL names a listed host, [::1], or 127.a.b.c (by the SDK rule: each part read with parseInt)', () => {
    fc.assert(
      fc.property(urlArb, (text) => {
        const u = parseUrl(text);
        if (!u || u.protocol === 'https:' || !jsFromHttpAllows(u)) return;
        const h = u.hostname;
        if (LISTED.has(h)) return;
        const parts = h.split('.');
        expect(parts.length).toBe(4);
        expect(parts[0]).toBe('127');
        for (const p of parts.slice(1)) {
          const n = Number.parseInt(p, 10);
          expect(n >= 0 && n <= 255, `${h}: part ${p}`).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  // Not a bug of ours, but worth knowing: the SDK reads each dotted part with parseInt, so
  // DNS names that merely start like a loopback address get credentials requests over http.
  it('agrees with the SDK on names that only look like 127.x.y.z (the SDK allows them too)', () => {
    for (const text of ['http://127.0.0.1x/', 'http://127.0.0.1-evil/creds', 'http://127.0.1.1a/']) {
      const u = parseUrl(text);
      expect(u).not.toBeNull();
      if (!u) continue;
      expect(u.hostname).not.toMatch(/^127\.\d+\.\d+\.\d+$/);
      expect([jsFromHttpAllows(u), sdkAllows(text)]).toEqual([true, true]);
    }
  });

  it('allows exactly what the real @aws-sdk/credential-provider-http fromHttp allows', () => {
    fc.assert(
      fc.property(fc.oneof(urlArb, fc.webUrl()), (text) => {
        const u = parseUrl(text);
        if (!u) return;
        expect(jsFromHttpAllows(u), text).toBe(sdkAllows(text));
      }),
      { numRuns: 300 },
    );
  });
});

// ---- RFC 3339 --------------------------------------------------------------------------------

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** A valid `...Z` date-time in the years 0100-9999, with 0-3 fraction digits and T/t, Z/z. */
const validRfc3339 = fc
  .tuple(fc.date({ min: new Date('0100-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 3 }), fc.constantFrom('T', 't'), fc.constantFrom('Z', 'z'))
  .map(([d, digits, t, z]) => {
    const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
    const fraction = digits === 0 ? '' : `.${iso.slice(20, 20 + digits)}`;
    return `${iso.slice(0, 10)}${t}${iso.slice(11, 19)}${fraction}${z}`;
  });

/** Date-time shaped strings with every field out of range now and then, and long fractions. */
const nearRfc3339 = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 4, 100, 1900, 2000, 2024, 2100)),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.integer({ min: 0, max: 61 }),
    fc.option(fc.stringMatching(/^\d{1,7}$/), { nil: undefined }),
  )
  .map(([y, mo, d, h, mi, s, f]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${f === undefined ? '' : `.${f}`}Z`);

describe('parseRfc3339Strict', () => {
  it('never throws', () => {
    fc.assert(
      fc.property(fc.oneof(anyString(60), nearRfc3339, validRfc3339), (text) => {
        const d = parseRfc3339Strict(text);
        if (d !== null) expect(Number.isNaN(d.getTime())).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('equals Date.parse for valid `...Z` date-times', () => {
    fc.assert(
      fc.property(validRfc3339, (text) => {
        expect(parseRfc3339Strict(text)?.getTime(), text).toBe(Date.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('rejects a space, an offset, or surrounding text', () => {
    const broken = fc.tuple(validRfc3339, fc.integer({ min: 0, max: 5 }), fc.constantFrom('+00:00', '-00:00', '+05:30', '-0800', '+00', 'UTC')).map(([v, how, offset]) => {
      switch (how) {
        case 0:
          return v.replace(/[tT]/, ' ');
        case 1:
          return v.replace(/[zZ]$/, offset);
        case 2:
          return `${v.slice(0, -1)}${offset}`.replace(/[tT]/, ' ');
        case 3:
          return ` ${v}`;
        case 4:
          return `${v}\n`;
        default:
          return `${v} `;
      }
    });
    fc.assert(
      fc.property(broken, (text) => {
        expect(parseRfc3339Strict(text), text).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  // The JS SDK's own parser decides whether the container endpoint's Expiration stops the chain.
  it('accepts exactly what @smithy/core parseRfc3339DateTime accepts (same instant within 1 ms)', () => {
    fc.assert(
      fc.property(fc.oneof(nearRfc3339, validRfc3339), (text) => {
        let sdk: Date | null;
        try {
          sdk = parseRfc3339DateTime(text) ?? null;
        } catch {
          sdk = null;
        }
        const ours = parseRfc3339Strict(text);
        expect(ours === null, `${text}: ours ${ours?.toISOString()}, SDK ${sdk?.toISOString()}`).toBe(sdk === null);
        if (ours && sdk) expect(Math.abs(ours.getTime() - sdk.getTime()), text).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500, examples: [['0000-02-29T00:00:00Z']] },
    );
  });
});
