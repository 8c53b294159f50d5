// Issue 11 item 5: each modelled container step sends its own request (its URL, its token), the
// tool probes each distinct one once, and each step judges the answer to its own. The fake
// endpoint (a Pod Identity-like full URI on loopback) answers only the right token.
import { describe, expect, it } from 'vitest';
import { credsOf, IDS, POD_TOKEN, startScenario, TASK_ID, type ScenarioSpec } from '../scenarios/scenarios.ts';
import { runBundle } from './run-bundle.ts';
import { maskKeyId } from '../../src/redact.ts';

const STALE = 'stale-token-from-last-rotation-0000';
const base = (name: string, env: Record<string, string>, files: Record<string, string>): ScenarioSpec => ({
  name,
  title: name,
  container: { kind: 'ok', credentials: credsOf(IDS.task) },
  fullUri: true,
  requiredAuthorization: POD_TOKEN,
  env,
  files,
  expect: { winner: null, exitCode: 1, findings: [] },
});

/** A right AWS_CONTAINER_AUTHORIZATION_TOKEN beside a stale token file. */
const envRightFileStale = base('env-token-right-file-stale', { AWS_CONTAINER_AUTHORIZATION_TOKEN: POD_TOKEN, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '$DIR/pod-token' }, { 'pod-token': STALE });
/** The reverse: a right token file beside a stale variable. */
const fileRightEnvStale = base('file-token-right-env-stale', { AWS_CONTAINER_AUTHORIZATION_TOKEN: STALE, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '$DIR/pod-token' }, { 'pod-token': POD_TOKEN });

interface Report {
  winner: { source: string; accessKeyId: string } | null;
  facts: { container: { authorization: string } | null; containerProbes?: Record<string, { authorization: string; http: { ok: boolean; status?: number } | null }> };
}

const TASK = maskKeyId(IDS.task.accessKeyId);

// per SDK: whether it gets the task role (from source: each SDK's container.ts names its token rule)
const ENV_RIGHT: [string, boolean][] = [
  ['js-v3', true], // fromHttp sends the stale file (401, soft), fromContainerMetadata the variable
  ['js-v3@3.600.0', true], // fromHttp: the variable beats the file before the 3.972 line
  ['js-v3@3.458.0', true], // fromContainerMetadata alone: the variable only
  ['python', false], // the file beats the variable; a 401 raises CredentialRetrievalError
  ['python@1.29.27', true], // no token file support: the variable
  ['aws-cli', false],
  ['aws-cli@2.9.19', true],
  ['java-v2', true], // the variable beats the file
  ['go-v2', false], // the file beats the variable; Go selected the provider at load
  ['go-v2@1.17.10', true], // no token file support (before 1.25.0): the variable
];
const FILE_RIGHT: [string, boolean][] = [
  ['js-v3', true],
  ['js-v3@3.600.0', false], // the stale variable (401, soft); the fallback sends it too
  ['js-v3@3.458.0', false],
  ['python', true],
  ['python@1.29.27', false],
  ['java-v2', false], // the stale variable; Java moves on (no IMDS here)
  ['go-v2', true],
  ['go-v2@1.17.10', false],
];

// concurrent: each case starts its own fakes and waits mostly on child processes
describe.concurrent('one probe per distinct container request (issue 11 item 5)', () => {
  for (const [spec, table] of [
    [envRightFileStale, ENV_RIGHT],
    [fileRightEnvStale, FILE_RIGHT],
  ] as const) {
    it(`${spec.name}: each SDK judged on its own request; each request sent once; no token printed`, async () => {
      const sc = await startScenario(spec);
      try {
        for (const [sdk, works] of table) {
          const before = sc.fakes.agent.requests.length;
          const r = await runBundle(['--json', '--no-sts', '--sdk', sdk], sc.env);
          for (const secret of [POD_TOKEN, STALE]) expect(r.stdout + r.stderr).not.toContain(secret);
          const report = JSON.parse(r.stdout) as Report;
          expect({ sdk, winner: report.winner?.source ?? null, key: report.winner?.accessKeyId ?? null }).toEqual({ sdk, winner: works ? 'container' : null, key: works ? TASK : null });
          // every request the agent saw is distinct (URL and Authorization): none was sent twice
          const sent = sc.fakes.agent.requests.slice(before).map((q) => `${q.path} ${q.headers['authorization'] ?? ''}`);
          expect(new Set(sent).size, sdk).toBe(sent.length);
        }
        // the current JS SDK: two requests (fromHttp's file token, the fallback's variable), recorded by their names
        const r = await runBundle(['--json', '--no-sts', '--sdk', 'js-v3'], sc.env);
        const report = JSON.parse(r.stdout) as Report;
        expect(report.facts.container?.authorization).toBe('token-file');
        const others = Object.entries(report.facts.containerProbes ?? {});
        expect(others.map(([k, p]) => [k.replace(/127\.0\.0\.1:\d+/, 'PORT'), p.authorization])).toEqual([[`GET http://PORT/v2/credentials/${TASK_ID} with token from AWS_CONTAINER_AUTHORIZATION_TOKEN`, 'token-env']]);
      } finally {
        await sc.close();
      }
      // up to eleven runs of the bundle, one after another (each run's requests are counted apart)
    }, 240_000);
  }

  it('--sdk all probes each distinct request once, and a facts file replays to the same winners', async () => {
    const sc = await startScenario(envRightFileStale);
    try {
      const before = sc.fakes.agent.requests.length;
      const factsOut = `${sc.dir}/facts.json`;
      const r = await runBundle(['--json', '--no-sts', '--sdk', 'all', '--facts-out', factsOut], sc.env);
      const sent = sc.fakes.agent.requests.slice(before).filter((q) => q.path.startsWith('/v2/credentials/'));
      // two distinct requests (the file's token, the variable's), each sent once
      expect(sent.map((q) => q.headers['authorization'] === POD_TOKEN).sort()).toEqual([false, true]);
      const winners = (JSON.parse(r.stdout) as { sdks: { sdk: string; winner: { source: string } | null }[] }).sdks.map((s) => [s.sdk, s.winner?.source ?? null]);
      expect(Object.fromEntries(winners)).toEqual({ 'js-v3': 'container', python: null, 'aws-cli': null, 'java-v2': 'container', 'go-v2': null });
      const replayed = await runBundle(['--json', '--no-sts', '--sdk', 'all', '--replay', factsOut], {});
      expect((JSON.parse(replayed.stdout) as { sdks: { sdk: string; winner: { source: string } | null }[] }).sdks.map((s) => [s.sdk, s.winner?.source ?? null])).toEqual(winners);
    } finally {
      await sc.close();
    }
  }, 60_000);
});
