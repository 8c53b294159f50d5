/**
 * ContainerCredentialsProvider as the Java SDK v2 runs it:
 * - URL: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (any defined value, trimmed) on
 *   AWS_CONTAINER_SERVICE_ENDPOINT / aws.containerServiceEndpoint (default http://169.254.170.2),
 *   else AWS_CONTAINER_CREDENTIALS_FULL_URI;
 * - validateURI applies to both forms: https passes; otherwise every address of the host must be
 *   loopback, or the host must literally be 169.254.170.2 / 169.254.170.23 ([fd00:ec2::23] alone
 *   when AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE is IPv6);
 * - token: AWS_CONTAINER_AUTHORIZATION_TOKEN when defined (a blank one sends no header) beats
 *   AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read raw, UTF-8, on each fetch);
 * - only AccessKeyId and SecretAccessKey are required in the answer (./document.ts);
 * - every failure is an exception the chain catches: the chain moves on to IMDS.
 * mirrors aws/aws-sdk-java-v2 core/auth/src/main/java/software/amazon/awssdk/auth/credentials/ContainerCredentialsProvider.java
 * (ContainerCredentialsEndpointProvider.endpoint / headers / getTokenValue / createUri / validateURI /
 * isAllowedHost / isMetadataServiceEndpoint), internal/ContainerCredentialsRetryPolicy.java (5 retries on
 * IOException and 5xx), core/regions/.../util/HttpResourcesUtils.java (readResource: only 200 is read).
 *
 * Java's own request (its URL, its token) is probed when it differs from the JS one (javaContainerRequests,
 * src/plan.ts); where it was not (a facts file from before), the outcome was not observed.
 */
import type { ChainContext, ContainerAuth, ContainerRequest, SourceOutcome } from '../../model/chain.ts';
import type { Facts } from '../../model/facts.ts';
import { parseUrl } from '../shared/url.ts';
import { atLeast } from '../../versions.ts';
import { javaSetting, javaSettingOfEnv, type JavaSetting } from './system-properties.ts';
import { containerCredentialsRef, containerProbeFor } from '../shared/container-probe.ts';
import { judgeJavaDocument } from './document.ts';

/** EKS Pod Identity (169.254.170.23 and the token file) needs Java SDK 2.21.30 (aws/aws-sdk-java#3062, the EKS user guide's minimum SDK list). */
import { JAVA_POD_IDENTITY_MINIMUM } from './rules.ts';

export interface JavaContainerTarget {
  url: string;
  from: 'relative' | 'full';
  label: string;
}

/** A Java setting by property and variable: from the facts (the app's command line too) or, when planning, the variables alone. */
type SettingOf = (property: string, variable: string) => JavaSetting | null;

const settingsOf =
  (facts: Facts): SettingOf =>
  (property, variable) =>
    javaSetting(facts, property, variable);

/** Which URL Java builds, or null when neither variable is defined. */
export function javaContainerTarget(setting: SettingOf): JavaContainerTarget | null {
  const rel = setting('aws.containerCredentialsPath', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI');
  if (rel) {
    const base = setting('aws.containerServiceEndpoint', 'AWS_CONTAINER_SERVICE_ENDPOINT')?.value ?? 'http://169.254.170.2';
    return { url: `${base}${rel.value}`, from: 'relative', label: `${rel.from} on ${base === 'http://169.254.170.2' ? base : `${base} (AWS_CONTAINER_SERVICE_ENDPOINT)`}` };
  }
  const full = setting('aws.containerCredentialsFullUri', 'AWS_CONTAINER_CREDENTIALS_FULL_URI');
  if (full) return { url: full.value, from: 'full', label: full.from };
  return null;
}

/**
 * The request ContainerCredentialsProvider sends (issue 11 item 5), or none when it refuses the
 * URL first (the relative URI on another AWS_CONTAINER_SERVICE_ENDPOINT is not probed: the tool
 * only probes the ECS address or --container-endpoint for it).
 */
export function javaContainerRequests(env: Record<string, string>, version: string | null): ContainerRequest[] {
  const setting: SettingOf = (property, variable) => javaSettingOfEnv(env, property, variable);
  const target = javaContainerTarget(setting);
  if (!target || javaUriIllegalChar(target.url)) return [];
  const url = parseUrl(target.url);
  if (!url?.hostname || javaAllowsHost(url, setting, version).ok === false) return [];
  if (target.from === 'relative' && !target.url.startsWith('http://169.254.170.2/')) return [];
  return [{ url: target.url, from: target.from, auth: javaAuthorization(setting, env, version).kind }];
}

type HostCheck = { ok: true } | { ok: false; why: string } | { ok: 'unknown'; why: string };

const isIpv4Loopback = (h: string): boolean => /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
const IPV6_LOOPBACK = new Set(['[::1]', '[0:0:0:0:0:0:0:1]', '[0000:0000:0000:0000:0000:0000:0000:0001]']);

/** validateURI: https, or a loopback host, or the ECS/EKS literal for the endpoint mode. */
export function javaAllowsHost(url: URL, setting: SettingOf, version: string | null): HostCheck {
  if (url.protocol === 'https:') return { ok: true };
  const host = url.hostname;
  const mode = setting('aws.ec2MetadataServiceEndpointMode', 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE')?.value ?? 'IPv4';
  const literals = mode.toUpperCase() === 'IPV6' ? ['[fd00:ec2::23]'] : ['169.254.170.2', '169.254.170.23'];
  const podHost = host === '169.254.170.23' || host === '[fd00:ec2::23]';
  if (podHost && version && !atLeast(version, JAVA_POD_IDENTITY_MINIMUM)) {
    return { ok: false, why: `Java SDK ${version} predates EKS Pod Identity (${JAVA_POD_IDENTITY_MINIMUM}): it refuses the host ${host}` };
  }
  if (isIpv4Loopback(host) || IPV6_LOOPBACK.has(host) || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host)) return { ok: true };
  if (literals.includes(host)) return { ok: true };
  const isIp = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  if (isIp) {
    const modeNote = literals.includes('169.254.170.2') ? '' : ` (AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=${mode} allows only [fd00:ec2::23])`;
    return { ok: false, why: `The full URI (${url.href}) contained within environment variable AWS_CONTAINER_CREDENTIALS_FULL_URI has an invalid host. Host should resolve to a loopback address or have the full URI be HTTPS.${modeNote}` };
  }
  return { ok: 'unknown', why: `Java resolves the host name ${host} (InetAddress.getAllByName) and requires every address to be loopback; DNS resolution is not modelled` };
}

/** The Authorization header Java sends, as the probe records it. */
function javaAuthorization(setting: SettingOf, env: Record<string, string>, version: string | null): { kind: ContainerAuth; why: string } {
  const token = setting('aws.containerAuthorizationToken', 'AWS_CONTAINER_AUTHORIZATION_TOKEN');
  if (token) {
    // the redacted marker of an empty value is "" (src/redact.ts secretMarker)
    return token.value === ''
      ? { kind: 'none', why: `${token.from} is defined but blank: no Authorization header, and the token file is not read` }
      : { kind: 'token-env', why: `${token.from} (it beats AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE in Java)` };
  }
  const file = env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'];
  if (file !== undefined) {
    if (version && !atLeast(version, JAVA_POD_IDENTITY_MINIMUM)) return { kind: 'none', why: `Java SDK ${version} predates AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (${JAVA_POD_IDENTITY_MINIMUM}): no Authorization header` };
    return { kind: 'token-file', why: `the token file ${file.trim()}` };
  }
  return { kind: 'none', why: 'no token' };
}

const notObserved = (reason: string, accessKeyId = '(not observed)'): SourceOutcome => ({
  kind: 'provides',
  reason,
  unproven: 'the tool probed the endpoint with a different request than the Java SDK sends, so its answer to Java was not observed',
  credentials: { ref: 'java:container:unobserved', accessKeyId, roleArn: null, expiration: null, origin: 'container credentials endpoint (Java request not observed)', feature: null },
});

export function evaluateJavaContainer(ctx: ChainContext): SourceOutcome {
  const f = ctx.facts;
  const version = ctx.chain.version;
  const setting = settingsOf(f);
  const target = javaContainerTarget(setting);
  if (!target) return { kind: 'skip', reason: 'Cannot fetch credentials from container - neither AWS_CONTAINER_CREDENTIALS_FULL_URI or AWS_CONTAINER_CREDENTIALS_RELATIVE_URI environment variables are set.' };
  const where = `${target.label} → ${target.url}`;
  if (target.from === 'relative' && target.url === (setting('aws.containerServiceEndpoint', 'AWS_CONTAINER_SERVICE_ENDPOINT')?.value ?? 'http://169.254.170.2')) {
    // a defined-but-empty relative URI is present for Java (and beats the full URI)
    return { kind: 'fail', hard: false, reason: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is defined but empty, so Java requests ${target.url} itself, which is not a credentials path (modelled, not observed); the Java SDK moves on to IMDS` };
  }
  // java.net.URI (URI.create), not WHATWG: a character RFC 2396 does not allow is an
  // IllegalArgumentException the chain catches (issue 11 item 4); the variables were trimmed
  const illegal = javaUriIllegalChar(target.url);
  if (illegal) {
    return { kind: 'fail', hard: false, cause: 'uri-invalid', reason: `IllegalArgumentException: Illegal character ${illegal} (${where}); the Java SDK moves on to IMDS` };
  }
  const url = parseUrl(target.url);
  if (!url?.hostname) {
    return { kind: 'fail', hard: false, cause: 'uri-invalid', reason: `Unable to fetch credentials from container: ${JSON.stringify(target.url)} is not an absolute URL with a host (${where}); the Java SDK moves on to IMDS` };
  }
  const host = javaAllowsHost(url, setting, version);
  if (host.ok === false) return { kind: 'fail', hard: false, cause: 'uri-host', reason: `${host.why} (${where}); the Java SDK moves on to IMDS` };
  const auth = javaAuthorization(setting, f.env, version);
  // the answer to Java's own request (its URL, its token), probed when it differs from the JS one
  const p = containerProbeFor(f, { url: target.url, auth: auth.kind }) ?? f.container;
  // the probe requested the WHATWG reading of its URL; Java the trimmed URL, which URI.create took as is
  const sameUrl = p !== null && (p.sdkUrl === target.url || p.probedUrl === target.url || parseUrl(p.sdkUrl)?.href === url.href);
  if (!p || !sameUrl) {
    return notObserved(`Java calls ${where}, which the tool did not probe${p ? ` (it probed ${p.sdkUrl}, the URL the JS SDK uses)` : ''}`);
  }
  if (p.notSent?.code === 'HOST_NOT_ALLOWED' || p.notSent?.code === 'INVALID_URL') {
    return notObserved(`Java accepts ${where}${host.ok === 'unknown' ? ` if ${host.why.replace(/^Java resolves/, 'it resolves')}` : ''}, but the tool did not call it (${p.notSent.message})`);
  }
  if (auth.kind !== p.authorization && !(p.notSent?.code === 'TOKEN_FILE_UNREADABLE' && auth.kind === 'token-file')) {
    return notObserved(
      `Java sends ${auth.kind === 'none' ? 'no Authorization header' : `the token from ${auth.why}`}, but the tool probed ${where} with ${p.authorization === 'none' ? 'none' : p.authorization === 'token-file' ? 'the token file' : 'AWS_CONTAINER_AUTHORIZATION_TOKEN'}`,
    );
  }
  const unknownHost = host.ok === 'unknown' ? ` (${host.why})` : '';
  if (p.notSent) {
    if (p.notSent.code === 'TOKEN_FILE_UNREADABLE') return { kind: 'fail', hard: false, reason: `Failed to read ${f.env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'] ?? 'the token file'} (${where}); the Java SDK moves on to IMDS` };
    // a token with a line break: Java sends the raw value; HttpURLConnection's reaction was not verified (SDK-CHAINS.md §8 scenario 13)
    return notObserved(`Java sends the token as read (no trim, no line-break check) to ${where}; the tool refused to (${p.notSent.message})`);
  }
  const http = p.http;
  if (!http) return notObserved(`${where} was not called`);
  if (!http.ok) return { kind: 'fail', hard: false, reason: `${http.error.message} (${where}; Java retries up to 5 times, connect 2 s, read 5 s); the Java SDK moves on to IMDS` };
  if (http.status !== 200) {
    const a = p.agentError;
    const detail = a?.code || a?.message ? ` (agent says ${[a.code, a.message].filter(Boolean).join(': ')})` : '';
    return { kind: 'fail', hard: false, reason: `the endpoint answered ${http.status}${detail} (${where}${http.status >= 500 ? '; retried up to 5 times' : ''}); the Java SDK moves on to IMDS` };
  }
  if (p.introspection) return { kind: 'fail', hard: false, reason: `Failed to load access key from metadata service: the answer is the ECS agent introspection API (${where}); the Java SDK moves on to IMDS` };
  const doc = judgeJavaDocument(p.document, p.parseError);
  if (doc.ok === false) return { kind: 'fail', hard: false, reason: `${doc.why} (${where}); the Java SDK moves on to IMDS` };
  if (doc.ok === 'unknown') return notObserved(`${where} answered, but ${doc.why}`, p.document?.accessKeyId ?? '(not observed)');
  return {
    kind: 'provides',
    reason: `ContainerCredentialsProvider got credentials from ${where}${doc.note}${unknownHost}`,
    ...(host.ok === 'unknown' ? { unproven: 'the host name is resolved by the JVM; resolution is not modelled' } : {}),
    credentials: {
      ref: containerCredentialsRef(p),
      accessKeyId: p.document?.accessKeyId ?? '',
      roleArn: p.document?.roleArn ?? null,
      expiration: p.document?.expiration ?? null,
      origin: 'ECS container credentials endpoint',
      feature: 'CREDENTIALS_HTTP',
    },
  };
}

/**
 * The first character java.net.URI refuses (URISyntaxException "Illegal character"), with its
 * index, or null: RFC 2396 allows letters, digits, `-_.!~*'()`, the reserved `;/?:@&=+$,[]`,
 * one `#`, `%` before two hex digits, and non-ASCII characters that are not controls or spaces.
 * mirrors openjdk/jdk src/java.base/share/classes/java/net/URI.java (Parser: L_/H_ character classes, checkChars, scanEscape).
 */
export function javaUriIllegalChar(url: string): string | null {
  let hashes = 0;
  for (let i = 0; i < url.length; i++) {
    const c = url.charAt(i);
    const code = c.charCodeAt(0);
    if (/[A-Za-z0-9\-_.!~*'();/?:@&=+$,[\]]/.test(c)) continue;
    if (c === '#' && ++hashes === 1) continue;
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(url.slice(i + 1, i + 3))) continue;
    if (code > 0x7f && !/[\p{Cc}\p{Z}]/u.test(c)) continue;
    return `${JSON.stringify(c)} at index ${i}`;
  }
  return null;
}
