/**
 * WebIdentityTokenFileCredentialsProvider: AWS_WEB_IDENTITY_TOKEN_FILE/aws.webIdentityTokenFile and
 * AWS_ROLE_ARN/aws.roleArn, then sts:AssumeRoleWithWebIdentity. Every failure is an exception the
 * chain catches: a missing input, an unreadable token file, an STS rejection, and a missing `sts`
 * module ("To use web identity tokens, the 'sts' service module must be on the class path").
 * mirrors aws/aws-sdk-java-v2 core/auth/src/main/java/software/amazon/awssdk/auth/credentials/WebIdentityTokenFileCredentialsProvider.java,
 * internal/WebIdentityCredentialsUtils.java (factory) and
 * services/sts/src/main/java/software/amazon/awssdk/services/sts/internal/StsWebIdentityCredentialsProviderFactory.java
 * (the token file is read for every STS call).
 */
import type { ExchangeRequest } from '../../model/chain.ts';
import type { Facts, TokenFileFact } from '../../model/facts.ts';
import type { ChainContext, SourceOutcome } from '../../model/chain.ts';
import { outcomeOfExchange } from '../shared/exchange.ts';
import { javaSetting } from './system-properties.ts';

export const STS_MODULE_NOTE = "the 'sts' module must be on the class path; without it the SDK moves on silently (not visible from outside the JVM)";

export function evaluateJavaWebIdentity(ctx: ChainContext): SourceOutcome {
  const f = ctx.facts;
  const file = javaSetting(f, 'aws.webIdentityTokenFile', 'AWS_WEB_IDENTITY_TOKEN_FILE');
  const role = javaSetting(f, 'aws.roleArn', 'AWS_ROLE_ARN');
  if (!file?.value && !role?.value) return { kind: 'skip', reason: 'neither AWS_WEB_IDENTITY_TOKEN_FILE nor AWS_ROLE_ARN is set' };
  if (!file?.value) return { kind: 'fail', hard: false, reason: 'Either the environment variable AWS_WEB_IDENTITY_TOKEN_FILE or the javaproperty aws.webIdentityTokenFile must be set (AWS_ROLE_ARN alone); the chain moves on' };
  if (!role?.value) return { kind: 'fail', hard: false, reason: `Either the environment variable AWS_ROLE_ARN or the javaproperty aws.roleArn must be set (${file.from} is set without it); the chain moves on` };
  if (file.from !== 'AWS_WEB_IDENTITY_TOKEN_FILE' || role.from !== 'AWS_ROLE_ARN') {
    return { kind: 'fail', hard: false, reason: `web identity is configured through system properties (${file.from}, ${role.from}); the tool reads only the variables' token file, so this outcome was not observed` };
  }
  return javaWebIdentityExchange(f, {
    ref: 'web-identity:env',
    roleArn: role.value,
    sessionName: f.env['AWS_ROLE_SESSION_NAME'] || 'ecs-cred-doctor',
    tokenRef: 'web-identity-token',
    tokenFile: f.webIdentityTokenFile,
    path: file.value,
    what: `token file ${file.value}`,
    origin: 'web identity token file (IRSA)',
  });
}

/** The STS exchange as Java makes it: its failures move on instead of stopping the chain. */
export function javaWebIdentityExchange(facts: Facts, o: { ref: string; roleArn: string; sessionName: string; tokenRef: string; tokenFile: TokenFileFact | null | undefined; path: string; what: string; origin: string }): SourceOutcome {
  if (o.tokenFile?.state !== 'ok') {
    return { kind: 'fail', hard: false, reason: `${o.what} cannot be read (${o.tokenFile?.error ?? o.tokenFile?.state ?? 'not checked'}); the Java SDK's exception moves the chain on` };
  }
  const request: ExchangeRequest = { ref: o.ref, kind: 'web-identity', roleArn: o.roleArn, sessionName: o.sessionName, tokenRef: o.tokenRef };
  return soften(outcomeOfExchange(facts, request, 'CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN', o.origin, o.what), STS_MODULE_NOTE);
}

/** Java catches every RuntimeException in the chain: an STS failure moves on. */
export function soften(out: SourceOutcome, note: string): SourceOutcome {
  if (out.kind === 'fail') return { ...out, hard: false, reason: `${out.reason.replace(/; this (error )?stops the chain$/, '')}; the Java SDK moves on to the next provider` };
  if (out.kind === 'provides') return { ...out, reason: `${out.reason} (${note})` };
  return out;
}
