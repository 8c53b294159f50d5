// The HTTP client against real loopback servers: every way an endpoint can misbehave ends
// in a classified result within the timeout, never a throw or a hang.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeHttp, httpRequest, loopbackOnlyViolation } from '../../src/gather/http.ts';

const servers: http.Server[] = [];
const sockets = new Set<Socket>();
async function serve(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  s.on('connection', (c) => {
    sockets.add(c);
    c.on('close', () => sockets.delete(c));
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}
afterEach(async () => {
  for (const c of sockets) c.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  await closeHttp();
});

/**
 * For servers that answer (or reset, or refuse) at once: an answer must never lose a race with
 * the client's timeout on a loaded machine, where the first request also loads undici. The tests
 * of timeouts use short ones against servers that never finish.
 */
const ANSWERED = 5000;

describe('httpRequest', () => {
  it('returns status, headers and body', async () => {
    const url = await serve((_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1}'));
    const r = await httpRequest({ method: 'GET', url, timeoutMs: ANSWERED });
    expect(r).toMatchObject({ ok: true, status: 200, headers: { 'content-type': 'application/json' } });
    expect(r.ok && r.body.toString()).toBe('{"a":1}');
  });
  it('an answer that is not HTTP: classified, and the message names no parser code', async () => {
    const url = await serve((_q, r) => {
      // a raw status line llhttp rejects (HPE_INVALID_STATUS)
      r.socket?.end('HTTP/1.1 2x0 OK\r\n\r\n');
    });
    const r = await httpRequest({ method: 'GET', url, timeoutMs: ANSWERED });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toMatch(/^HPE_/);
    expect(!r.ok && r.message).toMatch(/the answer is not valid HTTP/);
    expect(!r.ok && r.message).not.toMatch(/HPE_|UND_ERR/);
  });
  // (a connect that never ends, after the abort, is tested end to end: test/e2e/hostile-files.test.ts)
  it('a run signal aborted before the call settles it as DEADLINE, in prose', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const url = await serve(() => undefined);
    const r = await httpRequest({ method: 'GET', url, timeoutMs: ANSWERED, signal: ctl.signal });
    expect(r).toMatchObject({ ok: false, code: 'DEADLINE' });
    expect(!r.ok && r.message).toMatch(/stopped at the run's deadline/);
  });
  it('refused', async () => {
    const r = await httpRequest({ method: 'GET', url: 'http://127.0.0.1:9/x', timeoutMs: ANSWERED });
    expect(r).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
  });
  it('accept and hang: TIMEOUT within the timeout', async () => {
    const url = await serve(() => undefined);
    const t = performance.now();
    const r = await httpRequest({ method: 'GET', url, timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, code: 'TIMEOUT' });
    // bounded by the timeout, with room for a late timer on a loaded machine
    expect(performance.now() - t).toBeLessThan(300 + 2500);
  });
  it('a trickling body is cut at the timeout', async () => {
    const url = await serve((_q, r) => {
      r.writeHead(200);
      const t = setInterval(() => r.write('x'), 50);
      r.on('close', () => clearInterval(t));
    });
    const r = await httpRequest({ method: 'GET', url, timeoutMs: 400 });
    expect(r).toMatchObject({ ok: false, code: 'TIMEOUT' });
  });
  it('reset mid-body', async () => {
    const url = await serve((_q, r) => {
      r.writeHead(200, { 'content-length': '100' });
      r.write('partial');
      setTimeout(() => r.socket?.destroy(), 20);
    });
    const r = await httpRequest({ method: 'GET', url, timeoutMs: ANSWERED });
    expect(r).toMatchObject({ ok: false, code: 'ECONNRESET' });
  });
  it('caps the body', async () => {
    const url = await serve((_q, r) => {
      r.writeHead(200);
      r.end(Buffer.alloc(2 * 1024 * 1024, 97));
    });
    const r = await httpRequest({ method: 'GET', url, timeoutMs: ANSWERED });
    expect(r).toMatchObject({ ok: false, code: 'BODY_TOO_LARGE' });
  });
  it('never follows a redirect', async () => {
    const url = await serve((_q, r) => r.writeHead(302, { location: 'http://169.254.169.254/latest' }).end());
    const r = await httpRequest({ method: 'GET', url, timeoutMs: ANSWERED });
    expect(r).toMatchObject({ ok: true, status: 302 });
  });
  it('the run deadline aborts a request', async () => {
    const url = await serve(() => undefined);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const r = await httpRequest({ method: 'GET', url, timeoutMs: 5000, signal: ac.signal });
    expect(r).toMatchObject({ ok: false, code: 'DEADLINE' });
  });
  it('invalid URLs are results, not throws', async () => {
    expect(await httpRequest({ method: 'GET', url: 'http://[::zz', timeoutMs: 100 })).toMatchObject({ ok: false, code: 'INVALID_URL' });
  });
  it('loopback-only mode refuses other hosts before connecting', () => {
    const env = { ECS_CRED_DOCTOR_LOOPBACK_ONLY: '1' };
    expect(loopbackOnlyViolation(new URL('http://169.254.170.2/x'), env)).toMatch(/refusing/);
    expect(loopbackOnlyViolation(new URL('http://127.0.0.5/x'), env)).toBeNull();
    expect(loopbackOnlyViolation(new URL('http://[::1]/x'), env)).toBeNull();
    expect(loopbackOnlyViolation(new URL('http://169.254.170.2/x'), {})).toBeNull();
  });
});
