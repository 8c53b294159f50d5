/**
 * botocore's AssumeRoleWithWebIdentityProvider (METHOD assume-role-with-web-identity).
 * Each setting comes from the environment when the variable is present ("" included), else from
 * the profile: web_identity_token_file ← AWS_WEB_IDENTITY_TOKEN_FILE, role_arn ← AWS_ROLE_ARN,
 * role_session_name ← AWS_ROLE_SESSION_NAME. No token path (or "") → None (skip). A token path
 * without a role ARN → InvalidConfigError (stops the chain). Otherwise
 * DeferredRefreshableCredentials: the token file is read (utils.py FileWebIdentityTokenLoader)
 * and sts:AssumeRoleWithWebIdentity called on first use.
 * mirrors boto/botocore botocore/credentials.py AssumeRoleWithWebIdentityProvider._assume_role_with_web_identity
 * (the env variables are ignored only with an explicit Session(profile_name=...), not modelled).
 */
import type { ExchangeRequest } from '../../model/chain.ts';
import type { TokenFileFact } from '../../model/facts.ts';
import type { ChainContext, SourceOutcome } from '../../model/chain.ts';
import { outcomeOfExchange } from '../shared/exchange.ts';
import { asDeferred } from './deferred.ts';
import { present } from './rules.ts';

const METHOD = 'assume-role-with-web-identity';

export function evaluateBotoWebIdentity(ctx: ChainContext): SourceOutcome {
  return botoWebIdentityFor(ctx, ctx.profileName || 'default', true);
}

/** `useEnv` false: the source-profile chain of assume role (disable_env_vars=True). */
export function botoWebIdentityFor(ctx: ChainContext, profileName: string, useEnv: boolean): SourceOutcome {
  const env = ctx.facts.env;
  const profile = ctx.profiles[profileName] ?? {};
  const get = (key: string, variable: string): { value: string | undefined; from: string } => (useEnv && present(env, variable) ? { value: env[variable], from: variable } : { value: profile[key], from: `profile ${profileName} ${key}` });
  const token = get('web_identity_token_file', 'AWS_WEB_IDENTITY_TOKEN_FILE');
  if (!token.value) {
    const why = token.from === 'AWS_WEB_IDENTITY_TOKEN_FILE' ? 'AWS_WEB_IDENTITY_TOKEN_FILE is set but empty' : `neither AWS_WEB_IDENTITY_TOKEN_FILE nor web_identity_token_file in profile ${profileName}`;
    return { kind: 'skip', reason: `no web identity token file (${why})` };
  }
  const role = get('role_arn', 'AWS_ROLE_ARN');
  if (!role.value) {
    return {
      kind: 'fail',
      hard: true,
      reason: `InvalidConfigError: the token file is configured (${token.from}=${token.value}) but no role ARN is (${role.from === 'AWS_ROLE_ARN' ? 'AWS_ROLE_ARN is set but empty' : `neither AWS_ROLE_ARN nor role_arn in profile ${profileName}`}); botocore stops here`,
    };
  }
  const session = get('role_session_name', 'AWS_ROLE_SESSION_NAME');
  const fromEnvToken = token.from === 'AWS_WEB_IDENTITY_TOKEN_FILE';
  const file: TokenFileFact | null | undefined = fromEnvToken ? ctx.facts.webIdentityTokenFile : ctx.facts.profileTokenFiles[profileName];
  const where = `token file ${token.value} (${token.from}), role ${role.value} (${role.from})`;
  if (file?.state !== 'ok') {
    const err = file?.state === 'missing' ? 'FileNotFoundError' : file?.state === 'not-a-file' ? 'IsADirectoryError' : file ? 'PermissionError' : 'OSError';
    return asDeferred({ kind: 'fail', hard: true, reason: `${err}: the web identity token file cannot be read (${file?.error ?? 'not gathered'}; ${where})` }, METHOD);
  }
  const ref = fromEnvToken && role.from === 'AWS_ROLE_ARN' ? 'web-identity:env' : !fromEnvToken && role.from !== 'AWS_ROLE_ARN' ? `web-identity:profile:${profileName}` : `web-identity:mixed:${profileName}`;
  const request: ExchangeRequest = {
    ref,
    kind: 'web-identity',
    roleArn: role.value,
    // botocore names the session botocore-session-<timestamp> when none is configured
    sessionName: session.value ?? 'ecs-cred-doctor',
    tokenRef: fromEnvToken ? 'web-identity-token' : `web-identity-token:profile:${profileName}`,
  };
  return asDeferred(outcomeOfExchange(ctx.facts, request, '', `web identity (${role.value})`, where), METHOD);
}
