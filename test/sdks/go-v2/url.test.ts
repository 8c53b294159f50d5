// Go's net/url.Parse as src/sdks/go-v2/url.ts mirrors it. The rows marked (oracle) were checked
// against Debian's aws-sdk-go-v2 (config 1.17.10, go1.19) in test/oracle/go-sdk.test.ts (i11-full-uri-*).
import { describe, expect, it } from 'vitest';
import { goParseIp, goUrlParse } from '../../../src/sdks/go-v2/url.ts';

describe("Go's url.Parse (net/url), not WHATWG", () => {
  it.each([
    // (oracle) a control character anywhere: LoadDefaultConfig fails
    ['http://127.0.0.1:1/v2/credentials/x\n', 'net/url: invalid control character in URL'],
    ['http://127.0.0.1:1/v2/cred\tentials/x', 'net/url: invalid control character in URL'],
    [' http://127.0.0.1:1/x', 'first path segment in URL cannot contain colon'],
    ['http://127.0.0.1:1x/x', 'invalid port ":1x" after host'],
    ['http://127.0.0 .1/x', 'invalid character " " in host name'],
    ['http://[::1/x', "missing ']' in host"],
  ])('%j fails: %s', (raw, why) => {
    const r = goUrlParse(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(why);
  });

  it.each([
    // (oracle) a trailing space stays in the path and is sent escaped
    ['http://127.0.0.1:1/v2/credentials/x ', 'http', '127.0.0.1', '/v2/credentials/x%20'],
    // (oracle) no IPv4 short forms: the host stays as written
    ['http://127.1:8080/v2/credentials/x', 'http', '127.1', '/v2/credentials/x'],
    ['HTTP://[::1]:80/a?b=c', 'http', '::1', '/a?b=c'],
    ['http://localhost', 'http', 'localhost', '/'],
    ['http://127.0.0.1/a%2Fb', 'http', '127.0.0.1', '/a%2Fb'],
    ['http://127.0.0.1/a|b', 'http', '127.0.0.1', '/a%7Cb'],
  ])('%j → %s %s %s', (raw, scheme, host, wirePath) => {
    expect(goUrlParse(raw)).toEqual({ ok: true, scheme, host, wirePath });
  });

  it('net.ParseIP takes dotted quads and IPv6 only', () => {
    expect(goParseIp('127.0.0.1')).toEqual({ v4: [127, 0, 0, 1], v6: null });
    expect(goParseIp('::1')).toEqual({ v4: null, v6: '::1' });
    for (const h of ['127.1', '2130706433', '127.000.0.1', '0x7f.1', 'localhost', '256.0.0.1']) expect(goParseIp(h), h).toBeNull();
  });
});
