/**
 * The URL checks botocore applies, as pure functions: Python's urlsplit().hostname,
 * botocore.utils.is_valid_uri (IMDS endpoint) and ContainerMetadataFetcher._validate_allowed_url.
 * mirrors boto/botocore botocore/utils.py (is_valid_endpoint_url, is_valid_ipv6_endpoint_url,
 * ContainerMetadataFetcher) and aws/aws-cli awscli/botocore/utils.py (the CLI's copy).
 */
import { isIPv6 } from 'node:net';
import type { BotoRules } from './rules.ts';

export type PyHost = { ok: true; scheme: string; hostname: string | null } | { ok: false; error: string };

/**
 * urllib.parse.urlsplit(url) → (scheme, hostname). The hostname is lowercased, stripped of
 * userinfo, port and IPv6 brackets; None when there is no netloc. Unbalanced brackets raise
 * ValueError("Invalid IPv6 URL") in Python.
 */
export function pyUrlsplit(url: string): PyHost {
  // urlsplit strips leading C0 controls and spaces, and removes \t \r \n anywhere (bpo-43882)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: mirrors urllib's strip of C0 controls
  const clean = url.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(clean);
  const scheme = m ? (m[1] ?? '').toLowerCase() : '';
  const rest = m ? (m[2] ?? '') : clean;
  if (!rest.startsWith('//')) return { ok: true, scheme, hostname: null };
  const netloc = /^\/\/([^/?#]*)/.exec(rest)?.[1] ?? '';
  if (netloc.includes('[') !== netloc.includes(']')) return { ok: false, error: 'ValueError: Invalid IPv6 URL' };
  const hostport = netloc.slice(netloc.lastIndexOf('@') + 1);
  let host: string;
  if (hostport.includes('[')) {
    host = hostport.slice(hostport.indexOf('[') + 1, hostport.indexOf(']'));
    // Python ≥ 3.11 checks the bracketed part (_check_bracketed_host)
    if (!isIPv6(host.split('%')[0] ?? '') && !/^v[0-9a-f]+\./i.test(host)) return { ok: false, error: `ValueError: '${host}' does not appear to be an IPv4 or IPv6 address` };
  } else {
    host = hostport.split(':')[0] ?? '';
  }
  return { ok: true, scheme, hostname: host === '' ? null : host.toLowerCase() };
}

/** botocore.utils.is_valid_uri: a host-label hostname, or a bracketable IPv6 address; no \t \r \n. */
export function pyIsValidUri(url: string): boolean {
  if (/[\t\r\n]/.test(url)) return false;
  const p = pyUrlsplit(url);
  if (!p.ok || p.hostname === null) return false;
  let h = p.hostname;
  if (h.length > 255) return false;
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (/^((?!-)[A-Z\d-]{1,63}(?<!-)\.)*((?!-)[A-Z\d-]{1,63}(?<!-))$/i.test(h)) return true;
  return isIPv6(h.split('%')[0] ?? '');
}

/** ipaddress.ip_address(host).is_loopback (strict dotted quad: no leading zeros, as Python ≥ 3.9.5). */
export function pyIsLoopbackIp(host: string): boolean {
  const parts = host.split('.');
  if (parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return parts[0] === '127';
  if (!isIPv6(host)) return false;
  try {
    return new URL(`http://[${host}]/`).hostname === '[::1]';
  } catch {
    return false;
  }
}

const HOSTS_V1 = ['169.254.170.2', 'localhost', '127.0.0.1'];
const HOSTS_V2 = ['169.254.170.2', '169.254.170.23', 'fd00:ec2::23', 'localhost'];

/**
 * ContainerMetadataFetcher._validate_allowed_url. botocore < 1.32.0 (CLI < 2.15.0): _ALLOWED_HOSTS
 * 169.254.170.2, localhost, 127.0.0.1. From 1.32.0: any loopback IP, or 169.254.170.2,
 * 169.254.170.23, fd00:ec2::23, localhost; the current release also any https URL.
 * `{ ok: false }` is the ValueError botocore raises (it stops the chain).
 */
export function pyContainerUrlCheck(url: string, rules: BotoRules): { ok: true; note: string | null } | { ok: false; error: string } {
  const p = pyUrlsplit(url);
  if (!p.ok) return { ok: false, error: p.error };
  const host = p.hostname;
  if (!rules.containerV2) {
    if (host !== null && HOSTS_V1.includes(host)) return { ok: true, note: null };
    return { ok: false, error: `ValueError: Unsupported host '${host ?? 'None'}'.  Can only retrieve metadata from these hosts: ${HOSTS_V1.join(', ')}` };
  }
  if (host !== null && (pyIsLoopbackIp(host) || HOSTS_V2.includes(host))) return { ok: true, note: null };
  if (p.scheme === 'https' && rules.httpsAnyHost === true) return { ok: true, note: null };
  const error = `ValueError: Unsupported host '${host ?? 'None'}'.  Can only retrieve metadata from a loopback address or one of these hosts: ${HOSTS_V2.join(', ')}`;
  if (p.scheme === 'https' && rules.httpsAnyHost === 'unknown') {
    return { ok: true, note: `whether ${rules.label} accepts an https full URI on any host is not pinned here (boto/botocore#3584 added it in a release after 1.41; older releases raise ${error})` };
  }
  return { ok: false, error };
}

/** RFC 3986 unreserved and sub-delims, ':', '@', '/': what urllib3 leaves as is in a path (PATH_CHARS). */
const PATH_CHARS = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;

/** urllib3's _encode_invalid_chars: existing %XX kept (upper-cased) when every '%' is one; anything else outside `allowed` escaped. */
function urllib3Encode(component: string, allowed: (c: string) => boolean): string {
  let count = 0;
  const normalised = component.replace(/%[0-9A-Fa-f]{2}/g, (m) => {
    count += 1;
    return m.toUpperCase();
  });
  const bytes = Buffer.from(normalised, 'utf8');
  const allPercentEncoded = count === bytes.filter((b) => b === 0x25).length;
  return [...bytes].map((b) => ((allPercentEncoded && b === 0x25) || (b < 0x80 && allowed(String.fromCharCode(b))) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/**
 * The request target botocore sends for `url`: URLLib3Session._path_url (urllib.parse.urlparse:
 * leading C0 and spaces stripped, \t \r \n removed, `;params` of the last segment dropped, the
 * fragment dropped), then urllib3's connectionpool.urlopen → _encode_target, which escapes what a
 * path may not hold (a trailing space → %20).
 * mirrors boto/botocore botocore/httpsession.py (URLLib3Session._path_url, _get_request_target)
 * and urllib3/urllib3 1.26 src/urllib3/util/url.py (_encode_target, _encode_invalid_chars).
 */
export function pyRequestTarget(url: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: mirrors urllib's strip of C0 controls
  const clean = url.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:(.*)$/s.exec(clean);
  let rest = m ? (m[1] ?? '') : clean;
  if (rest.startsWith('//')) rest = rest.slice(2).replace(/^[^/?#]*/, '');
  rest = rest.split('#')[0] ?? '';
  const q = rest.indexOf('?');
  let path = q === -1 ? rest : rest.slice(0, q);
  const query = q === -1 ? '' : rest.slice(q + 1);
  // _splitparams: the `;` of the last segment (or the first `;` when there is no `/`)
  const semi = path.includes('/') ? path.indexOf(';', path.lastIndexOf('/')) : path.indexOf(';');
  if (semi !== -1) path = path.slice(0, semi);
  const target = `${path || '/'}${query ? `?${query}` : ''}`;
  if (!target.startsWith('/')) return target;
  const qi = target.indexOf('?');
  const encPath = urllib3Encode(qi === -1 ? target : target.slice(0, qi), (c) => PATH_CHARS.test(c));
  return qi === -1 ? encPath : `${encPath}?${urllib3Encode(target.slice(qi + 1), (c) => c === '?' || PATH_CHARS.test(c))}`;
}
