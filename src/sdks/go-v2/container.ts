/**
 * endpointcreds as aws-sdk-go-v2 selects and runs it (SDK-CHAINS.md §3.2):
 * - which variable: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI before the full URI since config
 *   1.27.34 (2024-09-16, CHANGELOG "ensure AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is always read before
 *   it"); full before relative until then;
 * - relative: http://169.254.170.2 + path, not validated;
 * - full (resolveLocalHTTPCredProvider): it must parse and have a host; since config 1.25.0 only
 *   `http` URLs are checked, and their host must be an IP that is loopback or 169.254.170.2,
 *   169.254.170.23, fd00:ec2::23 (isAllowedHost, isIPAllowed); before 1.25.0 every URL's host had to
 *   be loopback (isLoopbackHost). A host name is DNS-resolved at load: not modelled here. Failures are
 *   LoadDefaultConfig errors;
 * - token: AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (config ≥ 1.25.0, read on every Retrieve) overrides
 *   AWS_CONTAINER_AUTHORIZATION_TOKEN; any "\r" or "\n" is an error (credentials/endpointcreds/provider.go
 *   resolveAuthToken);
 * - answer: 2xx JSON decoded case-insensitively, no required field; Expiration must be RFC 3339
 *   (credentials/endpointcreds/internal/client/middleware.go deserializeOpGetCredential);
 * - the default transport honours HTTP_PROXY/NO_PROXY (aws/transport/http/client.go).
 * mirrors aws/aws-sdk-go-v2 config/resolve_credentials.go (resolveCredsFromProfile, resolveLocalHTTPCredProvider,
 * resolveHTTPCredProvider, isAllowedHost, isIPAllowed). Go's own request is probed when it differs
 * from the JS one (issue 11 item 5: config 1.17.10 sends AWS_CONTAINER_AUTHORIZATION_TOKEN only).
 */
import type { Facts } from '../../model/facts.ts';
import type { ChainContext, ContainerAuth, ContainerRequest, SourceOutcome } from '../../model/chain.ts';
import { containerCredentialsRef, containerProbeFor } from '../shared/container-probe.ts';
import type { ProxyChoice } from '../../model/report.ts';
import { parseUrl } from '../shared/url.ts';
import { atLeast } from '../../versions.ts';
import { goProxyFor } from './proxy.ts';
import { GO_RULES } from './rules.ts';
import { goParseIp, goUrlParse } from './url.ts';

export const GO_RELATIVE_FIRST = GO_RULES.relativeFirst;
export const GO_ALLOW_LIST = GO_RULES.allowList;

export type GoContainerVar = 'relative' | 'full';

/** Which container variable Go's static selection takes (null: neither is non-empty). */
export function goContainerChoice(env: Record<string, string>, version: string | null): GoContainerVar | null {
  const rel = !!env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];
  const full = !!env['AWS_CONTAINER_CREDENTIALS_FULL_URI'];
  if (atLeast(version, GO_RELATIVE_FIRST)) return rel ? 'relative' : full ? 'full' : null;
  return full ? 'full' : rel ? 'relative' : null;
}

type HostVerdict = { ok: true } | { ok: false; why: string } | { ok: 'dns'; why: string };

/** net.IP.IsLoopback. */
function goIsLoopback(ip: { v4: number[] | null; v6: string | null }): boolean {
  if (ip.v4) return ip.v4[0] === 127;
  if (ip.v6) return ip.v6 === '::1' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(ip.v6);
  return false;
}

/**
 * isAllowedHost (≥ 1.25.0) or isLoopbackHost (before), on the scheme and Hostname() of Go's own
 * url.Parse: a host net.ParseIP does not take (a name, or a short form such as 127.1) is looked up.
 */
export function goFullUriHost(scheme: string, host: string, version: string | null): HostVerdict {
  const ip = goParseIp(host);
  const lookup = lookupOf(host);
  if (atLeast(version, GO_ALLOW_LIST)) {
    if (scheme !== 'http') return { ok: true };
    if (!ip) return lookup ?? { ok: 'dns', why: `Go resolves the host name ${host} at load and requires every address to be loopback or an ECS/EKS address; DNS resolution is not modelled` };
    const v4 = ip.v4?.join('.');
    if (goIsLoopback(ip) || v4 === '169.254.170.2' || v4 === '169.254.170.23' || ip.v6 === 'fd00:ec2::23' || ip.v6 === '::ffff:a9fe:aa02' || ip.v6 === '::ffff:a9fe:aa17') return { ok: true };
    return { ok: false, why: `invalid endpoint host, "${host}", only loopback/ecs/eks hosts are allowed` };
  }
  if (!ip) return lookup ?? { ok: 'dns', why: `Go ${version} resolves the host name ${host} at load and requires every address to be loopback; DNS resolution is not modelled` };
  if (goIsLoopback(ip)) return { ok: true };
  return { ok: false, why: `invalid endpoint host, "${host}", only loopback hosts are allowed (config ${version} predates the ECS/EKS allow-list of ${GO_ALLOW_LIST})` };
}

/**
 * A numeric host that is no IP literal for Go (127.1, 2130706433, 127.0.0.01): Go's own resolver
 * (the default on Linux) sends it to DNS as a name, which has no such host, and
 * LoadDefaultConfig fails. `localhost` and other names are looked up: not modelled.
 */
function lookupOf(host: string): HostVerdict | null {
  if (!/^[0-9.]+$/.test(host) && !/^0x[0-9a-f]+$/i.test(host)) return null;
  return { ok: false, why: `failed to resolve host "${host}", lookup ${host}: no such host (no IP for net.ParseIP)` };
}

/** The Authorization the Go provider sends, in the probe's terms. */
function goAuthorization(env: Record<string, string>, version: string | null): ContainerAuth {
  if (env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'] && atLeast(version, GO_ALLOW_LIST)) return 'token-file';
  return env['AWS_CONTAINER_AUTHORIZATION_TOKEN'] ? 'token-env' : 'none';
}

const fieldType = (types: Record<string, string>, name: string): string | undefined => {
  if (types[name] !== undefined) return types[name];
  const k = Object.keys(types).find((key) => key.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : types[k];
};

/** time.Time's JSON form: RFC 3339 with an optional fraction, Z or a numeric offset. */
export const goParsesRfc3339 = (v: string): boolean => /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/.test(v);

const notObserved = (reason: string): SourceOutcome => ({
  kind: 'provides',
  reason: `${reason}; Go selected this provider at load, whatever it answers`,
  unproven: 'the tool probed the endpoint with a different request than the Go SDK sends, so its answer to Go was not observed',
  credentials: { ref: 'go:container:unobserved', accessKeyId: '(not observed)', roleArn: null, expiration: null, origin: 'container credentials endpoint (Go request not observed)', feature: null },
});

/** A note when Go would send the request through a proxy the probe did not use. */
export function goProxyNote(facts: Facts, url: URL | null): string | null {
  if (!url) return null;
  const p = goProxyFor(facts.env, url);
  return p ? `Go sends this request through ${p.from}=${p.proxy} (NO_PROXY does not list ${url.hostname}); the tool's probe went direct` : null;
}

/** The URL endpointcreds calls for the container variable `which`. */
export function goContainerUrl(env: Record<string, string>, which: GoContainerVar): string {
  return which === 'relative' ? `http://169.254.170.2${env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] ?? ''}` : (env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '');
}

/**
 * The request endpointcreds sends (issue 11 item 5), or none when LoadDefaultConfig or its URL
 * parse fails first.
 */
export function goContainerRequests(env: Record<string, string>, version: string | null): ContainerRequest[] {
  const which = goContainerChoice(env, version);
  if (!which) return [];
  const url = goContainerUrl(env, which);
  const go = goUrlParse(url);
  if (!go.ok || (which === 'full' && (!go.host || goFullUriHost(go.scheme, go.host, version).ok === false))) return [];
  return [{ url, from: which, auth: goAuthorization(env, version) }];
}

/** ChainDefinition.proxyFor('container'): the proxy of the container provider Go selects. */
export function goContainerProxy(facts: Facts, version: string | null): ProxyChoice | null {
  const which = goContainerChoice(facts.env, version);
  const url = which ? parseUrl(goContainerUrl(facts.env, which)) : null;
  return url ? goProxyFor(facts.env, url) : null;
}

/** The outcome of endpointcreds once Go has selected the container variable `which`, with the proxy Go would use. */
export function goContainerOutcome(ctx: ChainContext, which: GoContainerVar): SourceOutcome {
  const out = containerOutcome(ctx, which);
  if (out.kind === 'needs') return out;
  const url = parseUrl(goContainerUrl(ctx.facts.env, which));
  return { ...out, proxy: url ? goProxyFor(ctx.facts.env, url) : null };
}

function containerOutcome(ctx: ChainContext, which: GoContainerVar): SourceOutcome {
  const f = ctx.facts;
  const env = f.env;
  const version = ctx.chain.version;
  const variable = which === 'relative' ? 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' : 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
  const raw = env[variable] ?? '';
  const url = which === 'relative' ? `http://169.254.170.2${raw}` : raw;
  const other = which === 'relative' ? env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] : env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];
  const both = other ? ` (both URIs are set; config ${version ?? 'current'} takes the ${which} one${atLeast(version, GO_RELATIVE_FIRST) ? '' : `: before ${GO_RELATIVE_FIRST} the full URI came first`})` : '';
  const where = `${variable} → ${url}${both}`;
  const parsed = parseUrl(url);
  // Go parses the URL with net/url, not WHATWG (issue 11 item 4)
  const go = goUrlParse(url);
  let dns: string | null = null;
  if (which === 'full') {
    if (!go.ok) return { kind: 'fail', hard: true, cause: 'uri-invalid', reason: `LoadDefaultConfig fails: invalid URL, ${go.error} (${where}); Go tries nothing else` };
    if (!go.host) return { kind: 'fail', hard: true, cause: 'uri-invalid', reason: `LoadDefaultConfig fails: unable to parse host from local HTTP cred provider URL (${where})` };
    const host = goFullUriHost(go.scheme, go.host, version);
    if (host.ok === false) return { kind: 'fail', hard: true, cause: 'uri-host', reason: `LoadDefaultConfig fails: ${host.why} (${where}); Go tries nothing else` };
    if (host.ok === 'dns') dns = host.why;
  } else if (!go.ok) {
    // the relative URI is not checked at load: endpointcreds parses it on every Retrieve (buildEndpoint)
    return { kind: 'fail', hard: true, cause: 'uri-invalid', reason: `failed to load credentials, failed to parse endpoint, ${go.error} (${where}); Go selected this provider at load` };
  }
  const proxy = goProxyNote(f, parsed);
  const withProxy = (r: string): string => (proxy ? `${r}; ${proxy}` : r);
  const auth = goAuthorization(env, version);
  // the answer to Go's own request (its URL, its token), probed when it differs from the JS one
  const p = containerProbeFor(f, { url, auth }) ?? f.container;
  if (!p || p.sdkUrl !== url) return notObserved(withProxy(`Go calls ${where}, which the tool did not probe${p ? ` (it probed ${p.sdkUrl}, the URL the JS SDK uses)` : ''}`));
  if (p.notSent && (p.notSent.code === 'HOST_NOT_ALLOWED' || p.notSent.code === 'INVALID_URL')) {
    return notObserved(withProxy(`Go accepts ${where}${dns ? ` if ${dns.replace(/^Go( \S+)? resolves/, 'it resolves')}` : ''}, but the tool did not call it (${p.notSent.message})`));
  }
  if (auth !== p.authorization) {
    return notObserved(
      withProxy(
        `Go sends ${auth === 'none' ? 'no Authorization header' : auth === 'token-env' ? 'AWS_CONTAINER_AUTHORIZATION_TOKEN' : 'the token file'}${auth !== 'token-file' && env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'] ? ` (config ${version} predates AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, ${GO_ALLOW_LIST})` : ''}, but the tool probed ${where} with ${p.authorization === 'none' ? 'none' : p.authorization === 'token-file' ? 'the token file' : 'AWS_CONTAINER_AUTHORIZATION_TOKEN'}`,
      ),
    );
  }
  const differs = go.ok ? wireDiffers(go, p.sdkUrl) : null;
  if (differs) {
    // Go sends another request than the probe; an agent keys credentials by the exact path
    return {
      kind: 'fail',
      hard: true,
      cause: 'uri-invalid',
      reason: withProxy(`not observed: Go requests ${differs.go} (net/url), the probe ${differs.probe}; an agent answers 4xx for another path, and Go selected this provider at load (${where})`),
    };
  }
  const failed = (why: string): SourceOutcome => ({ kind: 'fail', hard: true, reason: withProxy(`failed to load credentials, ${why} (${where}); Go selected this provider at load, so the app gets this error`) });
  if (p.notSent) {
    if (p.notSent.code === 'TOKEN_FILE_UNREADABLE') return failed(`resolve auth token: failed to read authorization token from ${env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']}`);
    if (p.notSent.code === 'TOKEN_INVALID' || p.notSent.code === 'TOKEN_INVALID_HEADER') return failed('resolve auth token: authorization token contains invalid newline sequence');
    return notObserved(withProxy(`${where}: ${p.notSent.message}`));
  }
  const http = p.http;
  if (!http) return notObserved(withProxy(`${where} was not called`));
  if (!http.ok) return failed(`${http.error.message} (Go tries 3 times; its dial timeout is 30 s)`);
  if (http.status < 200 || http.status >= 300) {
    const a = p.agentError;
    const detail = a?.code || a?.message ? ` (${[a.code, a.message].filter(Boolean).join(': ')})` : '';
    return failed(`EndpointError: status ${http.status}${detail}`);
  }
  if (http.status !== 200) return notObserved(withProxy(`${where} answered ${http.status}; the tool reads bodies of 200 answers only`));
  if (p.parseError) return failed(`failed to decode response: ${p.parseError}`);
  const doc = p.document;
  const types = doc?.fieldTypes ?? {};
  for (const k of ['AccessKeyId', 'SecretAccessKey', 'Token', 'AccountId']) {
    const t = fieldType(types, k);
    if (t !== undefined && t !== 'string' && t !== 'null') return failed(`failed to decode response: json: cannot unmarshal ${t} into ${k} (string)`);
  }
  const exp = fieldType(types, 'Expiration');
  if (exp !== undefined && exp !== 'null') {
    if (exp !== 'string' || !doc?.expiration || !goParsesRfc3339(doc.expiration)) {
      return failed(`failed to decode response: Expiration ${doc?.expiration ? JSON.stringify(doc.expiration) : `(${exp})`} is not an RFC 3339 time`);
    }
  }
  if (fieldType(types, 'AccessKeyId') !== 'string' || fieldType(types, 'SecretAccessKey') !== 'string' || p.introspection) {
    return {
      kind: 'fail',
      hard: true,
      reason: withProxy(
        `Go accepts the answer of ${where} without checking it, but it holds no AccessKeyId/SecretAccessKey${p.introspection ? ' (it is the ECS agent introspection API)' : ''}: the credentials are empty and every API call fails`,
      ),
    };
  }
  const missing = ['Token', 'Expiration'].filter((k) => fieldType(types, k) === undefined || fieldType(types, k) === 'null');
  const note = missing.length > 0 ? ` (no ${missing.join(' or ')}: accepted${missing.includes('Expiration') ? ', never refreshed' : ''})` : '';
  const unproven = [dns, proxy].filter((x): x is string => x !== null);
  return {
    kind: 'provides',
    reason: withProxy(`endpointcreds got credentials from ${where}${note}`),
    ...(unproven.length > 0 ? { unproven: dns ? 'the host name is resolved by Go at load; resolution is not modelled' : 'Go would send it through the proxy; the tool called it directly' } : {}),
    credentials: {
      ref: containerCredentialsRef(p),
      accessKeyId: doc?.accessKeyId ?? '(from the endpoint)',
      roleArn: doc?.roleArn ?? null,
      expiration: doc?.expiration ?? null,
      origin: 'ECS container credentials endpoint',
      feature: 'CREDENTIALS_HTTP',
    },
  };
}

/** The request target Go sends against the one the probe sent (the WHATWG reading); null when they are the same. */
function wireDiffers(go: { wirePath: string }, probedUrl: string): { go: string; probe: string } | null {
  const probe = parseUrl(probedUrl);
  if (!probe) return null;
  const probeTarget = `${probe.pathname}${probe.search}`;
  return go.wirePath === probeTarget ? null : { go: go.wirePath, probe: probeTarget };
}
