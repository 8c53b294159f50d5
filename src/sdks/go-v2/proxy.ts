/**
 * Which proxy Go's default transport sends a request through: `http.ProxyFromEnvironment`.
 * HTTP_PROXY|http_proxy for http URLs, HTTPS_PROXY|https_proxy for https URLs; never for
 * "localhost" or a loopback IP; NO_PROXY|no_proxy entries: "*", an IP, a CIDR, or a domain
 * (with or without a leading dot, matching subdomains), optionally with a port.
 * mirrors golang/go src/vendor/golang.org/x/net/http/httpproxy/proxy.go (FromEnvironment, getEnvAny,
 * config.proxyForURL, config.useProxy, config.init) and net/http/transport.go (ProxyFromEnvironment).
 * The SDK's transport uses it: aws/aws-sdk-go-v2 aws/transport/http/client.go (defaultHTTPTransport).
 */
import type { ProxyChoice } from '../../model/report.ts';

const envAny = (env: Record<string, string>, names: string[]): string | undefined => {
  for (const n of names) {
    const v = env[n];
    if (v) return v;
  }
  return undefined;
};

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((n) => n <= 255) ? parts : null;
}

function inCidr(host: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const a = ipv4(host);
  const b = ipv4(net ?? '');
  const bits = Number(bitsText);
  if (!a || !b || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const n = (p: number[]): number => (((p[0] ?? 0) << 24) | ((p[1] ?? 0) << 16) | ((p[2] ?? 0) << 8) | (p[3] ?? 0)) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (n(a) & mask) === (n(b) & mask);
}

/** The proxy Go would use for `url`, with the variable that named it; null: a direct connection. */
export function goProxyFor(env: Record<string, string>, url: URL): ProxyChoice | null {
  const https = url.protocol === 'https:';
  const names = https ? ['HTTPS_PROXY', 'https_proxy'] : url.protocol === 'http:' ? ['HTTP_PROXY', 'http_proxy'] : [];
  const proxy = envAny(env, names);
  if (!proxy) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return null;
  const v4 = ipv4(host);
  if ((v4 && v4[0] === 127) || host === '::1') return null;
  const port = url.port || (https ? '443' : '80');
  const noProxy = envAny(env, ['NO_PROXY', 'no_proxy']) ?? '';
  for (const raw of noProxy.split(',')) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return null;
    if (entry.includes('/')) {
      if (inCidr(host, entry)) return null;
      continue;
    }
    let entryPort = '';
    const m = /^(.*):(\d+)$/.exec(entry);
    if (m && !entry.startsWith('[') && (m[1] ?? '').split(':').length === 1) {
      entry = m[1] ?? '';
      entryPort = m[2] ?? '';
    }
    entry = entry.replace(/^\[|\]$/g, '');
    if (entryPort && entryPort !== port) continue;
    if (ipv4(entry) || entry.includes(':')) {
      if (entry === host) return null;
      continue;
    }
    // "*.foo" is ".foo"; ".foo" matches subdomains only; "foo" matches foo and its subdomains
    const dotted = entry.startsWith('*.') ? entry.slice(1) : entry;
    const matchHost = !dotted.startsWith('.');
    const suffix = matchHost ? `.${dotted}` : dotted;
    if (host.endsWith(suffix) || (matchHost && host === dotted)) return null;
  }
  return { proxy, from: names.find((n) => env[n]) ?? names[0] ?? '', host: url.hostname };
}
