/**
 * SystemPropertyCredentialsProvider and EnvironmentVariableCredentialsProvider: the key id and
 * the secret are both required (trimmed); a half pair is an exception the chain catches and
 * moves past.
 * mirrors aws/aws-sdk-java-v2 core/auth/src/main/java/software/amazon/awssdk/auth/credentials/SystemPropertyCredentialsProvider.java,
 * EnvironmentVariableCredentialsProvider.java and internal/SystemSettingsCredentialsProvider.java
 * (resolveCredentials: "Unable to load credentials from system settings. Access key must be specified either via
 * environment variable (AWS_ACCESS_KEY_ID) or system property (aws.accessKeyId).").
 */
import type { ChainContext, PartialEnvKeys, SourceOutcome } from '../../model/chain.ts';
import { javaSystemProperties, javaValuePresent } from './system-properties.ts';

const MISSING = (what: 'Access key' | 'Secret key', env: string, prop: string): string => `Unable to load credentials from system settings. ${what} must be specified either via environment variable (${env}) or system property (${prop}).`;

export function evaluateJavaSystemProperties(ctx: ChainContext): SourceOutcome {
  const props = javaSystemProperties(ctx.facts);
  const id = props['aws.accessKeyId'];
  // aws.secretKey is the legacy name of the secret property (src/java-options.ts)
  const secret = props['aws.secretAccessKey'] ?? props['aws.secretKey'];
  const where = 'JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, _JAVA_OPTIONS and the app command line';
  if (id === undefined && secret === undefined)
    return { kind: 'skip', reason: `no -Daws.accessKeyId/-Daws.secretAccessKey system properties in ${where}${ctx.facts.app?.command ? '' : ' (no app command line in the facts)'}; properties set in code are not visible` };
  if (!javaValuePresent(id)) return { kind: 'fail', hard: false, reason: MISSING('Access key', 'AWS_ACCESS_KEY_ID', 'aws.accessKeyId') };
  if (!javaValuePresent(secret)) return { kind: 'fail', hard: false, reason: MISSING('Secret key', 'AWS_SECRET_ACCESS_KEY', 'aws.secretAccessKey') };
  const temporary = javaValuePresent(props['aws.sessionToken']);
  return {
    kind: 'provides',
    reason: `${temporary ? 'temporary' : 'static'} keys in the -Daws.accessKeyId/-Daws.secretAccessKey system properties${temporary ? ' with -Daws.sessionToken' : ''}`,
    credentials: { ref: 'java-system-properties', accessKeyId: (id ?? '').trim(), roleArn: null, expiration: null, origin: 'Java system properties', feature: null },
  };
}

export function evaluateJavaEnv(ctx: ChainContext): SourceOutcome {
  const env = ctx.facts.env;
  const id = env['AWS_ACCESS_KEY_ID'];
  const secret = env['AWS_SECRET_ACCESS_KEY'];
  if (id === undefined && secret === undefined) return { kind: 'skip', reason: 'neither AWS_ACCESS_KEY_ID nor AWS_SECRET_ACCESS_KEY is set' };
  if (!javaValuePresent(id)) return { kind: 'fail', hard: false, reason: MISSING('Access key', 'AWS_ACCESS_KEY_ID', 'aws.accessKeyId') };
  if (!javaValuePresent(secret)) return { kind: 'fail', hard: false, reason: MISSING('Secret key', 'AWS_SECRET_ACCESS_KEY', 'aws.secretAccessKey') };
  const temporary = javaValuePresent(env['AWS_SESSION_TOKEN']);
  return {
    kind: 'provides',
    reason: `${temporary ? 'temporary' : 'static'} keys in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY${temporary ? ' with AWS_SESSION_TOKEN' : ''}${env['AWS_PROFILE'] ? ` (AWS_PROFILE=${env['AWS_PROFILE']} does not suppress them)` : ''}`,
    credentials: { ref: 'env', accessKeyId: (id ?? '').trim(), roleArn: null, expiration: null, origin: 'environment variables', feature: null },
  };
}

/**
 * ChainDefinition.partialEnvKeys: EnvironmentVariableCredentialsProvider wants both
 * AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; with one half it throws, and the chain (which
 * catches every exception) moves on.
 */
export function javaPartialEnvKeys(env: Record<string, string>): PartialEnvKeys | null {
  const id = javaValuePresent(env['AWS_ACCESS_KEY_ID']);
  const secret = javaValuePresent(env['AWS_SECRET_ACCESS_KEY']);
  if (id === secret) return null;
  return id ? { present: 'AWS_ACCESS_KEY_ID', missing: 'AWS_SECRET_ACCESS_KEY', stops: false } : { present: 'AWS_SECRET_ACCESS_KEY', missing: 'AWS_ACCESS_KEY_ID', stops: false };
}
