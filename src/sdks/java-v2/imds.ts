/**
 * InstanceProfileCredentialsProvider as the Java SDK v2 runs it. Unlike the JS SDK it is tried
 * even when a container variable is set, and every failure before it (container, web identity)
 * falls through to it: the "EC2 instance role by fallback" case.
 * - disabled by aws.disableEc2Metadata / AWS_EC2_METADATA_DISABLED = true (case-insensitive);
 * - endpoint: aws.ec2MetadataServiceEndpoint / AWS_EC2_METADATA_SERVICE_ENDPOINT, else the
 *   IPv4/IPv6 endpoint mode;
 * - token PUT (TTL 21600): 400 is an error; any other failure falls back to IMDSv1 unless
 *   aws.disableEc2MetadataV1 / AWS_EC2_METADATA_V1_DISABLED is true;
 * - the role is the first line of the list; the document is read as the container's (./document.ts).
 * mirrors aws/aws-sdk-java-v2 core/auth/src/main/java/software/amazon/awssdk/auth/credentials/InstanceProfileCredentialsProvider.java
 * (refreshCredentials, getToken, handleTokenErrorResponse, getSecurityCredentials),
 * internal/Ec2MetadataConfigProvider.java, internal/Ec2MetadataDisableV1Resolver.java.
 */
import type { ChainContext, ImdsRequest, SourceOutcome } from '../../model/chain.ts';
import { javaBoolean, javaProfileName, javaProfileValue, javaSetting, javaSettingOfEnv, type JavaSetting } from './system-properties.ts';
import { judgeJavaDocument } from './document.ts';

/** The endpoint Java calls, or an error its configuration raises. */
export function javaImdsEndpoint(ctx: ChainContext): { ok: true; url: string; from: string } | { ok: false; why: string } {
  const f = ctx.facts;
  const explicit = javaSetting(f, 'aws.ec2MetadataServiceEndpoint', 'AWS_EC2_METADATA_SERVICE_ENDPOINT');
  if (explicit?.value) return { ok: true, url: explicit.value.replace(/\/+$/, ''), from: explicit.from };
  const profile = javaProfileName(f).name;
  const fromProfile = javaProfileValue(f, profile, 'ec2_metadata_service_endpoint');
  if (fromProfile) return { ok: true, url: fromProfile.replace(/\/+$/, ''), from: `profile ${profile} ec2_metadata_service_endpoint` };
  const mode = javaSetting(f, 'aws.ec2MetadataServiceEndpointMode', 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE')?.value ?? javaProfileValue(f, profile, 'ec2_metadata_service_endpoint_mode') ?? 'IPv4';
  if (mode.toUpperCase() === 'IPV4') return { ok: true, url: 'http://169.254.169.254', from: 'default (IPv4)' };
  if (mode.toUpperCase() === 'IPV6') return { ok: true, url: 'http://[fd00:ec2::254]', from: `endpoint mode ${mode}` };
  return { ok: false, why: `Unrecognized value for endpoint mode: '${mode}'` };
}

/** The endpoint by the variables and JVM options alone (the profile keys are read at evaluation). */
function javaImdsEndpointOfEnv(env: Record<string, string>): string | null {
  const explicit = javaSettingOfEnv(env, 'aws.ec2MetadataServiceEndpoint', 'AWS_EC2_METADATA_SERVICE_ENDPOINT');
  if (explicit?.value) return explicit.value.replace(/\/+$/, '');
  const mode = (javaSettingOfEnv(env, 'aws.ec2MetadataServiceEndpointMode', 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE')?.value ?? 'IPv4').toUpperCase();
  return mode === 'IPV4' ? 'http://169.254.169.254' : mode === 'IPV6' ? 'http://[fd00:ec2::254]' : null;
}

/**
 * aws.disableEc2MetadataV1 / AWS_EC2_METADATA_V1_DISABLED, then the profile's
 * ec2_metadata_v1_disabled: a boolean SdkSystemSetting, so "1" or "" throws when the fallback is
 * weighed (no IMDSv1 either way).
 * mirrors aws/aws-sdk-java-v2 core/auth/src/main/java/software/amazon/awssdk/auth/credentials/internal/Ec2MetadataDisableV1Resolver.java
 * (fromSystemSettings: getBooleanValue, then the profile's booleanProperty)
 */
function v1Setting(s: JavaSetting | null): { off: boolean; why: string | null } | null {
  const b = javaBoolean(s);
  if (!b.ok) return { off: true, why: `IllegalStateException: ${b.why}` };
  return b.value === null ? null : { off: b.value, why: null };
}

/**
 * ChainDefinition.imdsRequestOf: InstanceProfileCredentialsProvider asks unless
 * aws.disableEc2Metadata / AWS_EC2_METADATA_DISABLED is "true" (any case); a value that is not a
 * boolean ("1", "", "yes") throws before any request (javaBoolean), so nothing is asked either.
 */
export function javaImdsRequest(env: Record<string, string>): ImdsRequest | null {
  const disabled = javaBoolean(javaSettingOfEnv(env, 'aws.disableEc2Metadata', 'AWS_EC2_METADATA_DISABLED'));
  if (!disabled.ok || disabled.value === true) return null;
  const url = javaImdsEndpointOfEnv(env);
  return url ? { url, v1Disabled: v1Setting(javaSettingOfEnv(env, 'aws.disableEc2MetadataV1', 'AWS_EC2_METADATA_V1_DISABLED'))?.off ?? false } : null;
}

function javaV1Disabled(ctx: ChainContext): { off: boolean; why: string | null } {
  const fromSettings = v1Setting(javaSetting(ctx.facts, 'aws.disableEc2MetadataV1', 'AWS_EC2_METADATA_V1_DISABLED'));
  if (fromSettings) return fromSettings;
  return { off: (javaProfileValue(ctx.facts, javaProfileName(ctx.facts).name, 'ec2_metadata_v1_disabled') ?? '').toLowerCase() === 'true', why: null };
}

export function evaluateJavaImds(ctx: ChainContext): SourceOutcome {
  const f = ctx.facts;
  const disabled = javaSetting(f, 'aws.disableEc2Metadata', 'AWS_EC2_METADATA_DISABLED');
  const off = javaBoolean(disabled);
  if (off.ok && off.value === true) return { kind: 'skip', reason: `IMDS credentials have been disabled by environment variable or system property (${disabled?.from}=${disabled?.value}).` };
  // "1", "" or "yes": IllegalStateException from isLocalCredentialLoadingDisabled, caught by the chain
  if (!off.ok) return { kind: 'fail', hard: false, reason: `IllegalStateException: ${off.why}` };
  const endpoint = javaImdsEndpoint(ctx);
  if (!endpoint.ok) return { kind: 'fail', hard: false, reason: endpoint.why };
  const p = f.imds;
  if (!p) return { kind: 'fail', hard: false, reason: `IMDS (${endpoint.url}) was not probed (${f.imdsProbeReason ?? 'the tool asks IMDS only when no container credentials URI is set, or inside ECS'}); not observed` };
  if (p.endpoint.replace(/\/+$/, '') !== endpoint.url) return { kind: 'fail', hard: false, reason: `Java calls IMDS at ${endpoint.url} (${endpoint.from}); the tool probed ${p.endpoint}, so this outcome was not observed` };
  const v1 = javaV1Disabled(ctx);
  const tokenFailed = p.token.outcome !== 'ok';
  if (p.token.outcome === 'status' && p.token.status === 400) return { kind: 'fail', hard: false, reason: `Unable to fetch metadata token (400 at ${p.endpoint}); the Java SDK moves on` };
  // the probe falls back unless every asking SDK blocks it: Java's own switch decides
  if (tokenFailed && v1.off) return { kind: 'fail', hard: false, reason: `the IMDSv2 token request failed (${p.token.message ?? p.token.outcome}) and ${v1.why ?? 'AWS_EC2_METADATA_V1_DISABLED blocks the v1 fallback'}` };
  if (p.v1Blocked) {
    return { kind: 'fail', hard: false, reason: `the token request failed and Java allows the IMDSv1 fallback (AWS_EC2_METADATA_V1_DISABLED=${f.env['AWS_EC2_METADATA_V1_DISABLED'] ?? 'unset'}), unlike the probe; not observed` };
  }
  const via = p.token.outcome === 'ok' ? 'IMDSv2' : 'IMDSv1 fallback';
  const tokenNote = tokenFailed ? ` after the token request failed (${p.token.message ?? p.token.outcome}, ${p.token.ms} ms)` : '';
  if (!p.roleList) return { kind: 'fail', hard: false, reason: `IMDS at ${p.endpoint} was not reached${tokenNote}` };
  if (!p.roleList.ok) return { kind: 'fail', hard: false, reason: `IMDS at ${p.endpoint}: ${p.roleList.error.message}${tokenNote}` };
  if (p.roleList.status === 404) return { kind: 'fail', hard: false, reason: `IMDS answers but no instance profile (role) is attached (404)${tokenNote}` };
  if (p.roleList.status === 401) return { kind: 'fail', hard: false, reason: `IMDS requires a token (401) and the token request failed${tokenNote}: the IMDSv2 hop-limit signature` };
  if (p.roleList.status !== 200 || !p.roleName) return { kind: 'fail', hard: false, reason: `IMDS role list answered ${p.roleList.status}${tokenNote}` };
  if (/[\r\n]/.test(p.roleName)) return { kind: 'fail', hard: false, reason: `IMDS lists several roles; Java uses the first line, the probe asked for the whole list; not observed` };
  if (!p.credentials?.ok || p.credentials.status !== 200) {
    const why = p.credentials && !p.credentials.ok ? p.credentials.error.message : `status ${p.credentials?.ok ? p.credentials.status : '?'}`;
    return { kind: 'fail', hard: false, reason: `IMDS credentials for role ${p.roleName}: ${why}` };
  }
  const doc = judgeJavaDocument(p.document, p.parseError);
  if (doc.ok === false) return { kind: 'fail', hard: false, reason: `${doc.why} (IMDS role ${p.roleName})` };
  if (doc.ok === 'unknown') return { kind: 'fail', hard: false, reason: `IMDS role ${p.roleName}: ${doc.why}; not observed` };
  return {
    kind: 'provides',
    reason: `EC2 instance role ${p.roleName} via ${via} at ${p.endpoint}${doc.note}`,
    credentials: { ref: 'imds', accessKeyId: p.document?.accessKeyId ?? '', roleArn: null, expiration: p.document?.expiration ?? null, origin: `EC2 instance profile role ${p.roleName}`, feature: null },
  };
}
