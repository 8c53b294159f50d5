/**
 * fromEnv as the JS default chain runs it: skipped when a profile is named.
 * mirrors aws/aws-sdk-js-v3 packages/credential-provider-node/src/defaultProvider.ts (AWS_PROFILE check)
 * and packages/credential-provider-env/src/fromEnv.ts (both keys non-empty).
 */
import { nonEmpty } from '../../env-value.ts';
import type { ChainContext, PartialEnvKeys, SourceOutcome } from '../../model/chain.ts';

export function evaluateEnv(ctx: ChainContext): SourceOutcome {
  const env = ctx.facts.env;
  const hasKeys = nonEmpty(env, 'AWS_ACCESS_KEY_ID') && nonEmpty(env, 'AWS_SECRET_ACCESS_KEY');
  if (ctx.profileNamed) {
    return {
      kind: 'skip',
      reason: hasKeys ? `AWS_PROFILE is set (${env['AWS_PROFILE']}), so the SDK skips the env keys it also finds` : 'AWS_PROFILE is set, skipping fromEnv provider.',
    };
  }
  if (!hasKeys) {
    const partial = nonEmpty(env, 'AWS_ACCESS_KEY_ID') ? ' (AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY)' : nonEmpty(env, 'AWS_SECRET_ACCESS_KEY') ? ' (AWS_SECRET_ACCESS_KEY is set without AWS_ACCESS_KEY_ID)' : '';
    return { kind: 'skip', reason: `Unable to find environment variable credentials${partial}.` };
  }
  const temporary = nonEmpty(env, 'AWS_SESSION_TOKEN');
  return {
    kind: 'provides',
    reason: `${temporary ? 'temporary' : 'static'} keys in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY${temporary ? ' with AWS_SESSION_TOKEN' : ''}`,
    credentials: {
      ref: 'env',
      accessKeyId: env['AWS_ACCESS_KEY_ID'] ?? '',
      roleArn: null,
      expiration: nonEmpty(env, 'AWS_CREDENTIAL_EXPIRATION') ? (env['AWS_CREDENTIAL_EXPIRATION'] ?? null) : null,
      origin: 'environment variables',
      feature: 'CREDENTIALS_ENV_VARS',
    },
  };
}

/**
 * ChainDefinition.partialEnvKeys: fromEnv wants both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
 * non-empty; with one half it throws a CredentialsProviderError the chain moves past.
 */
export function jsPartialEnvKeys(env: Record<string, string>): PartialEnvKeys | null {
  const id = nonEmpty(env, 'AWS_ACCESS_KEY_ID');
  const secret = nonEmpty(env, 'AWS_SECRET_ACCESS_KEY');
  if (id === secret) return null;
  return id ? { present: 'AWS_ACCESS_KEY_ID', missing: 'AWS_SECRET_ACCESS_KEY', stops: false } : { present: 'AWS_SECRET_ACCESS_KEY', missing: 'AWS_ACCESS_KEY_ID', stops: false };
}
