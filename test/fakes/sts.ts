// A fake AWS STS speaking the Query protocol (form-encoded requests, XML
// answers in the 2011-06-15 namespace) that really verifies SigV4, so a test
// proves that the credentials our code found actually sign, not merely exist.
//
// Shapes follow the STS API reference (GetCallerIdentity, AssumeRole,
// AssumeRoleWithWebIdentity response examples, and the common
// <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/> envelope).
// STS is closed source: error codes match the API reference and the SDK's
// error model (e.g. wire code InvalidIdentityToken is modeled as
// InvalidIdentityTokenException); the message strings (clock skew,
// MissingAuthenticationToken, InvalidIdentityToken, InternalFailure) are
// copied from responses seen in the wild.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { send, splitTarget, startLoopbackServer } from './loopback-server.ts';
import type { RunningFake } from './loopback-server.ts';
import { formatAmzDate, parseAmzDate, parseAuthorization, rawHeaderValue, requestAmzDate, verifySignature } from './sigv4.ts';

export interface FakeStsIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests must carry exactly this X-Amz-Security-Token; when unset, none. */
  sessionToken?: string;
  arn: string;
  account: string;
  userId: string;
  /** Answer ExpiredToken for any request signed with this key. */
  expired?: boolean;
}

export interface FakeStsOptions {
  identities: FakeStsIdentity[];
  /** AssumeRoleWithWebIdentity: token and RoleArn must match; the issued identity becomes usable for signing. */
  webIdentity?: { token: string; roleArn: string; issue: FakeStsIdentity }[];
  /** AssumeRole (signed by any known identity): the issued identity becomes usable for signing. */
  assumeRole?: { roleArn: string; issue: FakeStsIdentity }[];
  /** Added to the server clock: shifts the Date header and the skew check. */
  clockOffsetMs?: number;
  behaviour?: 'normal' | 'hang' | 'throttle' | 'server-error' | 'malformed-xml';
}

export interface StsCall {
  action: string;
  /** From the Authorization credential scope; undefined for unsigned calls. */
  accessKeyId?: string;
  region?: string;
}

export type RunningSts = RunningFake & { calls: StsCall[] };

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const API_VERSION = '2011-06-15';
// AWS rejects SigV4 requests whose signing time is more than 15 minutes away
// from the server clock.
const MAX_SKEW_MS = 15 * 60_000;
const ISSUED_CREDENTIALS_LIFETIME_MS = 60 * 60_000;

class StsError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'Sender' | 'Receiver',
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const invalidClientTokenId = (): StsError => new StsError(403, 'Sender', 'InvalidClientTokenId', 'The security token included in the request is invalid.');

const signatureDoesNotMatch = (): StsError =>
  new StsError(
    403,
    'Sender',
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. ' + 'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  );

function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** `<Name>value</Name>` with the value escaped, indented for readability. */
function el(name: string, value: string, indent: string): string {
  return `${indent}<${name}>${xmlEscape(value)}</${name}>\n`;
}

function successXml(action: string, result: string, requestId: string): string {
  return `<${action}Response xmlns="${NAMESPACE}">\n` + `  <${action}Result>\n${result}  </${action}Result>\n` + `  <ResponseMetadata>\n${el('RequestId', requestId, '    ')}  </ResponseMetadata>\n` + `</${action}Response>\n`;
}

function errorXml(error: StsError, requestId: string): string {
  return `<ErrorResponse xmlns="${NAMESPACE}">\n  <Error>\n${el('Type', error.type, '    ')}${el('Code', error.code, '    ')}${el('Message', error.message, '    ')}  </Error>\n${el('RequestId', requestId, '  ')}</ErrorResponse>\n`;
}

/** The parameters of a Query-protocol call: URL query merged with a form-encoded body (body wins). */
function queryParameters(req: http.IncomingMessage, body: Buffer): URLSearchParams {
  const params = splitTarget(req.url ?? '/').query;
  if (body.length > 0) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.set(key, value);
  }
  return params;
}

function requireParameters(params: URLSearchParams, names: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const [param, member] of Object.entries(names)) {
    const value = params.get(param);
    if (value === null || value === '') missing.push(member);
    else values[param] = value;
  }
  if (missing.length > 0) {
    const details = missing.map((m) => `Value null at '${m}' failed to satisfy constraint: Member must not be null`);
    const count = missing.length === 1 ? '1 validation error' : `${missing.length} validation errors`;
    throw new StsError(400, 'Sender', 'ValidationError', `${count} detected: ${details.join('; ')}`);
  }
  return values;
}

/** Best-effort claims of a JWT web identity token, for the response fields that echo them. */
function jwtClaims(token: string): { sub?: string; aud?: string; iss?: string } {
  const payload = token.split('.')[1];
  if (payload === undefined) return {};
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return {};
    const record = claims as Record<string, unknown>;
    const aud = Array.isArray(record.aud) ? record.aud[0] : record.aud;
    return {
      ...(typeof record.sub === 'string' ? { sub: record.sub } : {}),
      ...(typeof aud === 'string' ? { aud } : {}),
      ...(typeof record.iss === 'string' ? { iss: record.iss } : {}),
    };
  } catch {
    return {};
  }
}

export async function startSts(options: FakeStsOptions): Promise<RunningSts> {
  const identities = new Map(options.identities.map((identity) => [identity.accessKeyId, identity]));
  const calls: StsCall[] = [];
  const offset = options.clockOffsetMs ?? 0;
  const serverNow = (): Date => new Date(Date.now() + offset);

  /** Checks the request's SigV4 header against the identities we know, in the order AWS reports problems. */
  function authenticate(req: http.IncomingMessage, body: Buffer, now: Date): FakeStsIdentity {
    const header = req.headers.authorization;
    if (header === undefined) {
      throw new StsError(403, 'Sender', 'MissingAuthenticationToken', 'Request is missing Authentication Token');
    }
    const auth = parseAuthorization(header);
    if (typeof auth === 'string') throw new StsError(400, 'Sender', 'IncompleteSignature', auth);

    const identity = identities.get(auth.accessKeyId);
    if (identity === undefined) throw invalidClientTokenId();
    // A session token that does not belong to the key is reported as an invalid token, not a bad signature.
    if (rawHeaderValue(req.rawHeaders, 'x-amz-security-token') !== identity.sessionToken) throw invalidClientTokenId();
    if (identity.expired === true) {
      throw new StsError(400, 'Sender', 'ExpiredToken', 'The security token included in the request is expired');
    }

    const amzDate = requestAmzDate(req.rawHeaders);
    const signedAt = amzDate === undefined ? undefined : parseAmzDate(amzDate);
    if (amzDate === undefined || signedAt === undefined) {
      throw new StsError(400, 'Sender', 'IncompleteSignature', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    const nowText = formatAmzDate(now);
    if (signedAt.getTime() < now.getTime() - MAX_SKEW_MS) {
      const earliest = formatAmzDate(new Date(now.getTime() - MAX_SKEW_MS));
      throw new StsError(403, 'Sender', 'SignatureDoesNotMatch', `Signature expired: ${amzDate} is now earlier than ${earliest} (${nowText} - 15 min.)`);
    }
    if (signedAt.getTime() > now.getTime() + MAX_SKEW_MS) {
      const latest = formatAmzDate(new Date(now.getTime() + MAX_SKEW_MS));
      throw new StsError(403, 'Sender', 'SignatureDoesNotMatch', `Signature not yet current: ${amzDate} is still later than ${latest} (${nowText} + 15 min.)`);
    }
    if (auth.scopeDate !== amzDate.slice(0, 8)) {
      throw new StsError(403, 'Sender', 'SignatureDoesNotMatch', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${amzDate.slice(0, 8)}', from 'X-Amz-Date'.`);
    }
    if (auth.service !== 'sts') {
      throw new StsError(403, 'Sender', 'SignatureDoesNotMatch', "Credential should be scoped to correct service: 'sts'. ");
    }
    if (auth.terminator !== 'aws4_request') {
      throw new StsError(403, 'Sender', 'SignatureDoesNotMatch', "Credential should be scoped with a valid terminator: 'aws4_request'.");
    }

    const verdict = verifySignature({ method: req.method ?? 'GET', target: req.url ?? '/', rawHeaders: req.rawHeaders, body }, auth, amzDate, identity.secretAccessKey);
    if (!verdict.ok) throw signatureDoesNotMatch();
    return identity;
  }

  /** Registers an issued identity (so it can sign later calls) and renders its <Credentials>. */
  function issue(identity: FakeStsIdentity, now: Date): string {
    identities.set(identity.accessKeyId, identity);
    const expiration = new Date(now.getTime() + (identity.expired === true ? -1 : 1) * ISSUED_CREDENTIALS_LIFETIME_MS);
    return (
      `    <AssumedRoleUser>\n${el('Arn', identity.arn, '      ')}${el('AssumedRoleId', identity.userId, '      ')}    </AssumedRoleUser>\n` +
      `    <Credentials>\n` +
      el('AccessKeyId', identity.accessKeyId, '      ') +
      el('SecretAccessKey', identity.secretAccessKey, '      ') +
      el('SessionToken', identity.sessionToken ?? '', '      ') +
      el('Expiration', expiration.toISOString().replace(/\.\d{3}Z$/, 'Z'), '      ') +
      `    </Credentials>\n`
    );
  }

  function dispatch(action: string, params: URLSearchParams, req: http.IncomingMessage, body: Buffer, now: Date): string {
    switch (action) {
      case 'GetCallerIdentity': {
        const identity = authenticate(req, body, now);
        return el('Arn', identity.arn, '    ') + el('UserId', identity.userId, '    ') + el('Account', identity.account, '    ');
      }
      case 'AssumeRole': {
        const caller = authenticate(req, body, now);
        const { RoleArn: roleArn = '' } = requireParameters(params, { RoleArn: 'roleArn', RoleSessionName: 'roleSessionName' });
        const grant = options.assumeRole?.find((g) => g.roleArn === roleArn);
        if (grant === undefined) {
          throw new StsError(403, 'Sender', 'AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
        }
        return issue(grant.issue, now);
      }
      case 'AssumeRoleWithWebIdentity': {
        // Unsigned by design: the web identity token is the credential.
        const { RoleArn: roleArn = '', WebIdentityToken: token = '' } = requireParameters(params, {
          RoleArn: 'roleArn',
          RoleSessionName: 'roleSessionName',
          WebIdentityToken: 'webIdentityToken',
        });
        const forToken = (options.webIdentity ?? []).filter((g) => g.token === token);
        if (forToken.length === 0) {
          throw new StsError(400, 'Sender', 'InvalidIdentityToken', "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements");
        }
        const grant = forToken.find((g) => g.roleArn === roleArn);
        if (grant === undefined) {
          throw new StsError(403, 'Sender', 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
        }
        const claims = jwtClaims(token);
        return (
          el('SubjectFromWebIdentityToken', claims.sub ?? 'fake-subject', '    ') +
          el('Audience', claims.aud ?? 'sts.amazonaws.com', '    ') +
          issue(grant.issue, now) +
          el('Provider', claims.iss?.replace(/^https:\/\//, '') ?? 'fake-provider', '    ')
        );
      }
      default:
        throw new StsError(400, 'Sender', 'InvalidAction', `Could not find operation ${action} for version ${API_VERSION}`);
    }
  }

  const fake = await startLoopbackServer((req, body, res) => {
    const now = serverNow();
    const requestId = randomUUID();
    const params = queryParameters(req, body);
    const action = params.get('Action') ?? '';

    const header = req.headers.authorization;
    const auth = header === undefined ? undefined : parseAuthorization(header);
    calls.push({
      action,
      ...(auth !== undefined && typeof auth !== 'string' ? { accessKeyId: auth.accessKeyId, region: auth.region } : {}),
    });

    const headers = { 'Content-Type': 'text/xml', Date: now.toUTCString(), 'x-amzn-RequestId': requestId };
    const fail = (error: StsError): void => send(res, error.status, errorXml(error, requestId), headers);

    switch (options.behaviour ?? 'normal') {
      case 'hang':
        return; // never answered; close() destroys the socket
      case 'throttle':
        fail(new StsError(400, 'Sender', 'Throttling', 'Rate exceeded'));
        return;
      case 'server-error':
        fail(new StsError(500, 'Receiver', 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.'));
        return;
      case 'malformed-xml':
        // What a misbehaving proxy might return with a 200: a truncated document.
        send(res, 200, `<${action || 'GetCallerIdentity'}Response xmlns="${NAMESPACE}">\n  <${action || 'GetCallerIdentity'}Result>\n    <Arn>arn:aws:iam::`, headers);
        return;
      case 'normal':
        break;
    }

    try {
      send(res, 200, successXml(action, dispatch(action, params, req, body, now), requestId), headers);
    } catch (error) {
      if (error instanceof StsError) fail(error);
      else throw error;
    }
  });

  return { ...fake, calls };
}
