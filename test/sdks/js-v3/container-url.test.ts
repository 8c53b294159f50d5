import { describe, expect, it } from 'vitest';
import { containerUrlOf, jsFromHttpAllows, jsLegacyContainerAllows } from '../../../src/sdks/js-v3/container-url.ts';
import { parseRfc3339Strict } from '../../../src/sdks/shared/rfc3339.ts';

describe('container URL rules (JS fromHttp checkUrl)', () => {
  it.each([
    ['https://example.com/creds', true],
    ['http://169.254.170.2/v2/credentials/x', true],
    ['http://169.254.170.23/v1/credentials', true],
    ['http://[fd00:ec2::23]/v1/credentials', true],
    ['http://127.0.0.2:8080/x', true],
    ['http://[::1]:8080/x', true],
    ['http://localhost/x', true],
    ['http://10.0.0.5/x', false],
    ['http://169.254.169.254/x', false],
  ])('%s → %s', (u, ok) => {
    let url: URL | null = null;
    try {
      url = new URL(u);
    } catch {
      url = null;
    }
    if (url) expect(jsFromHttpAllows(url)).toBe(ok);
  });
  it('legacy provider accepts only localhost and 127.0.0.1', () => {
    expect(jsLegacyContainerAllows(new URL('http://127.0.0.1:1/x'))).toBe(true);
    expect(jsLegacyContainerAllows(new URL('http://127.0.0.2:1/x'))).toBe(false);
  });
  it('relative wins when both are set; empty counts as unset', () => {
    expect(containerUrlOf({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/x', AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1/y' })).toEqual({ url: 'http://169.254.170.2/v2/x', from: 'relative' });
    expect(containerUrlOf({ AWS_CONTAINER_CREDENTIALS_FULL_URI: '' })).toBeNull();
  });
  it('strict RFC 3339 as the SDK parses Expiration', () => {
    expect(parseRfc3339Strict('2026-01-01T00:00:00Z')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseRfc3339Strict('2026-01-01T00:00:00.123Z')?.getUTCMilliseconds()).toBe(123);
    expect(parseRfc3339Strict('2026-01-01 00:00:00')).toBeNull();
    expect(parseRfc3339Strict('2026-01-01T00:00:00+00:00')).toBeNull();
    expect(parseRfc3339Strict('2026-02-30T00:00:00Z')).toBeNull();
  });
});
