// Random facts × every SDK chain (at its version boundaries): the report never contradicts its
// own chain walk — no selected step beside an error finding that says that step cannot work.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chainFor } from '../../src/sdks/index.ts';
import { SDK_IDS } from '../../src/model/facts.ts';
import { chainContextOf, walkChain } from '../../src/chains/walk.ts';
import { decideVerdict } from '../../src/verdict/decide.ts';
import type { SourceId } from '../../src/model/facts.ts';
import type { CallerIdentityObservation, ContainerProbe, Facts, ImdsProbe } from '../../src/model/facts.ts';
import { containerOk, ENV_KEYS, exchange, imdsOk, IMDS, IRSA, iniFile, makeFacts, POD, RELATIVE, tokenFile } from '../helpers/facts.ts';

const NOW = new Date('2026-06-01T00:00:00Z');

/** The versions each family's rules turn on, and the current release (null). */
const VERSIONS: Record<string, (string | null)[]> = {
  'js-v3': [null, '3.458.0', '3.503.1', '3.600.0', '3.734.0', '3.972.0'],
  python: [null, '1.29.27', '1.32.0', '1.40.0'],
  'aws-cli': [null, '2.9.19', '2.15.0'],
  'java-v2': [null, '2.21.29', '2.21.30'],
  'go-v2': [null, '1.17.10', '1.18.45', '1.25.0', '1.27.34'],
};

/** Error findings that say a step cannot give credentials: never beside that step selected. */
const CONTRADICTS: Partial<Record<SourceId, string[]>> = {
  container: ['CONTAINER_ENDPOINT_UNREACHABLE', 'CONTAINER_ENDPOINT_ERROR', 'CONTAINER_RESPONSE_INVALID', 'CONTAINER_URI_INVALID', 'CONTAINER_URI_HOST_NOT_ALLOWED', 'CONTAINER_TOKEN_INVALID', 'SDK_TOO_OLD_FOR_POD_IDENTITY'],
  env: ['PARTIAL_ENV_KEYS'],
  profile: ['PROFILE_NOT_FOUND'],
  imds: ['IMDS_HOP_LIMIT'],
};
const ANY_WINNER = ['NO_CREDENTIALS', 'ECS_NO_TASK_ROLE'];

const envPart = fc.constantFrom<Record<string, string>>(
  {},
  RELATIVE,
  { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/creds' },
  { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://10.0.0.1/creds' },
  POD,
  ENV_KEYS,
  { AWS_ACCESS_KEY_ID: 'AKIA************HALF' },
  { AWS_SECRET_ACCESS_KEY: '<redacted: 40 chars>' },
  { AWS_PROFILE: 'app' },
  { AWS_PROFILE: 'gone' },
  { AWS_DEFAULT_PROFILE: 'app' },
  IRSA,
  IMDS,
  { AWS_REGION: 'eu-west-1' },
  { AWS_DEFAULT_REGION: 'eu-west-1' },
  { HTTP_PROXY: 'http://127.0.0.1:3128', NO_PROXY: '169.254.0.0/16' },
  { ECS_CONTAINER_METADATA_URI_V4: 'http://169.254.170.2/v4/x' },
  { AWS_EC2_METADATA_DISABLED: 'true' },
  { JAVA_TOOL_OPTIONS: '-Daws.accessKeyId=AKIA************PROP -Daws.secretAccessKey=<redacted: 40 chars>' },
);

const containerPart: fc.Arbitrary<ContainerProbe | null> = fc.oneof(
  fc.constant(null),
  fc.constant(containerOk()),
  fc.constantFrom(200, 201, 203, 302, 400, 401, 404, 429, 500, 503).map((status) => containerOk({ http: { ok: true, status, headers: {}, ms: 2, bodyBytes: 10 }, ...(status === 200 || status === 201 ? {} : { document: null }) })),
  fc.constantFrom('ECONNREFUSED', 'TIMEOUT', 'ECONNRESET', 'BODY_TOO_LARGE').map((code) => containerOk({ document: null, http: { ok: false, error: { code, message: code }, ms: 5 } })),
  fc.constantFrom('HOST_NOT_ALLOWED', 'INVALID_URL', 'TOKEN_INVALID', 'TOKEN_FILE_UNREADABLE').map((code) => containerOk({ document: null, http: null, notSent: { code, message: code } })),
  fc.constant(containerOk({ document: null, parseError: 'Unexpected token' })),
  fc.constant(containerOk({ document: null, introspection: true })),
  fc
    .record({
      Expiration: fc.constantFrom('2099-01-01T00:00:00Z', '2099-01-01 00:00:00', '2026-05-31T00:00:00Z', undefined),
      Token: fc.constantFrom('x', undefined),
      AccessKeyId: fc.constantFrom('ASIA************TASK', 'AKIA************USER'),
    })
    .map((doc) => containerOk({}, doc)),
);

const imdsPart: fc.Arbitrary<ImdsProbe | null> = fc.constantFrom(
  null,
  imdsOk(),
  imdsOk({ token: { outcome: 'timeout', status: null, ms: 1000, message: null }, roleList: { ok: true, status: 401, headers: {}, ms: 1, bodyBytes: 0 }, roleName: null, credentials: null, document: null }),
  imdsOk({ token: { outcome: 'error', status: null, ms: 1, message: 'refused' }, roleList: { ok: false, error: { code: 'ECONNREFUSED', message: 'refused' }, ms: 1 }, roleName: null, credentials: null, document: null }),
);

const stsPart: fc.Arbitrary<CallerIdentityObservation | null> = fc.constantFrom<CallerIdentityObservation | null>(
  null,
  {
    ok: true,
    ms: 1,
    endpoint: 'http://127.0.0.1:1',
    region: 'eu-west-1',
    arn: 'arn:aws:sts::111122223333:assumed-role/myAppTaskRole/s',
    account: '111122223333',
    userId: 'AROA:s',
    serverDate: NOW.toUTCString(),
    localDate: NOW.toISOString(),
    error: null,
  },
  {
    ok: false,
    ms: 1,
    endpoint: 'http://127.0.0.1:1',
    region: 'eu-west-1',
    arn: null,
    account: null,
    userId: null,
    serverDate: null,
    localDate: NOW.toISOString(),
    error: { kind: 'rejected', code: 'InvalidClientTokenId', message: 'm', status: 403 },
  },
);

const factsArb: fc.Arbitrary<Facts> = fc
  .record({
    env: fc.array(envPart, { maxLength: 5 }).map((parts) => Object.assign({}, ...parts) as Record<string, string>),
    container: containerPart,
    imds: imdsPart,
    sts: stsPart,
    profile: fc.constantFrom<Record<string, Record<string, string>>>({}, { app: { aws_access_key_id: 'AKIA************PROF', aws_secret_access_key: '<redacted: 40 chars>' } }, { default: { role_arn: 'arn:aws:iam::1:role/r' } }),
    webIdentity: fc.boolean(),
    exchangeOk: fc.option(fc.boolean()),
  })
  .map((r) =>
    makeFacts({
      env: r.env,
      container: r.container,
      imds: r.imds,
      sts: r.sts,
      credentialsFile: iniFile('/home/app/.aws/credentials', r.profile),
      webIdentityTokenFile: r.webIdentity ? tokenFile() : null,
      exchanges: r.exchangeOk === null ? {} : { 'web-identity:env': exchange(r.exchangeOk) },
    }),
  );

const chains = SDK_IDS.flatMap((family) => (VERSIONS[family] ?? [null]).map((version) => chainFor(family, version)));

describe('the verdict never contradicts the chain walk', () => {
  it('no selected step beside an error finding that says it cannot work; state and exit code agree with the findings', () => {
    fc.assert(
      fc.property(factsArb, fc.nat({ max: chains.length - 1 }), (facts, n) => {
        const chain = chains[n];
        if (!chain) throw new Error(`no chain ${n}`);
        const walk = walkChain(chain, chainContextOf(facts, chain));
        const v = decideVerdict(facts, walk, { chain, expectRole: null, expectAccount: null, strict: false, noSts: false, now: NOW });
        const errors = v.findings.filter((f) => f.severity === 'error').map((f) => f.code);
        const selected = walk.winner?.source;
        if (selected) {
          for (const code of [...ANY_WINNER, ...(CONTRADICTS[selected] ?? [])]) expect(errors, `${chain.id}: ${selected} selected beside ${code}`).not.toContain(code);
        }
        if (v.state === 'healthy') expect(v.findings.filter((f) => f.severity !== 'info')).toEqual([]);
        expect(v.exitCode).toBe(v.ok ? 0 : 1);
        // the headline speaks for the first error when there is one
        if (errors.length > 0) expect(v.headlineCode).toBe(v.findings[0]?.code);
      }),
      { numRuns: 3000 },
    );
  });
});
