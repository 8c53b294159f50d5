/**
 * Go's net/url.Parse as the container provider meets it, as pure functions: where it fails, the
 * host Hostname() gives (no WHATWG normalisation: `127.1` stays `127.1`), and the request target
 * Go's HTTP client puts on the wire (URL.RequestURI: EscapedPath, then `?` RawQuery).
 * mirrors golang/go src/net/url/url.go (Parse, parse, getScheme, parseAuthority, parseHost,
 * validOptionalPort, shouldEscape, validEncoded, EscapedPath) and src/net/ip.go (ParseIP: dotted
 * quads and IPv6 only). aws/aws-sdk-go-v2 config/resolve_credentials.go (resolveLocalHTTPCredProvider)
 * and credentials/endpointcreds/internal/client/middleware.go (buildEndpoint) call url.Parse.
 */

export type GoUrl = { ok: true; scheme: string; host: string; wirePath: string } | { ok: false; error: string };

const HEX = /^[0-9A-Fa-f]{2}$/;

/** shouldEscape(c, encodePath): what EscapedPath percent-encodes. */
const escapesInPath = (c: string): boolean => !/[\w\-.~$&+,/:;=@]/.test(c);

/** validEncoded(s, encodePath): a RawPath Go keeps as written. */
function validEncodedPath(s: string): boolean {
  for (const c of s) {
    if ("!$&'()*+,;=:@[]%".includes(c)) continue;
    if (escapesInPath(c)) return false;
  }
  return true;
}

/** unescape(s, encodePath): a `%` not followed by two hex digits is an error. */
function unescapePath(s: string): string | null {
  for (let i = s.indexOf('%'); i !== -1; i = s.indexOf('%', i + 1)) if (!HEX.test(s.slice(i + 1, i + 3))) return null;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const escapePath = (s: string): string => [...Buffer.from(s, 'utf8')].map((b) => (b < 0x80 && !escapesInPath(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** url.Parse(raw): the error message Go gives, or the parts the container provider uses. */
export function goUrlParse(raw: string): GoUrl {
  const err = (why: string): GoUrl => ({ ok: false, error: `parse ${JSON.stringify(raw)}: ${why}` });
  // stringContainsCTLByte: any byte below 0x20, or 0x7f, anywhere
  // biome-ignore lint/suspicious/noControlCharactersInRegex: mirrors Go's control-byte check
  if (/[\x00-\x1f\x7f]/.test(raw)) return err('net/url: invalid control character in URL');
  const noFrag = raw.split('#')[0] ?? '';
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(noFrag);
  if (noFrag.startsWith(':')) return err('missing protocol scheme');
  const scheme = m ? (m[1] ?? '').toLowerCase() : '';
  let rest = m ? noFrag.slice((m[1] ?? '').length + 1) : noFrag;
  const q = rest.indexOf('?');
  const query = q === -1 ? '' : rest.slice(q + 1);
  if (q !== -1) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) {
    // no scheme: a path whose first segment may not hold a colon; with a scheme: opaque, no host
    if (!scheme && (rest.split('/')[0] ?? '').includes(':')) return err('first path segment in URL cannot contain colon');
    return { ok: true, scheme, host: '', wirePath: '/' };
  }
  let host = '';
  if (scheme && rest.startsWith('//')) {
    const end = rest.indexOf('/', 2);
    const authority = end === -1 ? rest.slice(2) : rest.slice(2, end);
    rest = end === -1 ? '' : rest.slice(end);
    const hostport = authority.slice(authority.lastIndexOf('@') + 1);
    const bracket = hostport.startsWith('[');
    const close = hostport.lastIndexOf(']');
    if (bracket && close === -1) return err("missing ']' in host");
    // validOptionalPort on what follows `]`, or the last `:`
    const cut = bracket ? close + 1 : hostport.includes(':') ? hostport.lastIndexOf(':') : hostport.length;
    const port = hostport.slice(cut);
    if (port !== '' && !/^:\d*$/.test(port)) return err(`invalid port ${JSON.stringify(port)} after host`);
    host = bracket ? hostport.slice(1, close) : hostport.slice(0, cut);
    // parseHost → unescape(host, encodeHost): a space or another character a host cannot hold
    const bad = bracket ? null : /[^\w\-.~!$&'()*+,;=:[\]<>"%]/.exec(host);
    if (bad) return err(`invalid character ${JSON.stringify(bad[0])} in host name`);
  }
  const path = unescapePath(rest);
  if (path === null) return err(`invalid URL escape ${JSON.stringify(rest.slice(rest.indexOf('%'), rest.indexOf('%') + 3))}`);
  // EscapedPath: the path as written when it is validly encoded, else Go escapes it (a space → %20)
  const escaped = validEncodedPath(rest) ? rest : escapePath(path);
  const wirePath = `${escaped === '' ? '/' : escaped}${query ? `?${query}` : ''}`;
  return { ok: true, scheme, host, wirePath };
}

/** net.ParseIP: a dotted quad (no short forms such as 127.1) or an IPv6 address; null otherwise. */
export function goParseIp(host: string): { v4: number[] | null; v6: string | null } | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (m) {
    // Go ≥ 1.17 refuses leading zeros (127.000.0.1)
    if (m.slice(1).some((p) => p.length > 1 && p.startsWith('0'))) return null;
    const parts = m.slice(1).map(Number);
    return parts.every((n) => n <= 255) ? { v4: parts, v6: null } : null;
  }
  if (host.includes(':')) {
    try {
      // WHATWG only compresses the address here; its validity is what ParseIP checks too
      const h = new URL(`http://[${host}]/`).hostname;
      return { v4: null, v6: h.slice(1, -1) };
    } catch {
      return null;
    }
  }
  return null;
}
