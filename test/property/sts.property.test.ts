// Property tests for STS error mapping (src/gather/sts.ts stsErrorOf) and, through a loopback
// server only (127.0.0.1, random port), for callGetCallerIdentity: the real @aws-sdk/client-sts
// deserializer fed arbitrary bodies and status codes over our undici path.
import type http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeHttp } from '../../src/gather/http.ts';
import { callGetCallerIdentity, loadSts, stsErrorOf } from '../../src/gather/sts.ts';
import type { StsError } from '../../src/model/facts.ts';
import { scrub } from '../../src/redact.ts';
import { startLoopbackServer, type RunningFake } from '../fakes/loopback-server.ts';
import { anyString } from './arbitraries.ts';

const KINDS = ['rejected', 'unreachable', 'unavailable', 'invalid-response'];

function expectStsErrorShape(r: StsError): void {
  expect(KINDS).toContain(r.kind);
  expect(typeof r.code).toBe('string');
  expect(typeof r.message).toBe('string');
  expect(r.status === null || typeof r.status === 'number', `status ${String(r.status)}`).toBe(true);
}

// ---- stsErrorOf ------------------------------------------------------------------------------

const oddValue = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.jsonValue({ maxDepth: 2 }));
const fieldsArb = fc.record(
  {
    name: oddValue,
    message: oddValue,
    code: oddValue,
    unreachable: fc.oneof(fc.constant(true), oddValue),
    $metadata: fc.oneof(oddValue, fc.record({ httpStatusCode: fc.oneof(fc.integer({ min: 100, max: 599 }), oddValue) }, { requiredKeys: [] })),
    Code: oddValue,
  },
  { requiredKeys: [] },
);
/** Thrown values of odd shapes: an Error or a plain object carrying any mix of those fields. */
const oddThrown = fc.tuple(fc.constantFrom('error', 'object', 'null-prototype'), fieldsArb).map(([base, fields]): unknown => {
  const target: object = base === 'error' ? new Error('base message') : base === 'object' ? {} : Object.create(null);
  return Object.assign(target, fields);
});

/** Thrown values shaped like what the SDK and undici really throw (string message and name). */
const sdkLikeError = (secrets: string[]): fc.Arbitrary<unknown> =>
  fc
    .record({
      name: fc.oneof(fc.constantFrom('Error', 'SyntaxError', 'AccessDenied', 'InvalidClientTokenId', 'ExpiredToken', 'Throttling', 'InternalFailure', 'Unknown'), fc.stringMatching(/^[A-Za-z]{1,20}$/)),
      lines: fc.array(fc.oneof(fc.constantFrom(...secrets), anyString(20), fc.constant('Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.')), { minLength: 1, maxLength: 5 }),
      status: fc.option(fc.constantFrom(200, 400, 403, 404, 429, 500, 503), { nil: undefined }),
      unreachable: fc.boolean(),
      code: fc.option(fc.constantFrom('ECONNREFUSED', 'TIMEOUT', 'UND_ERR_SOCKET'), { nil: undefined }),
    })
    .map((f) => {
      const e = new Error(f.lines.join(f.lines.length > 2 ? '\n' : ' '));
      e.name = f.name;
      return Object.assign(e, {
        ...(f.status === undefined ? {} : { $metadata: { httpStatusCode: f.status } }),
        ...(f.unreachable ? { unreachable: true } : {}),
        ...(f.code === undefined ? {} : { code: f.code }),
      });
    });

const secretsArb = fc.array(fc.oneof(fc.base64String({ minLength: 4, maxLength: 40 }), fc.stringMatching(/^[A-Za-z0-9/+]{4,16}$/)), { minLength: 1, maxLength: 3 });

describe('stsErrorOf', () => {
  it('never throws for values that are not errors (null, strings, numbers, objects, null-prototype objects...)', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withBigInt: true, withDate: true }), (e) => {
        expectStsErrorShape(stsErrorOf(e, (s) => s));
      }),
      { numRuns: 400, examples: [[Object.create(null)]] },
    );
  });

  it('never throws for errors and objects with odd fields (non-string name or message, odd $metadata)', () => {
    fc.assert(
      fc.property(oddThrown, (e) => {
        expectStsErrorShape(stsErrorOf(e, (s) => s));
      }),
      { numRuns: 400, examples: [[Object.assign(new Error('x'), { message: 42 })]] },
    );
  });

  it('its message never contains a secret passed to scrub', () => {
    fc.assert(
      fc.property(
        secretsArb.chain((secrets) => fc.tuple(fc.constant(secrets), sdkLikeError(secrets))),
        ([secrets, e]) => {
          const r = stsErrorOf(e, (s) => scrub(s, secrets));
          for (const s of secrets) expect(r.message.includes(s), `message ${JSON.stringify(r.message)} holds ${s}`).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('no field of the result contains a secret passed to scrub (code included)', () => {
    fc.assert(
      fc.property(secretsArb, fc.constantFrom('name', 'code'), fc.option(fc.constantFrom(403, 500), { nil: undefined }), (secrets, where, status) => {
        const e = Object.assign(new Error('denied'), { $metadata: { httpStatusCode: status } }, where === 'code' ? { unreachable: true, code: secrets[0] } : {});
        if (where === 'name') e.name = secrets[0] ?? 'x';
        const r = stsErrorOf(e, (s) => scrub(s, secrets));
        for (const s of secrets) expect(JSON.stringify(r).includes(s), `${JSON.stringify(r)} holds ${s}`).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});

// ---- callGetCallerIdentity against a loopback server ----------------------------------------

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

interface Identity {
  arn: string;
  account: string;
  userId: string;
}
interface Answer {
  status: number;
  contentType: string | null;
  body: string;
  /** the body is a complete, well-formed GetCallerIdentityResponse for `identity` */
  identity: Identity | null;
  transport: 'normal' | 'reset-mid-body' | 'short-content-length';
}

const okBody = (id: Identity): string =>
  `<GetCallerIdentityResponse xmlns="${NS}">\n  <GetCallerIdentityResult>\n    <Arn>${xmlEscape(id.arn)}</Arn>\n    <UserId>${xmlEscape(id.userId)}</UserId>\n    <Account>${xmlEscape(id.account)}</Account>\n  </GetCallerIdentityResult>\n  <ResponseMetadata>\n    <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n`;
const errorBody = (code: string, message: string): string =>
  `<ErrorResponse xmlns="${NS}">\n  <Error>\n    <Type>Sender</Type>\n    <Code>${xmlEscape(code)}</Code>\n    <Message>${xmlEscape(message)}</Message>\n  </Error>\n  <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>\n</ErrorResponse>\n`;

const identityArb: fc.Arbitrary<Identity> = fc.record({
  arn: fc.oneof(
    fc.tuple(fc.stringMatching(/^\d{12}$/), fc.stringMatching(/^[\w+=,.@-]{1,20}$/), fc.stringMatching(/^[\w+=,.@-]{2,20}$/)).map(([a, r, s]) => `arn:aws:sts::${a}:assumed-role/${r}/${s}`),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s !== ''),
  ),
  account: fc.stringMatching(/^\d{12}$/),
  userId: fc.stringMatching(/^A[A-Z0-9]{15,20}(:[\w.@-]{2,20})?$/),
});

const answerArb: fc.Arbitrary<Answer> = fc
  .tuple(
    fc.oneof({ weight: 5, arbitrary: fc.constant(200) }, { weight: 3, arbitrary: fc.constantFrom(400, 403, 404, 429, 500, 502, 503, 301, 302, 201, 204) }, { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) }),
    fc.constantFrom('text/xml', 'text/xml; charset=utf-8', 'application/xml', 'application/json', 'text/html', null),
    fc.oneof(
      { weight: 4, arbitrary: identityArb.map((id) => ({ body: okBody(id), identity: id as Identity | null })) },
      { weight: 2, arbitrary: fc.tuple(fc.stringMatching(/^[A-Za-z]{1,24}$/), fc.string({ unit: 'grapheme-ascii', maxLength: 60 })).map(([c, m]) => ({ body: errorBody(c, m), identity: null })) },
      {
        weight: 1,
        arbitrary: fc.tuple(identityArb, fc.nat()).map(([id, n]) => {
          const b = okBody(id);
          return { body: b.slice(0, n % b.length), identity: null };
        }),
      },
      {
        weight: 2,
        arbitrary: fc
          .constantFrom(
            '',
            '<html><body><h1>Proxy login required</h1></body></html>',
            `<GetCallerIdentityResponse xmlns="${NS}"><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
            `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult></GetCallerIdentityResult></GetCallerIdentityResponse>`,
            `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/x</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>`,
            '<Foo><Bar>baz</Bar></Foo>',
            '{"Arn":"arn:aws:iam::123456789012:user/x","Account":"123456789012","UserId":"AIDAEXAMPLE"}',
            '<?xml version="1.0"?>',
            '<<<>>>',
            '<a>'.repeat(2000),
          )
          .map((body) => ({ body, identity: null })),
      },
      { weight: 1, arbitrary: anyString(200).map((body) => ({ body, identity: null })) },
    ),
    fc.oneof({ weight: 8, arbitrary: fc.constant('normal' as const) }, { weight: 1, arbitrary: fc.constantFrom('reset-mid-body' as const, 'short-content-length' as const) }),
  )
  .map(([status, contentType, b, transport]) => ({ status, contentType, ...b, transport }));

/** For the server that never answers: the timeout is what is measured. */
const TIMEOUT_MS = 1000;
/**
 * For servers that answer at once: an answer must never lose a race with the timeout on a
 * loaded machine (the property's verdicts would then be luck); the bound still proves that no
 * answer, however broken, keeps the call past its timeout.
 */
const ANSWERED_TIMEOUT_MS = 5000;
/** Room for a late timer and the error path on a loaded two-core machine. */
const SLACK_MS = 1500;

describe('callGetCallerIdentity over loopback, real STS deserializer', () => {
  let server: RunningFake;
  let answer: Answer | 'hang' = 'hang';
  const savedLoopbackOnly = process.env['ECS_CRED_DOCTOR_LOOPBACK_ONLY'];

  beforeAll(async () => {
    // the STS client module loads on first use (seconds under vitest on a loaded machine): not part of any timing below
    await loadSts();
    process.env['ECS_CRED_DOCTOR_LOOPBACK_ONLY'] = '1'; // belt and braces: httpRequest refuses any other host
    server = await startLoopbackServer((_req, _body, res: http.ServerResponse) => {
      const a = answer;
      if (a === 'hang') return; // never answers; close() destroys the socket
      const payload = Buffer.from(a.body, 'utf8');
      const headers: Record<string, string> = a.contentType ? { 'Content-Type': a.contentType } : {};
      if (a.status === 204 || a.status === 304) {
        res.writeHead(a.status, headers); // no body, no Content-Length: anything else is not HTTP
        res.end();
      } else if (a.transport === 'normal') {
        res.writeHead(a.status, { ...headers, 'Content-Length': String(payload.length) });
        res.end(payload);
      } else if (a.transport === 'short-content-length') {
        res.writeHead(a.status, { ...headers, 'Content-Length': String(payload.length + 10) });
        res.end(payload); // the connection is closed ten bytes early
        res.socket?.destroy();
      } else {
        res.writeHead(a.status, { ...headers, 'Content-Length': String(payload.length + 100) });
        res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.socket?.destroy());
      }
    });
  });

  afterAll(async () => {
    await server.close();
    await closeHttp();
    if (savedLoopbackOnly === undefined) delete process.env['ECS_CRED_DOCTOR_LOOPBACK_ONLY'];
    else process.env['ECS_CRED_DOCTOR_LOOPBACK_ONLY'] = savedLoopbackOnly;
  });

  const call = (timeoutMs: number) =>
    callGetCallerIdentity(
      { region: 'eu-west-1', endpoint: server.url, timeoutMs, signal: new AbortController().signal, scrub: (s) => s },
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN' },
    );

  it('always resolves within the timeout; ok exactly for a delivered, well-formed GetCallerIdentityResponse', async () => {
    await fc.assert(
      fc.asyncProperty(answerArb, async (a) => {
        answer = a;
        const started = performance.now();
        const r = await call(ANSWERED_TIMEOUT_MS); // a rejection fails the property
        const elapsed = performance.now() - started;
        expect(elapsed).toBeLessThan(ANSWERED_TIMEOUT_MS + SLACK_MS);
        expect(r.ms).toBeLessThanOrEqual(ANSWERED_TIMEOUT_MS + SLACK_MS);
        const bodiless = a.status === 204 || a.status === 304;
        const transport = bodiless ? 'normal' : a.transport;
        const delivered = transport === 'normal' && a.status >= 200 && a.status < 300 && !bodiless;
        const shouldBeOk = delivered && a.identity !== null;
        expect(r.ok, `status ${a.status} ${a.transport} body ${JSON.stringify(a.body.slice(0, 200))} → ${JSON.stringify(r)}`).toBe(shouldBeOk);
        if (r.ok) {
          expect(r.error).toBeNull();
          expect({ arn: r.arn, account: r.account, userId: r.userId }).toEqual(a.identity);
        } else {
          expect(r.error).not.toBeNull();
          if (r.error) expectStsErrorShape(r.error);
          if (transport !== 'normal') expect(r.error?.kind).toBe('unreachable');
          else expect(r.error?.kind).not.toBe('unreachable');
          if (transport === 'normal' && a.status >= 500) expect(['unavailable', 'invalid-response']).toContain(r.error?.kind);
        }
      }),
      // the example: a 200 with an empty body (a proxy, a stub, a wrong AWS_ENDPOINT_URL_STS)
      { numRuns: 60, examples: [[{ status: 200, contentType: 'text/xml', body: '', identity: null, transport: 'normal' }]] },
    );
  });

  it('a server that never answers ends as unreachable/TIMEOUT, within the timeout', async () => {
    answer = 'hang';
    const started = performance.now();
    const r = await call(TIMEOUT_MS);
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ kind: 'unreachable', code: 'TIMEOUT' });
  });
});
