/**
 * The one HTTP client of the tool (undici): every call has a connect, header and body
 * timeout, a body cap, never follows redirects, and obeys the run's deadline.
 */
import type { Dispatcher } from 'undici';
import { isIP } from 'node:net';
import type { HttpObservation } from '../model/facts.ts';
import { describeError, errorCode } from '../errors.ts';
import { loadUndici, type UndiciParts } from './undici.ts';
import { isSecretName, type Vault } from '../redact.ts';
import { userInfoSecrets } from './env.ts';

export const BODY_CAP_BYTES = 1024 * 1024;

export interface HttpCall {
  method: 'GET' | 'PUT' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs: number;
  signal?: AbortSignal;
  bodyCap?: number;
}

export type HttpResult = { ok: true; status: number; headers: Record<string, string>; body: Buffer; ms: number } | { ok: false; code: string; message: string; ms: number };

/**
 * With ECS_CRED_DOCTOR_LOOPBACK_ONLY=1 (tests, demo, benchmark) any host that is not a
 * loopback literal or `localhost` is refused before a socket is opened.
 */
export function loopbackOnlyViolation(url: URL, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env['ECS_CRED_DOCTOR_LOOPBACK_ONLY'] !== '1') return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return null;
  if (isIP(host) === 4 && host.startsWith('127.')) return null;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return null;
  return `refusing ${url.host}: ECS_CRED_DOCTOR_LOOPBACK_ONLY=1 allows loopback only`;
}

/** The connections still open; each request has its own (probes are one-shot and concurrent). */
const open = new Set<Dispatcher>();
function clientFor(u: UndiciParts, origin: string, timeoutMs: number): Dispatcher {
  // keep-alive off: one-shot probes must not hold the process open
  const c = new u.Client(origin, { connect: { timeout: timeoutMs }, keepAliveTimeout: 1, keepAliveMaxTimeout: 1, pipelining: 0 });
  open.add(c);
  return c;
}
function release(c: Dispatcher): Promise<void> {
  open.delete(c);
  return c.destroy().catch(() => undefined);
}

/** Closes every connection still open so the process can exit at once. */
export async function closeHttp(): Promise<void> {
  const all = [...open];
  await Promise.all(all.map(release));
}

/** Performs one bounded request; never throws. */
let afterFirstDispatch: (() => void) | null = null;

/** Runs `fn` once the first request is on the wire: heavy work then overlaps the network wait. */
export function whenFirstRequestSent(fn: () => void): void {
  afterFirstDispatch = fn;
}

export async function httpRequest(call: HttpCall): Promise<HttpResult> {
  const started = performance.now();
  const ms = (): number => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = new URL(call.url);
  } catch {
    return { ok: false, code: 'INVALID_URL', message: `not a valid URL: ${JSON.stringify(call.url)}`, ms: ms() };
  }
  const refused = loopbackOnlyViolation(url);
  if (refused) return { ok: false, code: 'LOOPBACK_ONLY', message: refused, ms: ms() };
  const timeout = AbortSignal.timeout(call.timeoutMs);
  const signal = call.signal ? anySignal(timeout, call.signal) : timeout;
  const cap = call.bodyCap ?? BODY_CAP_BYTES;
  // an aborted undici request only settles when its connect ends (a lookup of a name that never
  // resolves: never), so the abort itself ends the call; the request is left to settle on its own
  const exchange = (async (): Promise<HttpResult> => {
    const u = await loadUndici();
    const client = clientFor(u, url.origin, call.timeoutMs);
    // whatever the outcome, the connection goes once the exchange settles
    try {
      const pending = u.request.call(client, {
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: call.method,
        headers: call.headers,
        body: call.body,
        headersTimeout: call.timeoutMs,
        bodyTimeout: call.timeoutMs,
        signal,
      });
      if (afterFirstDispatch) {
        const fn = afterFirstDispatch;
        afterFirstDispatch = null;
        setImmediate(fn);
      }
      const res = await pending;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        const b = chunk as Buffer;
        size += b.length;
        if (size > cap) {
          res.body.destroy();
          return { ok: false, code: 'BODY_TOO_LARGE', message: `response body exceeds ${cap} bytes (status ${res.statusCode}); reading stopped`, ms: ms() };
        }
        chunks.push(b);
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) {
        if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      }
      return { ok: true, status: res.statusCode, headers, body: Buffer.concat(chunks), ms: ms() };
    } finally {
      void release(client);
    }
  })();
  try {
    return await Promise.race([exchange, rejectOnAbort(signal)]);
  } catch (e) {
    exchange.catch(() => undefined);
    return { ok: false, ...classify(e, call, timeout, url), ms: ms() };
  }
}

/** Rejects once `signal` aborts (with its reason, as undici would). */
function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = (): void => reject(Object.assign(new Error('This operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' }));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

function classify(e: unknown, call: HttpCall, timeout: AbortSignal, url: URL): { code: string; message: string } {
  const code = errorCode(e) ?? errorCode((e as { cause?: unknown } | null)?.cause);
  const where = `${call.method} ${url.origin}${url.pathname}`;
  if (timeout.aborted || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    const phase = code === 'UND_ERR_CONNECT_TIMEOUT' ? 'connecting' : code === 'UND_ERR_BODY_TIMEOUT' ? 'reading the body' : 'waiting for an answer';
    return { code: 'TIMEOUT', message: `${where}: no answer after ${call.timeoutMs} ms (timed out ${phase})` };
  }
  if (call.signal?.aborted) return { code: 'DEADLINE', message: `${where}: stopped at the run's deadline` };
  switch (code) {
    case 'ECONNREFUSED':
      return { code, message: `${where}: connection refused (nothing listens there)` };
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return { code: 'ECONNRESET', message: `${where}: connection reset by the peer` };
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return { code: 'ECONNRESET', message: `${where}: connection closed in the middle of the body` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { code, message: `${where}: no route to host` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { code: 'ENOTFOUND', message: `${where}: host name does not resolve` };
    case 'ERR_NET_GUARD':
      return { code, message: `${where}: blocked by the test network guard` };
    default:
      // the code stays in the code field; prose says what happened without llhttp's or undici's names
      if (code?.startsWith('HPE_')) return { code, message: `${where}: the answer is not valid HTTP${proseOf(e) ? ` (${proseOf(e)})` : ''}` };
      return { code: code ?? 'HTTP_ERROR', message: `${where}: ${proseOf(e) || 'the request failed'}` };
  }
}

/** An error's text without the internal codes some carry in it (`HPE_INVALID_CONSTANT`, `UND_ERR_…`). */
function proseOf(e: unknown): string {
  return describeError(e)
    .replace(/\b(?:HPE|UND_ERR)_[A-Z_]+\b:?\s*/g, '')
    .replace(/^Parse Error:?\s*/i, '')
    .trim();
}

/** The Facts form of a result: no body for 200s (they hold credentials), capped text otherwise. */
export function observe(r: HttpResult, scrubText: (s: string) => string): HttpObservation {
  if (!r.ok) return { ok: false, error: { code: r.code, message: scrubText(r.message) }, ms: r.ms };
  const keep = ['date', 'content-type', 'location', 'x-amzn-requestid', 'x-aws-ec2-metadata-token-ttl-seconds'];
  const headers: Record<string, string> = {};
  // a Location may carry the token we sent, or a secret of its own in its query or userinfo
  for (const k of keep) if (r.headers[k] !== undefined) headers[k] = scrubText(r.headers[k] ?? '');
  const obs: HttpObservation = { ok: true, status: r.status, headers, ms: r.ms, bodyBytes: r.body.length };
  if (r.status !== 200) obs.errorBody = scrubText(r.body.subarray(0, 4096).toString('utf8'));
  return obs;
}

/**
 * Puts every secret-shaped value of an answer in the vault, whatever its status: fields of
 * the body named like secrets (JSON, XML, forms, at any depth), headers named like secrets,
 * and the secrets of a Location (its userinfo and secret-named query parameters).
 */
export function absorbSecrets(r: HttpResult, vault: Vault): void {
  if (!r.ok) return;
  vault.harvest(r.body.subarray(0, BODY_CAP_BYTES).toString('utf8'));
  for (const [k, v] of Object.entries(r.headers)) {
    if (isSecretName(k)) vault.putSecret(v);
    else if (k === 'location' || k === 'content-location' || k === 'refresh' || k === 'link') {
      vault.harvest(v);
      for (const s of userInfoSecrets(v.replace(/^[^h]*(?=https?:)/i, ''))) vault.putSecret(s);
    }
  }
}

/** AbortSignal.any is missing on Node 18; this is the two-signal case the tool needs. */
export function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (a.aborted) return a;
  if (b.aborted) return b;
  const c = new AbortController();
  const abort = (): void => c.abort();
  a.addEventListener('abort', abort, { once: true });
  b.addEventListener('abort', abort, { once: true });
  return c.signal;
}
