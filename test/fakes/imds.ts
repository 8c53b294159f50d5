// A fake EC2 Instance Metadata Service: IMDSv2 session tokens (PUT
// /latest/api/token), IMDSv1 fallback, the instance-profile credential
// listing and document, and the region.
//
// Behaviour mirrored from the documented IMDS contract and the clients that
// depend on it:
// - smithy-lang/smithy-typescript packages/credential-provider-imds
//   src/fromInstanceMetadata.ts: PUT token with x-aws-ec2-metadata-token-ttl-seconds:
//   21600; 400 from the PUT is fatal; 403/404/405 or a timeout fall back to v1;
//   a 401 on GET means "token required / invalid".
// - boto/botocore botocore/utils.py IMDSFetcher._fetch_metadata_token: same
//   header; 200 token, 403/404/405 -> v1, 400 -> BadIMDSRequestError.
// - aws/aws-sdk-go-v2 feature/ec2/imds/api_op_GetToken.go: parses the TTL back
//   from the response's X-Aws-Ec2-Metadata-Token-Ttl-Seconds header and fails
//   without it, so the PUT answer must echo it.
// IMDS itself is closed source: the HTML error pages, "Server: EC2ws", the
// text/plain content type and the 403 on X-Forwarded-For are from observed
// behaviour and AWS documentation, not from source.
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { send, splitTarget, startLoopbackServer } from './loopback-server.ts';
import type { RunningFake } from './loopback-server.ts';
import type { FakeRoleCredentials } from './ecs-agent.ts';

export interface FakeImdsOptions {
  /** The instance profile's role; undefined: the role listing is 404 (no profile attached). */
  roleName?: string;
  /** Served at …/security-credentials/<roleName>; `code` defaults to "Success". */
  credentials?: FakeRoleCredentials & { code?: string };
  /** IMDSv2 only (HttpTokens=required): a GET without a valid token gets 401. */
  requireToken?: boolean;
  /** How PUT /latest/api/token answers; default 'ok'. */
  tokenPut?: 'ok' | 'hang' | 'forbidden' | 'not-found';
  /** Served at meta-data/placement/region and in dynamic/instance-identity/document. */
  region?: string;
}

const TOKEN_PATH = '/latest/api/token';
const TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds';
const TOKEN_HEADER = 'x-aws-ec2-metadata-token';
const CREDENTIALS_PREFIX = '/latest/meta-data/iam/security-credentials/';
const MAX_TOKEN_TTL_SECONDS = 21600;
const FAKE_INSTANCE_ID = 'i-0123456789abcdef0';
const FAKE_ACCOUNT_ID = '123456789012';

function errorPage(status: number, reason: string): string {
  return (
    '<?xml version="1.0" encoding="iso-8859-1"?>\n' +
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n' +
    '\t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n' +
    '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n' +
    ` <head>\n  <title>${status} - ${reason}</title>\n </head>\n` +
    ` <body>\n  <h1>${status} - ${reason}</h1>\n </body>\n` +
    '</html>\n'
  );
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
};

function fail(res: http.ServerResponse, status: number): void {
  send(res, status, errorPage(status, REASONS[status] ?? 'Error'), { 'Content-Type': 'text/html', Server: 'EC2ws' });
}

function ok(res: http.ServerResponse, body: string, headers: Record<string, string> = {}): void {
  // IMDS labels everything text/plain, JSON documents included.
  send(res, 200, body, { 'Content-Type': 'text/plain', Server: 'EC2ws', ...headers });
}

/** IMDS pretty-prints its JSON with `"Key" : value` pairs; clients must not care, but match it anyway. */
function imdsJson(fields: [string, string][]): string {
  return `{\n${fields.map(([k, v]) => `  ${JSON.stringify(k)} : ${JSON.stringify(v)}`).join(',\n')}\n}`;
}

function nowRfc3339(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function accountOf(roleArn: string | undefined): string {
  return /^arn:[^:]+:iam::(\d{12}):/.exec(roleArn ?? '')?.[1] ?? FAKE_ACCOUNT_ID;
}

export async function startImds(options: FakeImdsOptions): Promise<RunningFake> {
  const tokens = new Map<string, number>(); // token -> expiry (ms since epoch)

  const handlePut = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    switch (options.tokenPut ?? 'ok') {
      case 'hang':
        return; // never answered; close() destroys the socket
      case 'forbidden':
        fail(res, 403);
        return;
      case 'not-found':
        fail(res, 404);
        return;
      case 'ok':
        break;
    }
    // IMDS refuses token requests that went through a proxy (defence against SSRF).
    if (req.headers['x-forwarded-for'] !== undefined) {
      fail(res, 403);
      return;
    }
    const ttlText = req.headers[TTL_HEADER];
    const ttl = typeof ttlText === 'string' && /^\d+$/.test(ttlText) ? Number(ttlText) : NaN;
    if (!(ttl >= 1 && ttl <= MAX_TOKEN_TTL_SECONDS)) {
      fail(res, 400);
      return;
    }
    const token = randomBytes(42).toString('base64');
    tokens.set(token, Date.now() + ttl * 1000);
    ok(res, token, { [TTL_HEADER]: String(ttl) });
  };

  /** undefined when the request may proceed, else the status to refuse it with. */
  const tokenProblem = (req: http.IncomingMessage): number | undefined => {
    const token = req.headers[TOKEN_HEADER];
    if (token === undefined) return options.requireToken === true ? 401 : undefined;
    const expiry = typeof token === 'string' ? tokens.get(token) : undefined;
    // A presented token must be valid even when v1 is allowed.
    return expiry !== undefined && expiry > Date.now() ? undefined : 401;
  };

  const handleGet = (pathname: string, res: http.ServerResponse): void => {
    const { roleName, credentials, region } = options;
    if (pathname === CREDENTIALS_PREFIX || pathname === CREDENTIALS_PREFIX.slice(0, -1)) {
      if (roleName === undefined) fail(res, 404);
      else ok(res, roleName);
      return;
    }
    if (pathname.startsWith(CREDENTIALS_PREFIX)) {
      const requested = pathname.slice(CREDENTIALS_PREFIX.length);
      if (roleName === undefined || credentials === undefined || requested !== roleName) {
        fail(res, 404);
        return;
      }
      ok(
        res,
        imdsJson([
          ['Code', credentials.code ?? 'Success'],
          ['LastUpdated', nowRfc3339()],
          ['Type', 'AWS-HMAC'],
          ['AccessKeyId', credentials.accessKeyId],
          ['SecretAccessKey', credentials.secretAccessKey],
          ['Token', credentials.sessionToken],
          ['Expiration', credentials.expiration],
        ]),
      );
      return;
    }
    if (pathname === '/latest/meta-data/iam/info' && roleName !== undefined) {
      const account = accountOf(credentials?.roleArn);
      ok(
        res,
        imdsJson([
          ['Code', 'Success'],
          ['LastUpdated', nowRfc3339()],
          ['InstanceProfileArn', `arn:aws:iam::${account}:instance-profile/${roleName}`],
          ['InstanceProfileId', 'AIPAEXAMPLEINSTANCEPROF'],
        ]),
      );
      return;
    }
    if (pathname === '/latest/meta-data/placement/region' && region !== undefined) {
      ok(res, region);
      return;
    }
    if (pathname === '/latest/meta-data/instance-id') {
      ok(res, FAKE_INSTANCE_ID);
      return;
    }
    if (pathname === '/latest/dynamic/instance-identity/document' && region !== undefined) {
      const document = {
        accountId: accountOf(credentials?.roleArn),
        architecture: 'x86_64',
        availabilityZone: `${region}a`,
        imageId: 'ami-0123456789abcdef0',
        instanceId: FAKE_INSTANCE_ID,
        instanceType: 't3.micro',
        pendingTime: '2024-01-01T00:00:00Z',
        privateIp: '10.0.0.10',
        region,
        version: '2017-09-30',
      };
      ok(res, JSON.stringify(document, null, 2));
      return;
    }
    fail(res, 404);
  };

  return startLoopbackServer((req, _body, res) => {
    const { pathname } = splitTarget(req.url ?? '/');
    if (pathname === TOKEN_PATH) {
      if (req.method === 'PUT') handlePut(req, res);
      else fail(res, 405); // tokens are only ever PUT (status for other methods not verified)
      return;
    }
    const refused = tokenProblem(req);
    if (refused !== undefined) {
      fail(res, refused);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      fail(res, 404);
      return;
    }
    handleGet(pathname, res);
  });
}
