// Entrypoint preflight and support: --wait, signals, --quiet, --expect-source, the app's
// view from another process (ECS Exec), and a facts file that replays to the same report.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANARIES, IDS, credsOf, scenario, startScenario, type RunningScenario, type ScenarioSpec } from '../scenarios/scenarios.ts';
import { until } from '../helpers/until.ts';
import { BUNDLE, GUARD, PATIENT, runBundle } from './run-bundle.ts';

const uninitialized = { kind: 'agent-error', code: 'CredentialsUninitialized' } as const;
const recovers: ScenarioSpec = {
  ...scenario('healthy-task-role'),
  name: 'recovers',
  container: { kind: 'after', ms: 1000, before: uninitialized, after: { kind: 'ok', credentials: credsOf(IDS.task) } },
};
const neverRecovers: ScenarioSpec = { ...scenario('healthy-task-role'), name: 'never', container: uninitialized };

const CREDENTIALS_PATH = /^\/v2\/credentials\//;
/** When the tool first asked the credentials endpoint: its signal handlers are installed by then (src/cli.ts), and its wait has started. */
const firstAsk = (sc: RunningScenario): number | undefined => sc.fakes.agent.requests.find((r) => CREDENTIALS_PATH.test(r.path))?.at;

describe('--wait', () => {
  // each case times from the tool's first request, never from its start: node's start-up on a
  // loaded machine is not what these tests are about
  it('a 503 for a second, then credentials: exit 0 inside the wait', async () => {
    const sc = await startScenario(recovers);
    try {
      const r = await runBundle(['--wait', '10s', '--quiet'], sc.env, 20_000);
      const sinceFirst = performance.now() - (firstAsk(sc) ?? Number.NaN);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^ecs-cred-doctor: The app runs as role myAppTaskRole/);
      // the agent answers 503 for 1000 ms after the first request: success needs a later attempt
      expect(sciRequests(sc)).toBeGreaterThan(1);
      expect(sinceFirst).toBeGreaterThan(950);
      expect(sinceFirst).toBeLessThan(10_000);
    } finally {
      await sc.close();
    }
  });

  it('never recovers: exit 1 at the end of the wait, with the full report', async () => {
    const sc = await startScenario(neverRecovers);
    try {
      const r = await runBundle(['--wait', '2s', '--quiet'], sc.env);
      const sinceFirst = performance.now() - (firstAsk(sc) ?? Number.NaN);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('CONTAINER_ENDPOINT_ERROR');
      // the wait starts before the first request, so the run cannot end sooner than 2 s after its start
      expect(r.ms).toBeGreaterThan(1900);
      expect(sciRequests(sc)).toBeGreaterThan(2);
      // the wait, one request timeout for the last attempt (runBundle's patient one), and room for the report
      expect(sinceFirst).toBeLessThan(2000 + Number(PATIENT['--timeout']) + 1500);
    } finally {
      await sc.close();
    }
  });

  it('SIGTERM ends a wait at once with a report and exit 143', async () => {
    const sc = await startScenario(neverRecovers);
    try {
      const child = spawn(process.execPath, ['--import', GUARD, BUNDLE, '--wait', '60s'], { env: { PATH: process.env['PATH'] ?? '', ECS_CRED_DOCTOR_APP_PID: 'self', ...sc.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const closed = new Promise<number | null>((r) => child.on('close', r));
      // the handlers are installed before the first attempt: wait for it, never a fixed sleep
      await until(() => firstAsk(sc) !== undefined, 'the tool asking the credentials endpoint');
      const sent = performance.now();
      child.kill('SIGTERM');
      const code = await closed;
      expect(code).toBe(143);
      // "at once": far inside the 60 s wait and its 1 s backoff, with room for a loaded machine
      expect(performance.now() - sent).toBeLessThan(3000);
      expect(stdout).toContain('CONTAINER_ENDPOINT_ERROR');
      expect(stderr).toMatch(/stopped by SIGTERM/);
    } finally {
      await sc.close();
    }
  });
});

/** How many times the tool asked the credentials endpoint. */
function sciRequests(sc: RunningScenario): number {
  return sc.fakes.agent.requests.filter((r) => CREDENTIALS_PATH.test(r.path)).length;
}

describe('expectations', () => {
  it('--expect-source', async () => {
    const sc = await startScenario(scenario('static-keys-shadow-task-role'));
    try {
      const bad = await runBundle(['--json', '--expect-source', 'container'], sc.env);
      expect(bad.code).toBe(1);
      expect(JSON.parse(bad.stdout).findings.map((f: { code: string }) => f.code)).toContain('EXPECTATION_MISMATCH');
      const good = await runBundle(['--quiet', '--expect-source', 'env'], sc.env);
      expect(good.code).toBe(0);
      expect(good.stdout.split('\n')).toHaveLength(2);
    } finally {
      await sc.close();
    }
  });
});

describe('the app seen from another process (ECS Exec)', () => {
  it('evaluates the app environment from /proc/<pid>/environ and says how the shell differs', async () => {
    const sc = await startScenario(scenario('healthy-task-role'));
    // the "app": the task's environment plus keys its entrypoint exported
    const appEnv = { ...sc.env, AWS_ACCESS_KEY_ID: IDS.user.accessKeyId, AWS_SECRET_ACCESS_KEY: IDS.user.secretAccessKey };
    const app = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { env: appEnv, stdio: 'ignore' });
    try {
      // 'spawn' comes after the exec: /proc/<pid>/environ is the app's from then on
      await once(app, 'spawn');
      const r = await runBundle(['--json', '--pid', String(app.pid)], sc.env);
      const report = JSON.parse(r.stdout) as { winner: { source: string }; findings: { code: string; message: string }[]; facts: { app: { pid: number } } };
      expect(report.facts.app.pid).toBe(app.pid);
      expect(report.winner.source).toBe('env');
      const f = report.findings.find((x) => x.code === 'EXEC_SHELL_DIFFERS_FROM_APP');
      expect(f?.message).toContain('AWS_ACCESS_KEY_ID');
      expect(f?.message).toContain('AWS_SECRET_ACCESS_KEY');
      for (const c of CANARIES) expect(r.stdout).not.toContain(c);
      const missing = await runBundle(['--pid', '999999999'], sc.env);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--pid 999999999');
    } finally {
      app.kill();
      await sc.close();
    }
  });
});

describe('facts file and replay', () => {
  it('replays offline to the same report, and holds no secret', async () => {
    const sc = await startScenario(scenario('static-keys-shadow-task-role'));
    const file = join(sc.dir, 'facts.json');
    try {
      const live = await runBundle(['--facts-out', file], sc.env);
      const liveJson = await runBundle(['--json'], sc.env);
      expect(live.code).toBe(0);
      const text = readFileSync(file, 'utf8');
      for (const c of CANARIES) expect(text).not.toContain(c);
      expect(text).not.toMatch(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/);
      // replay with no environment at all: no endpoint, no network
      const replay = await runBundle(['--replay', file], {});
      expect(replay.code).toBe(live.code);
      // the same report, which says it is a replay
      expect(replay.stdout).toBe(live.stdout.replace(/(facts collected \S+)/, '$1, replayed from a facts file'));
      const replayJson = JSON.parse((await runBundle(['--replay', file, '--json'], {})).stdout) as { winner: unknown; findings: unknown; chain: unknown };
      const l = JSON.parse(liveJson.stdout) as typeof replayJson;
      expect(replayJson.winner).toEqual(l.winner);
      expect(replayJson.chain).toEqual(l.chain);
      expect(replayJson.findings).toEqual(l.findings);
      writeFileSync(join(sc.dir, 'bad.json'), '{"kind":"something-else"}');
      const bad = await runBundle(['--replay', join(sc.dir, 'bad.json')], {});
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('not an ecs-cred-doctor facts file');
    } finally {
      await sc.close();
    }
  });
});

describe('files the app cannot read', () => {
  const root = process.getuid?.() === 0;
  it.skipIf(!root)(`a token file readable by root but not by the app user: TOKEN_FILE_UNREADABLE_BY_APP, and the chain judged as the app sees it${root ? '' : ' (skipped: needs root to start the app as another user)'}`, async () => {
    const sc = await startScenario(scenario('irsa-web-identity'));
    const { chmodSync } = await import('node:fs');
    const token = join(sc.dir, 'token');
    chmodSync(token, 0o600);
    chmodSync(sc.dir, 0o755);
    // the "app" runs as nobody (65534), as an app user without fsGroup would
    const app = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { env: sc.env, uid: 65534, gid: 65534, stdio: 'ignore' });
    try {
      await once(app, 'spawn');
      const r = await runBundle(['--json', '--pid', String(app.pid)], sc.env);
      const report = JSON.parse(r.stdout) as { winner: unknown; chain: { source: string; status: string; stopsChain: boolean }[]; findings: { code: string; message: string }[] };
      const f = report.findings.find((x) => x.code === 'TOKEN_FILE_UNREADABLE_BY_APP');
      expect(f?.message).toContain('uid 65534');
      expect(f?.message).toContain(token);
      expect(report.winner).toBeNull();
      expect(report.chain.find((c) => c.source === 'web-identity')).toMatchObject({ status: 'failed', stopsChain: true });
    } finally {
      app.kill();
      await sc.close();
    }
  });
});
