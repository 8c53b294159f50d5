/**
 * botocore's InstanceMetadataProvider (METHOD iam-role), always last. Every IMDS failure makes it
 * return None (the chain ends without credentials, nothing raised): disabled
 * (AWS_EC2_METADATA_DISABLED "true", case-insensitive, only), token PUT 400, role or credentials
 * requests that fail, are empty, not JSON or miss a field. The one exception (≥ 1.32.4, CLI
 * ≥ 2.15.1): with ec2_metadata_v1_disabled true and no token, MetadataRetrievalError propagates.
 * Token PUT: 200 token; 403/404/405, a read timeout, or connection errors after
 * num_attempts → IMDSv1.
 * mirrors boto/botocore botocore/credentials.py InstanceMetadataProvider.load and
 * botocore/utils.py IMDSFetcher (_fetch_metadata_token, _get_request, _assert_v1_enabled),
 * InstanceMetadataFetcher.retrieve_iam_role_credentials. Endpoint mode and endpoint errors are
 * raised before the chain (precondition.ts).
 * IMDS was probed during gathering with the JS SDK's choices (src/gather/imds.ts).
 */
import type { ChainContext, ImdsRequest, SourceOutcome } from '../../model/chain.ts';
import { botoRulesOf, ensureBoolean, present, type BotoRules } from './rules.ts';

/**
 * AWS_EC2_METADATA_DISABLED as botocore reads it: `.lower() == 'true'`, so "1", "False", "" and
 * "yes" leave IMDS on (boto/botocore botocore/utils.py IMDSFetcher.__init__:
 * `self._disabled = env.get('AWS_EC2_METADATA_DISABLED', 'false').lower() == 'true'`).
 */
export function botoImdsDisabled(env: Record<string, string>): boolean {
  const v = env['AWS_EC2_METADATA_DISABLED'];
  return v !== undefined && v.toLowerCase() === 'true';
}

/**
 * ChainDefinition.imdsRequestOf from the variables alone (profile keys are read at evaluation): an
 * endpoint mode botocore rejects raises before the chain (precondition.ts), so nothing is asked;
 * AWS_EC2_METADATA_V1_DISABLED by ensure_boolean, from 1.32.4 / CLI 2.15.1 (rules.ts).
 */
export function botoImdsRequest(env: Record<string, string>, rules: BotoRules): ImdsRequest | null {
  if (botoImdsDisabled(env)) return null;
  const mode = env['AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE'];
  if (mode !== undefined && !['ipv4', 'ipv6'].includes(mode.toLowerCase())) return null;
  return { url: botoImdsBaseUrl(env, {}).base, v1Disabled: rules.imdsV1Disable && ensureBoolean(env['AWS_EC2_METADATA_V1_DISABLED']) };
}

/** The IMDS base URL botocore uses: the custom endpoint, else by endpoint mode (precondition.ts validated both). */
export function botoImdsBaseUrl(env: Record<string, string>, profile: Record<string, string>): { custom: string | undefined; base: string } {
  const custom = present(env, 'AWS_EC2_METADATA_SERVICE_ENDPOINT') ? env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] : profile['ec2_metadata_service_endpoint'];
  const mode = (present(env, 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE') ? env['AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE'] : profile['ec2_metadata_service_endpoint_mode'])?.toLowerCase();
  const base = custom ? custom : mode === 'ipv6' || (mode === undefined && ensureBoolean(profile['imds_use_ipv6'])) ? 'http://[fd00:ec2::254]' : 'http://169.254.169.254';
  return { custom, base };
}

/** iam-role, with the proxy botocore's IMDS fetcher would send its requests through. */
export function evaluateBotoImds(ctx: ChainContext): SourceOutcome {
  const out = imdsOutcome(ctx);
  return out.kind === 'needs' ? out : { ...out, proxy: ctx.chain.proxyFor(ctx.facts, 'imds') };
}

function imdsOutcome(ctx: ChainContext): SourceOutcome {
  const env = ctx.facts.env;
  const rules = botoRulesOf(ctx.chain);
  if (present(env, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI') || present(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI')) {
    return { kind: 'skip', reason: 'never reached with a container variable set: container-role either returns credentials or raises' };
  }
  if (botoImdsDisabled(env)) return { kind: 'skip', reason: `Access to EC2 metadata has been disabled (AWS_EC2_METADATA_DISABLED=${env['AWS_EC2_METADATA_DISABLED']})` };
  const profile = ctx.profiles[ctx.profileName || 'default'] ?? {};
  const v1Setting = present(env, 'AWS_EC2_METADATA_V1_DISABLED') ? env['AWS_EC2_METADATA_V1_DISABLED'] : profile['ec2_metadata_v1_disabled'];
  const v1Disabled = rules.imdsV1Disable && ensureBoolean(v1Setting);
  const v1Ignored = !rules.imdsV1Disable && ensureBoolean(v1Setting) ? ` (${rules.label} ignores AWS_EC2_METADATA_V1_DISABLED)` : '';

  // the base URL botocore uses (precondition.ts validated it)
  const { custom, base } = botoImdsBaseUrl(env, profile);
  if (custom && !custom.endsWith('/') && rules.imdsJoinsWithoutSlash !== false) {
    const joined = botoJoinedImdsUrl(custom, rules);
    if (rules.imdsJoinsWithoutSlash === true) return joined;
    return { kind: 'fail', hard: false, reason: `not observed: whether ${rules.label} puts "/" between the endpoint ${custom} and "latest/api/token" is not pinned here (aws/aws-cli#8967); without it: ${joined.reason}` };
  }
  const p = ctx.facts.imds;
  const norm = (u: string): string => u.replace(/\/+$/, '');
  if (!p || norm(p.endpoint) !== norm(base)) {
    return { kind: 'fail', hard: false, reason: `not observed: ${rules.label} asks IMDS at ${base}; ${p ? `IMDS was probed at ${p.endpoint}` : `IMDS was not probed (${ctx.facts.imdsProbeReason ?? 'the JS SDK would not ask it'})`}` };
  }
  if (p.token.outcome === 'status' && p.token.status === 400) return { kind: 'skip', reason: `BadIMDSRequestError: the token request answered 400 at ${p.endpoint}; botocore moves on without credentials` };
  const tokenFailed = p.token.outcome !== 'ok';
  const tokenNote = tokenFailed ? ` after the token request failed (${p.token.message ?? p.token.outcome}, ${p.token.ms} ms)` : '';
  if (tokenFailed && v1Disabled) {
    return {
      kind: 'fail',
      hard: true,
      reason: `MetadataRetrievalError: Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been disabled (${p.token.message ?? p.token.outcome}; ec2_metadata_v1_disabled is true); this error propagates and stops the chain`,
    };
  }
  if (p.v1Blocked) {
    return {
      kind: 'fail',
      hard: false,
      reason: `not observed: the token request failed (${p.token.message ?? p.token.outcome}) and the probe did not fall back to IMDSv1 (AWS_EC2_METADATA_V1_DISABLED=${env['AWS_EC2_METADATA_V1_DISABLED'] ?? ''}), but ${rules.label} would${v1Ignored}`,
    };
  }
  const via = tokenFailed ? `IMDSv1 fallback${tokenNote}${v1Ignored}` : 'IMDSv2';
  const none = (why: string): SourceOutcome => ({ kind: 'skip', reason: `${why}; botocore's IMDS fetcher returns nothing and the chain ends without credentials` });
  if (!p.roleList) return none(`IMDS at ${p.endpoint} was not reached${tokenNote}`);
  if (!p.roleList.ok) return none(`IMDS at ${p.endpoint}: ${p.roleList.error.message}${tokenNote}`);
  if (p.roleList.status === 404) return none(`IMDS answers, but no instance profile (role) is attached (404)${tokenNote}`);
  if (p.roleList.status === 401) return none(`IMDS requires a token (401) and the token request failed${tokenNote}: the IMDSv2 hop-limit signature`);
  if (p.roleList.status !== 200 || !p.roleName) return none(`IMDS role list answered ${p.roleList.status}${p.roleName ? '' : ' with no role name'}${tokenNote}`);
  if (!p.credentials?.ok || p.credentials.status !== 200) {
    const why = p.credentials && !p.credentials.ok ? p.credentials.error.message : `status ${p.credentials?.ok ? p.credentials.status : '?'}`;
    return none(`IMDS credentials for role ${p.roleName}: ${why}`);
  }
  if (p.parseError) return none(`IMDS credentials for role ${p.roleName} are not JSON (botocore retries, then gives up)`);
  const doc = p.document;
  const missing = ['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration'].filter((k) => doc?.fieldTypes[k] === undefined);
  if (!doc || doc.fieldTypes['(document)'] !== undefined || missing.length > 0) return none(`IMDS credentials for role ${p.roleName} lack ${missing.join(', ') || 'the credential fields'}`);
  return {
    kind: 'provides',
    reason: `EC2 instance role ${p.roleName} via ${via} at ${p.endpoint}`,
    credentials: { ref: 'imds', accessKeyId: doc.accessKeyId ?? '', roleArn: null, expiration: doc.expiration, origin: `EC2 instance profile role ${p.roleName}`, feature: null },
  };
}

/**
 * The CLI's old IMDSFetcher: `self._base_url + self._TOKEN_PATH`. A port glued to "latest"
 * does not parse (urllib3 LocationParseError → InvalidIMDSEndpointError, which propagates);
 * otherwise the requests go to a host or path that is not IMDS, and nothing is found.
 * mirrors aws/aws-cli 2.9.19 awscli/botocore/utils.py IMDSFetcher._fetch_metadata_token, _get_request.
 */
function botoJoinedImdsUrl(custom: string, rules: ReturnType<typeof botoRulesOf>): SourceOutcome {
  const url = `${custom}latest/api/token`;
  const netloc = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(url)?.[1] ?? '';
  const hostport = netloc.slice(netloc.lastIndexOf('@') + 1);
  const port = hostport.startsWith('[') ? hostport.slice(hostport.indexOf(']') + 1).replace(/^:/, '') : hostport.includes(':') ? hostport.slice(hostport.indexOf(':') + 1) : '';
  if (port !== '' && !/^\d+$/.test(port)) {
    return {
      kind: 'fail',
      hard: true,
      reason: `InvalidIMDSEndpointError: Invalid endpoint EC2 Instance Metadata endpoint: ${url} (${rules.label} appends "latest/api/token" to AWS_EC2_METADATA_SERVICE_ENDPOINT=${custom} without a "/"; end it with "/"); this error propagates and stops the chain`,
    };
  }
  return { kind: 'skip', reason: `${rules.label} requests ${url} (it appends the path to AWS_EC2_METADATA_SERVICE_ENDPOINT=${custom} without a "/"), which is not IMDS; it finds nothing and the chain ends without credentials` };
}
