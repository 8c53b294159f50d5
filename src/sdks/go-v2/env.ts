/**
 * The first two selections of aws-sdk-go-v2's resolveCredentialChain: env keys, then
 * AWS_WEB_IDENTITY_TOKEN_FILE. Go selects once, while the config loads: the selected provider's
 * failure is the app's error and nothing later is tried.
 * mirrors aws/aws-sdk-go-v2 config/resolve_credentials.go (resolveCredentialChain, assumeWebIdentity:
 * "token file path is not set", "role ARN is not set"), config/env_config.go (NewEnvConfig: credAccessEnvKeys,
 * credSecretEnvKeys; AWS_SESSION_TOKEN and AWS_ACCOUNT_ID only with both keys), credentials/stscreds/web_identity_provider.go
 * (the token file is read on Retrieve), and SDK-CHAINS.md §3.1, §3.4 (no region: "Missing Region").
 */
import { VAULT_REFS } from '../../model/vault-refs.ts';
import type { ExchangeRequest } from '../../model/chain.ts';
import type { ResolvedCredentials } from '../../model/report.ts';
import type { ChainContext, PartialEnvKeys, SourceOutcome } from '../../model/chain.ts';
import { outcomeOfExchange } from '../shared/exchange.ts';
import { goEnvKeys, goLoadSharedConfig, goRegionOf } from './config.ts';

/**
 * The vault entry of Go's env credentials when either half comes from a legacy name
 * (AWS_ACCESS_KEY, AWS_SECRET_KEY): the other SDKs' `env` entry holds AWS_ACCESS_KEY_ID /
 * AWS_SECRET_ACCESS_KEY only (src/gather/index.ts).
 */
export const GO_ENV_LEGACY_REF = VAULT_REFS.goEnvLegacy;

/** The static credentials of EnvConfig, or null when either half is empty. */
export function goEnvCredentials(env: Record<string, string>): { credentials: ResolvedCredentials; names: string } | null {
  const { id, secret } = goEnvKeys(env);
  if (!id || !secret) return null;
  const modern = id.name === 'AWS_ACCESS_KEY_ID' && secret.name === 'AWS_SECRET_ACCESS_KEY';
  return {
    names: `${id.name}/${secret.name}`,
    credentials: { ref: modern ? 'env' : GO_ENV_LEGACY_REF, accessKeyId: id.value, roleArn: null, expiration: null, origin: 'environment variables', feature: 'CREDENTIALS_ENV_VARS' },
  };
}

export function evaluateGoEnv(ctx: ChainContext): SourceOutcome {
  const env = ctx.facts.env;
  const found = goEnvCredentials(env);
  if (!found) {
    const { id, secret } = goEnvKeys(env);
    const half = id ? ` (${id.name} is set without AWS_SECRET_ACCESS_KEY or AWS_SECRET_KEY: ignored)` : secret ? ` (${secret.name} is set without AWS_ACCESS_KEY_ID or AWS_ACCESS_KEY: ignored)` : '';
    return { kind: 'skip', reason: `no static keys in the environment${half}` };
  }
  const temporary = !!env['AWS_SESSION_TOKEN'];
  const named = env['AWS_PROFILE'] ? ` (AWS_PROFILE=${env['AWS_PROFILE']} does not suppress them)` : '';
  return {
    kind: 'provides',
    reason: `${temporary ? 'temporary' : 'static'} keys in ${found.names}${temporary ? ' with AWS_SESSION_TOKEN' : ''}${named}`,
    credentials: found.credentials,
  };
}

export function evaluateGoWebIdentity(ctx: ChainContext): SourceOutcome {
  const f = ctx.facts;
  const path = f.env['AWS_WEB_IDENTITY_TOKEN_FILE'];
  if (!path) {
    return { kind: 'skip', reason: `AWS_WEB_IDENTITY_TOKEN_FILE is not set${f.env['AWS_ROLE_ARN'] ? ' (AWS_ROLE_ARN alone is not used)' : ''}` };
  }
  const roleArn = f.env['AWS_ROLE_ARN'];
  if (!roleArn) return { kind: 'fail', hard: true, reason: `LoadDefaultConfig fails: role ARN is not set (AWS_WEB_IDENTITY_TOKEN_FILE=${path} without AWS_ROLE_ARN)` };
  const load = goLoadSharedConfig(ctx);
  return goWebIdentityOutcome(ctx, {
    ref: 'web-identity:env',
    roleArn,
    sessionName: f.env['AWS_ROLE_SESSION_NAME'] || 'ecs-cred-doctor',
    tokenRef: 'web-identity-token',
    tokenFile: f.webIdentityTokenFile,
    path,
    what: `token file ${path}`,
    origin: 'web identity token file (IRSA)',
    region: goRegionOf(f, load.ok ? load.profile : null),
  });
}

/** stscreds.WebIdentityRoleProvider once selected: every failure is the app's error. */
export function goWebIdentityOutcome(
  ctx: ChainContext,
  o: { ref: string; roleArn: string; sessionName: string; tokenRef: string; tokenFile: import('../../model/facts.ts').TokenFileFact | null | undefined; path: string; what: string; origin: string; region: { region: string | null } },
): SourceOutcome {
  if (o.tokenFile?.state !== 'ok') {
    return {
      kind: 'fail',
      hard: true,
      reason: `failed to retrieve jwt from provide source: ${o.what} cannot be read (${o.tokenFile?.error ?? o.tokenFile?.state ?? 'not checked'}); Go selected this provider at load, so the app gets this error`,
    };
  }
  if (!o.region.region) return { kind: 'fail', hard: true, reason: `${o.what}: sts:AssumeRoleWithWebIdentity fails with "Missing Region" (no AWS_REGION, AWS_DEFAULT_REGION or profile region); Go has no default STS region` };
  const request: ExchangeRequest = { ref: o.ref, kind: 'web-identity', roleArn: o.roleArn, sessionName: o.sessionName, tokenRef: o.tokenRef };
  const out = outcomeOfExchange(ctx.facts, request, 'CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN', o.origin, o.what);
  return out.kind === 'fail' ? { ...out, reason: `${out.reason}; Go selected this provider at load, so the app gets this error` } : out;
}

/**
 * ChainDefinition.partialEnvKeys: EnvConfig takes the key id from AWS_ACCESS_KEY_ID or
 * AWS_ACCESS_KEY and the secret from AWS_SECRET_ACCESS_KEY or AWS_SECRET_KEY; with one half
 * only, Credentials.HasKeys() is false and the static provider is not selected (the chain goes on).
 * mirrors aws/aws-sdk-go-v2 config/env_config.go (credAccessEnvKeys, credSecretEnvKeys) and
 * config/resolve_credentials.go (resolveCredentialChain: envConfig.Credentials.HasKeys()).
 */
export function goPartialEnvKeys(env: Record<string, string>): PartialEnvKeys | null {
  const { id, secret } = goEnvKeys(env);
  if (id && !secret) return { present: id.name, missing: 'AWS_SECRET_ACCESS_KEY', stops: false };
  if (secret && !id) return { present: secret.name, missing: 'AWS_ACCESS_KEY_ID', stops: false };
  return null;
}
