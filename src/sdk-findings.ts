/**
 * Findings about traps that depend on the app's SDK and its version (SDK-CHAINS.md §1.6,
 * §2, §3, §4, §8): pure over the facts, the chain and its walk.
 */
import type { Facts } from './model/facts.ts';
import type { Finding } from './model/report.ts';
import type { ChainDefinition } from './model/chain.ts';
import type { ChainWalk } from './chains/walk.ts';
import { finding } from './findings.ts';
import { atLeast } from './sdk.ts';
import { parseUrl } from './sources/container-url.ts';
import { nonEmpty } from './gather/env.ts';
import { GLOBAL_STS_URL } from './sts-endpoint.ts';
import { JAVA_POD_IDENTITY_MINIMUM } from './sources/java/container.ts';

/** The first release of each SDK that accepts EKS Pod Identity (169.254.170.23 and the token file). */
export const POD_IDENTITY_MINIMUM: Readonly<Record<string, string>> = { 'js-v3': '3.503.1', python: '1.32.0', 'aws-cli': '2.15.0', 'go-v2': '1.25.0', 'java-v2': JAVA_POD_IDENTITY_MINIMUM };

/** The variable each SDK reads for its region (SDK-CHAINS.md §1.5, §2.5, §3.4, §4.4, §8 scenario 26). */
export const REGION_FIX: Record<ChainDefinition['family'], string> = {
  'js-v3': 'Set AWS_REGION (the JS SDK does not read AWS_DEFAULT_REGION)',
  python: 'Set AWS_DEFAULT_REGION (botocore and boto3 ignore AWS_REGION)',
  'aws-cli': 'Set AWS_REGION or AWS_DEFAULT_REGION',
  'java-v2': 'Set AWS_REGION (Java does not read AWS_DEFAULT_REGION)',
  'go-v2': 'Set AWS_REGION',
};

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
  const min = POD_IDENTITY_MINIMUM[chain.family];
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
  const id = nonEmpty(env, 'AWS_ACCESS_KEY_ID');
  const secret = nonEmpty(env, 'AWS_SECRET_ACCESS_KEY');
  if (id !== secret) {
    // botocore raises only for a key id without its secret; a lone secret is ignored (EnvProvider.load)
    const stops = id && (chain.family === 'python' || chain.family === 'aws-cli');
    out.push(
      finding(
        'PARTIAL_ENV_KEYS',
        `${id ? 'AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY' : 'AWS_SECRET_ACCESS_KEY is set without AWS_ACCESS_KEY_ID'}: ${stops ? `${chain.label} raises PartialCredentialsError and no later source is tried` : `${chain.label} ignores the half pair and moves on${id ? ' (botocore would stop with PartialCredentialsError)' : ''}`}.`,
        'Set both variables or neither.',
        [],
        stops ? 'error' : 'warning',
      ),
    );
  }

  // proxies that catch link-local requests: Go sends container and IMDS calls through them,
  // botocore only IMDS calls; the JS and Java SDKs ignore proxy variables
  // the metadata endpoints are http://, so only HTTP_PROXY applies to them (Go and botocore pick by scheme)
  const proxy = env['HTTP_PROXY'] || env['http_proxy'];
  if (proxy && (chain.family === 'go-v2' || chain.family === 'python' || chain.family === 'aws-cli')) {
    const noProxy = `${env['NO_PROXY'] ?? ''},${env['no_proxy'] ?? ''}`;
    const hosts = chain.family === 'go-v2' ? ['169.254.170.2', '169.254.169.254'] : ['169.254.169.254'];
    const caught = hosts.filter((h) => !noProxy.split(',').some((e) => e.trim() !== '' && (h === e.trim() || e.trim() === '*' || h.endsWith(e.trim().replace(/^\*/, '')))));
    if (caught.length > 0) {
      out.push(
        finding(
          'PROXY_INTERCEPTS_METADATA',
          `A proxy is configured (${proxy}) and NO_PROXY does not list ${caught.join(' or ')}: ${chain.label} sends ${chain.family === 'go-v2' ? 'container credentials and IMDS' : 'IMDS'} requests to the proxy, which cannot reach link-local addresses.`,
          `Add ${caught.join(',')} to NO_PROXY (and no_proxy).`,
          [{ label: 'proxy', value: proxy }],
        ),
      );
    }
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
        ? `${REGION_FIX[chain.family]}: with a region the call goes to the regional endpoint${chain.family === 'python' && chain.version !== null && !atLeast(chain.version, '1.40.0') ? ' (in legacy regions also set AWS_STS_REGIONAL_ENDPOINTS=regional, or upgrade to botocore 1.40.0 or newer)' : ''}.`
        : chain.family === 'python'
          ? 'Set AWS_STS_REGIONAL_ENDPOINTS=regional (or sts_regional_endpoints = regional in the profile), or upgrade to botocore 1.40.0 or newer (regional by default).'
          : 'Give the SDK a real region, or point AWS_ENDPOINT_URL_STS at the regional endpoint.';
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

  // Java: system properties come first, and failures fall through to the instance role
  if (chain.family === 'java-v2' && walk.winner) {
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
    if (walk.winner.source === 'imds' && failedBefore.length > 0) {
      out.push(
        finding(
          'INSTANCE_ROLE_FALLBACK',
          `${failedBefore.map((r) => r.source).join(' and ')} failed, and the Java SDK fell through to the EC2 instance role: the app runs with the instance's permissions instead of its own role.`,
          'Fix the failing source (see the chain); block IMDS for tasks so a failure is an error instead of a silent fallback.',
          failedBefore.map((r) => ({ label: r.source, value: r.reason })),
        ),
      );
    }
  }
  return out;
}
