// The JS SDK's IMDS switches (issue 11 item 3): remoteProvider disables IMDS for any non-empty
// AWS_EC2_METADATA_DISABLED but "false" (case-sensitive), and before 3.738.0 for any non-empty
// value; fromInstanceMetadata blocks the v1 fallback for any non-empty AWS_EC2_METADATA_V1_DISABLED
// but "false".
// aws/aws-sdk-js-v3 packages/credential-provider-node/src/remoteProvider.ts;
// smithy-lang/smithy-typescript packages/credential-provider-imds/src/fromInstanceMetadata.ts
import { describe, expect, it } from 'vitest';
import { jsV3ChainFor } from '../../../src/sdks/js-v3/index.ts';
import { asks, imdsStatus, v1Fallback } from '../imds-flags.ts';

const current = jsV3ChainFor(null);
const old = jsV3ChainFor('3.734.0');

describe('js-v3 IMDS switches', () => {
  // value → [current asks, 3.734.0 asks]
  const DISABLED: [string, boolean, boolean][] = [
    ['', true, true],
    ['false', true, false],
    ['False', false, false],
    ['0', false, false],
    ['1', false, false],
    ['true', false, false],
    ['TRUE', false, false],
  ];
  it.each(DISABLED)('AWS_EC2_METADATA_DISABLED=%j: current asks %s, 3.734.0 asks %s', (v, now, before) => {
    const env = { AWS_EC2_METADATA_DISABLED: v };
    expect(asks(current, env)).toBe(now);
    expect(asks(old, env)).toBe(before);
    expect(imdsStatus(current, env).status).toBe(now ? 'selected' : 'skipped');
    expect(imdsStatus(old, env).status).toBe(before ? 'selected' : 'skipped');
  });

  it('unset: asks at the endpoint variable, else by the case-sensitive mode; an unknown mode asks nothing', () => {
    expect(current.imdsRequestOf({})).toEqual({ url: 'http://169.254.169.254', v1Disabled: false });
    expect(current.imdsRequestOf({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv6' })?.url).toBe('http://[fd00:ec2::254]');
    expect(current.imdsRequestOf({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv6' })).toBeNull();
  });

  // value → the v1 fallback is blocked
  const V1: [string, boolean][] = [
    ['', false],
    ['false', false],
    ['False', true],
    ['1', true],
    ['true', true],
  ];
  it.each(V1)('AWS_EC2_METADATA_V1_DISABLED=%j blocks the IMDSv1 fallback: %s', (v, blocked) => {
    const env = { AWS_EC2_METADATA_V1_DISABLED: v };
    expect(current.imdsRequestOf(env)?.v1Disabled).toBe(blocked);
    // the probe fell back (another SDK would): JS judges by its own switch
    const r = imdsStatus(current, env, v1Fallback());
    expect(r.status).toBe(blocked ? 'failed' : 'selected');
    if (blocked) expect(r.reason).toMatch(/blocks the v1 fallback/);
  });
});
