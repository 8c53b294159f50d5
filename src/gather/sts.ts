/**
 * STS calls through @aws-sdk/client-sts, with our undici client underneath so the same
 * timeouts, body cap and deadline apply, and the response Date header is kept for clock skew.
 */
import type { STSClient } from '@aws-sdk/client-sts';
import type { AssumeRoleObservation, CallerIdentityObservation, StsError } from '../model/facts.ts';
import { maskKeyId, type Vault } from '../redact.ts';
import { describeError, errorCode } from '../errors.ts';
import { absorbSecrets, httpRequest } from './http.ts';

interface SmithyRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

export interface StsTarget {
  region: string;
  endpoint: string;
  timeoutMs: number;
  signal: AbortSignal;
  scrub: (s: string) => string;
  /** where every secret of every STS answer goes at once (SecretAccessKey, SessionToken at any status) */
  vault?: Vault;
}

/** A smithy HttpHandler over undici that remembers the last Date header. */
function undiciHandler(t: StsTarget, seen: { date: string | null }) {
  return {
    async handle(request: SmithyRequest): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Uint8Array } }> {
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(request.query ?? {})) {
        if (Array.isArray(v)) for (const x of v) query.append(k, x);
        else if (v !== null && v !== undefined) query.append(k, v);
      }
      const qs = query.toString();
      const port = request.port ? `:${request.port}` : '';
      const url = `${request.protocol}//${request.hostname}${port}${request.path}${qs ? `?${qs}` : ''}`;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers)) if (k.toLowerCase() !== 'host') headers[k] = v;
      const body = typeof request.body === 'string' || request.body instanceof Uint8Array ? request.body : undefined;
      const r = await httpRequest({ method: request.method as 'POST', url, headers, body, timeoutMs: t.timeoutMs, signal: t.signal });
      if (t.vault) absorbSecrets(r, t.vault);
      if (!r.ok) throw Object.assign(new Error(r.message), { code: r.code, unreachable: true });
      seen.date = r.headers['date'] ?? null;
      return { response: { statusCode: r.status, headers: r.headers, body: new Uint8Array(r.body) } };
    },
    updateHttpClientConfig(): void {},
    httpHandlerConfigs(): Record<string, never> {
      return {};
    },
    destroy(): void {},
  };
}

type StsModule = typeof import('./sts-client.ts');
let loading: Promise<StsModule> | undefined;

/** Loads the STS client on first use (most of the bundle's start-up cost); shared promise. */
export function loadSts(): Promise<StsModule> {
  loading ??= import('./sts-client.ts');
  return loading;
}

async function client(t: StsTarget, seen: { date: string | null }, credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<{ sts: StsModule; client: STSClient }> {
  const sts = await loadSts();
  return {
    sts,
    client: new sts.STSClient({
      region: t.region,
      endpoint: t.endpoint,
      maxAttempts: 1,
      // fixed, not read from AWS_DEFAULTS_MODE / defaults_mode: "auto" makes the SDK ask IMDS for
      // the region itself over node:http, outside our handler, its timeouts and its guard
      defaultsMode: 'standard',
      retryMode: 'standard',
      // every setting the client would otherwise load from the environment and ~/.aws/config
      // (@aws-sdk/client-sts runtimeConfig.js loadNodeConfig calls) is given here, so the client
      // reads no file: a huge or hostile config is read once, capped, by gather/files.ts alone
      useFipsEndpoint: false,
      useDualstackEndpoint: false,
      authSchemePreference: [],
      sigv4aSigningRegionSet: [],
      userAgentAppId: async () => undefined,
      // also loaded lazily at signing time (@aws-sdk/core resolveAwsSdkSigV4Config.js); the tool
      // reports a skewed clock (CLOCK_SKEW) rather than correcting for it
      disableClockSkewCorrection: true,
      requestHandler: undiciHandler(t, seen),
      // unsigned calls (web identity) still need a credentials value to satisfy the config
      credentials: credentials ?? { accessKeyId: 'unused', secretAccessKey: 'unused' },
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    }),
  };
}

/** Maps a thrown SDK or transport error to a classified, scrubbed StsError. */
export function stsErrorOf(e: unknown, scrub: (s: string) => string): StsError {
  const o = (typeof e === 'object' && e !== null ? e : {}) as { name?: unknown; unreachable?: unknown; $metadata?: { httpStatusCode?: number }; Code?: unknown };
  const rawStatus: unknown = o.$metadata?.httpStatusCode;
  const status = typeof rawStatus === 'number' && Number.isInteger(rawStatus) ? rawStatus : null;
  if (o.unreachable === true) return { kind: 'unreachable', code: scrub(errorCode(e) ?? 'UNREACHABLE'), message: scrub(describeError(e)), status: null };
  const name = scrub(typeof o.name === 'string' ? o.name : 'Error');
  // the SDK appends a multi-line hint about $response; the first line is the message
  const message = scrub(describeError(e).split('\n')[0] ?? '').slice(0, 500);
  if (status === null || name === 'Error' || name === 'SyntaxError' || (/deserializ|xml|parse/i.test(describeError(e)) && status === 200)) {
    return { kind: 'invalid-response', code: name === 'Error' ? 'INVALID_RESPONSE' : name, message, status };
  }
  // a service-side failure or throttling says nothing about the credentials
  if (status >= 500 || name === 'Throttling' || name === 'ThrottlingException' || name === 'RequestLimitExceeded') {
    return { kind: 'unavailable', code: name, message, status };
  }
  return { kind: 'rejected', code: name, message, status };
}

export async function callGetCallerIdentity(t: StsTarget, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<CallerIdentityObservation> {
  const started = performance.now();
  const seen = { date: null as string | null };
  const base = { endpoint: t.endpoint, region: t.region };
  try {
    const c = await client(t, seen, credentials);
    const out = await c.client.send(new c.sts.GetCallerIdentityCommand({}));
    if (!out.Arn || !out.Account || !out.UserId) {
      // a 200 that is not a GetCallerIdentityResponse: a proxy, a captive portal, a stub
      const missing = (['Arn', 'Account', 'UserId'] as const).filter((k) => !out[k]).join(', ');
      throw Object.assign(new Error(`a 200 answer without ${missing}: not a GetCallerIdentity response`), { name: 'Error', $metadata: { httpStatusCode: 200 } });
    }
    return {
      ok: true,
      ms: Math.round(performance.now() - started),
      ...base,
      arn: out.Arn ?? null,
      account: out.Account ?? null,
      userId: out.UserId ?? null,
      serverDate: seen.date,
      localDate: new Date().toISOString(),
      error: null,
    };
  } catch (e) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      ...base,
      arn: null,
      account: null,
      userId: null,
      serverDate: seen.date,
      localDate: new Date().toISOString(),
      error: stsErrorOf(e, t.scrub),
    };
  }
}

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
type ExchangeResult = { observation: AssumeRoleObservation; credentials: Creds | null };

export function callAssumeRoleWithWebIdentity(t: StsTarget, params: { roleArn: string; sessionName: string; token: string }): Promise<ExchangeResult> {
  return exchange(t, 'web-identity', params.roleArn, async () => {
    const c = await client(t, { date: null });
    return c.client.send(new c.sts.AssumeRoleWithWebIdentityCommand({ RoleArn: params.roleArn, RoleSessionName: params.sessionName, WebIdentityToken: params.token }));
  });
}

export function callAssumeRole(t: StsTarget, source: Creds | undefined, params: { roleArn: string; sessionName: string; externalId: string | null }): Promise<ExchangeResult> {
  return exchange(t, 'assume-role', params.roleArn, async () => {
    if (!source) throw Object.assign(new Error('the source credentials are not available to ecs-cred-doctor'), { unreachable: true, code: 'NO_SOURCE_CREDENTIALS' });
    const c = await client(t, { date: null }, source);
    return c.client.send(new c.sts.AssumeRoleCommand({ RoleArn: params.roleArn, RoleSessionName: params.sessionName, ...(params.externalId ? { ExternalId: params.externalId } : {}) }));
  });
}

async function exchange(
  t: StsTarget,
  kind: AssumeRoleObservation['kind'],
  roleArn: string,
  send: () => Promise<{ Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date }; AssumedRoleUser?: { Arn?: string } }>,
): Promise<ExchangeResult> {
  const started = performance.now();
  try {
    const out = await send();
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw Object.assign(new Error('STS answered without credentials'), { name: 'Error' });
    return {
      observation: {
        kind,
        roleArn,
        ok: true,
        ms: Math.round(performance.now() - started),
        arn: out.AssumedRoleUser?.Arn ?? null,
        accessKeyId: maskKeyId(c.AccessKeyId),
        expiration: c.Expiration ? c.Expiration.toISOString() : null,
        error: null,
      },
      credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}) },
    };
  } catch (e) {
    return {
      observation: { kind, roleArn, ok: false, ms: Math.round(performance.now() - started), arn: null, accessKeyId: null, expiration: null, error: stsErrorOf(e, t.scrub) },
      credentials: null,
    };
  }
}
