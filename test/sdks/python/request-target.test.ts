// The request target botocore sends (src/sdks/python/url.ts pyRequestTarget). Each row is what
// Debian's botocore 1.29.27 with urllib3 1.26.12 gives for
// `_encode_target(URLLib3Session._path_url(url))`; the trailing space row is also checked end to
// end in test/oracle/botocore.test.ts (i11-full-uri-trailing-space).
import { describe, expect, it } from 'vitest';
import { pyRequestTarget } from '../../../src/sdks/python/url.ts';

describe("botocore's request target (urllib.parse, then urllib3's _encode_target)", () => {
  it.each([
    ['http://127.0.0.1:1/v2/credentials/x ', '/v2/credentials/x%20'],
    [' http://127.0.0.1:1/v2/cred\tentials/x\n', '/v2/credentials/x'],
    ['http://127.0.0.1:1/a;p/b;q?x=1 2#f', '/a;p/b?x=1%202'],
    ['http://127.0.0.1:1', '/'],
    ['http://127.0.0.1:1/a|b?c"d', '/a%7Cb?c%22d'],
    ['http://127.0.0.1:1/a%2fb%zz', '/a%252Fb%25zz'],
  ])('%j → %s', (url, target) => {
    expect(pyRequestTarget(url)).toBe(target);
  });
});
