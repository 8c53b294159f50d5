/** Rules about traps of the modelled SDK and its release; each SDK's facts come from its own module. */
import { draft, type Draft } from '../../findings/registry.ts';
import { atLeast } from '../../sdk.ts';
import { parseUrl } from '../../sources/container-url.ts';
import { nonEmpty } from '../../gather/env.ts';
import { GLOBAL_STS_URL } from '../../sts-endpoint.ts';
import { POD_IDENTITY_MINIMUM, REGION_VARIABLE } from '../../sdk-findings.ts';
import type { RuleInput } from '../input.ts';

/** A v1 SDK was detected: the chain shown is its successor's, an approximation. */
export function sdkNotModelled(i: RuleInput): Draft[] {
  const stand = i.facts.sdkSelection?.unmodelled;
  if (!stand) return [];
  return [
    draft('SDK_NOT_MODELLED', { name: stand.name, version: stand.version ?? '', shown: i.chain.family, differs: stand.differs, upgrade: stand.upgrade }, [
      { label: 'detected', value: `${stand.family}${stand.version ? ` ${stand.version}` : ''}` },
      { label: 'shown', value: i.chain.family },
    ]),
  ];
}

const sdkName = (i: RuleInput): string => (i.chain.version ? `${i.chain.family} ${i.chain.version}` : i.chain.family);

/** EKS Pod Identity needs a recent SDK. */
export function podIdentityTooOld(i: RuleInput): Draft[] {
  const env = i.facts.env;
  const min = POD_IDENTITY_MINIMUM[i.chain.family];
  const full = parseUrl(env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '');
  const podHost = full && (full.hostname === '169.254.170.23' || full.hostname === '[fd00:ec2::23]') ? full.hostname : '';
  const tokenFile = nonEmpty(env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE');
  if (!min || !i.chain.version || atLeast(i.chain.version, min) || !(podHost || tokenFile)) return [];
  // where the container step still provides (a loopback full URI: the old SDK just sends no token),
  // it is a caveat, not the cause of a failure
  const provides = i.stepOf('container')?.outcome.kind === 'provides';
  return [draft('SDK_TOO_OLD_FOR_POD_IDENTITY', { sdk: sdkName(i), minimum: `${i.chain.family} ${min}`, host: podHost, tokenFile: tokenFile ? 'yes' : 'no' }, [{ label: 'minimum', value: `${i.chain.family} ${min}` }], provides ? 'warning' : 'error')];
}

/** A key id without its secret (or the reverse); whether it stops is the env step's own outcome. */
export function partialEnvKeys(i: RuleInput): Draft[] {
  const env = i.facts.env;
  const id = nonEmpty(env, 'AWS_ACCESS_KEY_ID');
  const secret = nonEmpty(env, 'AWS_SECRET_ACCESS_KEY');
  if (id === secret) return [];
  const step = i.stepOf('env');
  const stops = step?.outcome.kind === 'fail' && step.outcome.hard;
  const [present, missing] = id ? ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] : ['AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID'];
  return [draft('PARTIAL_ENV_KEYS', { present, missing, sdk: i.chain.label, stops: stops ? 'yes' : 'no' }, [], stops ? 'error' : 'warning')];
}

/**
 * Proxies that catch link-local requests: Go sends container and IMDS calls through them,
 * botocore only IMDS calls; the JS and Java SDKs ignore proxy variables. The metadata endpoints
 * are http://, so only HTTP_PROXY applies to them (Go and botocore pick by scheme).
 */
export function proxyInterceptsMetadata(i: RuleInput): Draft[] {
  const env = i.facts.env;
  const family = i.chain.family;
  const proxy = env['HTTP_PROXY'] || env['http_proxy'];
  if (!proxy || !(family === 'go-v2' || family === 'python' || family === 'aws-cli')) return [];
  const noProxy = `${env['NO_PROXY'] ?? ''},${env['no_proxy'] ?? ''}`;
  const hosts = family === 'go-v2' ? ['169.254.170.2', '169.254.169.254'] : ['169.254.169.254'];
  const caught = hosts.filter((h) => !noProxy.split(',').some((e) => e.trim() !== '' && (h === e.trim() || e.trim() === '*' || h.endsWith(e.trim().replace(/^\*/, '')))));
  if (caught.length === 0) return [];
  return [
    draft(
      'PROXY_INTERCEPTS_METADATA',
      { proxy, from: env['HTTP_PROXY'] ? 'HTTP_PROXY' : 'http_proxy', targets: family === 'go-v2' ? 'container credentials and IMDS' : 'IMDS', hosts: caught.join(','), sdk: i.chain.label },
      [{ label: 'proxy', value: proxy }],
    ),
  ];
}

/**
 * The STS calls the chain makes (web identity, a profile's role) go to the global endpoint:
 * botocore < 1.40.0 in legacy regions, and botocore, the CLI and Java without a region.
 */
export function stsGlobalEndpoint(i: RuleInput): Draft[] {
  const w = i.step;
  if (!w || !(w.source === 'web-identity' || (w.source === 'profile' && w.credentials?.roleArn))) return [];
  const stsRegion = i.chain.stsRegionOf(i.facts);
  const e = i.chain.stsEndpointOf(i.facts, stsRegion.region ?? 'us-east-1');
  const own = e.sdk ?? e;
  if (own.url !== GLOBAL_STS_URL) return [];
  const noRegion = i.chain.appRegionOf(i.facts).region === null;
  const legacyBotocore = i.chain.family === 'python' && i.chain.version !== null && !atLeast(i.chain.version, '1.40.0');
  const cause = noRegion ? (legacyBotocore ? 'no-region-legacy' : 'no-region') : i.chain.family === 'python' ? 'legacy' : 'other';
  return [
    draft('STS_GLOBAL_ENDPOINT', { sdk: sdkName(i), step: w.sdkName, from: own.from, cause, variable: REGION_VARIABLE[i.chain.family] }, [
      { label: 'sdk endpoint', value: own.url },
      ...(e.sdk ? [{ label: 'tool endpoint', value: `${e.url} (the tool's own override)` }] : []),
    ]),
  ];
}

/** Java: system properties come first and shadow later sources. */
export function javaSystemPropertiesShadow(i: RuleInput): Draft[] {
  if (i.step?.source !== 'system-properties') return [];
  const later = i.walk.results.filter((r) => r.status === 'shadowed');
  return later.length > 0 ? [draft('JAVA_SYSTEM_PROPERTIES_SHADOW', { shadowed: later.map((r) => r.source).join(', ') })] : [];
}

/** A failing container or web identity step falls through to the instance role (Java's chain goes on). */
export function instanceRoleFallback(i: RuleInput): Draft[] {
  if (i.step?.source !== 'imds') return [];
  const failed = i.walk.results.filter((r) => r.status === 'failed' && (r.source === 'container' || r.source === 'web-identity'));
  if (failed.length === 0) return [];
  return [draft('INSTANCE_ROLE_FALLBACK', { failed: failed.map((r) => r.source).join(' and '), sdk: i.chain.label }, failed.map((r) => ({ label: r.source, value: r.outcome.reason })))];
}
