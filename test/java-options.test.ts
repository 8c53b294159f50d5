import { describe, expect, it } from 'vitest';
import { parseJavaCredentialProperties, redactJavaOptions } from '../src/java-options.ts';
import { describeEnv } from '../src/gather/env.ts';

describe('Java system properties', () => {
  const opts = '-Xmx512m -Daws.accessKeyId=AKIAJAVAPROPS000WXYZ -Daws.secretAccessKey="CANARY/java+secret" -Daws.sessionToken=CANARYtoken -Dfoo=bar';
  it('finds the credential properties', () => {
    expect(parseJavaCredentialProperties(opts)).toEqual({ 'aws.accessKeyId': 'AKIAJAVAPROPS000WXYZ', 'aws.secretAccessKey': 'CANARY/java+secret', 'aws.sessionToken': 'CANARYtoken' });
    expect(parseJavaCredentialProperties('-Daws.secretKey=x -Daws.secretKey=y')).toEqual({ 'aws.secretKey': 'y' });
  });
  it('redacts them in facts', () => {
    const r = redactJavaOptions(opts);
    expect(r).not.toContain('CANARY');
    expect(r).toContain('-Daws.accessKeyId=AKIA************WXYZ');
    expect(r).toContain('-Dfoo=bar');
    expect(JSON.stringify(describeEnv({ JAVA_TOOL_OPTIONS: opts }))).not.toContain('CANARY');
  });
});
