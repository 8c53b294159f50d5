// The Java SDK v2's IMDS switches (issue 11 item 3; no oracle here, so from its sources):
// AWS_EC2_METADATA_DISABLED / aws.disableEc2Metadata is a boolean SdkSystemSetting: trimmed, then
// "true"/"false" in any case, and any other value ("1", "", "yes") throws IllegalStateException
// from isLocalCredentialLoadingDisabled, which the chain catches: no instance role either way.
// aws/aws-sdk-java-v2 utils/src/main/java/software/amazon/awssdk/utils/internal/SystemSettingUtils.java
// (resolveSetting trims; safeStringToBoolean), utils/src/main/java/software/amazon/awssdk/utils/SystemSetting.java
// (getBooleanValue, getBooleanValueOrThrow), core/auth/src/main/java/software/amazon/awssdk/auth/credentials/
// InstanceProfileCredentialsProvider.java (isLocalCredentialLoadingDisabled), internal/Ec2MetadataDisableV1Resolver.java
import { describe, expect, it } from 'vitest';
import { javaV2ChainFor } from '../../../src/sdks/java-v2/index.ts';
import { asks, imdsStatus, v1Fallback } from '../imds-flags.ts';

const java = javaV2ChainFor(null);

describe('java-v2 IMDS switches', () => {
  // value → [asks, the step's status]
  const DISABLED: [string, boolean, string][] = [
    ['false', true, 'selected'],
    ['False', true, 'selected'],
    [' false ', true, 'selected'],
    ['true', false, 'skipped'],
    ['TRUE', false, 'skipped'],
    [' true', false, 'skipped'],
    ['1', false, 'failed'],
    ['', false, 'failed'],
    ['yes', false, 'failed'],
  ];
  it.each(DISABLED)('AWS_EC2_METADATA_DISABLED=%j: asks IMDS %s (%s)', (v, asked, status) => {
    const env = { AWS_EC2_METADATA_DISABLED: v };
    expect(asks(java, env)).toBe(asked);
    const r = imdsStatus(java, env);
    expect(r.status).toBe(status);
    if (status === 'failed') expect(r.reason).toMatch(/IllegalStateException: AWS_EC2_METADATA_DISABLED was defined as '.*', but should be 'false' or 'true'/);
  });

  it('the -Daws.disableEc2Metadata property wins over the variable', () => {
    expect(asks(java, { JAVA_TOOL_OPTIONS: '-Daws.disableEc2Metadata=true', AWS_EC2_METADATA_DISABLED: 'false' })).toBe(false);
    expect(asks(java, { JAVA_TOOL_OPTIONS: '-Daws.disableEc2Metadata=false', AWS_EC2_METADATA_DISABLED: '1' })).toBe(true);
  });

  it('AWS_EC2_METADATA_V1_DISABLED: "TRUE" blocks the fallback, "1" throws when the fallback is weighed, "false" allows it', () => {
    expect(java.imdsRequestOf({ AWS_EC2_METADATA_V1_DISABLED: 'TRUE' })?.v1Disabled).toBe(true);
    expect(java.imdsRequestOf({ AWS_EC2_METADATA_V1_DISABLED: 'false' })?.v1Disabled).toBe(false);
    expect(imdsStatus(java, { AWS_EC2_METADATA_V1_DISABLED: 'TRUE' }, v1Fallback()).status).toBe('failed');
    expect(imdsStatus(java, { AWS_EC2_METADATA_V1_DISABLED: '1' }, v1Fallback()).reason).toMatch(/IllegalStateException/);
    expect(imdsStatus(java, { AWS_EC2_METADATA_V1_DISABLED: 'false' }, v1Fallback()).status).toBe('selected');
  });

  it('the endpoint mode is compared upper-cased; an unknown one asks nothing', () => {
    expect(java.imdsRequestOf({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv6' })?.url).toBe('http://[fd00:ec2::254]');
    expect(java.imdsRequestOf({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'bogus' })).toBeNull();
  });
});
