/**
 * ProfileCredentialsProvider: the profile aws.profile / AWS_PROFILE / "default" of the merged
 * config and credentials files (AWS_DEFAULT_PROFILE is not read). A missing file, a missing
 * profile, a profile without credentials and every error inside are exceptions the chain catches.
 * Within a profile, first match wins (SDK-CHAINS.md §4.1, the newest source read):
 *   1. role_arn + web_identity_token_file; 2. any sso_* key; 3. role_arn + source_profile or
 *   credential_source (both: IllegalStateException); 4. login_session; 5. credential_process;
 *   6. static keys with aws_session_token; 7. static keys.
 * mirrors aws/aws-sdk-java-v2 core/auth/src/main/java/software/amazon/awssdk/auth/credentials/ProfileCredentialsProvider.java
 * and internal/ProfileCredentialsUtils.java (credentialsProviderWithFeatureID / credentialsProvider,
 * requireProperties, roleAndSourceProfileBasedProfileCredentialsProvider's circular check,
 * credentialSourceCredentialProvider: EcsContainer, Ec2InstanceMetadata, Environment).
 */
import type { ExchangeRequest } from '../../model/chain.ts';
import type { ChainContext, SourceOutcome } from '../../model/chain.ts';
import { outcomeOfExchange } from '../shared/exchange.ts';
import { PARSER_REJECTS } from '../shared/files.ts';
import { javaProfileName } from './system-properties.ts';
import { javaWebIdentityExchange, soften, STS_MODULE_NOTE } from './web-identity.ts';
import { evaluateJavaEnv, evaluateJavaSystemProperties } from './env.ts';
import { evaluateJavaContainer } from './container.ts';
import { evaluateJavaImds } from './imds.ts';

type Profile = Record<string, string>;

const has = (p: Profile, k: string): boolean => p[k] !== undefined;
const SSO_KEYS = ['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'];

export function evaluateJavaProfile(ctx: ChainContext): SourceOutcome {
  const { name, from } = javaProfileName(ctx.facts);
  const files = [ctx.facts.configFile, ctx.facts.credentialsFile];
  // the merged ProfileFile fails to load when either file throws in ProfileFileReader: the provider's exception, caught by the chain
  const rejected = files.find((f) => f.state === 'unreadable' && (f.error ?? '').startsWith(PARSER_REJECTS));
  if (rejected) return { kind: 'fail', hard: false, reason: `${(rejected.error ?? '').slice(PARSER_REJECTS.length)} (${rejected.path}); no profile of either file is read, and the Java SDK moves on` };
  if (files.every((f) => f.state !== 'ok')) {
    return { kind: 'skip', reason: `no shared config or credentials file (${files.map((f) => `${f.path}: ${f.state}`).join(', ')})` };
  }
  if (ctx.profiles[name] === undefined) {
    return { kind: 'fail', hard: false, reason: `Profile file contained no credentials for profile '${name}' (${from === 'default' ? 'the default profile' : `named by ${from}`} is in neither file); the Java SDK moves on` };
  }
  return resolve(ctx, name, []);
}

function resolve(ctx: ChainContext, name: string, children: string[]): SourceOutcome {
  const p = ctx.profiles[name] ?? {};
  const label = `profile ${name}`;
  if (has(p, 'role_arn')) {
    const src = has(p, 'source_profile');
    const cs = has(p, 'credential_source');
    if (src && cs) return { kind: 'fail', hard: false, reason: `Invalid profile file: ${label} has both source_profile and credential_source.` };
    if (has(p, 'web_identity_token_file')) {
      return javaWebIdentityExchange(ctx.facts, {
        ref: `web-identity:profile:${name}`,
        roleArn: p['role_arn'] ?? '',
        sessionName: p['role_session_name'] ?? 'ecs-cred-doctor',
        tokenRef: `web-identity-token:profile:${name}`,
        tokenFile: ctx.facts.profileTokenFiles[name],
        path: p['web_identity_token_file'] ?? '',
        what: `${label} (web_identity_token_file ${p['web_identity_token_file']})`,
        origin: `web identity in ${label}`,
      });
    }
  }
  if (SSO_KEYS.some((k) => has(p, k))) {
    return {
      kind: 'provides',
      reason: `${label} uses IAM Identity Center (sso_*): role ${p['sso_role_name'] ?? '?'} in account ${p['sso_account_id'] ?? '?'} (needs the 'sso' module; its failures move on)`,
      unproven: 'ecs-cred-doctor does not read the SSO token cache or call the SSO portal',
      credentials: { ref: `sso:${name}`, accessKeyId: '(from IAM Identity Center)', roleArn: null, expiration: null, origin: `SSO ${label}`, feature: null },
    };
  }
  if (has(p, 'role_arn') && (has(p, 'source_profile') || has(p, 'credential_source'))) return assumeRole(ctx, name, p, children);
  if (has(p, 'login_session')) {
    return {
      kind: 'provides',
      reason: `${label} uses login_session ${p['login_session']}`,
      unproven: 'ecs-cred-doctor does not read the console login cache',
      credentials: { ref: `login:${name}`, accessKeyId: '(from login session)', roleArn: null, expiration: null, origin: `login ${label}`, feature: null },
    };
  }
  if (has(p, 'credential_process')) {
    return {
      kind: 'provides',
      reason: `${label} runs credential_process (${p['credential_process']}); if it fails, the Java SDK moves on to the container endpoint and IMDS`,
      unproven: 'ecs-cred-doctor does not run credential_process commands',
      credentials: { ref: `process:${name}`, accessKeyId: '(from credential_process)', roleArn: null, expiration: null, origin: `credential_process of ${label}`, feature: null },
    };
  }
  const required = has(p, 'aws_session_token') ? ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'] : has(p, 'aws_access_key_id') ? ['aws_access_key_id', 'aws_secret_access_key'] : [];
  if (required.length > 0) {
    const missing = required.find((k) => !has(p, k));
    if (missing) return { kind: 'fail', hard: false, reason: `Profile property '${missing}' was not configured for '${name}'.` };
    return {
      kind: 'provides',
      reason: `${p['aws_session_token'] ? 'temporary' : 'static'} keys in ${label}`,
      credentials: { ref: `profile:${name}`, accessKeyId: p['aws_access_key_id'] ?? '', roleArn: null, expiration: null, origin: `${label} in the shared files`, feature: 'CREDENTIALS_PROFILE' },
    };
  }
  return { kind: 'fail', hard: false, reason: `Profile file contained no credentials for profile '${name}'${has(p, 'aws_secret_access_key') ? ' (aws_secret_access_key without aws_access_key_id)' : ''}; the Java SDK moves on` };
}

function assumeRole(ctx: ChainContext, name: string, p: Profile, children: string[]): SourceOutcome {
  let source: SourceOutcome;
  let sourceLabel: string;
  const src = p['source_profile'];
  if (src !== undefined) {
    sourceLabel = `source_profile ${src}`;
    if (children.includes(name)) return { kind: 'fail', hard: false, reason: `Invalid profile file: Circular relationship detected with profiles [${children.join(', ')}].` };
    if (ctx.profiles[src] === undefined) {
      return { kind: 'fail', hard: false, reason: `The source profile of '${name}' was configured to be '${src}', but that source profile has no credentials configured.` };
    }
    source = resolve(ctx, src, [...children, name]);
    if (source.kind === 'fail' && /Profile file contained no credentials/.test(source.reason)) {
      source = { kind: 'fail', hard: false, reason: `The source profile of '${name}' was configured to be '${src}', but that source profile has no credentials configured.` };
    }
  } else {
    const cs = p['credential_source'] ?? '';
    sourceLabel = `credential_source ${cs}`;
    source = credentialSource(ctx, cs);
  }
  if (source.kind === 'needs') return source;
  if (source.kind !== 'provides') return { kind: 'fail', hard: false, reason: `profile ${name} (role_arn via ${sourceLabel}): ${source.reason}` };
  if (source.unproven) return { ...source, reason: `profile ${name} assumes ${p['role_arn']} with ${sourceLabel} (${source.reason})` };
  const request: ExchangeRequest = {
    ref: `java:assume-role:${name}`,
    kind: 'assume-role',
    roleArn: p['role_arn'] ?? '',
    sessionName: p['role_session_name'] ?? 'ecs-cred-doctor',
    sourceRef: source.credentials.ref,
    externalId: p['external_id'] ?? null,
    region: null,
  };
  if (p['mfa_serial'] !== undefined) return { kind: 'fail', hard: false, reason: `profile ${name} requires MFA (mfa_serial), which the default chain cannot answer; the Java SDK moves on` };
  return soften(outcomeOfExchange(ctx.facts, request, 'CREDENTIALS_PROFILE_SOURCE_PROFILE', `profile ${name} (assume role via ${sourceLabel})`, `profile ${name} with ${sourceLabel}`), STS_MODULE_NOTE);
}

/** credential_source: the providers Java builds for it (CredentialSourceType.parse rejects others). */
function credentialSource(ctx: ChainContext, cs: string): SourceOutcome {
  switch (cs) {
    case 'Environment': {
      const sys = evaluateJavaSystemProperties(ctx);
      return sys.kind === 'provides' ? sys : evaluateJavaEnv(ctx);
    }
    case 'EcsContainer':
      return evaluateJavaContainer(ctx);
    case 'Ec2InstanceMetadata':
      return evaluateJavaImds(ctx);
    default:
      return { kind: 'fail', hard: false, reason: `${cs} is not a valid credential_source (EcsContainer, Ec2InstanceMetadata or Environment)` };
  }
}
