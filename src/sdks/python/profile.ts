/**
 * botocore's profile-based providers, each its own step: assume-role (AssumeRoleProvider), sso
 * (SSOProvider), shared-credentials-file (SharedCredentialProvider), login (≥ 1.41.0),
 * custom-process (ProcessProvider), config-file (ConfigProvider), and the legacy
 * ec2-credentials-file (OriginalEC2Provider) and boto-config (BotoProvider). Any exception stops
 * the chain; None moves on.
 * mirrors boto/botocore botocore/credentials.py (those classes, ProfileProviderBuilder.providers,
 * CanonicalNameCredentialSourcer) and aws/aws-cli awscli/botocore/credentials.py.
 * Profiles: session.full_config merges the config file's profiles with the credentials file's
 * sections (credentials values win), as ChainContext.profiles does.
 */
import type { ExchangeRequest } from '../../model/chain.ts';
import type { ChainContext, SourceOutcome } from '../../model/chain.ts';
import { outcomeOfExchange } from '../shared/exchange.ts';
import { PARSER_REJECTS } from '../shared/files.ts';
import { asDeferred } from './deferred.ts';
import { botoRulesOf, present } from './rules.ts';
import { botoWebIdentityFor } from './web-identity.ts';
import { evaluateBotoEnv } from './env.ts';
import { evaluateBotoContainer } from './container.ts';
import { evaluateBotoImds } from './imds.ts';

type Profile = Record<string, string>;

const nameOf = (ctx: ChainContext): string => ctx.profileName || 'default';
const hasStatic = (p: Profile): boolean => p['aws_access_key_id'] !== undefined || p['aws_secret_access_key'] !== undefined;
const hasAssumeRoleVars = (p: Profile): boolean => p['role_arn'] !== undefined && p['web_identity_token_file'] === undefined;

// ---------------------------------------------------------------- assume-role

export function evaluateBotoAssumeRole(ctx: ChainContext): SourceOutcome {
  const name = nameOf(ctx);
  const p = ctx.profiles[name] ?? {};
  if (!hasAssumeRoleVars(p)) {
    const why = p['role_arn'] !== undefined ? 'has role_arn together with web_identity_token_file (assume-role-with-web-identity handles it)' : 'has no role_arn';
    return { kind: 'skip', reason: `profile ${name} ${ctx.profiles[name] ? why : 'does not exist'}` };
  }
  return loadViaAssumeRole(ctx, name, [name]);
}

/** AssumeRoleProvider._load_creds_via_assume_role: validate, resolve the source eagerly, defer the AssumeRole call. */
function loadViaAssumeRole(ctx: ChainContext, name: string, visited: string[]): SourceOutcome {
  const p = ctx.profiles[name] ?? {};
  const roleArn = p['role_arn'] ?? '';
  const src = p['source_profile'];
  const cs = p['credential_source'];
  const fail = (reason: string): SourceOutcome => ({ kind: 'fail', hard: true, reason: `${reason}; botocore stops here` });
  if (cs !== undefined && src !== undefined) return fail(`InvalidConfigError: The profile "${name}" contains both source_profile and credential_source.`);
  if (cs === undefined && src === undefined) return fail(`PartialCredentialsError: Partial credentials found in assume-role, missing: source_profile or credential_source (profile ${name} has role_arn ${roleArn})`);
  let source: SourceOutcome;
  let sourceLabel: string;
  if (cs !== undefined) {
    // CanonicalNameCredentialSourcer.is_supported compares case-sensitively
    if (!['Environment', 'EcsContainer', 'Ec2InstanceMetadata'].includes(cs)) return fail(`InvalidConfigError: The credential source "${cs}" referenced in profile "${name}" is not valid. (Environment, EcsContainer or Ec2InstanceMetadata)`);
    sourceLabel = `credential_source ${cs}`;
    const loaded = cs === 'Environment' ? evaluateBotoEnv(ctx) : cs === 'EcsContainer' ? evaluateBotoContainer(ctx) : evaluateBotoImds(ctx);
    if (loaded.kind === 'skip') return fail(`CredentialRetrievalError: Error when retrieving credentials from ${cs}: No credentials found in credential_source referenced in profile ${name} (${loaded.reason})`);
    source = loaded;
  } else {
    const s = src ?? '';
    sourceLabel = `source_profile ${s}`;
    if (ctx.profiles[s] === undefined) return fail(`InvalidConfigError: The source_profile "${s}" referenced in the profile "${name}" does not exist.`);
    const sp = ctx.profiles[s] ?? {};
    if (visited.includes(s) && (s !== name || !hasStatic(sp))) {
      return fail(`InfiniteLoopConfigError: Infinite loop in credential configuration detected. Attempting to load from profile ${s} which has already been visited. Visited profiles: ${visited.join(', ')}`);
    }
    const next = [...visited, s];
    if (hasStatic(sp) || !hasAssumeRoleVars(sp)) {
      // the source profile's own chain, env variables disabled
      source = profileChainFor(ctx, s);
      if (source.kind === 'skip') return fail(`InvalidConfigError: The source profile "${s}" must have credentials.`);
    } else {
      source = loadViaAssumeRole(ctx, s, next);
    }
  }
  if (source.kind === 'needs') return source;
  if (source.kind === 'fail') return { ...source, reason: `profile ${name} (role_arn via ${sourceLabel}): ${source.reason}` };
  if (source.kind === 'skip') return source;
  if (source.unproven) {
    return {
      kind: 'provides',
      reason: `profile ${name} assumes ${roleArn} with ${sourceLabel}`,
      unproven: `its source credentials: ${source.unproven}`,
      credentials: { ref: `assume-role:${name}`, accessKeyId: '(from sts:AssumeRole)', roleArn, expiration: null, origin: `profile ${name} (assume role)`, feature: null },
    };
  }
  if (p['mfa_serial'] !== undefined) {
    return asDeferred({ kind: 'fail', hard: true, reason: `profile ${name} has mfa_serial ${p['mfa_serial']}: botocore prompts for the MFA code (getpass) on first use, which an app in a container cannot answer` }, 'assume-role');
  }
  const request: ExchangeRequest = {
    ref: `assume-role:${name}`,
    kind: 'assume-role',
    roleArn,
    sessionName: p['role_session_name'] ?? 'ecs-cred-doctor',
    sourceRef: source.credentials.ref,
    externalId: p['external_id'] ?? null,
    // botocore's STS client takes the region of the app's client, not the profile's
    region: null,
  };
  return asDeferred(outcomeOfExchange(ctx.facts, request, '', `profile ${name} (assume role via ${sourceLabel})`, `profile ${name} with ${sourceLabel}`), 'assume-role');
}

/** ProfileProviderBuilder.providers(profile, disable_env_vars=True): the source profile's chain. */
function profileChainFor(ctx: ChainContext, name: string): SourceOutcome {
  const rules = botoRulesOf(ctx.chain);
  const steps: ((c: ChainContext, n: string) => SourceOutcome)[] = [(c, n) => botoWebIdentityFor(c, n, false), ssoFor, sharedCredentialsFor, ...(rules.login ? [loginFor] : []), processFor, configFileFor];
  for (const step of steps) {
    const out = step(ctx, name);
    if (out.kind !== 'skip') return out;
  }
  return { kind: 'skip', reason: `profile ${name} gives no credentials` };
}

// ---------------------------------------------------------------- sso

export function evaluateBotoSso(ctx: ChainContext): SourceOutcome {
  return ssoFor(ctx, nameOf(ctx));
}

/** SSOProvider._load_sso_config: sso_role_name or sso_account_id selects it; all four (and the sso-session) must resolve. */
function ssoFor(ctx: ChainContext, name: string): SourceOutcome {
  const p = ctx.profiles[name] ?? {};
  if (p['sso_role_name'] === undefined && p['sso_account_id'] === undefined) return { kind: 'skip', reason: `profile ${name} has neither sso_role_name nor sso_account_id` };
  const fail = (reason: string): SourceOutcome => ({ kind: 'fail', hard: true, reason: `InvalidConfigError: ${reason}; botocore stops here` });
  const config: Profile = { ...p };
  const required = ['sso_role_name', 'sso_account_id', 'sso_start_url', 'sso_region'];
  const sessionName = p['sso_session'];
  if (sessionName !== undefined) {
    const session = ctx.facts.configFile.ssoSessions[sessionName];
    if (!session) return fail(`The specified sso-session does not exist: "${sessionName}"`);
    for (const [k, v] of Object.entries(session)) {
      if (config[k] !== undefined && config[k] !== v) return fail(`The value for ${k} is inconsistent between profile (${config[k]}) and sso-session (${v}).`);
      config[k] = v;
    }
    required.push('sso_session');
  }
  const missing = required.filter((k) => config[k] === undefined);
  if (missing.length > 0) return fail(`The profile "${name}" is configured to use SSO but is missing required configuration: ${missing.join(', ')}`);
  return {
    kind: 'provides',
    reason: `profile ${name} uses IAM Identity Center: role ${config['sso_role_name']} in account ${config['sso_account_id']} (deferred: the SDK reads the SSO token cache and calls the portal on first use)`,
    unproven: 'ecs-cred-doctor does not read the SSO token cache or call the SSO portal',
    credentials: { ref: `sso:${name}`, accessKeyId: '(from IAM Identity Center)', roleArn: null, expiration: null, origin: `SSO profile ${name}`, feature: null },
  };
}

// ---------------------------------------------------------------- static keys in the files

/** A file botocore's raw_config_parse would read like the gathered one; otherwise why not. */
function fileProblem(f: ChainContext['facts']['configFile']): { none: true } | { unknown: string } | null {
  // os.path.isfile false → ConfigNotFound → None; an unopenable file is skipped by configparser
  if (f.state === 'missing' || f.state === 'not-a-file' || (f.state === 'unreadable' && !(f.error ?? '').startsWith(PARSER_REJECTS))) return { none: true };
  if (f.state === 'too-large') return { unknown: `${f.path} was too large to read (${f.error ?? ''})` };
  // botocore's own parser rejected it (src/sdks/python/ini.ts): the precondition raised ConfigParseError first
  if (f.state === 'unreadable') return { unknown: `${f.path}: ${f.error ?? ''}` };
  return null;
}

export function evaluateBotoSharedCredentials(ctx: ChainContext): SourceOutcome {
  return sharedCredentialsFor(ctx, nameOf(ctx));
}

/** SharedCredentialProvider: the [name] section of the credentials file, by its literal name. */
function sharedCredentialsFor(ctx: ChainContext, name: string): SourceOutcome {
  const f = ctx.facts.credentialsFile;
  return keysIn(f, f.profiles[name], name, 'shared-credentials-file', `[${name}] in the credentials file ${f.path}`);
}

export function evaluateBotoConfigFile(ctx: ChainContext): SourceOutcome {
  return configFileFor(ctx, nameOf(ctx));
}

/** ConfigProvider: the profile in the config file alone ([default] or [profile name]). */
function configFileFor(ctx: ChainContext, name: string): SourceOutcome {
  const f = ctx.facts.configFile;
  return keysIn(f, f.profiles[name], name, 'config-file', `profile ${name} in the config file ${f.path}`);
}

function keysIn(f: ChainContext['facts']['configFile'], section: Profile | undefined, name: string, method: string, label: string): SourceOutcome {
  const problem = fileProblem(f);
  if (problem && 'none' in problem) return { kind: 'skip', reason: `${f.path} ${f.state === 'missing' ? 'does not exist' : `is ${f.state} (${f.error ?? ''})`}` };
  if (problem) return { kind: 'fail', hard: false, reason: `not observed: ${problem.unknown}` };
  if (!section) return { kind: 'skip', reason: `no ${label}` };
  if (section['aws_access_key_id'] === undefined) {
    return { kind: 'skip', reason: `${label} has no aws_access_key_id${section['aws_secret_access_key'] !== undefined ? ' (aws_secret_access_key alone is ignored)' : ''}` };
  }
  if (section['aws_secret_access_key'] === undefined) {
    return { kind: 'fail', hard: true, reason: `PartialCredentialsError: Partial credentials found in ${method}, missing: aws_secret_access_key (${label} has aws_access_key_id only); botocore stops here` };
  }
  const token = section['aws_security_token'] !== undefined ? 'aws_security_token' : section['aws_session_token'] !== undefined ? 'aws_session_token' : null;
  return {
    kind: 'provides',
    reason: `${token ? 'temporary' : 'static'} keys in ${label}${token ? ` with ${token}` : ''}`,
    credentials: { ref: `profile:${name}`, accessKeyId: section['aws_access_key_id'] ?? '', roleArn: null, expiration: null, origin: `${method === 'config-file' ? 'config' : 'credentials'} file profile ${name}`, feature: null },
  };
}

// ---------------------------------------------------------------- login, credential_process

export function evaluateBotoLogin(ctx: ChainContext): SourceOutcome {
  return loginFor(ctx, nameOf(ctx));
}

function loginFor(ctx: ChainContext, name: string): SourceOutcome {
  const session = ctx.profiles[name]?.['login_session'];
  if (session === undefined) return { kind: 'skip', reason: `profile ${name} has no login_session` };
  return {
    kind: 'provides',
    reason: `profile ${name} uses the console login session ${session} (it needs botocore[crt]; without it botocore raises and stops)`,
    unproven: 'ecs-cred-doctor does not read the login token cache',
    credentials: { ref: `login:${name}`, accessKeyId: '(from login session)', roleArn: null, expiration: null, origin: `login profile ${name}`, feature: null },
  };
}

export function evaluateBotoProcess(ctx: ChainContext): SourceOutcome {
  return processFor(ctx, nameOf(ctx));
}

/** ProcessProvider: runs credential_process; a non-zero exit, bad JSON, Version ≠ 1 or a missing key raises (stops the chain). */
function processFor(ctx: ChainContext, name: string): SourceOutcome {
  const command = ctx.profiles[name]?.['credential_process'];
  if (command === undefined) return { kind: 'skip', reason: `profile ${name} has no credential_process` };
  return {
    kind: 'provides',
    reason: `profile ${name} runs credential_process (${command}); any failure there (non-zero exit, Version ≠ 1, a missing key) raises CredentialRetrievalError and stops the chain`,
    unproven: 'ecs-cred-doctor does not run credential_process commands',
    credentials: { ref: `process:${name}`, accessKeyId: '(from credential_process)', roleArn: null, expiration: null, origin: `credential_process of profile ${name}`, feature: null },
  };
}

// ---------------------------------------------------------------- legacy files

/** OriginalEC2Provider: AWS_CREDENTIAL_FILE (AWSAccessKeyId=/AWSSecretKey=); an unreadable file raises ConfigNotFound. */
export function evaluateBotoEc2CredentialsFile(ctx: ChainContext): SourceOutcome {
  const env = ctx.facts.env;
  if (!present(env, 'AWS_CREDENTIAL_FILE')) return { kind: 'skip', reason: 'AWS_CREDENTIAL_FILE is not set' };
  const path = env['AWS_CREDENTIAL_FILE'] ?? '';
  if (path === '') return { kind: 'fail', hard: true, reason: 'ConfigNotFound: The specified config file () could not be found (AWS_CREDENTIAL_FILE is set but empty); botocore stops here' };
  return {
    kind: 'fail',
    hard: false,
    reason: `not observed: ecs-cred-doctor does not read AWS_CREDENTIAL_FILE (${path}); botocore uses its AWSAccessKeyId/AWSSecretKey here if present, and stops with ConfigNotFound if the file cannot be read`,
  };
}

/** BotoProvider: [Credentials] in BOTO_CONFIG, else /etc/boto.cfg and ~/.boto. */
export function evaluateBotoBotoConfig(ctx: ChainContext): SourceOutcome {
  const env = ctx.facts.env;
  if (present(env, 'BOTO_CONFIG') && env['BOTO_CONFIG'] !== '') {
    return { kind: 'fail', hard: false, reason: `not observed: ecs-cred-doctor does not read BOTO_CONFIG (${env['BOTO_CONFIG']}); botocore uses its [Credentials] aws_access_key_id here if present` };
  }
  return { kind: 'skip', reason: `${present(env, 'BOTO_CONFIG') ? 'BOTO_CONFIG is set but empty' : 'no BOTO_CONFIG'}; the legacy /etc/boto.cfg and ~/.boto are not read by ecs-cred-doctor` };
}
