/**
 * What botocore raises while it builds the credential resolver, before any provider runs.
 * mirrors boto/botocore botocore/credentials.py create_credential_resolver (it reads
 * metadata_service_timeout, metadata_service_num_attempts, ec2_metadata_service_endpoint,
 * the endpoint mode (utils.py resolve_imds_endpoint_mode), ec2_metadata_v1_disabled (≥ 1.32.4),
 * then builds InstanceMetadataFetcher, whose _select_base_url validates the endpoint), and
 * botocore/session.py Session.get_scoped_config (ProfileNotFound when the named profile is in
 * neither file, "" included). aws/aws-cli awscli/botocore/credentials.py is the same.
 * Each setting comes from the environment (presence: "" counts) or else the profile, and the
 * first one read from the profile raises ProfileNotFound for a missing profile, env keys or not.
 */
import type { ChainContext, SourceOutcome } from '../../model/chain.ts';
import { botoRulesOf, ensureBoolean, present, pythonInt } from './rules.ts';
import { pyIsValidUri } from './url.ts';
import { PARSER_REJECTS } from '../shared/files.ts';

interface Lookup {
  key: string;
  env: string;
  check?: (value: string, from: string) => string | null;
}

const intCheck = (value: string, from: string): string | null => (pythonInt(value) ? null : `ValueError: invalid literal for int() with base 10: '${value}' (${from}; botocore converts it with int())`);
const modeCheck = (value: string, from: string): string | null =>
  ['ipv4', 'ipv6'].includes(value.toLowerCase()) ? null : `InvalidIMDSEndpointModeError: Invalid EC2 Instance Metadata endpoint mode: ${value} Valid endpoint modes (case-insensitive): ('ipv4', 'ipv6'). (${from})`;

export function botoPrecondition(ctx: ChainContext): SourceOutcome | null {
  const env = ctx.facts.env;
  const rules = botoRulesOf(ctx.chain);
  const name = ctx.profileName;
  // Session.full_config parses both files at the first read of the profile: a file botocore's
  // configparser rejects raises ConfigParseError there (boto/botocore botocore/session.py full_config)
  const broken = [ctx.facts.configFile, ctx.facts.credentialsFile].find((f) => f.state === 'unreadable' && (f.error ?? '').startsWith(PARSER_REJECTS));
  const missing = broken !== undefined || (ctx.profileNamed && ctx.profiles[name] === undefined);
  const profile = ctx.profiles[ctx.profileNamed ? name : 'default'] ?? {};
  const variable = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE']
    .filter((v) => present(env, v))
    .map((v) => `${v}=${JSON.stringify(env[v])}`)
    .join(', ');
  const notFound = (when: string): SourceOutcome => ({
    kind: 'fail',
    hard: true,
    reason: broken
      ? `ConfigParseError: Unable to parse config file: ${broken.path} (${(broken.error ?? '').slice(PARSER_REJECTS.length)}). ${rules.label} raises it ${when}, before any credential provider runs`
      : `ProfileNotFound: The config profile (${name}) could not be found (${variable}; the profile is in neither ${ctx.facts.configFile.path} nor ${ctx.facts.credentialsFile.path}). ${rules.label} raises it ${when}, before any credential provider runs, so even env keys are never used`,
  });
  const lookups: Lookup[] = [
    { key: 'metadata_service_timeout', env: 'AWS_METADATA_SERVICE_TIMEOUT', check: intCheck },
    { key: 'metadata_service_num_attempts', env: 'AWS_METADATA_SERVICE_NUM_ATTEMPTS', check: intCheck },
    { key: 'ec2_metadata_service_endpoint', env: 'AWS_EC2_METADATA_SERVICE_ENDPOINT' },
    { key: 'ec2_metadata_service_endpoint_mode', env: 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE', check: modeCheck },
  ];
  const values: Record<string, string | undefined> = {};
  const reading = `while create_credential_resolver reads ${'$KEY'} from the profile (Session.get_scoped_config)`;
  for (const l of lookups) {
    let value: string | undefined;
    let from: string;
    if (present(env, l.env)) {
      value = env[l.env];
      from = l.env;
    } else {
      if (missing) return notFound(reading.replace('$KEY', l.key));
      value = profile[l.key];
      from = `profile ${name || 'default'} ${l.key}`;
    }
    const error = value !== undefined ? (l.check?.(value, from) ?? null) : null;
    if (error) return { kind: 'fail', hard: true, reason: `${error}: raised while the credential resolver is built, before any provider runs` };
    values[l.key] = value;
  }
  // no endpoint mode: imds_use_ipv6 is read next (AWS_IMDS_USE_IPV6 is not gathered; the profile is)
  const useIpv6 = values['ec2_metadata_service_endpoint_mode'] === undefined && ensureBoolean(profile['imds_use_ipv6']);
  if (values['ec2_metadata_service_endpoint_mode'] === undefined && missing) return notFound(reading.replace('$KEY', 'imds_use_ipv6'));
  if (rules.imdsV1Disable && !present(env, 'AWS_EC2_METADATA_V1_DISABLED') && missing) return notFound(reading.replace('$KEY', 'ec2_metadata_v1_disabled'));
  // InstanceMetadataFetcher._select_base_url: the custom endpoint if truthy, else the mode's
  const custom = values['ec2_metadata_service_endpoint'];
  const mode = values['ec2_metadata_service_endpoint_mode']?.toLowerCase();
  const base = custom ? custom : mode === 'ipv6' || useIpv6 ? 'http://[fd00:ec2::254]/' : 'http://169.254.169.254/';
  if (!pyIsValidUri(base)) {
    return {
      kind: 'fail',
      hard: true,
      reason: `InvalidIMDSEndpointError: Invalid endpoint EC2 Instance Metadata endpoint: ${base}: raised while the credential resolver is built (the IMDS fetcher is created even when IMDS is disabled), before any provider runs`,
    };
  }
  // every setting above came from the environment: the profile is first read when the app
  // creates its client (region, retries...), which raises the same ProfileNotFound
  if (missing) return notFound('as soon as the app creates a client (Session.get_scoped_config)');
  return null;
}
