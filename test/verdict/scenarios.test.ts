// ../shared/SCENARIOS.md, each failure as facts: for every SDK chain that can reach the state,
// the headline speaks for the most specific cause, and that cause is the first finding.
import { describe, expect, it } from 'vitest';
import { chainFor } from '../../src/sdks/index.ts';
import { SDK_IDS } from '../../src/model/facts.ts';
import { chainContextOf, walkChain } from '../../src/chains/walk.ts';
import { decideVerdict } from '../../src/verdict/decide.ts';
import type { VerdictOptions } from '../../src/verdict/input.ts';
import type { CallerIdentityObservation, ContainerProbe, Facts, SdkFamily } from '../../src/model/facts.ts';
import { containerOk, ENV_KEYS, exchange, imdsOk, IMDS, IRSA, makeFacts, RELATIVE, tokenFile, stsIdentity } from '../helpers/facts.ts';

const NOW = new Date('2026-06-01T00:00:00Z');
const REGION = { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' };
const ECS = { ECS_CONTAINER_METADATA_URI_V4: 'http://169.254.170.2/v4/x', AWS_EXECUTION_ENV: 'AWS_ECS_EC2' };
const sts = (arn: string, over: Partial<CallerIdentityObservation> = {}): CallerIdentityObservation => stsIdentity(NOW, arn, over);
const failedSts = (kind: 'rejected' | 'unreachable', code: string): CallerIdentityObservation => sts('', { ok: false, arn: null, error: { kind, code, message: 'm', status: kind === 'rejected' ? 403 : null } });
const TASK = sts('arn:aws:sts::111122223333:assumed-role/myAppTaskRole/0123456789abcdef0123456789abcdef');
const answered = (status: number, agent: { code: string | null; message: string | null } | null = null, headers: Record<string, string> = {}): ContainerProbe =>
  containerOk({ document: null, http: { ok: true, status, headers, ms: 2, bodyBytes: 40 }, agentError: agent });
const failedHttp = (code: string, ms = 1000): ContainerProbe => containerOk({ document: null, http: { ok: false, error: { code, message: code.toLowerCase() }, ms } });

interface Scenario {
  name: string;
  facts: Facts;
  /** the headline's finding (null: the identity sentence) and the first finding */
  headline: string | null;
  first: string | null;
  state: 'healthy' | 'warnings' | 'errors';
  sdks?: SdkFamily[];
  options?: Partial<VerdictOptions>;
}

const IMDS_REFUSED = imdsOk({
  token: { outcome: 'error', status: null, ms: 1, message: 'connect ECONNREFUSED' },
  roleList: { ok: false, error: { code: 'ECONNREFUSED', message: 'refused' }, ms: 1 },
  roleName: null,
  credentials: null,
  document: null,
});

const endpoint = (name: string, probe: ContainerProbe, code: string): Scenario => ({ name: `§4 ${name}`, facts: makeFacts({ env: { ...ECS, ...RELATIVE, ...REGION }, container: probe }), headline: code, first: code, state: 'errors' });

const SCENARIOS: Scenario[] = [
  // on Fargate IMDS does not answer: every SDK, Go included, ends with nothing
  { name: '§1 no task role', facts: makeFacts({ env: { ...ECS, ...REGION, ...IMDS }, imds: IMDS_REFUSED }), headline: 'ECS_NO_TASK_ROLE', first: 'ECS_NO_TASK_ROLE', state: 'errors' },
  {
    name: '§2 silent fallback to the instance role',
    facts: makeFacts({ env: { ...ECS, ...REGION, ...IMDS }, imds: imdsOk(), sts: sts('arn:aws:sts::111122223333:assumed-role/myInstanceRole/i-0abc1234def567890') }),
    headline: 'INSTANCE_ROLE_IN_USE',
    first: 'INSTANCE_ROLE_IN_USE',
    state: 'warnings',
  },
  {
    name: '§3 static keys shadow the task role',
    facts: makeFacts({ env: { ...ECS, ...RELATIVE, ...REGION, ...ENV_KEYS }, container: containerOk(), sts: sts('arn:aws:iam::111122223333:user/deploy') }),
    headline: 'CONTAINER_CREDENTIALS_SHADOWED',
    first: 'CONTAINER_CREDENTIALS_SHADOWED',
    state: 'warnings',
  },
  endpoint('503 CredentialsUninitialized', answered(503, { code: 'CredentialsUninitialized', message: 'not yet' }), 'CONTAINER_ENDPOINT_ERROR'),
  endpoint('400 InvalidIdInRequest', answered(400, { code: 'InvalidIdInRequest', message: 'Credentials not found' }), 'CONTAINER_ENDPOINT_ERROR'),
  endpoint('400 NoIdInRequest', answered(400, { code: 'NoIdInRequest', message: 'no id' }), 'CONTAINER_ENDPOINT_ERROR'),
  endpoint('429 throttled', answered(429, { code: null, message: 'You have reached maximum request limit.' }), 'CONTAINER_ENDPOINT_ERROR'),
  endpoint('404 wrong path', answered(404, { code: null, message: '404 page not found' }), 'CONTAINER_ENDPOINT_ERROR'),
  endpoint('500 InternalServerError', answered(500, { code: 'InternalServerError', message: 'x' }), 'CONTAINER_ENDPOINT_ERROR'),
  endpoint('302 redirect', answered(302, null, { location: 'http://127.0.0.1:9/x' }), 'CONTAINER_ENDPOINT_ERROR'),
  endpoint('connection refused', failedHttp('ECONNREFUSED', 3), 'CONTAINER_ENDPOINT_UNREACHABLE'),
  endpoint('timeout', failedHttp('TIMEOUT'), 'CONTAINER_ENDPOINT_UNREACHABLE'),
  endpoint('reset', failedHttp('ECONNRESET'), 'CONTAINER_ENDPOINT_UNREACHABLE'),
  endpoint('oversized answer', failedHttp('BODY_TOO_LARGE'), 'CONTAINER_RESPONSE_INVALID'),
  endpoint('introspection API', containerOk({ document: null, introspection: true }), 'CONTAINER_RESPONSE_INVALID'),
  endpoint('200 that is not JSON', containerOk({ document: null, parseError: 'Unexpected token < in JSON at position 0' }), 'CONTAINER_RESPONSE_INVALID'),
  {
    name: '§5 full URI host refused',
    facts: makeFacts({
      env: { ...REGION, AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://10.1.2.3/creds' },
      container: containerOk({ sdkUrl: 'http://10.1.2.3/creds', http: null, document: null, notSent: { code: 'HOST_NOT_ALLOWED', message: '10.1.2.3 is not an allowed host' } }),
    }),
    headline: 'CONTAINER_URI_HOST_NOT_ALLOWED',
    first: 'CONTAINER_URI_HOST_NOT_ALLOWED',
    state: 'errors',
  },
  endpoint('401 wrong token', answered(401, null), 'CONTAINER_ENDPOINT_ERROR'),
  {
    name: '§6 web identity rejected',
    facts: makeFacts({ env: { ...REGION, ...IRSA }, webIdentityTokenFile: tokenFile(), exchanges: { 'web-identity:env': exchange(false) } }),
    headline: 'WEB_IDENTITY_FAILED',
    first: 'WEB_IDENTITY_FAILED',
    state: 'errors',
  },
  {
    name: '§7 IMDSv2 hop limit',
    facts: makeFacts({
      env: { ...REGION, ...IMDS },
      imds: imdsOk({ token: { outcome: 'timeout', status: null, ms: 1000, message: null }, roleList: { ok: true, status: 401, headers: {}, ms: 1, bodyBytes: 0 }, roleName: null, credentials: null, document: null }),
    }),
    headline: 'IMDS_HOP_LIMIT',
    first: 'IMDS_HOP_LIMIT',
    state: 'errors',
  },
  { name: '§8 STS rejects the keys', facts: makeFacts({ env: { ...REGION, ...ENV_KEYS }, sts: failedSts('rejected', 'InvalidClientTokenId') }), headline: 'STS_REJECTED', first: 'STS_REJECTED', state: 'errors' },
  { name: '§8 STS unreachable', facts: makeFacts({ env: { ...REGION, ...ENV_KEYS }, sts: failedSts('unreachable', 'TIMEOUT') }), headline: 'STS_UNREACHABLE', first: 'STS_UNREACHABLE', state: 'errors' },
  {
    name: '§8 clock skew of 10 minutes',
    facts: makeFacts({ env: { ...REGION, ...ENV_KEYS }, sts: sts('arn:aws:iam::111122223333:user/u', { serverDate: new Date(NOW.getTime() - 600_000).toUTCString() }) }),
    headline: 'CLOCK_SKEW',
    first: 'CLOCK_SKEW',
    state: 'errors',
  },
  {
    name: '§9 expired task credentials',
    facts: makeFacts({ env: { ...RELATIVE, ...REGION }, container: containerOk({}, { Expiration: '2026-05-31T23:00:00Z' }), sts: TASK }),
    headline: 'CREDENTIALS_EXPIRED',
    first: 'CREDENTIALS_EXPIRED',
    state: 'errors',
  },
  {
    name: '§9 task credentials frozen into env',
    facts: makeFacts({ env: { ...RELATIVE, ...REGION, AWS_ACCESS_KEY_ID: 'ASIA************TASK', AWS_SECRET_ACCESS_KEY: '<redacted: 40 chars>', AWS_SESSION_TOKEN: '<redacted: 300 chars>' }, container: containerOk(), sts: TASK }),
    headline: 'ENV_FROZEN_TASK_CREDENTIALS',
    first: 'ENV_FROZEN_TASK_CREDENTIALS',
    state: 'warnings',
  },
  { name: '§10 region missing', facts: makeFacts({ env: { ...RELATIVE }, container: containerOk(), sts: TASK }), headline: null, first: 'REGION_MISSING', state: 'warnings' },
  {
    name: '§11 a proxy catches IMDS requests (Go and botocore send them through it)',
    facts: makeFacts({ env: { ...REGION, ...IMDS, HTTP_PROXY: 'http://127.0.0.1:3128' }, imds: imdsOk(), sts: sts('arn:aws:sts::111122223333:assumed-role/myInstanceRole/i-0abc1234def567890') }),
    headline: 'PROXY_INTERCEPTS_METADATA',
    first: 'PROXY_INTERCEPTS_METADATA',
    state: 'warnings',
    // Go never proxies a loopback IMDS endpoint (httpproxy's useProxy), so Go has its own case below
    sdks: ['python', 'aws-cli'],
  },
  {
    name: '§11 a proxy catches the container request (Go sends it through the proxy)',
    facts: makeFacts({ env: { ...RELATIVE, ...REGION, HTTP_PROXY: 'http://127.0.0.1:3128' }, container: containerOk(), sts: TASK }),
    headline: 'PROXY_INTERCEPTS_METADATA',
    first: 'PROXY_INTERCEPTS_METADATA',
    state: 'warnings',
    sdks: ['go-v2'],
  },
  {
    name: '§13 the execution role used as the task role',
    facts: makeFacts({
      env: { ...RELATIVE, ...REGION },
      container: containerOk({}, { RoleArn: 'arn:aws:iam::111122223333:role/ecsTaskExecutionRole' }),
      sts: sts('arn:aws:sts::111122223333:assumed-role/ecsTaskExecutionRole/0123456789abcdef0123456789abcdef'),
      taskMetadata: {
        ok: true,
        task: { cluster: 'c', taskArn: 'arn:aws:ecs:eu-west-1:111122223333:task/c/0123456789abcdef0123456789abcdef', family: 'f', revision: '1', launchType: 'FARGATE', availabilityZone: null, networkMode: 'awsvpc' },
      },
    }),
    headline: 'EXECUTION_ROLE_IN_USE',
    first: 'EXECUTION_ROLE_IN_USE',
    state: 'warnings',
  },
  {
    name: '--expect-role names another role',
    facts: makeFacts({ env: { ...RELATIVE, ...REGION }, container: containerOk(), sts: TASK }),
    headline: 'EXPECTATION_MISMATCH',
    first: 'EXPECTATION_MISMATCH',
    state: 'errors',
    options: { expectRole: 'otherRole' },
  },
  { name: 'healthy task role', facts: makeFacts({ env: { ...RELATIVE, ...REGION }, container: containerOk(), sts: TASK }), headline: null, first: null, state: 'healthy' },
];

const decide = (s: Scenario, family: SdkFamily) => {
  const chain = chainFor(family, null);
  const o: VerdictOptions = { chain, expectRole: null, expectAccount: null, strict: false, noSts: false, now: NOW, ...s.options };
  return decideVerdict(s.facts, walkChain(chain, chainContextOf(s.facts, chain)), o);
};

describe('SCENARIOS.md: the most specific cause leads, for every SDK that can reach the state', () => {
  for (const s of SCENARIOS) {
    for (const family of s.sdks ?? SDK_IDS) {
      it(`${s.name} (${family})`, () => {
        const v = decide(s, family);
        expect({ headline: v.headlineCode, first: v.findings[0]?.code ?? null, state: v.state }).toEqual({ headline: s.headline, first: s.first, state: s.state });
        if (s.first !== 'NO_CREDENTIALS') expect(v.findings.map((f) => f.code)).not.toContain('NO_CREDENTIALS');
      });
    }
  }

  it('TASK_ROLE_CONFIRMED only in a run with nothing to doubt', () => {
    const healthy = SCENARIOS.find((s) => s.name === '§13 the execution role used as the task role');
    if (!healthy) throw new Error('scenario missing');
    expect(decide(healthy, 'js-v3').findings.map((f) => f.code)).not.toContain('TASK_ROLE_CONFIRMED');
    const own = { ...healthy, facts: { ...healthy.facts, container: containerOk(), sts: TASK } };
    expect(decide(own, 'js-v3').findings.map((f) => f.code)).toEqual(['TASK_ROLE_CONFIRMED']);
    expect(decide({ ...own, options: { expectRole: 'otherRole' } }, 'js-v3').findings.map((f) => f.code)).toEqual(['EXPECTATION_MISMATCH']);
  });
});

// Issue 11 item 4: the probe reads the URL the WHATWG way and gets an answer, but the modelled
// SDK reads the variable its own way and cannot use it: the finding names the URL, never the
// endpoint's answer (which was fine).
describe('a URL the app SDK cannot use is reported as a URL problem, not as the endpoint answer', () => {
  const full = (value: string, sdkUrl = value) => makeFacts({ env: { ...REGION, AWS_CONTAINER_CREDENTIALS_FULL_URI: value }, container: containerOk({ sdkUrl }), sts: TASK });
  const cases: { name: string; family: SdkFamily; version: string | null; facts: Facts; code: string }[] = [
    { name: 'Go looks 127.1 up as a name', family: 'go-v2', version: null, facts: full('http://127.1:8080/creds'), code: 'CONTAINER_URI_HOST_NOT_ALLOWED' },
    { name: 'Go refuses a trailing newline', family: 'go-v2', version: null, facts: full('http://127.0.0.1:8080/creds\n'), code: 'CONTAINER_URI_INVALID' },
    { name: 'Go sends a trailing space as %20', family: 'go-v2', version: null, facts: full('http://127.0.0.1:8080/creds '), code: 'CONTAINER_URI_INVALID' },
    { name: 'botocore sends a trailing space as %20', family: 'python', version: '1.29.27', facts: full('http://127.0.0.1:8080/creds '), code: 'CONTAINER_URI_INVALID' },
    { name: 'the CLI sends a trailing space as %20', family: 'aws-cli', version: '2.9.19', facts: full('http://127.0.0.1:8080/creds '), code: 'CONTAINER_URI_INVALID' },
    { name: 'Java URI.create refuses a tab', family: 'java-v2', version: null, facts: full('http://127.0.0.1:8080/cr\teds'), code: 'CONTAINER_URI_INVALID' },
    { name: 'JS 3.458.0 url.parse keeps 127.1', family: 'js-v3', version: '3.458.0', facts: full('http://127.1:8080/creds'), code: 'CONTAINER_URI_HOST_NOT_ALLOWED' },
  ];
  for (const c of cases) {
    it(`${c.name} (${c.family}${c.version ? `@${c.version}` : ''})`, () => {
      const chain = chainFor(c.family, c.version);
      const v = decideVerdict(c.facts, walkChain(chain, chainContextOf(c.facts, chain)), { chain, expectRole: null, expectAccount: null, strict: false, noSts: false, now: NOW });
      expect(v.findings[0]?.code).toBe(c.code);
      expect(v.findings.map((f) => f.code)).not.toContain('CONTAINER_RESPONSE_INVALID');
      expect(v.state).toBe('errors');
    });
  }
  it('the current JS SDK reads the same URLs the WHATWG way, as the probe did: no URL finding', () => {
    const chain = chainFor('js-v3', null);
    for (const value of ['http://127.1:8080/creds', 'http://127.0.0.1:8080/creds ']) {
      const facts = full(value);
      const v = decideVerdict(facts, walkChain(chain, chainContextOf(facts, chain)), { chain, expectRole: null, expectAccount: null, strict: false, noSts: false, now: NOW });
      expect(v.findings.map((f) => f.code).filter((c) => c.startsWith('CONTAINER_URI'))).toEqual([]);
    }
  });
});
