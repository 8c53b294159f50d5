// Server-side AWS Signature Version 4 verification (header auth), written
// from the published algorithm so the fake STS can tell a correctly signed
// request from a wrongly signed one exactly as AWS does: rebuild the canonical
// request from what arrived on the wire, derive the signing key from the
// secret we issued, recompute the signature, compare.
//
// Canonicalisation mirrors the signer the SDK uses
// (smithy-lang/smithy-typescript packages/signature-v4/src/SignatureV4.ts and
// getCanonicalQuery.ts): path segments normalised and URI-escaped once more
// (non-S3), query keys/values RFC 3986-escaped and sorted, header values
// trimmed with inner whitespace collapsed.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

export interface ParsedAuthorization {
  accessKeyId: string;
  /** yyyymmdd from the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  /** Always `aws4_request` for a well-formed scope. */
  terminator: string;
  /** Lower-case header names, in the order given. */
  signedHeaders: string[];
  /** Lower-case hex. */
  signature: string;
}

/** What the verifier needs from an incoming request, taken as raw as Node gives it. */
export interface WireRequest {
  method: string;
  /** The request target as received: percent-encoded path plus optional query. */
  target: string;
  /** `IncomingMessage.rawHeaders`: alternating names and values, duplicates kept. */
  rawHeaders: string[];
  body: Buffer;
}

export type VerifyResult = { ok: true } | { ok: false; canonicalRequest: string; stringToSign: string; expected: string };

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sts/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=abc…`. Returns a reason string
 * when the header is not a complete SigV4 header.
 */
export function parseAuthorization(header: string): ParsedAuthorization | string {
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space === -1 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== SIGV4_ALGORITHM) return `Unsupported AWS 'algorithm': '${algorithm}'`;

  const fields = new Map<string, string>();
  for (const part of trimmed.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (credential === undefined) return "Authorization header requires 'Credential' parameter.";
  if (signedHeaders === undefined) return "Authorization header requires 'SignedHeaders' parameter.";
  if (signature === undefined) return "Authorization header requires 'Signature' parameter.";

  // The access key id itself never contains '/', so split from the right.
  const scope = credential.split('/');
  if (scope.length < 5) return `Credential should be scoped to a valid region. '${credential}' is malformed.`;
  const [scopeDate, region, service, terminator] = scope.slice(-4) as [string, string, string, string];
  return {
    accessKeyId: scope.slice(0, -4).join('/'),
    scopeDate,
    region,
    service,
    terminator,
    signedHeaders: signedHeaders
      .split(';')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== ''),
    signature: signature.toLowerCase(),
  };
}

/** RFC 3986 unreserved characters stay, everything else is %XX (upper-case hex). */
export function escapeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const leading = rawPath.startsWith('/') ? '/' : '';
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  // The wire path is already escaped once; the canonical form escapes it
  // again ("double encoding", every service except S3), '/' kept as is.
  return leading + segments.map((s) => escapeRfc3986(s)).join('/') + trailing;
}

export function canonicalQuery(rawQuery: string): string {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode((eq === -1 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq === -1 ? '' : safeDecode(part.slice(eq + 1).replace(/\+/g, ' '));
    if (key.toLowerCase() === 'x-amz-signature') continue;
    pairs.push([escapeRfc3986(key), escapeRfc3986(value)]);
  }
  pairs.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Values of one header as received, duplicates joined with ',' (SigV4 rule). */
export function rawHeaderValue(rawHeaders: string[], name: string): string | undefined {
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === name) values.push((rawHeaders[i + 1] ?? '').trim().replace(/\s+/g, ' '));
  }
  return values.length === 0 ? undefined : values.join(',');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function canonicalRequest(req: WireRequest, signedHeaders: string[]): string {
  const q = req.target.indexOf('?');
  const rawPath = q === -1 ? req.target : req.target.slice(0, q);
  const rawQuery = q === -1 ? '' : req.target.slice(q + 1);
  const sorted = [...signedHeaders].sort();
  const headerLines = sorted.map((name) => `${name}:${rawHeaderValue(req.rawHeaders, name) ?? ''}\n`).join('');
  const payloadHash = rawHeaderValue(req.rawHeaders, 'x-amz-content-sha256') ?? sha256Hex(req.body);
  return [req.method, canonicalUri(rawPath), canonicalQuery(rawQuery), headerLines, sorted.join(';'), payloadHash].join('\n');
}

export function credentialScope(auth: Pick<ParsedAuthorization, 'scopeDate' | 'region' | 'service' | 'terminator'>): string {
  return `${auth.scopeDate}/${auth.region}/${auth.service}/${auth.terminator}`;
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [SIGV4_ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

export function signingKey(secretAccessKey: string, scopeDate: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secretAccessKey}`).update(scopeDate).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
}

/** `X-Amz-Date` (yyyymmddThhmmssZ) to a Date; undefined when malformed. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * The request's signing time string: X-Amz-Date, else the Date header
 * converted to the same basic format (SigV4 allows either).
 */
export function requestAmzDate(rawHeaders: string[]): string | undefined {
  const amz = rawHeaderValue(rawHeaders, 'x-amz-date');
  if (amz !== undefined) return amz;
  const date = rawHeaderValue(rawHeaders, 'date');
  if (date === undefined) return undefined;
  const parsed = new Date(date);
  return Number.isNaN(parsed.getTime()) ? undefined : formatAmzDate(parsed);
}

/** Recomputes the signature with `secretAccessKey` and compares in constant time. */
export function verifySignature(req: WireRequest, auth: ParsedAuthorization, amzDate: string, secretAccessKey: string): VerifyResult {
  const canonical = canonicalRequest(req, auth.signedHeaders);
  const toSign = stringToSign(amzDate, credentialScope(auth), canonical);
  const expected = createHmac('sha256', signingKey(secretAccessKey, auth.scopeDate, auth.region, auth.service))
    .update(toSign)
    .digest('hex');
  const given = Buffer.from(auth.signature, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  if (given.length === wanted.length && timingSafeEqual(given, wanted)) return { ok: true };
  return { ok: false, canonicalRequest: canonical, stringToSign: toSign, expected };
}

/**
 * Signs a request the way a client would (used by tests that hand-craft
 * requests, and to cross-check the verifier against itself).
 */
export function signRequest(req: { method: string; target: string; headers: Record<string, string>; body: Buffer }, creds: { accessKeyId: string; secretAccessKey: string }, region: string, service: string, amzDate: string): string {
  const signedHeaders = Object.keys(req.headers)
    .map((h) => h.toLowerCase())
    .sort();
  const rawHeaders = Object.entries(req.headers).flat();
  const auth: ParsedAuthorization = {
    accessKeyId: creds.accessKeyId,
    scopeDate: amzDate.slice(0, 8),
    region,
    service,
    terminator: 'aws4_request',
    signedHeaders,
    signature: '',
  };
  const toSign = stringToSign(amzDate, credentialScope(auth), canonicalRequest({ ...req, rawHeaders }, signedHeaders));
  const signature = createHmac('sha256', signingKey(creds.secretAccessKey, auth.scopeDate, region, service))
    .update(toSign)
    .digest('hex');
  return `${SIGV4_ALGORITHM} Credential=${creds.accessKeyId}/${credentialScope(auth)}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
}
