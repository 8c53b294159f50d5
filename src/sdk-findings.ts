/**
 * Findings about traps that depend on the app's SDK and its version (SDK-CHAINS.md §1.6,
 * §2, §3, §4, §8): pure over the facts, the chain and its walk.
 */
import type { Facts } from './model/facts.ts';
import type { Finding } from './model/report.ts';
import type { ChainDefinition } from './model/chain.ts';
import type { ChainWalk } from './chains/walk.ts';
import { finding } from './findings.ts';
import { parseUrl } from './sdks/shared/url.ts';
import { nonEmpty } from './sdks/shared/env.ts';
import { GLOBAL_STS_URL } from './sdks/shared/sts-endpoint.ts';
import { atLeast } from './sdks/shared/version.ts';

/** The region fix, from the variables the SDK reads (ChainDefinition.regionVariables). */
export function regionFixOf(chain: ChainDefinition): string {
  const reads = chain.regionVariables;
  const ignored = ['AWS_REGION', 'AWS_DEFAULT_REGION'].filter((v) => !reads.includes(v));
  return `Set ${reads.join(' or ')}${ignored.length > 0 ? ` (${chain.label} does not read ${ignored.join(' or ')})` : ''}`;
}

export function sdkFindings(facts: Facts, walk: ChainWalk, chain: ChainDefinition): Finding[] {
  const out: Finding[] = [];
  const env = facts.env;
  const sdk = chain.version ? `${chain.family} ${chain.version}` : chain.family;

  // a v1 SDK was detected: the chain shown is its successor's, an approximation
  const stand = facts.sdkSelection?.unmodelled;
  if (stand) {
    out.push(
      finding(
        'SDK_NOT_MODELLED',
        `The app uses ${stand.name}${stand.version ? ` ${stand.version}` : ''}, whose chain this tool does not model; the ${chain.family} chain is shown instead, and it can pick differently: ${stand.differs}.`,
        `Upgrade the app to ${stand.upgrade} (the v1 SDKs reached end of support in 2025), or read the chain above as an approximation.`,
        [{ label: 'detected', value: `${stand.family}${stand.version ? ` ${stand.version}` : ''}` }, { label: 'shown', value: chain.family }],
      ),
    );
  }

  // Pod Identity needs a recent SDK
  const min = chain.podIdentityMinimum;
  const full = parseUrl(env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '');
  const podHost = full && (full.hostname === '169.254.170.23' || full.hostname === '[fd00:ec2::23]');
  const tokenFile = nonEmpty(env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE');
  if (min && chain.version && !atLeast(chain.version, min) && (podHost || tokenFile)) {
    out.push(
      finding(
        'SDK_TOO_OLD_FOR_POD_IDENTITY',
        `${sdk} predates EKS Pod Identity support (${chain.family} ${min}): it ${podHost ? `refuses the full URI host ${full?.hostname}` : ''}${podHost && tokenFile ? ' and ' : ''}${tokenFile ? 'ignores AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE' : ''}.`,
        `Upgrade the SDK to ${chain.family} ${min} or newer (see the EKS Pod Identity "supported SDK versions" list).`,
        [{ label: 'minimum', value: `${chain.family} ${min}` }],
      ),
    );
  }

  // a key id without its secret (or the reverse)
  const half = chain.partialEnvKeys(env);
  if (half) {
    const stops = half.stops;
    out.push(
      finding(
        'PARTIAL_ENV_KEYS',
        `${half.present} is set without ${half.missing}: ${stops ? `${chain.label} raises PartialCredentialsError and no later source is tried` : `${chain.label} ignores the half pair and moves on${half.present === 'AWS_ACCESS_KEY_ID' ? ' (botocore would stop with PartialCredentialsError)' : ''}`}.`,
        'Set both variables or neither.',
        [],
        stops ? 'error' : 'warning',
      ),
    );
  }

  // proxies that catch metadata requests, each SDK by its own matcher (ChainDefinition.proxyFor)
  const caught = (['container', 'imds'] as const).flatMap((target) => {
    const p = chain.proxyFor(facts, target);
    return p ? [{ target, ...p }] : [];
  });
  const proxy = caught[0]?.proxy;
  if (proxy) {
    const hosts = [...new Set(caught.map((c) => c.host))];
    out.push(
      finding(
        'PROXY_INTERCEPTS_METADATA',
        `A proxy is configured (${proxy}) and NO_PROXY does not list ${hosts.join(' or ')}: ${chain.label} sends ${caught.map((c) => (c.target === 'container' ? 'container credentials' : 'IMDS')).join(' and ')} requests to the proxy, which cannot reach link-local addresses.`,
        `Add ${hosts.join(',')} to NO_PROXY (and no_proxy).`,
        [{ label: 'proxy', value: proxy }],
      ),
    );
  }

  // the STS calls the chain makes (web identity, a profile's role) go to the global endpoint:
  // botocore < 1.40.0 in legacy regions, and botocore, the CLI and Java without a region
  const w = walk.winner;
  if (w && (w.source === 'web-identity' || (w.source === 'profile' && w.credentials?.roleArn))) {
    const stsRegion = chain.stsRegionOf(facts);
    const e = chain.stsEndpointOf(facts, stsRegion.region ?? 'us-east-1');
    const own = e.sdk ?? e;
    if (own.url === GLOBAL_STS_URL) {
      const noRegion = chain.appRegionOf(facts).region === null;
      const fix = noRegion
        ? `${regionFixOf(chain)}: with a region the call goes to the regional endpoint${chain.stsGlobalFix(true) ?? ''}.`
        : (chain.stsGlobalFix(false) ?? 'Give the SDK a real region, or point AWS_ENDPOINT_URL_STS at the regional endpoint.');
      out.push(
        finding(
          'STS_GLOBAL_ENDPOINT',
          `${sdk} calls the global STS endpoint (sts.amazonaws.com) for ${w.sdkName}: ${own.from}. Private subnets with only a regional STS VPC endpoint cannot reach it.`,
          fix,
          [{ label: 'sdk endpoint', value: own.url }, ...(e.sdk ? [{ label: 'tool endpoint', value: `${e.url} (the tool's own override)` }] : [])],
        ),
      );
    }
  }

  // Java: system properties come first (only its chain has that source), and failures fall
  // through to the instance role where the chain catches every failure
  if (walk.winner) {
    const later = walk.results.filter((r) => r.status === 'shadowed');
    if (walk.winner.source === 'system-properties' && later.length > 0) {
      out.push(
        finding(
          'JAVA_SYSTEM_PROPERTIES_SHADOW',
          `-Daws.accessKeyId/-Daws.secretAccessKey system properties (JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, _JAVA_OPTIONS or the java command line) win before ${later.map((r) => r.source).join(', ')}.`,
          'Remove the -Daws.* credential properties from the JVM options.',
        ),
      );
    }
    const failedBefore = walk.results.filter((r) => r.status === 'failed' && (r.source === 'container' || r.source === 'web-identity'));
    if (chain.fallsThroughToImds && walk.winner.source === 'imds' && failedBefore.length > 0) {
      out.push(
        finding(
          'INSTANCE_ROLE_FALLBACK',
          `${failedBefore.map((r) => r.source).join(' and ')} failed, and ${chain.label} fell through to the EC2 instance role: the app runs with the instance's permissions instead of its own role.`,
          'Fix the failing source (see the chain); block IMDS for tasks so a failure is an error instead of a silent fallback.',
          failedBefore.map((r) => ({ label: r.source, value: r.reason })),
        ),
      );
    }
  }
  return out;
}
