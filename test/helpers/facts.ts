/** Builds Facts for table tests: plain data in, no I/O. */
import type { AssumeRoleObservation, ContainerProbe, Facts, IniFileFact, ImdsProbe, TokenFileFact, CallerIdentityObservation } from '../../src/model/facts.ts';

export function iniFile(path: string, profiles: Record<string, Record<string, string>> = {}, state: IniFileFact['state'] = 'ok'): IniFileFact {
  return { path, origin: 'test', state, size: 0, error: null, profiles, ssoSessions: {} };
}

export function makeFacts(over: Partial<Facts> = {}): Facts {
  return {
    collectedAt: '2026-01-01T00:00:00.000Z',
    env: {},
    home: '/home/app',
    configFile: iniFile('/home/app/.aws/config', {}, 'missing'),
    credentialsFile: iniFile('/home/app/.aws/credentials', {}, 'missing'),
    containerTokenFile: null,
    webIdentityTokenFile: null,
    profileTokenFiles: {},
    container: null,
    imds: null,
    imdsProbeReason: null,
    taskMetadata: null,
    exchanges: {},
    sts: null,
    ...over,
  };
}

export const GOOD_EXPIRATION = '2099-01-01T00:00:00Z';

export function containerOk(over: Partial<ContainerProbe> = {}, doc: Record<string, unknown> = {}): ContainerProbe {
  const fields = { AccessKeyId: 'ASIA************TASK', SecretAccessKey: 'x', Token: 'x', Expiration: GOOD_EXPIRATION, RoleArn: 'arn:aws:iam::111122223333:role/myAppTaskRole', ...doc };
  const fieldTypes: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) fieldTypes[k] = v === undefined ? 'undefined' : typeof v;
  for (const [k, v] of Object.entries(fields)) if (v === undefined) delete fieldTypes[k];
  return {
    sdkUrl: 'http://169.254.170.2/v2/credentials/abc',
    probedUrl: 'http://127.0.0.1:1/v2/credentials/abc',
    authorization: 'none',
    notSent: null,
    http: { ok: true, status: 200, headers: {}, ms: 3, bodyBytes: 200 },
    document: {
      fieldTypes,
      accessKeyId: typeof fields.AccessKeyId === 'string' ? fields.AccessKeyId : null,
      roleArn: typeof fields.RoleArn === 'string' ? fields.RoleArn : null,
      expiration: typeof fields.Expiration === 'string' ? fields.Expiration : null,
      accountId: null,
      code: null,
    },
    parseError: null,
    introspection: false,
    agentError: null,
    ...over,
  };
}

export function imdsOk(over: Partial<ImdsProbe> = {}): ImdsProbe {
  return {
    endpoint: 'http://127.0.0.1:2',
    token: { outcome: 'ok', status: 200, ms: 1, message: null },
    usedV1: false,
    v1Blocked: false,
    roleList: { ok: true, status: 200, headers: {}, ms: 1, bodyBytes: 10 },
    roleName: 'myInstanceRole',
    credentials: { ok: true, status: 200, headers: {}, ms: 1, bodyBytes: 200 },
    document: {
      fieldTypes: { AccessKeyId: 'string', SecretAccessKey: 'string', Token: 'string', Expiration: 'string', Code: 'string' },
      accessKeyId: 'ASIA************INST',
      roleArn: null,
      expiration: GOOD_EXPIRATION,
      accountId: null,
      code: 'Success',
    },
    parseError: null,
    ...over,
  };
}

export const RELATIVE = { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc' };
export const ENV_KEYS = { AWS_ACCESS_KEY_ID: 'AKIA************USER', AWS_SECRET_ACCESS_KEY: '<redacted: 40 chars>' };

// Shared by the Java and Go chain tables: the probe's IMDS (imdsOk) answers on 127.0.0.1:2, and
// every SDK is pointed there as the tests point every SDK.
export const IMDS = { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:2' };
export const FULL = (url: string) => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: url });
export const IRSA = { AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token', AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/irsa' };
export const POD = { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token' };
export const tokenFile = (state: TokenFileFact['state'] = 'ok'): TokenFileFact => ({
  path: IRSA.AWS_WEB_IDENTITY_TOKEN_FILE,
  origin: 't',
  state,
  size: state === 'ok' ? 10 : null,
  error: state === 'ok' ? null : 'ENOENT: no such file',
  endsWithNewline: false,
  containsCrLf: false,
  jwt: null,
});
export const exchange = (ok: boolean): AssumeRoleObservation =>
  ok
    ? { kind: 'web-identity', roleArn: IRSA.AWS_ROLE_ARN, ok: true, ms: 1, arn: 'arn:aws:sts::111122223333:assumed-role/irsa/s', accessKeyId: 'ASIA************IRSA', expiration: null, error: null }
    : { kind: 'web-identity', roleArn: IRSA.AWS_ROLE_ARN, ok: false, ms: 1, arn: null, accessKeyId: null, expiration: null, error: { kind: 'rejected', code: 'InvalidIdentityToken', message: 'Incorrect token audience', status: 400 } };

/** What STS says of the credentials, at `now` (the verdict tables' clock). */
export const stsIdentity = (now: Date, arn: string, over: Partial<CallerIdentityObservation> = {}): CallerIdentityObservation => ({
  ok: true,
  ms: 5,
  endpoint: 'http://127.0.0.1:1',
  region: 'eu-west-1',
  arn,
  account: '111122223333',
  userId: 'AROAEXAMPLE:x',
  serverDate: now.toUTCString(),
  localDate: now.toISOString(),
  error: null,
  ...over,
});
