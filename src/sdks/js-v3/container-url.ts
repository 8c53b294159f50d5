/** The container credentials URL rules of the JS SDK, as pure functions. */
import { domainToASCII } from 'node:url';

export const ECS_CONTAINER_HOST = 'http://169.254.170.2';

/**
 * Which URL fromHttp builds: the relative URI wins when both are set.
 * mirrors aws/aws-sdk-js-v3 packages/credential-provider-http/src/fromHttp/fromHttp.ts
 * (relative beats full since @aws-sdk/credential-provider-http 3.972.57)
 */
export function containerUrlOf(env: Record<string, string>): { url: string; from: 'relative' | 'full' } | null {
  const relative = env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];
  const full = env['AWS_CONTAINER_CREDENTIALS_FULL_URI'];
  if (relative) return { url: `${ECS_CONTAINER_HOST}${relative}`, from: 'relative' };
  if (full) return { url: full, from: 'full' };
  return null;
}

/**
 * The host allow-list of fromHttp: https to any host; otherwise the ECS and EKS hosts,
 * `localhost`, `[::1]` and dotted-quad 127/8.
 * mirrors aws/aws-sdk-js-v3 packages/credential-provider-http/src/fromHttp/checkUrl.ts
 */
export function jsFromHttpAllows(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  const h = url.hostname;
  if (h === '169.254.170.2' || h === '169.254.170.23' || h === '[fd00:ec2::23]') return true;
  if (h.includes('[')) return h === '[::1]' || h === '[0000:0000:0000:0000:0000:0000:0000:0001]';
  if (h === 'localhost') return true;
  const parts = h.split('.');
  const inRange = (p: string | undefined): boolean => {
    const n = Number.parseInt(p ?? '', 10);
    return n >= 0 && n <= 255;
  };
  return parts.length === 4 && parts[0] === '127' && inRange(parts[1]) && inRange(parts[2]) && inRange(parts[3]);
}

/**
 * The legacy fromContainerMetadata accepts a full URI only on localhost/127.0.0.1 over
 * http(s), and throws a chain-stopping error otherwise.
 * mirrors smithy-lang/smithy-typescript packages/credential-provider-imds/src/fromContainerMetadata.ts
 */
export function jsLegacyContainerAllows(url: { hostname: string | null; protocol: string | null }): boolean {
  return (url.hostname === 'localhost' || url.hostname === '127.0.0.1') && (url.protocol === 'http:' || url.protocol === 'https:');
}

export interface LegacyUrl {
  protocol: string | null;
  hostname: string | null;
  /** pathname + search, as http.request sends it */
  path: string;
}

// url.js: trimmed at both ends; never part of a host; escaped in the rest
const LEGACY_WS = ' \t\n\r\f\u00a0\ufeff';
const LEGACY_NON_HOST = ' "%\';<>\\^`{|}';
const LEGACY_SLASHED = /^(https?|ftp|gopher|file|wss?):$/;
const LEGACY_AUTO_ESCAPE = /[\t\n\r "'<>\\^`{|}]/g;

/**
 * Node's legacy url.parse() as fromContainerMetadata (credential-provider-imds before its move
 * to WHATWG) reads AWS_CONTAINER_CREDENTIALS_FULL_URI: whitespace trimmed at both ends only,
 * the hostname kept as written (lowercased; `127.1` stays `127.1`), and the characters a path
 * may not hold escaped inside (a tab → %09), where WHATWG removes tabs and newlines.
 * mirrors nodejs/node lib/url.js (Url.prototype.parse, getHostname, autoEscapeStr) and
 * smithy-lang/smithy-typescript packages/credential-provider-imds/src/fromContainerMetadata.ts (getCmdsUri).
 */
export function jsLegacyUrlParse(raw: string): LegacyUrl {
  let a = 0;
  let b = raw.length;
  while (a < b && LEGACY_WS.includes(raw.charAt(a))) a++;
  while (b > a && LEGACY_WS.includes(raw.charAt(b - 1))) b--;
  let rest = raw.slice(a, b);
  // backslashes before the query become slashes (the browsers' behaviour url.js copies)
  const qh = rest.search(/[?#]/);
  rest = qh === -1 ? rest.replaceAll('\\', '/') : rest.slice(0, qh).replaceAll('\\', '/') + rest.slice(qh);
  // the fast path for a bare path (no `#`, no `@` before the query): taken as is, nothing escaped
  if (!rest.includes('#') && !/^[^?]*@/.test(rest) && /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/.test(rest)) return { protocol: null, hostname: null, path: rest };
  const proto = /^[a-z0-9.+-]+:/i.exec(rest)?.[0] ?? null;
  const protocol = proto ? proto.toLowerCase() : null;
  if (proto) rest = rest.slice(proto.length);
  let hostname: string | null = null;
  // `//` starts a host after a protocol, or before `user@host` without one; a protocol that is
  // not a slashed one (http, https, ...) is followed by a host even without `//`
  const slashes = protocol !== 'javascript:' && rest.startsWith('//') && (protocol !== null || /^\/\/[^@/]+@[^@/]+/.test(rest));
  if (slashes) rest = rest.slice(2);
  if (protocol !== 'javascript:' && (slashes || (protocol !== null && !LEGACY_SLASHED.test(protocol)))) {
    let nonHost = -1;
    let at = -1;
    for (let i = 0; i < rest.length; i++) {
      const c = rest.charAt(i);
      if (c === '\t' || c === '\n' || c === '\r') {
        // Node ≥ 18.17 drops these up to the end of the host, as WHATWG does
        rest = rest.slice(0, i) + rest.slice(i + 1);
        i -= 1;
      } else if (c === '@') {
        at = i;
        nonHost = -1;
      } else if (c === '/' || c === '?' || c === '#') {
        if (nonHost === -1) nonHost = i;
        break;
      } else if (LEGACY_NON_HOST.includes(c) && nonHost === -1) nonHost = i;
    }
    const host = nonHost === -1 ? rest.slice(at + 1) : rest.slice(at + 1, nonHost);
    rest = nonHost === -1 ? '' : rest.slice(nonHost);
    let h = host.replace(/:[0-9]*$/, '');
    if (h.startsWith('[') && h.endsWith(']')) {
      h = h.slice(1, -1);
      if (!rest.startsWith('/')) rest = `/${rest}`;
    } else {
      // getHostname: a '/', '\\', '#', '?' or ':' ends the hostname; the remainder joins the path
      const bad = h.search(/[/\\#?:]/);
      if (bad !== -1) {
        rest = `/${h.slice(bad)}${rest}`;
        h = h.slice(0, bad);
      }
    }
    hostname = h.length > 255 ? '' : h.toLowerCase();
    // IDNA for a host that is not ASCII (Node throws ERR_INVALID_URL when that leaves nothing)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: any byte beyond ASCII
    if (!/^[\x00-\x7f]*$/.test(hostname) && !host.startsWith('[')) hostname = domainToASCII(hostname);
  }
  rest = rest.replace(LEGACY_AUTO_ESCAPE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  rest = rest.split('#')[0] ?? '';
  const q = rest.indexOf('?');
  const pathname = q === -1 ? rest : rest.slice(0, q);
  const search = q === -1 ? '' : rest.slice(q);
  const path = `${pathname === '' && hostname && protocol !== null && LEGACY_SLASHED.test(protocol) ? '/' : pathname}${search}`;
  return { protocol, hostname: hostname === '' ? null : hostname, path };
}
