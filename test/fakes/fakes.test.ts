// Tests for the test infrastructure itself: the fakes must behave like the
// real endpoints (checked with the real AWS SDK where it matters), and the
// network guard must stop non-loopback connections before anything is sent.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromHttp, fromInstanceMetadata } from '@aws-sdk/credential-providers';
import { afterEach, describe, expect, it } from 'vitest';
import { connectTarget, isAllowedHost, isNetGuardInstalled, NET_GUARD_ERROR_CODE, takeBlockedAttempts } from '../setup/net-guard.ts';
import { startEcsAgent } from './ecs-agent.ts';
import type { CredentialsBehaviour, FakeRoleCredentials, RunningFake } from './ecs-agent.ts';
import { startImds } from './imds.ts';
import { formatAmzDate, sha256Hex, signRequest } from './sigv4.ts';
import { startSts } from './sts.ts';
import type { FakeStsIdentity, FakeStsOptions, RunningSts } from './sts.ts';

const running: RunningFake[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((fake) => fake.close()));
});

async function track<T extends RunningFake>(fake: Promise<T>): Promise<T> {
  const started = await fake;
  running.push(started);
  return started;
}

// ---------------------------------------------------------------- fake STS

const USER: FakeStsIdentity = {
  accessKeyId: 'AKIAFAKEUSER00000001',
  secretAccessKey: 'user-secret-key/with+chars',
  arn: 'arn:aws:iam::111122223333:user/alice',
  account: '111122223333',
  userId: 'AIDAFAKEUSER00000001',
};
const SESSION: FakeStsIdentity = {
  accessKeyId: 'ASIAFAKESESSION00001',
  secretAccessKey: 'session-secret',
  sessionToken: 'session-token-1',
  arn: 'arn:aws:sts::111122223333:assumed-role/task-role/abc',
  account: '111122223333',
  userId: 'AROAFAKE:abc',
};
const EXPIRED: FakeStsIdentity = { ...SESSION, accessKeyId: 'ASIAFAKEEXPIRED00001', sessionToken: 'old-token', expired: true };
const ISSUED: FakeStsIdentity = {
  accessKeyId: 'ASIAFAKEISSUED000001',
  secretAccessKey: 'issued-secret',
  sessionToken: 'issued-token',
  arn: 'arn:aws:sts::444455556666:assumed-role/web-role/sess',
  account: '444455556666',
  userId: 'AROAWEB:sess',
};
const WEB_ROLE = 'arn:aws:iam::444455556666:role/web-role';

function stsClient(fake: RunningFake, identity: Pick<FakeStsIdentity, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>, maxAttempts = 1): STSClient {
  return new STSClient({
    endpoint: fake.url,
    region: 'eu-west-1',
    maxAttempts,
    credentials: {
      accessKeyId: identity.accessKeyId,
      secretAccessKey: identity.secretAccessKey,
      ...(identity.sessionToken !== undefined ? { sessionToken: identity.sessionToken } : {}),
    },
  });
}

async function sdkError(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the SDK call to fail');
}

function startFakeSts(options: Partial<FakeStsOptions> = {}): Promise<RunningSts> {
  return track(startSts({ identities: [USER, SESSION, EXPIRED], ...options }));
}

describe('fake STS', () => {
  it('accepts a request signed by the real SDK and answers GetCallerIdentity', async () => {
    const sts = await startFakeSts();
    const out = await stsClient(sts, USER).send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Arn: USER.arn, Account: USER.account, UserId: USER.userId });
    expect(sts.calls).toEqual([{ action: 'GetCallerIdentity', accessKeyId: USER.accessKeyId, region: 'eu-west-1' }]);
    expect(sts.requests[0]?.method).toBe('POST');
  });

  it('accepts session credentials and rejects a session token that is not theirs', async () => {
    const sts = await startFakeSts();
    await expect(stsClient(sts, SESSION).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Arn: SESSION.arn });
    const wrongToken = await sdkError(stsClient(sts, { ...SESSION, sessionToken: 'other' }).send(new GetCallerIdentityCommand({})));
    expect(wrongToken).toEqual({ name: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.', status: 403 });
    const noToken = await sdkError(stsClient(sts, { accessKeyId: SESSION.accessKeyId, secretAccessKey: SESSION.secretAccessKey }).send(new GetCallerIdentityCommand({})));
    expect(noToken.name).toBe('InvalidClientTokenId');
  });

  it('rejects a wrong secret with SignatureDoesNotMatch', async () => {
    const sts = await startFakeSts();
    const error = await sdkError(stsClient(sts, { ...USER, secretAccessKey: 'not-the-secret' }).send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe('SignatureDoesNotMatch');
    expect(error.status).toBe(403);
    expect(error.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
  });

  it('rejects an unknown access key with InvalidClientTokenId', async () => {
    const sts = await startFakeSts();
    const error = await sdkError(stsClient(sts, { ...USER, accessKeyId: 'AKIAUNKNOWN000000000' }).send(new GetCallerIdentityCommand({})));
    expect(error).toEqual({ name: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.', status: 403 });
  });

  it('rejects expired credentials with ExpiredToken', async () => {
    const sts = await startFakeSts();
    const error = await sdkError(stsClient(sts, EXPIRED).send(new GetCallerIdentityCommand({})));
    expect(error).toEqual({ name: 'ExpiredToken', message: 'The security token included in the request is expired', status: 400 });
  });

  it('shifts its Date header by clockOffsetMs and answers with request ids and text/xml', async () => {
    const offset = 2 * 60 * 60_000;
    const sts = await startFakeSts({ clockOffsetMs: offset });
    const res = await fetch(`${sts.url}/`, { method: 'POST', body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    const serverDate = Date.parse(res.headers.get('date') ?? '');
    expect(Math.abs(serverDate - (Date.now() + offset))).toBeLessThan(5_000);
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('content-type')).toBe('text/xml');
    await res.text();
  });

  it('rejects a skewed signature like real STS, and the SDK recovers using the Date header', async () => {
    const ahead = await startFakeSts({ clockOffsetMs: 30 * 60_000 });
    const expired = await sdkError(stsClient(ahead, USER).send(new GetCallerIdentityCommand({})));
    expect(expired.name).toBe('SignatureDoesNotMatch');
    expect(expired.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);

    const behind = await startFakeSts({ clockOffsetMs: -30 * 60_000 });
    const early = await sdkError(stsClient(behind, USER).send(new GetCallerIdentityCommand({})));
    expect(early.message).toMatch(/^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/);

    // With retries the SDK corrects its clock from our Date header and the second attempt passes.
    const recovering = await startFakeSts({ clockOffsetMs: 30 * 60_000 });
    await expect(stsClient(recovering, USER, 3).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Arn: USER.arn });
    expect(recovering.calls).toHaveLength(2);
  });

  it('answers errors in the real ErrorResponse XML shape', async () => {
    const sts = await startFakeSts();
    const res = await fetch(`${sts.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(res.status).toBe(403);
    const body = await res.text();
    const requestId = res.headers.get('x-amzn-requestid') ?? '';
    expect(body).toBe(
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n' +
        '  <Error>\n' +
        '    <Type>Sender</Type>\n' +
        '    <Code>MissingAuthenticationToken</Code>\n' +
        '    <Message>Request is missing Authentication Token</Message>\n' +
        '  </Error>\n' +
        `  <RequestId>${requestId}</RequestId>\n` +
        '</ErrorResponse>\n',
    );
  });

  it('accepts a hand-signed GET with query parameters and rejects unknown actions', async () => {
    const sts = await startFakeSts();
    const amzDate = formatAmzDate(new Date());
    const host = `127.0.0.1:${sts.port}`;
    const target = '/?Version=2011-06-15&Action=GetCallerIdentity';
    const headers = { host, 'x-amz-date': amzDate };
    const authorization = signRequest({ method: 'GET', target, headers, body: Buffer.alloc(0) }, USER, 'us-east-1', 'sts', amzDate);
    const res = await fetch(`${sts.url}${target}`, { headers: { 'x-amz-date': amzDate, authorization } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`<Arn>${USER.arn}</Arn>`);
    expect(sts.calls.at(-1)).toEqual({ action: 'GetCallerIdentity', accessKeyId: USER.accessKeyId, region: 'us-east-1' });

    const bogus = await fetch(`${sts.url}/?Action=DescribeEverything`);
    expect(bogus.status).toBe(400);
    expect(await bogus.text()).toContain('<Code>InvalidAction</Code>');
  });

  it('exchanges a web identity token, then accepts the issued credentials', async () => {
    const sts = await startFakeSts({ webIdentity: [{ token: 'jwt-token', roleArn: WEB_ROLE, issue: ISSUED }] });
    // Issued keys do not exist until STS has issued them.
    expect((await sdkError(stsClient(sts, ISSUED).send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');

    const anonymous = stsClient(sts, USER);
    const unknownToken = await sdkError(anonymous.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: WEB_ROLE, RoleSessionName: 's', WebIdentityToken: 'nope' })));
    // Wire code InvalidIdentityToken; the SDK's modeled exception for it is named ...Exception.
    expect(unknownToken).toMatchObject({ name: 'InvalidIdentityTokenException', status: 400 });
    const wrongRole = await sdkError(anonymous.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: 'arn:aws:iam::1:role/x', RoleSessionName: 's', WebIdentityToken: 'jwt-token' })));
    expect(wrongRole).toEqual({ name: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity', status: 403 });

    const out = await anonymous.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: WEB_ROLE, RoleSessionName: 'sess', WebIdentityToken: 'jwt-token' }));
    expect(out.Credentials).toMatchObject({ AccessKeyId: ISSUED.accessKeyId, SecretAccessKey: ISSUED.secretAccessKey, SessionToken: ISSUED.sessionToken });
    expect(out.Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now());
    expect(out.AssumedRoleUser).toEqual({ Arn: ISSUED.arn, AssumedRoleId: ISSUED.userId });

    await expect(stsClient(sts, ISSUED).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Arn: ISSUED.arn, Account: ISSUED.account });
    // The SDK sends AssumeRoleWithWebIdentity unsigned (smithy.api#noAuth): the token is the credential.
    expect(sts.calls.filter((c) => c.action === 'AssumeRoleWithWebIdentity')).toEqual([{ action: 'AssumeRoleWithWebIdentity' }, { action: 'AssumeRoleWithWebIdentity' }, { action: 'AssumeRoleWithWebIdentity' }]);
  });

  it('lets a known identity AssumeRole only into granted roles', async () => {
    const sts = await startFakeSts({ assumeRole: [{ roleArn: WEB_ROLE, issue: ISSUED }] });
    const denied = await sdkError(stsClient(sts, USER).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::1:role/nope', RoleSessionName: 's' })));
    expect(denied).toEqual({
      name: 'AccessDenied',
      message: `User: ${USER.arn} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::1:role/nope`,
      status: 403,
    });
    const out = await stsClient(sts, USER).send(new AssumeRoleCommand({ RoleArn: WEB_ROLE, RoleSessionName: 's' }));
    expect(out.Credentials?.AccessKeyId).toBe(ISSUED.accessKeyId);
    await expect(stsClient(sts, ISSUED).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Arn: ISSUED.arn });
    // AssumeRole itself must be signed by a known identity.
    const unsigned = await sdkError(stsClient(sts, { ...USER, accessKeyId: 'AKIANOBODY0000000000' }).send(new AssumeRoleCommand({ RoleArn: WEB_ROLE, RoleSessionName: 's' })));
    expect(unsigned.name).toBe('InvalidClientTokenId');
  });

  it('throttles, fails, and returns broken XML on demand', async () => {
    const throttling = await startFakeSts({ behaviour: 'throttle' });
    expect(await sdkError(stsClient(throttling, USER).send(new GetCallerIdentityCommand({})))).toEqual({
      name: 'Throttling',
      message: 'Rate exceeded',
      status: 400,
    });
    const failing = await startFakeSts({ behaviour: 'server-error' });
    expect(await sdkError(stsClient(failing, USER).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InternalFailure', status: 500 });
    const broken = await startFakeSts({ behaviour: 'malformed-xml' });
    const parseError = await sdkError(stsClient(broken, USER).send(new GetCallerIdentityCommand({})));
    expect(parseError.status).toBe(200);
    expect(parseError.message).toMatch(/XML parse error[\s\S]*Deserialization error/);
  });

  it('hangs until closed without leaking the socket', async () => {
    const sts = await startFakeSts({ behaviour: 'hang' });
    const error = await sdkError(stsClient(sts, USER).send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(300) }));
    expect(error.name).toMatch(/Abort|Timeout/);
    expect(sts.calls).toEqual([{ action: 'GetCallerIdentity', accessKeyId: USER.accessKeyId, region: 'eu-west-1' }]);
    await sts.close(); // must resolve even though a request is still open
  });
});

// ------------------------------------------------------------ fake ECS agent

const ROLE_CREDS: FakeRoleCredentials = {
  accessKeyId: 'ASIAFAKETASKROLE0001',
  secretAccessKey: 'task-secret',
  sessionToken: 'task-token',
  expiration: '2099-01-01T00:00:00Z',
  roleArn: 'arn:aws:iam::111122223333:role/task-role',
};

function startAgent(routes: Record<string, CredentialsBehaviour>, extra: { requiredAuthorization?: string; taskMetadata?: Record<string, unknown> } = {}): Promise<RunningFake> {
  return track(startEcsAgent({ routes, ...extra }));
}

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await fetch(url, { headers });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

describe('fake ECS agent', () => {
  it('serves credentials as the agent marshals them', async () => {
    const { roleArn: _omitted, ...withoutArn } = ROLE_CREDS;
    const agent = await startAgent({
      '/v2/credentials/good': { kind: 'ok', credentials: ROLE_CREDS },
      '/v2/credentials/no-arn': { kind: 'ok', credentials: withoutArn },
    });
    const res = await get(`${agent.url}/v2/credentials/good`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.body).toBe('{"RoleArn":"arn:aws:iam::111122223333:role/task-role","AccessKeyId":"ASIAFAKETASKROLE0001",' + '"SecretAccessKey":"task-secret","Token":"task-token","Expiration":"2099-01-01T00:00:00Z"}');
    expect(JSON.parse((await get(`${agent.url}/v2/credentials/no-arn`)).body)).not.toHaveProperty('RoleArn');
    expect(agent.requests.map((r) => r.path)).toEqual(['/v2/credentials/good', '/v2/credentials/no-arn']);
  });

  it('answers each agent error with the real status and JSON body', async () => {
    const agent = await startAgent({
      '/v2/credentials/a': { kind: 'agent-error', code: 'NoIdInRequest' },
      '/v2/credentials/b': { kind: 'agent-error', code: 'InvalidIdInRequest' },
      '/v2/credentials/c': { kind: 'agent-error', code: 'CredentialsUninitialized' },
      '/v2/credentials/d': { kind: 'agent-error', code: 'InternalServerError' },
      '/v1/credentials?id=e': { kind: 'agent-error', code: 'CredentialsUninitialized' },
    });
    const cases: [string, number, string][] = [
      ['/v2/credentials/a', 400, '{"code":"NoIdInRequest","message":"CredentialsV2Request: No Credential ID in the request","HTTPErrorCode":400}'],
      ['/v2/credentials/b', 400, '{"code":"InvalidIdInRequest","message":"CredentialsV2Request: Credentials not found","HTTPErrorCode":400}'],
      ['/v2/credentials/c', 503, '{"code":"CredentialsUninitialized","message":"CredentialsV2Request: Credentials uninitialized for ID","HTTPErrorCode":503}'],
      ['/v2/credentials/d', 500, '{"code":"InternalServerError","message":"Internal server error","HTTPErrorCode":500}'],
      ['/v1/credentials?id=e', 503, '{"code":"CredentialsUninitialized","message":"CredentialsV1Request: Credentials uninitialized for ID","HTTPErrorCode":503}'],
    ];
    for (const [target, status, body] of cases) {
      const res = await get(`${agent.url}${target}`);
      expect({ target, status: res.status, body: res.body, type: res.headers.get('content-type') }).toEqual({ target, status, body, type: 'application/json' });
    }
  });

  it('answers unrouted credential paths like the agent answers unknown or missing IDs', async () => {
    const agent = await startAgent({});
    expect(await get(`${agent.url}/v2/credentials/unknown-id`)).toMatchObject({
      status: 400,
      body: '{"code":"InvalidIdInRequest","message":"CredentialsV2Request: Credentials not found","HTTPErrorCode":400}',
    });
    expect(await get(`${agent.url}/v2/credentials/`)).toMatchObject({
      status: 400,
      body: '{"code":"NoIdInRequest","message":"CredentialsV2Request: No Credential ID in the request","HTTPErrorCode":400}',
    });
    expect(await get(`${agent.url}/v1/credentials`)).toMatchObject({
      status: 400,
      body: '{"code":"NoIdInRequest","message":"CredentialsV1Request: No Credential ID in the request","HTTPErrorCode":400}',
    });
    expect(await get(`${agent.url}/v1/credentials?id=zzz`)).toMatchObject({ status: 400, body: expect.stringContaining('"CredentialsV1Request: Credentials not found"') });
    expect(await get(`${agent.url}/v2/credentials`)).toMatchObject({ status: 404, body: '404 page not found\n' });
  });

  it('throttles, 404s, and sends raw answers verbatim', async () => {
    const agent = await startAgent({
      '/v2/credentials/t': { kind: 'throttled' },
      '/v2/credentials/n': { kind: 'not-found' },
      '/v2/credentials/r': { kind: 'raw', status: 502, body: '<html>bad gateway</html>', headers: { 'content-type': 'text/html' } },
      '/': { kind: 'introspection' },
    });
    const throttled = await get(`${agent.url}/v2/credentials/t`);
    expect(throttled).toMatchObject({ status: 429, body: 'You have reached maximum request limit.' });
    expect(throttled.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const notFound = await get(`${agent.url}/v2/credentials/n`);
    expect(notFound).toMatchObject({ status: 404, body: '404 page not found\n' });
    expect(notFound.headers.get('x-content-type-options')).toBe('nosniff');
    const raw = await get(`${agent.url}/v2/credentials/r`);
    expect(raw).toMatchObject({ status: 502, body: '<html>bad gateway</html>' });
    expect(raw.headers.get('content-type')).toBe('text/html');
    expect(JSON.parse((await get(`${agent.url}/`)).body)).toEqual({ AvailableCommands: ['/v1/metadata', '/v1/tasks', '/license'] });
  });

  it('hangs (until closed) and resets connections', async () => {
    const agent = await startAgent({ '/v2/credentials/h': { kind: 'hang' }, '/v2/credentials/x': { kind: 'reset' } });
    await expect(fetch(`${agent.url}/v2/credentials/h`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    const reset = await fetch(`${agent.url}/v2/credentials/x`).then(
      () => undefined,
      (error: unknown) => error as Error & { cause?: { code?: string } },
    );
    expect(reset?.cause?.code).toMatch(/ECONNRESET|UND_ERR_SOCKET/);
    expect(agent.requests).toHaveLength(2);
    await agent.close();
  });

  it('requires the exact Authorization header when configured, as the real SDK sends it', async () => {
    const agent = await startAgent({ '/v1/credentials': { kind: 'ok', credentials: ROLE_CREDS } }, { requiredAuthorization: 'Bearer pod-token' });
    expect((await get(`${agent.url}/v1/credentials`)).status).toBe(401);
    expect((await get(`${agent.url}/v1/credentials`, { authorization: 'Bearer other' })).status).toBe(401);
    expect((await get(`${agent.url}/v1/credentials`, { authorization: 'Bearer pod-token' })).status).toBe(200);

    const provider = fromHttp({ awsContainerCredentialsFullUri: `${agent.url}/v1/credentials`, awsContainerAuthorizationToken: 'Bearer pod-token' });
    await expect(provider()).resolves.toMatchObject({ accessKeyId: ROLE_CREDS.accessKeyId, sessionToken: ROLE_CREDS.sessionToken });
    expect(agent.requests.at(-1)?.headers.authorization).toBe('Bearer pod-token');
  });

  it('is read correctly by the real SDK container provider, errors included', async () => {
    const agent = await startAgent({
      '/v2/credentials/good': { kind: 'ok', credentials: ROLE_CREDS },
      '/v2/credentials/bad': { kind: 'agent-error', code: 'InvalidIdInRequest' },
    });
    const good = fromHttp({ awsContainerCredentialsFullUri: `${agent.url}/v2/credentials/good` });
    const creds = await good();
    expect(creds).toMatchObject({ accessKeyId: ROLE_CREDS.accessKeyId, secretAccessKey: ROLE_CREDS.secretAccessKey });
    expect(creds.expiration?.toISOString()).toBe('2099-01-01T00:00:00.000Z');
    const bad = fromHttp({ awsContainerCredentialsFullUri: `${agent.url}/v2/credentials/bad`, maxRetries: 0 });
    await expect(bad()).rejects.toThrow(/400/);
  });

  it('serves task metadata v4 when given, 404 otherwise', async () => {
    const metadata = { Cluster: 'c', TaskARN: 'arn:aws:ecs:eu-west-1:111122223333:task/c/abc', AvailabilityZone: 'eu-west-1a' };
    const agent = await startAgent({}, { taskMetadata: metadata });
    expect(JSON.parse((await get(`${agent.url}/v4/abc-123/task`)).body)).toEqual(metadata);
    expect(JSON.parse((await get(`${agent.url}/task`)).body)).toEqual(metadata);
    const bare = await startAgent({});
    expect((await get(`${bare.url}/v4/abc-123/task`)).status).toBe(404);
  });
});

// ------------------------------------------------------------------ fake IMDS

const IMDS_CREDS: FakeRoleCredentials = { ...ROLE_CREDS, accessKeyId: 'ASIAFAKEINSTANCE0001', roleArn: 'arn:aws:iam::777788889999:role/ec2-role' };

/** PUT /latest/api/token; `ttl: null` sends no TTL header. */
async function putToken(url: string, ttl: string | null = '21600'): Promise<{ status: number; token: string; ttl: string | null }> {
  const res = await fetch(`${url}/latest/api/token`, {
    method: 'PUT',
    headers: ttl === null ? {} : { 'x-aws-ec2-metadata-token-ttl-seconds': ttl },
  });
  return { status: res.status, token: await res.text(), ttl: res.headers.get('x-aws-ec2-metadata-token-ttl-seconds') };
}

async function withImdsEndpoint<T>(url: string, run: () => Promise<T>): Promise<T> {
  const saved = process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
  process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = url;
  try {
    return await run();
  } finally {
    if (saved === undefined) delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
    else process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = saved;
  }
}

describe('fake IMDS', () => {
  it('issues IMDSv2 tokens and serves the role credentials document', async () => {
    const imds = await track(startImds({ roleName: 'ec2-role', credentials: IMDS_CREDS }));
    const put = await putToken(imds.url, '300');
    expect(put).toMatchObject({ status: 200, ttl: '300' });
    const auth = { 'x-aws-ec2-metadata-token': put.token };
    expect(await get(`${imds.url}/latest/meta-data/iam/security-credentials/`, auth)).toMatchObject({ status: 200, body: 'ec2-role' });
    const doc = await get(`${imds.url}/latest/meta-data/iam/security-credentials/ec2-role`, auth);
    expect(JSON.parse(doc.body)).toEqual({
      Code: 'Success',
      LastUpdated: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      Type: 'AWS-HMAC',
      AccessKeyId: IMDS_CREDS.accessKeyId,
      SecretAccessKey: IMDS_CREDS.secretAccessKey,
      Token: IMDS_CREDS.sessionToken,
      Expiration: IMDS_CREDS.expiration,
    });
    expect((await get(`${imds.url}/latest/meta-data/iam/security-credentials/other-role`, auth)).status).toBe(404);
  });

  it('refuses token requests without a valid TTL header and GETs with a bad token', async () => {
    const imds = await track(startImds({ roleName: 'ec2-role', credentials: IMDS_CREDS }));
    expect((await putToken(imds.url, null)).status).toBe(400);
    expect((await putToken(imds.url, '0')).status).toBe(400);
    expect((await putToken(imds.url, '21601')).status).toBe(400);
    const bad = await get(`${imds.url}/latest/meta-data/iam/security-credentials/`, { 'x-aws-ec2-metadata-token': 'forged' });
    expect(bad.status).toBe(401);
    expect(bad.body).toContain('<title>401 - Unauthorized</title>');
  });

  it('serves IMDSv1 unless tokens are required', async () => {
    const v1 = await track(startImds({ roleName: 'ec2-role', credentials: IMDS_CREDS }));
    expect(await get(`${v1.url}/latest/meta-data/iam/security-credentials/`)).toMatchObject({ status: 200, body: 'ec2-role' });
    const v2only = await track(startImds({ roleName: 'ec2-role', credentials: IMDS_CREDS, requireToken: true }));
    expect((await get(`${v2only.url}/latest/meta-data/iam/security-credentials/`)).status).toBe(401);
    const { token } = await putToken(v2only.url);
    expect((await get(`${v2only.url}/latest/meta-data/iam/security-credentials/`, { 'x-aws-ec2-metadata-token': token })).status).toBe(200);
  });

  it('has no role listing without an instance profile, and serves the region', async () => {
    const imds = await track(startImds({ region: 'ap-southeast-2' }));
    expect((await get(`${imds.url}/latest/meta-data/iam/security-credentials/`)).status).toBe(404);
    expect(await get(`${imds.url}/latest/meta-data/placement/region`)).toMatchObject({ status: 200, body: 'ap-southeast-2' });
    const identity = JSON.parse((await get(`${imds.url}/latest/dynamic/instance-identity/document`)).body) as { region: string };
    expect(identity.region).toBe('ap-southeast-2');
  });

  it('can refuse or hang the token PUT', async () => {
    const forbidden = await track(startImds({ tokenPut: 'forbidden' }));
    expect((await putToken(forbidden.url)).status).toBe(403);
    const missing = await track(startImds({ tokenPut: 'not-found' }));
    expect((await putToken(missing.url)).status).toBe(404);
    const hanging = await track(startImds({ tokenPut: 'hang' }));
    await expect(fetch(`${hanging.url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' }, signal: AbortSignal.timeout(200) })).rejects.toThrow();
  });

  it('works with the real SDK instance metadata provider (v2, and v1 fallback)', async () => {
    const v2 = await track(startImds({ roleName: 'ec2-role', credentials: IMDS_CREDS, requireToken: true }));
    const creds = await withImdsEndpoint(v2.url, () => fromInstanceMetadata()());
    expect(creds).toMatchObject({ accessKeyId: IMDS_CREDS.accessKeyId, sessionToken: IMDS_CREDS.sessionToken });
    expect(v2.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['PUT /latest/api/token', 'GET /latest/meta-data/iam/security-credentials/', 'GET /latest/meta-data/iam/security-credentials/ec2-role']);
    expect(v2.requests[1]?.headers['x-aws-ec2-metadata-token']).toBeTypeOf('string');

    const v1 = await track(startImds({ roleName: 'ec2-role', credentials: IMDS_CREDS, tokenPut: 'not-found' }));
    await expect(withImdsEndpoint(v1.url, () => fromInstanceMetadata()())).resolves.toMatchObject({ accessKeyId: IMDS_CREDS.accessKeyId });
    expect(v1.requests[1]?.headers['x-aws-ec2-metadata-token']).toBeUndefined();
  });
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('fake lifecycle', () => {
  it('close() leaves no listening server or connected socket behind, hung requests included', async () => {
    const listeners = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    const before = listeners();
    const agent = await startEcsAgent({ routes: { '/h': { kind: 'hang' } } });
    const sts = await startSts({ identities: [], behaviour: 'hang' });
    const imds = await startImds({ tokenPut: 'hang' });
    const pending = [
      fetch(`${agent.url}/h`).catch(() => 'closed'),
      fetch(sts.url, { method: 'POST', body: 'Action=GetCallerIdentity' }).catch(() => 'closed'),
      fetch(`${imds.url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } }).catch(() => 'closed'),
    ];
    await until(() => agent.requests.length + sts.requests.length + imds.requests.length === 3);
    expect(listeners()).toBe(before + 3);
    await Promise.all([agent.close(), sts.close(), imds.close()]);
    // Every hung request was cut off by close() (its socket destroyed server-side)...
    expect(await Promise.all(pending)).toEqual(['closed', 'closed', 'closed']);
    // ...and no listening handle survives.
    expect(listeners()).toBe(before);
  });
});

// ------------------------------------------------------------------ net guard

const PRELOAD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../setup/net-guard-preload.mjs');

/** Runs `node --import net-guard-preload.mjs -e script`; the script must check the guard itself before connecting. */
function runWithPreload(script: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', PRELOAD, '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

// Refuses to run the child's connect unless the preload guard is active: exits 55 instead.
const CHILD_GUARD_CHECK = "const net = require('node:net');" + "if (net.Socket.prototype.connect[Symbol.for('ecs-cred-doctor.net-guard')] !== 'preload') process.exit(55);";

describe('net guard', () => {
  // Every test below that provokes the guard first asserts it is installed, so a
  // broken setup fails the assertion instead of sending the connection.
  it('throws synchronously for a non-loopback connect and records it', () => {
    expect(isNetGuardInstalled()).toBe(true);
    let thrown: unknown;
    try {
      net.connect({ host: '169.254.170.2', port: 80 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: NET_GUARD_ERROR_CODE });
    expect(takeBlockedAttempts()).toEqual([{ host: '169.254.170.2', port: '80' }]);
  });

  it('stops the connection before a socket handle (and so any packet) exists', () => {
    expect(isNetGuardInstalled()).toBe(true);
    const socket = new net.Socket();
    expect(() => socket.connect({ host: '10.255.255.1', port: 9 })).toThrow(/net-guard: blocked connection to 10\.255\.255\.1:9/);
    // No libuv TCP handle was ever created: nothing could have reached the wire or DNS.
    expect((socket as unknown as { _handle: unknown })._handle).toBeNull();
    socket.destroy();
    expect(takeBlockedAttempts()).toEqual([{ host: '10.255.255.1', port: '9' }]);
  });

  it('covers (port, host), tls.connect, http.get and fetch', async () => {
    expect(isNetGuardInstalled()).toBe(true);
    expect(() => net.connect(80, '169.254.169.254')).toThrow(expect.objectContaining({ code: NET_GUARD_ERROR_CODE }));
    expect(() => tls.connect({ host: '10.255.255.1', port: 443 })).toThrow(expect.objectContaining({ code: NET_GUARD_ERROR_CODE }));
    expect(() => http.get('http://169.254.170.2/v2/credentials/x')).toThrow(expect.objectContaining({ code: NET_GUARD_ERROR_CODE }));
    const failure = await fetch('http://169.254.169.254/latest/api/token', { method: 'PUT' }).then(
      () => undefined,
      (error: unknown) => error as Error & { cause?: { code?: string } },
    );
    expect(failure?.cause?.code).toBe(NET_GUARD_ERROR_CODE);
    expect(takeBlockedAttempts().map((a) => `${a.host}:${a.port}`)).toEqual(['169.254.169.254:80', '10.255.255.1:443', '169.254.170.2:80', '169.254.169.254:80']);
  });

  it('lets loopback TCP and Unix sockets through', async () => {
    const agent = await startAgent({ '/v2/credentials/x': { kind: 'ok', credentials: ROLE_CREDS } });
    expect((await get(`${agent.url}/v2/credentials/x`)).status).toBe(200);
    // `localhost` passes the guard (whether it then resolves to 127.0.0.1 or ::1 is up to /etc/hosts).
    expect(() => net.connect({ host: 'localhost', port: agent.port }).destroy()).not.toThrow();
    expect(() => net.connect(agent.port, '127.0.0.1').destroy()).not.toThrow();
    expect(takeBlockedAttempts()).toEqual([]);

    const dir = mkdtempSync(path.join(tmpdir(), 'net-guard-'));
    const socketPath = path.join(dir, 's.sock');
    const server = net.createServer((s) => s.end('hi'));
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      const reply = await new Promise<string>((resolve, reject) => {
        const client = net.connect(socketPath);
        let data = '';
        client.on('data', (d: Buffer) => (data += d.toString()));
        client.on('end', () => resolve(data));
        client.on('error', reject);
      });
      expect(reply).toBe('hi');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('classifies hosts', () => {
    for (const host of ['127.0.0.1', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1', '[::1]', '::ffff:127.0.0.1', '::ffff:7f00:1', 'localhost', 'LOCALHOST']) {
      expect({ host, allowed: isAllowedHost(host) }).toEqual({ host, allowed: true });
    }
    for (const host of ['169.254.170.2', '169.254.169.254', '10.255.255.1', '::ffff:169.254.169.254', 'fd00:ec2::254', 'fd00:ec2::23', 'sts.amazonaws.com', '0.0.0.0', '::', '128.0.0.1', 'localhost.example.com', '127.0.0.1.nip.io']) {
      expect({ host, allowed: isAllowedHost(host) }).toEqual({ host, allowed: false });
    }
  });

  it('reads every connect() signature', () => {
    const cb = (): void => undefined;
    expect(connectTarget([{ host: '10.0.0.1', port: 80 }])).toEqual({ host: '10.0.0.1', port: '80' });
    expect(connectTarget([{ port: 80 }, cb])).toEqual({ host: 'localhost', port: '80' });
    expect(connectTarget([80, '10.0.0.1', cb])).toEqual({ host: '10.0.0.1', port: '80' });
    expect(connectTarget(['8080'])).toEqual({ host: 'localhost', port: '8080' });
    expect(connectTarget([[{ host: '10.0.0.1', port: 443 }, cb]])).toEqual({ host: '10.0.0.1', port: '443' });
    expect(connectTarget(['/tmp/agent.sock', cb])).toBeUndefined();
    expect(connectTarget([{ path: '/tmp/agent.sock' }])).toBeUndefined();
  });

  it('preload: a child process exits 97 with NET_GUARD_BLOCKED on a non-loopback connect', async () => {
    const result = await runWithPreload(`${CHILD_GUARD_CHECK} net.connect({ host: '10.255.255.1', port: 9 }); setTimeout(() => process.exit(0), 2000);`);
    expect(result.code).toBe(97);
    expect(result.stderr).toContain('NET_GUARD_BLOCKED 10.255.255.1:9');
  });

  it('preload: a child process may still use loopback (fetch included)', async () => {
    const agent = await startAgent({ '/v2/credentials/x': { kind: 'ok', credentials: ROLE_CREDS } });
    const result = await runWithPreload(`${CHILD_GUARD_CHECK} fetch('${agent.url}/v2/credentials/x').then(r => r.json()).then(b => process.exit(b.AccessKeyId === '${ROLE_CREDS.accessKeyId}' ? 0 : 3), () => process.exit(4));`);
    expect(result).toEqual({ code: 0, stderr: '' });
  });
});

// Keeps the sigv4 helpers honest against a known vector: the empty-payload hash every SigV4 client uses.
it('sigv4 empty payload hash', () => {
  expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});
