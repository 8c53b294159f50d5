/**
 * Step 4 of aws-sdk-go-v2's static selection: resolveCredsFromProfile on the loaded profile,
 * first match wins (SDK-CHAINS.md §3.1):
 *   a. source_profile chain; b. static keys; c. credential_source; d. web_identity_token_file;
 *   e. SSO; f. login_session (config ≥ 1.32.0); g. credential_process;
 *   h/i. the container variables (./container.ts); j. IMDS (./imds.ts);
 * then, when the profile has role_arn (and d did not return), the result is wrapped in AssumeRole.
 * The report splits a–g (the `profile` step) from h/i (`container`) and j (`imds`): each is
 * evaluated as Go would run it if selected, and only the one Go selects is `selected`.
 * mirrors aws/aws-sdk-go-v2 config/resolve_credentials.go (resolveCredsFromProfile, resolveCredsFromSource,
 * credsFromAssumeRole, resolveSSOCredentials, processCredentials) and config/shared_config.go.
 */
import type { ExchangeRequest } from '../../model/chain.ts';
import type { ChainContext, SourceOutcome } from '../../model/chain.ts';
import { outcomeOfExchange } from '../shared/exchange.ts';
import { atLeast } from '../../versions.ts';
import { goHasSso, goLoadSharedConfig, goProfileHasKeys, goRegionOf, type GoProfile } from './config.ts';
import { goEnvCredentials, goWebIdentityOutcome } from './env.ts';
import { goContainerChoice, goContainerOutcome, GO_RELATIVE_FIRST } from './container.ts';
import { goImdsOutcome } from './imds.ts';
import { GO_RULES } from './rules.ts';

/** login_session in a profile is read since config 1.32.0 (SDK-CHAINS.md §3.1 f). */
export const GO_LOGIN_SESSION = GO_RULES.loginSession;

/** Where the profile's own resolution lands: one of a–g, or on to the container/IMDS. */
function baseOf(ctx: ChainContext, p: GoProfile | null): 'profile' | 'container' | 'imds' {
  const v = p?.values ?? {};
  if (p?.source || goProfileHasKeys(v) || v['credential_source'] || v['web_identity_token_file'] || goHasSso(v) || v['credential_process']) return 'profile';
  if (v['login_session'] && atLeast(ctx.chain.version, GO_LOGIN_SESSION)) return 'profile';
  return goContainerChoice(ctx.facts.env, ctx.chain.version) ? 'container' : 'imds';
}

/** resolveCredsFromProfile for a profile whose own settings decide (a–g), with the role_arn wrap. */
function resolveOwn(ctx: ChainContext, p: GoProfile): SourceOutcome {
  const v = p.values;
  const label = `profile ${p.name}`;
  let out: SourceOutcome;
  let what: string;
  if (p.source) {
    what = `source_profile ${p.source.name}`;
    out = resolveOwn(ctx, p.source);
  } else if (goProfileHasKeys(v)) {
    what = 'its static keys';
    out = {
      kind: 'provides',
      reason: `${v['aws_session_token'] ? 'temporary' : 'static'} keys in ${label}`,
      credentials: { ref: `profile:${p.name}`, accessKeyId: v['aws_access_key_id'] ?? '', roleArn: null, expiration: null, origin: `${label} in the shared files`, feature: 'CREDENTIALS_PROFILE' },
    };
  } else if (v['credential_source']) {
    what = `credential_source ${v['credential_source']}`;
    out = credentialSource(ctx, v['credential_source']);
  } else if (v['web_identity_token_file']) {
    // assumeWebIdentity returns at once: no AssumeRole wrap
    return goWebIdentityOutcome(ctx, {
      ref: `web-identity:profile:${p.name}`,
      roleArn: v['role_arn'] ?? '',
      sessionName: v['role_session_name'] || 'ecs-cred-doctor',
      tokenRef: `web-identity-token:profile:${p.name}`,
      tokenFile: ctx.facts.profileTokenFiles[p.name],
      path: v['web_identity_token_file'],
      what: `${label} (web_identity_token_file ${v['web_identity_token_file']})`,
      origin: `web identity in ${label}`,
      region: goRegionOf(ctx.facts, topProfile(ctx)),
    });
  } else if (goHasSso(v)) {
    what = 'IAM Identity Center';
    const session = v['sso_session'];
    const missing = session ? [] : ['sso_region', 'sso_start_url', 'sso_account_id', 'sso_role_name'].filter((k) => !v[k]);
    if (missing.length > 0) return { kind: 'fail', hard: true, reason: `LoadDefaultConfig fails: profile "${p.name}" is configured to use SSO but is missing required configuration: ${missing.join(', ')}` };
    out = {
      kind: 'provides',
      reason: `${label} uses IAM Identity Center (sso_*): role ${v['sso_role_name'] ?? '?'} in account ${v['sso_account_id'] ?? '?'}`,
      unproven: 'ecs-cred-doctor does not read the SSO token cache or call the SSO portal',
      credentials: { ref: `sso:${p.name}`, accessKeyId: '(from IAM Identity Center)', roleArn: null, expiration: null, origin: `SSO ${label}`, feature: null },
    };
  } else if (v['login_session'] && atLeast(ctx.chain.version, GO_LOGIN_SESSION)) {
    what = `login_session ${v['login_session']}`;
    out = {
      kind: 'provides',
      reason: `${label} uses login_session ${v['login_session']}`,
      unproven: 'ecs-cred-doctor does not read the console login cache',
      credentials: { ref: `login:${p.name}`, accessKeyId: '(from login session)', roleArn: null, expiration: null, origin: `login ${label}`, feature: null },
    };
  } else if (v['credential_process']) {
    what = 'credential_process';
    out = {
      kind: 'provides',
      reason: `${label} runs credential_process (${v['credential_process']}); Go selected it at load, so if it fails the app gets that error and nothing later is tried`,
      unproven: 'ecs-cred-doctor does not run credential_process commands',
      credentials: { ref: `process:${p.name}`, accessKeyId: '(from credential_process)', roleArn: null, expiration: null, origin: `credential_process of ${label}`, feature: null },
    };
  } else {
    const which = goContainerChoice(ctx.facts.env, ctx.chain.version);
    what = which ? `the container endpoint` : 'IMDS';
    out = which ? goContainerOutcome(ctx, which) : goImdsOutcome(ctx);
  }
  return wrap(ctx, p, out, what);
}

/** `if len(sharedConfig.RoleARN) > 0 { credsFromAssumeRole }`: the base credentials call sts:AssumeRole. */
function wrap(ctx: ChainContext, p: GoProfile, out: SourceOutcome, what: string): SourceOutcome {
  const roleArn = p.values['role_arn'];
  if (!roleArn || out.kind !== 'provides') return out;
  if (p.values['mfa_serial']) return { kind: 'fail', hard: true, reason: `LoadDefaultConfig fails: assume role with MFA enabled, but AssumeRoleTokenProvider session option not set (profile ${p.name})` };
  const via = `profile ${p.name} assumes ${roleArn} with ${what}`;
  if (out.unproven) return { ...out, reason: `${via} (${out.reason})` };
  if (!goRegionOf(ctx.facts, topProfile(ctx)).region) return { kind: 'fail', hard: true, reason: `${via}: sts:AssumeRole fails with "Missing Region" (no AWS_REGION, AWS_DEFAULT_REGION or profile region)` };
  const request: ExchangeRequest = {
    ref: `go:assume-role:${p.name}`,
    kind: 'assume-role',
    roleArn,
    sessionName: p.values['role_session_name'] || 'ecs-cred-doctor',
    sourceRef: out.credentials.ref,
    externalId: p.values['external_id'] ?? null,
    region: null,
  };
  const res = outcomeOfExchange(ctx.facts, request, 'CREDENTIALS_PROFILE_SOURCE_PROFILE', `profile ${p.name} (assume role with ${what})`, via);
  return res.kind === 'fail' ? { ...res, reason: `${res.reason}; Go selected this provider at load, so the app gets this error` } : res;
}

/** resolveCredsFromSource: Ec2InstanceMetadata, Environment, EcsContainer; anything else fails the load. */
function credentialSource(ctx: ChainContext, cs: string): SourceOutcome {
  const env = ctx.facts.env;
  switch (cs) {
    case 'Ec2InstanceMetadata':
      return goImdsOutcome(ctx);
    case 'Environment': {
      const found = goEnvCredentials(env);
      if (!found) return { kind: 'fail', hard: true, reason: 'credential_source Environment: the environment holds no static keys, so Go\'s static provider fails with "static credentials are empty"' };
      return { kind: 'provides', reason: `env keys ${found.names}`, credentials: found.credentials };
    }
    case 'EcsContainer':
      if (env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI']) return goContainerOutcome(ctx, 'relative');
      // the full URI here: aws/aws-sdk-go-v2 PR #2790 (merged 2024-09-13, released with config 1.27.34)
      if (env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] && atLeast(ctx.chain.version, GO_RELATIVE_FIRST)) return goContainerOutcome(ctx, 'full');
      return { kind: 'fail', hard: true, reason: `LoadDefaultConfig fails: EcsContainer was specified as the credential_source, but 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' was not set` };
    default:
      return { kind: 'fail', hard: true, reason: `LoadDefaultConfig fails: credential_source values must be EcsContainer, Ec2InstanceMetadata, or Environment (got ${cs})` };
  }
}

function topProfile(ctx: ChainContext): GoProfile | null {
  const load = goLoadSharedConfig(ctx);
  return load.ok ? load.profile : null;
}

export function evaluateGoProfile(ctx: ChainContext): SourceOutcome {
  const load = goLoadSharedConfig(ctx);
  if (!load.ok) return { kind: 'fail', hard: true, reason: `LoadDefaultConfig fails: ${load.error}` };
  if (!load.profile) return { kind: 'skip', reason: `profile ${ctx.profileName} is in neither file: ${load.note}, so the shared config is empty` };
  const p = load.profile;
  const base = baseOf(ctx, p);
  if (base !== 'profile') {
    const role = p.values['role_arn'] ? `, then assumes role_arn ${p.values['role_arn']}` : '';
    const login = p.values['login_session'] && !atLeast(ctx.chain.version, GO_LOGIN_SESSION) ? ` (login_session is not read before config ${GO_LOGIN_SESSION})` : '';
    return { kind: 'skip', reason: `profile ${p.name} has no credentials of its own${login}: Go goes on to ${base === 'container' ? 'the container credentials variables' : 'IMDS'}${role}` };
  }
  return resolveOwn(ctx, p);
}

/** Steps h/i: selected when the profile has nothing of its own; otherwise shown for comparison. */
export function evaluateGoContainer(ctx: ChainContext): SourceOutcome {
  const which = goContainerChoice(ctx.facts.env, ctx.chain.version);
  if (!which) {
    const empty = ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'].filter((n) => ctx.facts.env[n] === '');
    return {
      kind: 'skip',
      reason: `neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set${empty.length > 0 ? ` (${empty.join(' and ')} ${empty.length > 1 ? 'are' : 'is'} empty, which Go treats as unset)` : ''}`,
    };
  }
  const load = goLoadSharedConfig(ctx);
  const p = load.ok ? load.profile : null;
  const out = goContainerOutcome(ctx, which);
  if (p && baseOf(ctx, p) === 'container') return wrap(ctx, p, out, 'the container endpoint');
  return out;
}

/** Step j: only when no container variable is set (Go never reaches IMDS otherwise). */
export function evaluateGoImds(ctx: ChainContext): SourceOutcome {
  if (goContainerChoice(ctx.facts.env, ctx.chain.version)) return { kind: 'skip', reason: 'a container credentials variable is set, so Go selects the container provider and never IMDS' };
  const load = goLoadSharedConfig(ctx);
  const p = load.ok ? load.profile : null;
  const out = goImdsOutcome(ctx);
  if (p && baseOf(ctx, p) === 'imds') return wrap(ctx, p, out, 'IMDS');
  return out;
}
