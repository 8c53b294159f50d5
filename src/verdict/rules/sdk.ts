/**
 * Rules about traps of the modelled SDK and its release. What differs by SDK (its Pod Identity
 * minimum, how it reads the key pair, its proxy rules, its STS advice) is asked of the chain,
 * whose SDK folder owns it; nothing here names an SDK.
 */
import { draft, type Draft } from '../../findings/registry.ts';
import { parseUrl } from '../../sdks/shared/url.ts';
import { nonEmpty } from '../../env-value.ts';
import { GLOBAL_STS_URL } from '../../sdks/shared/sts-endpoint.ts';
import { atLeast } from '../../versions.ts';
import type { RuleInput } from '../input.ts';

const sdkName = (i: RuleInput): string => (i.chain.version ? `${i.chain.family} ${i.chain.version}` : i.chain.family);

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

/** EKS Pod Identity needs a recent SDK (ChainDefinition.podIdentityMinimum). */
export function podIdentityTooOld(i: RuleInput): Draft[] {
  const env = i.facts.env;
  const min = i.chain.podIdentityMinimum;
  const full = parseUrl(env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '');
  const podHost = full && (full.hostname === '169.254.170.23' || full.hostname === '[fd00:ec2::23]') ? full.hostname : '';
  const tokenFile = nonEmpty(env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE');
  if (!min || !i.chain.version || atLeast(i.chain.version, min) || !(podHost || tokenFile)) return [];
  // where the container step still provides (a loopback full URI: the old SDK just sends no token),
  // it is a caveat, not the cause of a failure
  const provides = i.stepOf('container')?.outcome.kind === 'provides';
  return [
    draft(
      'SDK_TOO_OLD_FOR_POD_IDENTITY',
      { sdk: sdkName(i), minimum: `${i.chain.family} ${min}`, host: podHost, tokenFile: tokenFile ? 'yes' : 'no' },
      [{ label: 'minimum', value: `${i.chain.family} ${min}` }],
      provides ? 'warning' : 'error',
    ),
  ];
}

/** Half of the env key pair, as the SDK reads the pair; whether it stops is the env step's own outcome. */
export function partialEnvKeys(i: RuleInput): Draft[] {
  const half = i.chain.partialEnvKeys(i.facts.env);
  if (!half) return [];
  const step = i.stepOf('env');
  const stops = step ? step.outcome.kind === 'fail' && step.outcome.hard : half.stops;
  return [draft('PARTIAL_ENV_KEYS', { present: half.present, missing: half.missing, sdk: i.chain.label, stops: stops ? 'yes' : 'no' }, [], stops ? 'error' : 'warning')];
}

/** A step the SDK reaches sends its metadata request through a proxy (the step says which, by the SDK's own rules). */
export function proxyInterceptsMetadata(i: RuleInput): Draft[] {
  const caught = i.walk.results.filter((r) => r.status !== 'not-reached' && r.outcome.proxy);
  const first = caught[0]?.outcome.proxy;
  if (!first) return [];
  const hosts = [...new Set(caught.map((r) => r.outcome.proxy?.host ?? ''))].join(',');
  const targets = [...new Set(caught.map((r) => (r.source === 'container' ? 'container credentials' : 'IMDS')))].join(' and ');
  return [draft('PROXY_INTERCEPTS_METADATA', { proxy: first.proxy, from: first.from, targets, hosts, sdk: i.chain.label }, [{ label: 'proxy', value: first.proxy }])];
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
  return [
    draft('STS_GLOBAL_ENDPOINT', { sdk: sdkName(i), step: w.sdkName, from: own.from, cause: noRegion ? 'no-region' : 'other', variable: i.chain.regionVariables.join(' or '), sdkFix: i.chain.stsGlobalFix(noRegion) ?? '' }, [
      { label: 'sdk endpoint', value: own.url },
      ...(e.sdk ? [{ label: 'tool endpoint', value: `${e.url} (the tool's own override)` }] : []),
    ]),
  ];
}

/** System properties come first (only the Java chain has that source) and shadow later sources. */
export function javaSystemPropertiesShadow(i: RuleInput): Draft[] {
  if (i.step?.source !== 'system-properties') return [];
  const later = i.walk.results.filter((r) => r.status === 'shadowed');
  return later.length > 0 ? [draft('JAVA_SYSTEM_PROPERTIES_SHADOW', { shadowed: later.map((r) => r.source).join(', ') })] : [];
}

/** A failing container or web identity step falls through to the instance role, where the chain goes on. */
export function instanceRoleFallback(i: RuleInput): Draft[] {
  if (!i.chain.fallsThroughToImds || i.step?.source !== 'imds') return [];
  const failed = i.walk.results.filter((r) => r.status === 'failed' && (r.source === 'container' || r.source === 'web-identity'));
  if (failed.length === 0) return [];
  return [
    draft(
      'INSTANCE_ROLE_FALLBACK',
      { failed: failed.map((r) => r.source).join(' and '), sdk: i.chain.label },
      failed.map((r) => ({ label: r.source, value: r.outcome.reason })),
    ),
  ];
}
