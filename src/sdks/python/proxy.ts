/**
 * Which proxy botocore sends a metadata request through. Only the IMDS fetcher is given proxies:
 * IMDSFetcher builds its URLLib3Session with `proxies=get_environ_proxies(base_url)`, while
 * ContainerMetadataFetcher builds one without proxies (a direct connection).
 * get_environ_proxies is `{}` when should_bypass_proxies(url) (urllib's proxy_bypass on the URL's
 * netloc), else urllib's getproxies(); URLLib3Session then takes the proxy for the URL's scheme.
 * mirrors boto/botocore botocore/utils.py (IMDSFetcher.__init__, ContainerMetadataFetcher.__init__,
 * get_environ_proxies, should_bypass_proxies), botocore/httpsession.py (ProxyConfiguration.proxy_url_for)
 * and CPython Lib/urllib/request.py (getproxies_environment, proxy_bypass_environment; on Linux
 * getproxies and proxy_bypass are these two). The CLI's botocore copy is the same
 * (aws/aws-cli awscli/botocore/utils.py).
 */
import type { ChainDefinition } from '../../model/chain.ts';
import type { ProxyChoice } from '../../model/report.ts';
import type { Facts } from '../../model/facts.ts';
import { parseUrl } from '../shared/url.ts';
import { botoImdsBaseUrl } from './imds.ts';

/**
 * getproxies_environment: every `<scheme>_proxy` variable, any case; a lower-case name wins over
 * the others, and a lower-case name set to "" removes the scheme. With REQUEST_METHOD set (a CGI
 * script), upper-case HTTP_PROXY is dropped (CVE-2016-1000110).
 */
function environProxies(env: Record<string, string>): Map<string, { value: string; from: string }> {
  const out = new Map<string, { value: string; from: string }>();
  for (const [name, value] of Object.entries(env)) {
    if (value && name.toLowerCase().endsWith('_proxy')) out.set(name.toLowerCase().slice(0, -6), { value, from: name });
  }
  if ('REQUEST_METHOD' in env) out.delete('http');
  for (const [name, value] of Object.entries(env)) {
    if (!name.endsWith('_proxy')) continue;
    const scheme = name.toLowerCase().slice(0, -6);
    if (value) out.set(scheme, { value, from: name });
    else out.delete(scheme);
  }
  return out;
}

/**
 * proxy_bypass_environment: NO_PROXY "*" (the whole value) bypasses everything; otherwise each
 * entry, leading dots dropped, matches the host (port stripped) or the host:port exactly or as a
 * DNS suffix. There is no CIDR or IP-range matching: "169.254.0.0/16" matches nothing.
 */
function bypassed(noProxy: string, netloc: string): boolean {
  if (noProxy === '*') return true;
  const host = netloc.toLowerCase();
  const m = /^(.*):(\d*)$/.exec(host);
  const hostOnly = m ? (m[1] ?? '') : host;
  for (const raw of noProxy.split(',')) {
    const name = raw.trim().replace(/^\.+/, '').toLowerCase();
    if (!name) continue;
    if (hostOnly === name || host === name) return true;
    if (hostOnly.endsWith(`.${name}`) || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** The proxy botocore uses for `url`; null: a direct connection. */
export function botoProxyForUrl(env: Record<string, string>, url: URL): ProxyChoice | null {
  const proxies = environProxies(env);
  const no = proxies.get('no');
  if (no && bypassed(no.value, url.host)) return null;
  const p = proxies.get(url.protocol.replace(/:$/, ''));
  return p ? { proxy: p.value, from: p.from, host: url.hostname } : null;
}

/** ChainDefinition.proxyFor: container requests go direct; IMDS requests by the rules above. */
export function botoProxyFor(facts: Facts, chain: Pick<ChainDefinition, 'profileOf'>, target: 'container' | 'imds'): ProxyChoice | null {
  if (target === 'container') return null;
  const name = chain.profileOf(facts.env).name;
  const profile = { ...(facts.configFile.profiles[name] ?? {}), ...(facts.credentialsFile.profiles[name] ?? {}) };
  const url = parseUrl(botoImdsBaseUrl(facts.env, profile).base);
  return url ? botoProxyForUrl(facts.env, url) : null;
}
