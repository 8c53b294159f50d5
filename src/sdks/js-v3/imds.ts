/**
 * remoteProvider's IMDS branch: reached only when no container variable is set and
 * AWS_EC2_METADATA_DISABLED is unset, empty or "false".
 * mirrors aws/aws-sdk-js-v3 packages/credential-provider-node/src/remoteProvider.ts and
 * smithy-lang/smithy-typescript packages/credential-provider-imds/src/fromInstanceMetadata.ts,
 * utils/getInstanceMetadataEndpoint.ts
 */
import { containerUrlOf } from './container-url.ts';
import type { ChainContext, ImdsRequest, SourceOutcome } from '../../model/chain.ts';
import { atLeast } from '../../versions.ts';
import { JS_RULES } from './rules.ts';

/** `{ ok: false }` for a mode string the SDK rejects with a plain Error (stops the chain). */
export function imdsEndpointOf(env: Record<string, string>): { ok: true; url: string; from: string } | { ok: false; error: string } {
  const explicit = env['AWS_EC2_METADATA_SERVICE_ENDPOINT'];
  if (explicit) return { ok: true, url: explicit, from: 'AWS_EC2_METADATA_SERVICE_ENDPOINT' };
  const mode = env['AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE'];
  if (mode === undefined || mode === 'IPv4') return { ok: true, url: 'http://169.254.169.254', from: 'default (IPv4)' };
  if (mode === 'IPv6') return { ok: true, url: 'http://[fd00:ec2::254]', from: 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6' };
  return { ok: false, error: `Unsupported endpoint mode: ${mode}. Select from IPv6,IPv4 (the SDK compares case-sensitively)` };
}

/**
 * remoteProvider's switch: any non-empty value but "false" (case-sensitive: "False", "1", "TRUE"
 * disable); before 3.738.0 any non-empty value, "false" included (`if (process.env[ENV_IMDS_DISABLED])`).
 */
export function imdsDisabled(env: Record<string, string>, version: string | null = null): boolean {
  const v = env['AWS_EC2_METADATA_DISABLED'];
  if (!v) return false;
  return !atLeast(version, JS_RULES.imdsDisabledOnlyWhenTrue) || v !== 'false';
}

/**
 * fromInstanceMetadata's environmentVariableSelector: `!!envValue && envValue !== "false"`
 * (smithy-lang/smithy-typescript packages/credential-provider-imds/src/fromInstanceMetadata.ts).
 */
export function imdsV1Disabled(env: Record<string, string>): boolean {
  const v = env['AWS_EC2_METADATA_V1_DISABLED'];
  return !!v && v !== 'false';
}

/** ChainDefinition.imdsRequestOf: no container variable is not checked here (the planner does). */
export function jsImdsRequest(env: Record<string, string>, version: string | null): ImdsRequest | null {
  if (imdsDisabled(env, version)) return null;
  const endpoint = imdsEndpointOf(env);
  return endpoint.ok ? { url: endpoint.url, v1Disabled: imdsV1Disabled(env) } : null;
}

export function evaluateImds(ctx: ChainContext): SourceOutcome {
  const env = ctx.facts.env;
  if (containerUrlOf(env)) return { kind: 'skip', reason: 'a container credentials URI is set, so the SDK never asks IMDS (container XOR IMDS)' };
  // before 3.738.0 any non-empty value disabled IMDS, "false" included (SDK-CHAINS.md §1.6)
  const v = env['AWS_EC2_METADATA_DISABLED'];
  if (ctx.chain.version && !atLeast(ctx.chain.version, JS_RULES.imdsDisabledOnlyWhenTrue) && v)
    return { kind: 'skip', reason: `EC2 Instance Metadata Service access disabled (AWS_EC2_METADATA_DISABLED=${v}; @aws-sdk/credential-provider-node ${ctx.chain.version} treats any value as true)` };
  if (imdsDisabled(env)) return { kind: 'skip', reason: `EC2 Instance Metadata Service access disabled (AWS_EC2_METADATA_DISABLED=${env['AWS_EC2_METADATA_DISABLED']})` };
  const endpoint = imdsEndpointOf(env);
  if (!endpoint.ok) return { kind: 'fail', hard: true, reason: endpoint.error };
  const p = ctx.facts.imds;
  if (!p) return { kind: 'fail', hard: false, reason: 'IMDS was not probed' };
  const via = p.token.outcome === 'ok' ? 'IMDSv2' : 'IMDSv1 fallback';
  if (p.token.outcome === 'status' && p.token.status === 400) return { kind: 'fail', hard: false, reason: `EC2 Metadata token request returned error (400) at ${p.endpoint}` };
  // the probe falls back unless every asking SDK blocks it: judge by the JS switch, not the probe's
  if (p.token.outcome !== 'ok' && imdsV1Disabled(env)) {
    return { kind: 'fail', hard: false, reason: `the IMDSv2 token request failed (${p.token.message ?? p.token.outcome}) and AWS_EC2_METADATA_V1_DISABLED blocks the v1 fallback` };
  }
  if (p.v1Blocked) return { kind: 'fail', hard: false, reason: `not observed: the token request failed (${p.token.message ?? p.token.outcome}) and the probe did not fall back to IMDSv1, but the JS SDK would` };
  const tokenNote = p.token.outcome === 'ok' ? '' : ` after the token request failed (${p.token.message ?? p.token.outcome}, ${p.token.ms} ms)`;
  if (!p.roleList) return { kind: 'fail', hard: false, reason: `IMDS at ${p.endpoint} was not reached${tokenNote}` };
  if (!p.roleList.ok) return { kind: 'fail', hard: false, reason: `IMDS at ${p.endpoint}: ${p.roleList.error.message}${tokenNote}` };
  if (p.roleList.status === 404) return { kind: 'fail', hard: false, reason: `IMDS answers but no instance profile (role) is attached (404)${tokenNote}` };
  if (p.roleList.status === 401) return { kind: 'fail', hard: false, reason: `IMDS requires a token (401) and the token request failed${tokenNote}: the IMDSv2 hop-limit signature` };
  if (p.roleList.status !== 200 || !p.roleName) return { kind: 'fail', hard: false, reason: `IMDS role list answered ${p.roleList.status}${tokenNote}` };
  if (!p.credentials?.ok || p.credentials.status !== 200) {
    const why = p.credentials && !p.credentials.ok ? p.credentials.error.message : `status ${p.credentials?.ok ? p.credentials.status : '?'}`;
    return { kind: 'fail', hard: false, reason: `IMDS credentials for role ${p.roleName}: ${why}` };
  }
  if (p.parseError) return { kind: 'fail', hard: true, reason: `SyntaxError: ${p.parseError} (stops the chain)` };
  const doc = p.document;
  const missing = ['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration'].filter((k) => doc?.fieldTypes[k] !== 'string');
  if (missing.length > 0 || !doc) return { kind: 'fail', hard: false, reason: `Invalid response received from instance metadata service (${missing.join(', ')} missing)` };
  return {
    kind: 'provides',
    reason: `EC2 instance role ${p.roleName} via ${via} at ${p.endpoint}`,
    credentials: { ref: 'imds', accessKeyId: doc.accessKeyId ?? '', roleArn: null, expiration: doc.expiration, origin: `EC2 instance profile role ${p.roleName}`, feature: null },
  };
}
