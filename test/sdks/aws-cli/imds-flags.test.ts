// The AWS CLI v2 reads the IMDS switches with its own botocore copy: only "true" (any case)
// disables; AWS_EC2_METADATA_V1_DISABLED from 2.15.1 (2.9.19 ignores it).
// aws/aws-cli awscli/botocore/utils.py IMDSFetcher.__init__, _fetch_metadata_token
import { describe, expect, it } from 'vitest';
import { awsCliChainFor } from '../../../src/sdks/aws-cli/index.ts';
import { IMDS } from '../../helpers/facts.ts';
import { asks } from '../imds-flags.ts';

const current = awsCliChainFor(null);
const debian = awsCliChainFor('2.9.19');

describe('aws-cli IMDS switches', () => {
  it.each([
    ['1', true],
    ['False', true],
    ['', true],
    ['TRUE', false],
    ['true', false],
  ] as const)('AWS_EC2_METADATA_DISABLED=%j: asks IMDS %s', (v, asked) => {
    expect(asks(current, { AWS_EC2_METADATA_DISABLED: v })).toBe(asked);
    expect(asks(debian, { AWS_EC2_METADATA_DISABLED: v })).toBe(asked);
  });

  it('AWS_EC2_METADATA_V1_DISABLED=true blocks the fallback from 2.15.1 only', () => {
    expect(current.imdsRequestOf({ ...IMDS, AWS_EC2_METADATA_V1_DISABLED: 'true' })?.v1Disabled).toBe(true);
    expect(awsCliChainFor('2.15.1').imdsRequestOf({ ...IMDS, AWS_EC2_METADATA_V1_DISABLED: 'true' })?.v1Disabled).toBe(true);
    expect(debian.imdsRequestOf({ ...IMDS, AWS_EC2_METADATA_V1_DISABLED: 'true' })?.v1Disabled).toBe(false);
  });
});
