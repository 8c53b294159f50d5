/**
 * fromIni: the named profile of the merged config and credentials files, matched against
 * the SDK's shapes in its order.
 * mirrors aws/aws-sdk-js-v3 packages/credential-provider-ini/src/resolveProfileData.ts,
 * resolveAssumeRoleCredentials.ts, resolveStaticCredentials.ts, resolveWebIdentityCredentials.ts,
 * resolveCredentialSource.ts, resolveProcessCredentials.ts, resolveSsoCredentials.ts.
 */
import type { Facts } from '../../model/facts.ts';
import { nonEmpty } from '../../env-value.ts';
import type { ChainContext, SourceOutcome } from '../../model/chain.ts';
import { outcomeOfExchange } from '../shared/exchange.ts';
import { containerUrlOf } from './container-url.ts';
import { atLeast } from '../../versions.ts';
import { JS_RULES } from './rules.ts';

type Profile = Record<string, string>;

const isStatic = (p: Profile | undefined): boolean => p !== undefined && p['aws_access_key_id'] !== undefined && p['aws_secret_access_key'] !== undefined;
const isAssumeRole = (p: Profile | undefined): boolean => p !== undefined && p['role_arn'] !== undefined && (p['source_profile'] !== undefined) !== (p['credential_source'] !== undefined);
const isWebIdentity = (p: Profile | undefined): boolean => p !== undefined && p['web_identity_token_file'] !== undefined && p['role_arn'] !== undefined;
const isProcess = (p: Profile | undefined): boolean => p?.['credential_process'] !== undefined;
const isSso = (p: Profile | undefined): boolean => p !== undefined && ['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'].some((k) => p[k] !== undefined);
const isLogin = (p: Profile | undefined): boolean => p?.['login_session'] !== undefined;

function notFound(name: string): SourceOutcome {
  return { kind: 'skip', reason: `Could not resolve credentials using profile: [${name}] in configuration/credentials file(s).` };
}

export function evaluateProfile(ctx: ChainContext): SourceOutcome {
  const out = resolve(ctx, ctx.profileName, [], false);
  if (out.kind === 'skip' && ctx.profiles[ctx.profileName] === undefined) {
    const files = [ctx.facts.configFile, ctx.facts.credentialsFile].map((f) => `${f.path} (${f.state})`).join(', ');
    return { ...out, reason: `${out.reason} Profile "${ctx.profileName}" is in neither file: ${files}.` };
  }
  return out;
}

function resolve(ctx: ChainContext, name: string, visited: string[], recursiveAssume: boolean): SourceOutcome {
  const p = ctx.profiles[name];
  const label = `profile ${name}`;
  if (visited.length > 0 && isStatic(p)) return staticKeys(name, p);
  if (recursiveAssume || isAssumeRole(p)) return assumeRole(ctx, name, p ?? {}, visited);
  if (isStatic(p)) return staticKeys(name, p);
  if (isWebIdentity(p) && p) return webIdentity(ctx.facts, name, p);
  if (isProcess(p)) {
    return {
      kind: 'provides',
      reason: `${label} runs credential_process (${p?.['credential_process']}); a failure there is soft`,
      unproven: 'ecs-cred-doctor does not run credential_process commands',
      credentials: { ref: `process:${name}`, accessKeyId: '(from credential_process)', roleArn: null, expiration: null, origin: `credential_process of ${label}`, feature: 'CREDENTIALS_PROFILE_PROCESS' },
    };
  }
  if (isSso(p)) {
    // fromSSO reads the named [sso-session] unchecked (`session.sso_region` of undefined): a
    // TypeError, which no provider catches, in every release
    // mirrors aws/aws-sdk-js-v3 packages/credential-provider-sso/src/fromSSO.ts
    const session = p?.['sso_session'];
    if (session && !Object.hasOwn(ctx.facts.configFile.ssoSessions, session)) {
      return {
        kind: 'fail',
        hard: true,
        reason: `TypeError: Cannot read properties of undefined (reading 'sso_region'): ${label} names sso_session ${session}, but the config file has no [sso-session ${session}] section; this stops the chain`,
      };
    }
    return {
      kind: 'provides',
      reason: `${label} uses IAM Identity Center (sso_*): role ${p?.['sso_role_name'] ?? '?'} in account ${p?.['sso_account_id'] ?? '?'}`,
      unproven: 'ecs-cred-doctor does not read the SSO token cache or call the SSO portal',
      credentials: { ref: `sso:${name}`, accessKeyId: '(from IAM Identity Center)', roleArn: null, expiration: null, origin: `SSO ${label}`, feature: p?.['sso_session'] ? 'CREDENTIALS_PROFILE_SSO' : 'CREDENTIALS_PROFILE_SSO_LEGACY' },
    };
  }
  if (isLogin(p)) {
    return {
      kind: 'provides',
      reason: `${label} uses login_session ${p?.['login_session']}`,
      unproven: 'ecs-cred-doctor does not read the console login cache',
      credentials: { ref: `login:${name}`, accessKeyId: '(from login session)', roleArn: null, expiration: null, origin: `login ${label}`, feature: 'CREDENTIALS_PROFILE_LOGIN' },
    };
  }
  if (p !== undefined && (p['aws_access_key_id'] !== undefined || p['aws_secret_access_key'] !== undefined)) {
    const missing = p['aws_access_key_id'] === undefined ? 'aws_access_key_id' : 'aws_secret_access_key';
    return { kind: 'skip', reason: `Could not resolve credentials using profile: [${name}]: it has incomplete static keys (${missing} is missing or empty).` };
  }
  return notFound(name);
}

function staticKeys(name: string, p: Profile | undefined): SourceOutcome {
  return {
    kind: 'provides',
    reason: `${p?.['aws_session_token'] ? 'temporary' : 'static'} keys in profile ${name}`,
    credentials: { ref: `profile:${name}`, accessKeyId: p?.['aws_access_key_id'] ?? '', roleArn: null, expiration: null, origin: `profile ${name} in the shared files`, feature: 'CREDENTIALS_PROFILE' },
  };
}

function webIdentity(facts: Facts, name: string, p: Profile): SourceOutcome {
  const tokenRef = `web-identity-token:profile:${name}`;
  const file = facts.profileTokenFiles[name];
  if (file?.state !== 'ok') {
    return { kind: 'fail', hard: true, reason: `profile ${name}: web_identity_token_file ${p['web_identity_token_file']} cannot be read (${file?.error ?? 'not checked'}); that error stops the chain` };
  }
  return outcomeOfExchange(
    facts,
    { ref: `web-identity:profile:${name}`, kind: 'web-identity', roleArn: p['role_arn'] ?? '', sessionName: p['role_session_name'] ?? 'ecs-cred-doctor', tokenRef },
    'CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN',
    `web identity in profile ${name}`,
    `profile ${name} (web_identity_token_file)`,
  );
}

function assumeRole(ctx: ChainContext, name: string, p: Profile, visited: string[]): SourceOutcome {
  const src = p['source_profile'];
  if (src !== undefined && visited.includes(src)) {
    return { kind: 'skip', reason: `Detected a cycle attempting to resolve credentials for profile ${ctx.profileName}. Profiles visited: ${visited.join(', ')}` };
  }
  if (p['mfa_serial'] !== undefined) {
    return { kind: 'fail', hard: true, reason: `Profile ${name} requires multi-factor authentication, but no MFA code callback was provided.` };
  }
  let source: SourceOutcome;
  let sourceLabel: string;
  if (src !== undefined) {
    const srcProfile = ctx.profiles[src] ?? {};
    // a source profile with credential_source but no role_arn is used as the source from 3.600.0
    // (aws/aws-sdk-js-v3#6132); before, resolveProfileData finds no shape in it (a soft error)
    const asSource = atLeast(ctx.chain.version, JS_RULES.credentialSourceAsSource) && !srcProfile['role_arn'] && !!srcProfile['credential_source'];
    source = resolve(ctx, src, [...visited, src], asSource);
    sourceLabel = `source_profile ${src}`;
  } else {
    const cs = p['credential_source'] ?? '';
    sourceLabel = `credential_source ${cs}`;
    source = credentialSource(ctx, name, cs);
  }
  if (source.kind !== 'provides') {
    if (source.kind === 'needs') return source;
    return { ...source, reason: `profile ${name} (role_arn via ${sourceLabel}): ${source.reason}` };
  }
  if (source.unproven) return { ...source, reason: `profile ${name} assumes ${p['role_arn'] ?? '(none)'} with ${sourceLabel}` };
  if (!p['role_arn']) return { ...source, reason: `profile ${name} uses ${sourceLabel}` };
  return outcomeOfExchange(
    ctx.facts,
    {
      ref: `assume-role:${name}`,
      kind: 'assume-role',
      roleArn: p['role_arn'],
      sessionName: p['role_session_name'] ?? 'ecs-cred-doctor',
      sourceRef: source.credentials.ref,
      externalId: p['external_id'] ?? null,
      region: p['region'] ?? null,
    },
    'CREDENTIALS_PROFILE_SOURCE_PROFILE',
    `profile ${name} (assume role via ${sourceLabel})`,
    `profile ${name} with ${sourceLabel}`,
  );
}

/** credential_source: Environment, EcsContainer or Ec2InstanceMetadata; anything else is a soft error. */
function credentialSource(ctx: ChainContext, name: string, cs: string): SourceOutcome {
  const f = ctx.facts;
  switch (cs) {
    case 'Environment':
      if (nonEmpty(f.env, 'AWS_ACCESS_KEY_ID') && nonEmpty(f.env, 'AWS_SECRET_ACCESS_KEY')) {
        return {
          kind: 'provides',
          reason: 'env keys',
          credentials: { ref: 'env', accessKeyId: f.env['AWS_ACCESS_KEY_ID'] ?? '', roleArn: null, expiration: null, origin: 'environment variables', feature: 'CREDENTIALS_PROFILE_NAMED_PROVIDER' },
        };
      }
      return { kind: 'skip', reason: 'Unable to find environment variable credentials.' };
    case 'EcsContainer': {
      if (!containerUrlOf(f.env)) return { kind: 'skip', reason: 'no container credentials URI is set' };
      const doc = f.container?.document;
      if (doc?.accessKeyId && f.container?.http?.ok && f.container.http.status === 200) {
        return {
          kind: 'provides',
          reason: 'container endpoint',
          credentials: { ref: 'container', accessKeyId: doc.accessKeyId, roleArn: doc.roleArn, expiration: doc.expiration, origin: 'ECS container credentials endpoint', feature: 'CREDENTIALS_PROFILE_NAMED_PROVIDER' },
        };
      }
      return { kind: 'skip', reason: 'the container credentials endpoint gave no credentials' };
    }
    case 'Ec2InstanceMetadata': {
      const doc = f.imds?.document;
      if (doc?.accessKeyId) {
        return {
          kind: 'provides',
          reason: 'instance role',
          credentials: { ref: 'imds', accessKeyId: doc.accessKeyId, roleArn: null, expiration: doc.expiration, origin: 'EC2 instance metadata', feature: 'CREDENTIALS_PROFILE_NAMED_PROVIDER' },
        };
      }
      return { kind: 'skip', reason: 'IMDS gave no credentials' };
    }
    default:
      return { kind: 'skip', reason: `Unsupported credential source in profile ${name}. Got ${cs}, expected EcsContainer or Ec2InstanceMetadata or Environment.` };
  }
}
