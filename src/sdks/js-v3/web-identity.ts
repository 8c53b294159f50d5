/**
 * fromTokenFile: AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, then an eager
 * sts:AssumeRoleWithWebIdentity; an unreadable token file or an STS error stops the chain.
 * mirrors aws/aws-sdk-js-v3 packages/credential-provider-web-identity/src/fromTokenFile.ts
 */
import { nonEmpty } from '../../env-value.ts';
import type { ChainContext, SourceOutcome } from '../../model/chain.ts';
import { outcomeOfExchange } from '../shared/exchange.ts';

export function evaluateWebIdentity(ctx: ChainContext): SourceOutcome {
  const env = ctx.facts.env;
  if (!nonEmpty(env, 'AWS_WEB_IDENTITY_TOKEN_FILE') || !nonEmpty(env, 'AWS_ROLE_ARN')) {
    const half = nonEmpty(env, 'AWS_WEB_IDENTITY_TOKEN_FILE') ? ' (AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not)' : nonEmpty(env, 'AWS_ROLE_ARN') ? ' (AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not)' : '';
    return { kind: 'skip', reason: `Web identity configuration not specified${half}.` };
  }
  const file = ctx.facts.webIdentityTokenFile;
  if (file?.state !== 'ok') {
    return { kind: 'fail', hard: true, reason: `the token file ${env['AWS_WEB_IDENTITY_TOKEN_FILE']} cannot be read (${file?.error ?? 'not checked'}); the SDK's readFileSync error stops the chain` };
  }
  const roleArn = env['AWS_ROLE_ARN'] ?? '';
  return outcomeOfExchange(
    ctx.facts,
    { ref: 'web-identity:env', kind: 'web-identity', roleArn, sessionName: env['AWS_ROLE_SESSION_NAME'] || 'ecs-cred-doctor', tokenRef: 'web-identity-token' },
    'CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN',
    'web identity token file (IRSA)',
    `token file ${env['AWS_WEB_IDENTITY_TOKEN_FILE']}`,
  );
}
