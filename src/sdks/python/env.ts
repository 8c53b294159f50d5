/**
 * botocore's EnvProvider (METHOD env). AWS_ACCESS_KEY_ID non-empty selects it; then a missing or
 * empty AWS_SECRET_ACCESS_KEY raises PartialCredentialsError, which stops the chain.
 * AWS_SECURITY_TOKEN is read before AWS_SESSION_TOKEN. A named profile (AWS_PROFILE,
 * AWS_DEFAULT_PROFILE) does not remove it: only Session(profile_name=...) / `--profile` does
 * (create_credential_resolver: disable_env_vars = session.instance_variables().get('profile') is not None).
 * mirrors boto/botocore botocore/credentials.py EnvProvider.load, _create_credentials_fetcher.
 */
import { VAULT_REFS } from '../../model/vault-refs.ts';
import { nonEmpty } from '../../env-value.ts';
import type { ChainContext, PartialEnvKeys, SourceOutcome } from '../../model/chain.ts';
import { classifyDateutil } from './dates.ts';

/**
 * The vault entry of botocore's env credentials when its session token is AWS_SECURITY_TOKEN:
 * the other SDKs' `env` entry carries AWS_SESSION_TOKEN (or none), which botocore would not send.
 */
export const BOTOCORE_ENV_REF = VAULT_REFS.botocoreEnv;

export function evaluateBotoEnv(ctx: ChainContext): SourceOutcome {
  const env = ctx.facts.env;
  if (!nonEmpty(env, 'AWS_ACCESS_KEY_ID')) {
    const secretOnly = nonEmpty(env, 'AWS_SECRET_ACCESS_KEY') ? ' (AWS_SECRET_ACCESS_KEY alone is ignored)' : '';
    return { kind: 'skip', reason: `AWS_ACCESS_KEY_ID is ${env['AWS_ACCESS_KEY_ID'] === '' ? 'set but empty' : 'not set'}${secretOnly}` };
  }
  if (!nonEmpty(env, 'AWS_SECRET_ACCESS_KEY')) {
    return {
      kind: 'fail',
      hard: true,
      reason: `PartialCredentialsError: Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY (AWS_ACCESS_KEY_ID is set, AWS_SECRET_ACCESS_KEY is ${env['AWS_SECRET_ACCESS_KEY'] === '' ? 'empty' : 'not set'}); botocore stops here`,
    };
  }
  const token = nonEmpty(env, 'AWS_SECURITY_TOKEN') ? 'AWS_SECURITY_TOKEN' : nonEmpty(env, 'AWS_SESSION_TOKEN') ? 'AWS_SESSION_TOKEN' : null;
  const both = token === 'AWS_SECURITY_TOKEN' && nonEmpty(env, 'AWS_SESSION_TOKEN') ? ' (AWS_SESSION_TOKEN is set too, but botocore reads AWS_SECURITY_TOKEN first)' : '';
  const expiration = nonEmpty(env, 'AWS_CREDENTIAL_EXPIRATION') ? (env['AWS_CREDENTIAL_EXPIRATION'] ?? '') : null;
  if (expiration !== null && classifyDateutil(expiration).kind === 'unparsable') {
    return { kind: 'fail', hard: true, reason: `ParserError: Unknown string format: ${expiration} (AWS_CREDENTIAL_EXPIRATION; botocore parses it with dateutil and stops here)` };
  }
  return {
    kind: 'provides',
    reason: `${token ? 'temporary' : 'static'} keys in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY${token ? ` with ${token}` : ''}${both}${expiration ? `, expiring ${expiration} (refreshable)` : ''}`,
    credentials: { ref: token === 'AWS_SECURITY_TOKEN' ? BOTOCORE_ENV_REF : 'env', accessKeyId: env['AWS_ACCESS_KEY_ID'] ?? '', roleArn: null, expiration, origin: 'environment variables', feature: null },
  };
}

/**
 * ChainDefinition.partialEnvKeys: EnvProvider raises PartialCredentialsError for a key id without
 * its secret (the chain stops); a secret without a key id is never looked at (the chain goes on).
 * mirrors boto/botocore botocore/credentials.py (EnvProvider._create_credentials_fetcher).
 */
export function botoPartialEnvKeys(env: Record<string, string>): PartialEnvKeys | null {
  const id = nonEmpty(env, 'AWS_ACCESS_KEY_ID');
  const secret = nonEmpty(env, 'AWS_SECRET_ACCESS_KEY');
  if (id === secret) return null;
  return id ? { present: 'AWS_ACCESS_KEY_ID', missing: 'AWS_SECRET_ACCESS_KEY', stops: true } : { present: 'AWS_SECRET_ACCESS_KEY', missing: 'AWS_ACCESS_KEY_ID', stops: false };
}
