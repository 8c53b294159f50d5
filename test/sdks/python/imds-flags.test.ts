// botocore's IMDS switches (issue 11 item 3): AWS_EC2_METADATA_DISABLED disables only when
// `.lower() == 'true'`; AWS_EC2_METADATA_V1_DISABLED is read by ensure_boolean from 1.32.4 and
// ignored before (1.29.27 falls back to IMDSv1 whatever it says).
// boto/botocore botocore/utils.py IMDSFetcher.__init__ (`env.get('AWS_EC2_METADATA_DISABLED',
// 'false').lower() == 'true'`), IMDSFetcher._fetch_metadata_token / _assert_v1_enabled, utils.ensure_boolean
import { describe, expect, it } from 'vitest';
import { pythonChainFor } from '../../../src/sdks/python/index.ts';
import { asks, imdsStatus, v1Fallback } from '../imds-flags.ts';

const current = pythonChainFor(null);
const debian = pythonChainFor('1.29.27');

describe('python (botocore) IMDS switches', () => {
  const DISABLED: [string, boolean][] = [
    ['', true],
    ['0', true],
    ['1', true],
    ['False', true],
    ['false', true],
    ['yes', true],
    [' true', true],
    ['true', false],
    ['TRUE', false],
    ['True', false],
  ];
  it.each(DISABLED)('AWS_EC2_METADATA_DISABLED=%j: asks IMDS %s', (v, asked) => {
    const env = { AWS_EC2_METADATA_DISABLED: v };
    for (const chain of [current, debian]) {
      expect(asks(chain, env)).toBe(asked);
      expect(imdsStatus(chain, env).status).toBe(asked ? 'selected' : 'skipped');
    }
  });

  it('an endpoint mode botocore rejects asks nothing; the mode is case-insensitive', () => {
    expect(current.imdsRequestOf({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'bogus' })).toBeNull();
    expect(current.imdsRequestOf({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv6' })?.url).toBe('http://[fd00:ec2::254]');
  });

  const V1: [string, boolean][] = [
    ['1', false],
    ['false', false],
    ['True', true],
    ['true', true],
  ];
  it.each(V1)('AWS_EC2_METADATA_V1_DISABLED=%j: current blocks the v1 fallback %s, 1.29.27 never', (v, blocked) => {
    const env = { AWS_EC2_METADATA_V1_DISABLED: v };
    expect(current.imdsRequestOf(env)?.v1Disabled).toBe(blocked);
    expect(debian.imdsRequestOf(env)?.v1Disabled).toBe(false);
    const now = imdsStatus(current, env, v1Fallback());
    expect(now.status).toBe(blocked ? 'failed' : 'selected');
    if (blocked) expect(now.reason).toMatch(/MetadataRetrievalError/);
    expect(imdsStatus(debian, env, v1Fallback()).status).toBe('selected');
  });
});
