// Go's IMDS switches (issue 11 item 3): AWS_EC2_METADATA_DISABLED decides only when it is "true" or
// "false" (strings.EqualFold), any other value is ignored (IMDS stays on); AWS_EC2_METADATA_V1_DISABLED
// is read from config 1.22.0 (true/false in any case; another value fails LoadDefaultConfig).
// aws/aws-sdk-go-v2 config/env_config.go setEC2IMDSClientEnableState, setBoolPtrFromEnvVal;
// feature/ec2/imds/api_client.go, token_provider.go
import { describe, expect, it } from 'vitest';
import { goV2ChainFor } from '../../../src/sdks/go-v2/index.ts';
import { asks, imdsStatus, v1Fallback } from '../imds-flags.ts';

const current = goV2ChainFor(null);
const debian = goV2ChainFor('1.17.10');

describe('go-v2 IMDS switches', () => {
  const DISABLED: [string, boolean][] = [
    ['', true],
    ['0', true],
    ['1', true],
    ['False', true],
    ['false', true],
    ['yes', true],
    ['true', false],
    ['TRUE', false],
  ];
  it.each(DISABLED)('AWS_EC2_METADATA_DISABLED=%j: asks IMDS %s', (v, asked) => {
    const env = { AWS_EC2_METADATA_DISABLED: v };
    for (const chain of [current, debian]) {
      expect(asks(chain, env)).toBe(asked);
      const r = imdsStatus(chain, env);
      expect(r.status).toBe(asked ? 'selected' : 'failed');
      if (!asked) expect(r.reason).toMatch(/access disabled to EC2 IMDS/);
    }
  });

  it('AWS_EC2_METADATA_V1_DISABLED: from 1.22.0 "TRUE" blocks the fallback and "1" fails the load (nothing is asked); 1.17.10 ignores both', () => {
    expect(current.imdsRequestOf({ AWS_EC2_METADATA_V1_DISABLED: 'TRUE' })?.v1Disabled).toBe(true);
    expect(current.imdsRequestOf({ AWS_EC2_METADATA_V1_DISABLED: '1' })).toBeNull();
    expect(debian.imdsRequestOf({ AWS_EC2_METADATA_V1_DISABLED: 'TRUE' })?.v1Disabled).toBe(false);
    expect(debian.imdsRequestOf({ AWS_EC2_METADATA_V1_DISABLED: '1' })?.v1Disabled).toBe(false);
    expect(imdsStatus(current, { AWS_EC2_METADATA_V1_DISABLED: 'true' }, v1Fallback()).status).toBe('failed');
    expect(imdsStatus(debian, { AWS_EC2_METADATA_V1_DISABLED: 'true' }, v1Fallback()).status).toBe('selected');
  });

  it('the endpoint mode is case-insensitive', () => {
    expect(current.imdsRequestOf({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv6' })?.url).toBe('http://[fd00:ec2::254]');
  });
});
