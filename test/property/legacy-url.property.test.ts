// jsLegacyUrlParse (src/sdks/js-v3/container-url.ts) against Node's own legacy url.parse, which
// the fromContainerMetadata of older JS releases calls (cpn-3.458.0 in test/oracle/js-sdk.test.ts
// checks the same end to end): on generated full URIs, the same protocol, hostname and path.
import { parse } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsLegacyUrlParse } from '../../src/sdks/js-v3/container-url.ts';

const ws = fc.constantFrom('', ' ', '\n', '\t', '\r\n', ' \t', '\u00a0', '\ufeff');
const scheme = fc.constantFrom('http://', 'HTTP://', 'https://', 'ftp://', 'http:', '', 'http:\\\\');
const host = fc.constantFrom('127.0.0.1', '127.1', 'localhost', 'LocalHost', '[::1]', '169.254.170.2', 'user:pw@127.0.0.1', '127.0.0.1 ', 'a b', '127.0.0.1;x', '');
const port = fc.constantFrom('', ':8080', ':', ':80x');
const pathChar = fc.constantFrom('a', '@', '/', ' ', '\t', '\n', '|', '^', '%', '%2f', ';', '\\', '?', '#', '"', "'", '{', '}', '<', '`', 'é', '=', '&');
const path = fc.array(pathChar, { maxLength: 8 }).map((a) => a.join(''));

function nodeParse(raw: string): { protocol: string | null; hostname: string | null; path: string } | null {
  try {
    const u = parse(raw);
    return { protocol: u.protocol, hostname: u.hostname || null, path: u.path ?? '' };
  } catch {
    return null;
  }
}

describe('the legacy url.parse as fromContainerMetadata reads a full URI', () => {
  it.each([
    ['http://127.0.0.1:1/v2/credentials/x ', '127.0.0.1', '/v2/credentials/x'],
    ['http://127.0.0.1:1/v2/credentials/x\n', '127.0.0.1', '/v2/credentials/x'],
    ['http://127.0.0.1:1/v2/cred\tentials/x', '127.0.0.1', '/v2/cred%09entials/x'],
    ['http://127.1:1/v2/credentials/x', '127.1', '/v2/credentials/x'],
  ])('%j → host %s, path %s (as cpn-3.458.0 saw it)', (raw, hostname, p) => {
    expect(jsLegacyUrlParse(raw)).toMatchObject({ hostname, path: p });
  });

  it('agrees with node:url parse() on generated URIs', () => {
    fc.assert(
      fc.property(ws, scheme, host, port, path, ws, (a, s, h, p, pa, b) => {
        const raw = `${a}${s}${h}${p}${pa}${b}`;
        const real = nodeParse(raw);
        fc.pre(real !== null);
        expect(jsLegacyUrlParse(raw), JSON.stringify(raw)).toEqual(real);
      }),
      { numRuns: 20000 },
    );
  });
});
