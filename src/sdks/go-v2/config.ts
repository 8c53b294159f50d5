/**
 * What `config.LoadDefaultConfig` of aws-sdk-go-v2 reads before it picks a credential provider:
 * the environment (NewEnvConfig) and the shared config profile (loadSharedConfig), with the
 * errors that make the load fail before any provider exists.
 * mirrors aws/aws-sdk-go-v2 config/env_config.go (NewEnvConfig, setStringFromEnvVal: the first
 * non-empty variable wins; setBoolPtrFromEnvVal: true/false case-insensitive, anything else an error;
 * setEC2IMDSClientEnableState: other values ignored), config/config.go (resolveConfigLoaders: a non-empty
 * AWS_PROFILE makes a missing profile an error, otherwise loadSharedConfigIgnoreNotExist) and
 * config/shared_config.go (setFromIniSections, validateCredentialsRequireARN, validateCredentialType,
 * SharedConfigProfileNotExistError "failed to get shared config profile, <name>", SharedConfigAssumeRoleError;
 * mergeSections and setFromIniSection: a profile section with only one of the two keys fails the load).
 * Checked against the real SDK: Debian's aws-sdk-go-v2 (config 1.17.10) in test/oracle/go-sdk.test.ts.
 */
import { PARSER_REJECTS } from '../shared/files.ts';
import type { Facts } from '../../model/facts.ts';
import type { ChainContext } from '../../model/chain.ts';
import { atLeast } from '../../versions.ts';
import { GO_RULES } from './rules.ts';

type Profile = Record<string, string>;

/** A non-empty AWS_PROFILE must name an existing profile (src/sdks/go-v2/rules.ts). */
export const GO_PROFILE_MUST_EXIST = GO_RULES.profileMustExist;

/** setStringFromEnvVal: the first variable with a non-empty value. */
export function goEnvFirst(env: Record<string, string>, names: string[]): { name: string; value: string } | null {
  for (const name of names) {
    const v = env[name];
    if (v !== undefined && v !== '') return { name, value: v };
  }
  return null;
}

/** EnvConfig.Credentials: AWS_ACCESS_KEY_ID|AWS_ACCESS_KEY and AWS_SECRET_ACCESS_KEY|AWS_SECRET_KEY, both non-empty. */
export function goEnvKeys(env: Record<string, string>): { id: { name: string; value: string } | null; secret: { name: string; value: string } | null } {
  return { id: goEnvFirst(env, ['AWS_ACCESS_KEY_ID', 'AWS_ACCESS_KEY']), secret: goEnvFirst(env, ['AWS_SECRET_ACCESS_KEY', 'AWS_SECRET_KEY']) };
}

/**
 * The profile Go loads: AWS_PROFILE, then AWS_DEFAULT_PROFILE, then "default"; only a non-empty
 * AWS_PROFILE makes it "named" (a missing profile is then an error).
 */
export function goProfileOf(env: Record<string, string>): { name: string; named: boolean; variable: string | null } {
  const p = goEnvFirst(env, ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE']);
  return { name: p?.value ?? 'default', named: !!env['AWS_PROFILE'], variable: p?.name ?? null };
}

/** AWS_EC2_METADATA_DISABLED: "true"/"false" (case-insensitive) decide; other values are ignored. */
export function goImdsDisabled(env: Record<string, string>): boolean {
  return (env['AWS_EC2_METADATA_DISABLED'] ?? '').toLowerCase() === 'true';
}

/** AWS_EC2_METADATA_V1_DISABLED (config ≥ 1.22.0, SDK-CHAINS.md §3.3): true blocks the IMDSv1 fallback. */
export function goImdsV1Disabled(env: Record<string, string>, version: string | null): boolean {
  return atLeast(version, GO_RULES.imdsV1Disable) && (env['AWS_EC2_METADATA_V1_DISABLED'] ?? '').toLowerCase() === 'true';
}

/** The IMDS endpoint the Go client uses (feature/ec2/imds/api_client.go resolveEndpoint). */
export function goImdsEndpoint(env: Record<string, string>): string {
  if (env['AWS_EC2_METADATA_SERVICE_ENDPOINT']) return env['AWS_EC2_METADATA_SERVICE_ENDPOINT'].replace(/\/+$/, '');
  return (env['AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE'] ?? '').toLowerCase() === 'ipv6' ? 'http://[fd00:ec2::254]' : 'http://169.254.169.254';
}

/** NewEnvConfig errors among the variables the tool gathers: each fails LoadDefaultConfig. */
export function goEnvConfigError(env: Record<string, string>, version: string | null): string | null {
  // since: V1_DISABLED config 1.22.0 (SDK-CHAINS.md §3.3); FIPS/dual-stack variables config 1.10.0 and the
  // IMDS endpoint mode config 1.5.0 (aws/aws-sdk-go-v2 config/CHANGELOG.md)
  const bools: [string, string][] = [
    ['AWS_EC2_METADATA_V1_DISABLED', GO_RULES.imdsV1Disable],
    ['AWS_USE_DUALSTACK_ENDPOINT', GO_RULES.fipsDualStackChecked],
    ['AWS_USE_FIPS_ENDPOINT', GO_RULES.fipsDualStackChecked],
  ];
  const mode = env['AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE'];
  if (mode && atLeast(version, GO_RULES.imdsEndpointModeChecked) && !['ipv4', 'ipv6'].includes(mode.toLowerCase())) {
    return `invalid value for environment variable, AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=${mode}, unknown EC2 IMDS endpoint mode, must be either IPv6 or IPv4`;
  }
  for (const [name, since] of bools) {
    const v = env[name];
    if (!v || !atLeast(version, since)) continue;
    // setBoolPtrFromEnvVal says "need true or false"; setUseDualStackEndpointFromEnvVal and
    // setUseFIPSEndpointFromEnvVal say "need true, false" [verified: config 1.17.10]
    const need = name === 'AWS_EC2_METADATA_V1_DISABLED' ? 'true or false' : 'true, false';
    if (!['true', 'false'].includes(v.toLowerCase())) return `invalid value for environment variable, ${name}=${v}, need ${need}`;
  }
  return null;
}

/** A profile as Go links it (setFromIniSections): its own values, and the source profile it assumes from. */
export interface GoProfile {
  name: string;
  values: Profile;
  source: GoProfile | null;
}

export type GoLoad = { ok: true; profile: GoProfile | null; note: string | null } | { ok: false; error: string };

const hasKeys = (p: Profile): boolean => !!p['aws_access_key_id'] && !!p['aws_secret_access_key'];
const SSO_KEYS = ['sso_session', 'sso_region', 'sso_account_id', 'sso_start_url', 'sso_role_name'];
export const goHasSso = (p: Profile): boolean => SSO_KEYS.some((k) => !!p[k]);
const hasCredentials = (p: Profile): boolean => !!p['source_profile'] || !!p['credential_source'] || !!p['credential_process'] || !!p['web_identity_token_file'] || goHasSso(p) || hasKeys(p);

class LoadError extends Error {
  constructor(
    message: string,
    readonly notExist: boolean,
  ) {
    super(message);
  }
}

/**
 * The shared config LoadDefaultConfig ends with. `profile: null` with a note: the profile is
 * missing and ignored (AWS_PROFILE empty); `ok: false`: LoadDefaultConfig fails.
 */
export function goLoadSharedConfig(ctx: ChainContext): GoLoad {
  // loadIniFiles: a file the parser rejects fails the load (SharedConfigLoadError), whichever profile is asked
  for (const f of [ctx.facts.configFile, ctx.facts.credentialsFile]) {
    if (f.state === 'unreadable' && (f.error ?? '').startsWith(PARSER_REJECTS)) return { ok: false, error: `failed to load shared config file, ${f.path}, ${(f.error ?? '').slice(PARSER_REJECTS.length)}` };
  }
  const { name, named } = goProfileOf(ctx.facts.env);
  try {
    return { ok: true, profile: load(ctx, name, new Set()), note: null };
  } catch (e) {
    if (!(e instanceof LoadError)) throw e;
    if (e.notExist && (!named || !atLeast(ctx.chain.version, GO_PROFILE_MUST_EXIST))) {
      const env = ctx.facts.env;
      const why = named
        ? `AWS_PROFILE=${env['AWS_PROFILE']} names a missing profile, which config ${ctx.chain.version} ignores (it fails the load since ${GO_PROFILE_MUST_EXIST})`
        : env['AWS_DEFAULT_PROFILE']
          ? `AWS_DEFAULT_PROFILE=${env['AWS_DEFAULT_PROFILE']} names a missing profile, which Go ignores`
          : 'there is no [default] profile';
      return { ok: true, profile: null, note: why };
    }
    return { ok: false, error: e.message };
  }
}

/**
 * mergeSections flags a section that holds only one of aws_access_key_id and aws_secret_access_key;
 * where both files have the profile, the credentials file's flag replaces the config file's ("errors
 * should be overriden if any"). setFromIniSection then fails on a flagged section, whatever else it
 * holds, so the load fails even with env keys set. Every version (config 1.17.10 [verified] to 1.32.x).
 * mirrors aws/aws-sdk-go-v2 config/shared_config.go (mergeSections, setFromIniSection).
 */
function partialKeys(ctx: ChainContext, name: string): boolean {
  const half = (p: Profile): boolean => (p['aws_access_key_id'] !== undefined) !== (p['aws_secret_access_key'] !== undefined);
  const cred = ctx.facts.credentialsFile.profiles[name];
  const conf = ctx.facts.configFile.profiles[name];
  return cred ? half(cred) : conf ? half(conf) : false;
}

function load(ctx: ChainContext, name: string, seen: Set<string>): GoProfile {
  const raw = ctx.profiles[name];
  if (raw === undefined) throw new LoadError(`failed to get shared config profile, ${name}`, true);
  if (partialKeys(ctx, name)) throw new LoadError(`error fetching config from profile, ${name}, Error using profile: partial credentials found for profile ${name}`, false);
  const values: Profile = { ...raw };
  if (seen.has(name)) {
    // a profile seen before keeps only its credential options
    for (const k of ['role_arn', 'external_id', 'mfa_serial', 'role_session_name', 'source_profile']) delete values[k];
  } else {
    const type = ['source_profile', 'credential_source', 'web_identity_token_file'].find((k) => !!values[k]);
    if (type && !values['role_arn']) throw new LoadError(`failed to load shared config profile ${name}: credential type ${type} requires role_arn, profile ${name}`, false);
  }
  // a source profile with static keys is used as it is
  if (seen.size > 0 && hasKeys(values)) return { name, values, source: null };
  seen.add(name);
  const types = ['source_profile', 'credential_source', 'credential_process', 'web_identity_token_file'].filter((k) => !!values[k]);
  if (types.length > 1) throw new LoadError(`only one credential type may be specified per profile: source profile, credential source, credential process, web identity token (profile ${name} has ${types.join(', ')})`, false);
  let source: GoProfile | null = null;
  const src = values['source_profile'];
  if (src) {
    for (const k of ['credential_source', 'credential_process', 'web_identity_token_file', 'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', ...SSO_KEYS]) delete values[k];
    try {
      source = load(ctx, src, seen);
    } catch (e) {
      if (e instanceof LoadError && e.notExist) throw new LoadError(`failed to load assume role for ${values['role_arn']}, source profile ${src} has no shared credentials (${e.message})`, false);
      throw e;
    }
    if (!hasCredentials(source.values)) throw new LoadError(`failed to load assume role for ${values['role_arn']}, source profile ${src} has no shared credentials`, false);
  }
  const session = values['sso_session'];
  if (session && !ctx.facts.configFile.ssoSessions[session.trim()]) throw new LoadError(`failed to find SSO session section, ${session}`, false);
  return { name, values, source };
}

/** Region of the config: AWS_REGION, AWS_DEFAULT_REGION, the loaded profile's region. */
export function goRegionOf(facts: Facts, profile: GoProfile | null): { region: string | null; from: string } {
  const env = goEnvFirst(facts.env, ['AWS_REGION', 'AWS_DEFAULT_REGION']);
  if (env) return { region: env.value, from: env.name };
  const r = profile?.values['region'];
  if (r) return { region: r, from: `profile ${profile?.name}` };
  return { region: null, from: 'none' };
}

export { hasKeys as goProfileHasKeys };
