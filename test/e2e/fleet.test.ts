// Issue 14 end to end, the built bundle against the loopback fakes: one-line JSON, the EMF line,
// --watch following a rotation, a rotation that stops and an expiry (the fake agent answers a
// sequence, one answer per request: runs are counted, not timed), SIGTERM's last line, and the
// README's Logs Insights queries against the fields of a real line.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEcsAgent, type CredentialsBehaviour, type RunningFake } from '../fakes/ecs-agent.ts';
import { startSts, type RunningSts } from '../fakes/sts.ts';
import { CANARIES, scenario, startScenario, TASK_ID, type RunningScenario } from '../scenarios/scenarios.ts';
import { emfErrors } from '../helpers/emf.ts';
import { until } from '../helpers/until.ts';
import { BUNDLE, GUARD, PATIENT, runBundle } from './run-bundle.ts';

const lines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const noSecrets = (text: string): void => {
  for (const c of CANARIES) expect(text).not.toContain(c);
};

describe('--format json-line and --emf (healthy task role)', () => {
  let sc: RunningScenario;
  beforeAll(async () => {
    sc = await startScenario(scenario('healthy-task-role'));
  });
  afterAll(() => sc.close());

  it('one line of JSON with the task, the same content as --json (a facts file replayed both ways)', async () => {
    const factsFile = join(sc.dir, 'facts.json');
    const live = await runBundle(['--format', 'json-line', '--facts-out', factsFile], sc.env);
    expect(live.code).toBe(0);
    expect(live.stdout.indexOf('\n')).toBe(live.stdout.length - 1);
    const [line] = lines(live.stdout);
    expect(line).toMatchObject({ replay: false, task: { cluster: expect.stringContaining('cluster/prod'), arn: expect.stringContaining(TASK_ID), definition: 'my-app:7', container: 'app' }, verdict: { ok: true } });
    expect(line?.['collectedAt']).toBe((line?.['facts'] as { collectedAt: string } | undefined)?.collectedAt);
    // typical size, for the note
    console.log(`json-line: ${Buffer.byteLength(live.stdout)} bytes`);
    noSecrets(live.stdout + live.stderr);

    const [json, oneLine] = await Promise.all([runBundle(['--replay', factsFile, '--json'], sc.env), runBundle(['--replay', factsFile, '--format', 'json-line'], sc.env)]);
    const { collectedAt, replay, task, findingCodes, ...rest } = lines(oneLine.stdout)[0] ?? {};
    expect(replay).toBe(true);
    expect(rest).toEqual(JSON.parse(json.stdout));
  });

  it('--emf adds one valid EMF line after the report; the text report says when and whether replayed', async () => {
    const r = await runBundle(['--format', 'json-line', '--emf'], sc.env);
    const [, emf, more] = lines(r.stdout);
    expect(more).toBeUndefined();
    expect(emfErrors(emf ?? {})).toEqual([]);
    expect(emf).toMatchObject({ Cluster: 'prod', TaskFamily: 'my-app', CredentialsHealthy: 1, Errors: 0, Container: 'app', FindingCodes: ['TASK_ROLE_CONFIRMED'] });
    expect(typeof emf?.['SecondsToExpiry']).toBe('number');
    noSecrets(r.stdout);
    const text = await runBundle([], sc.env);
    expect(text.stdout.split('\n').at(-3)).toMatch(/^facts collected \d{4}-\d\d-\d\dT[\d:.]+Z$/);
  });

  it('usage errors are one line with --format json-line', async () => {
    const r = await runBundle(['--format', 'json-line', '--watch', 'soon'], sc.env);
    expect(r.code).toBe(2);
    expect(r.stdout.indexOf('\n')).toBe(r.stdout.length - 1);
    expect(lines(r.stdout)[0]).toMatchObject({ error: { code: 'USAGE' } });
  });
});

// ── --watch against a fake agent whose answer changes from request to request ──
const ACCOUNT = '111122223333';
const ROLE = `arn:aws:sts::${ACCOUNT}:assumed-role/myAppTaskRole/${TASK_ID}`;
const key = (n: string) => ({
  accessKeyId: `ASIAROTATION${n}000${n}${n}${n}${n}`,
  secretAccessKey: `CANARYRotation${n}Secret0123456789abcdef`,
  sessionToken: `CANARYRotation${n}Token0123456789abcdef`,
  arn: ROLE,
  account: ACCOUNT,
  userId: `AROAEXAMPLE:${TASK_ID}`,
});
const KEYS = { A: key('A'), B: key('B') };
const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const ok = (k: ReturnType<typeof key>, expiration: string): CredentialsBehaviour => ({ kind: 'ok', credentials: { ...k, expiration, roleArn: `arn:aws:iam::${ACCOUNT}:role/myAppTaskRole` } });

interface WatchFakes {
  env: Record<string, string>;
  agent: RunningFake;
  sts: RunningSts;
  close(): Promise<void>;
}

async function watchFakes(answers: CredentialsBehaviour[]): Promise<WatchFakes> {
  const sts = await startSts({ identities: Object.values(KEYS) });
  const path = `/v2/credentials/${TASK_ID}`;
  const agent = await startEcsAgent({ routes: { [path]: { kind: 'sequence', steps: answers } } });
  return {
    env: {
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL_STS: sts.url,
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: path,
      ECS_CRED_DOCTOR_CONTAINER_ENDPOINT: agent.url,
      ECS_CRED_DOCTOR_LOOPBACK_ONLY: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
      HOME: '/nonexistent',
    },
    agent,
    sts,
    close: async () => {
      await Promise.all([agent.close(), sts.close()]);
    },
  };
}

const event = (l: Record<string, unknown>): string => {
  const w = l['watch'] as { event: string; changed: string[] };
  return w.changed.length > 0 ? `${w.event}:${w.changed.join('+')}` : w.event;
};
const codesOf = (l: Record<string, unknown> | undefined): string => String(l?.['findingCodes'] ?? '');
const stsCalls = (f: WatchFakes): number => f.sts.calls.filter((c) => c.action === 'GetCallerIdentity').length;

describe('--watch', () => {
  const far = rfc3339(Date.now() + 6 * 3600_000);

  it('a rotation: one change line, and STS asked once per key', async () => {
    const f = await watchFakes([ok(KEYS.A, far), ok(KEYS.A, far), ok(KEYS.B, rfc3339(Date.now() + 7 * 3600_000))]);
    try {
      const r = await runBundle(['--watch', '10ms', '--format', 'json-line'], { ...f.env, ECS_CRED_DOCTOR_WATCH_ITERATIONS: '4' });
      expect(r.code).toBe(0);
      const out = lines(r.stdout);
      expect(out.map(event)).toEqual(['start', 'change:credentials', 'stop']);
      expect((out[1]?.['winner'] as { accessKeyId: string } | undefined)?.accessKeyId).toMatch(/^ASIA\*+BBBB$/);
      expect(out[2]?.['watch']).toMatchObject({ reason: 'iterations', iteration: 4 });
      // 4 runs, 2 keys
      expect(f.agent.requests.length).toBe(4);
      expect(stsCalls(f)).toBe(2);
      noSecrets(r.stdout + r.stderr);
    } finally {
      await f.close();
    }
  });

  it('a rotation that stops: the same credentials inside the refresh window are CREDENTIALS_NOT_REFRESHED, with --emf lines', async () => {
    const soon = rfc3339(Date.now() + 10 * 60_000);
    const f = await watchFakes([ok(KEYS.A, far), ok(KEYS.B, soon)]);
    try {
      const r = await runBundle(['--watch', '10ms', '--format', 'json-line', '--emf'], { ...f.env, ECS_CRED_DOCTOR_WATCH_ITERATIONS: '3' });
      const out = lines(r.stdout).filter((l) => 'watch' in l);
      const emf = lines(r.stdout).filter((l) => '_aws' in l);
      expect(out.map(event)).toEqual(['start', 'change:credentials+findings+verdict', 'change:findings+verdict', 'stop']);
      expect(codesOf(out[1])).toBe('CREDENTIALS_EXPIRING_SOON');
      expect(codesOf(out[2])).toBe('CREDENTIALS_NOT_REFRESHED');
      expect(r.code).toBe(1);
      expect(emf.length).toBe(out.length);
      for (const e of emf) expect(emfErrors(e)).toEqual([]);
      expect(emf.map((e) => e['CredentialsHealthy'])).toEqual([1, 1, 0, 0]);
    } finally {
      await f.close();
    }
  });

  it('an expiry: CREDENTIALS_EXPIRED once the time passes; SIGTERM ends the watch with a last line and 143', async () => {
    const f = await watchFakes([ok(KEYS.A, rfc3339(Date.now() + 2000))]);
    try {
      const child = spawn(process.execPath, ['--import', GUARD, BUNDLE, '--watch', '100ms', ...Object.entries(PATIENT).flat()], {
        env: { PATH: process.env['PATH'] ?? '', ECS_CRED_DOCTOR_APP_PID: 'self', ...f.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const closed = new Promise<number | null>((r) => child.on('close', r));
      // waits for the line, whatever the machine's speed: no sleep decides the outcome
      await until(() => stdout.includes('CREDENTIALS_EXPIRED'), 'a CREDENTIALS_EXPIRED line', 30_000);
      child.kill('SIGTERM');
      expect(await closed).toBe(143);
      const text = stdout.trim().split('\n');
      expect(text[0]).toMatch(/ start: /);
      expect(text.at(-1)).toMatch(/ stop \(SIGTERM\): .*\[CREDENTIALS_EXPIRED\]$/);
      // one identity call for the one key, however many runs
      expect(stsCalls(f)).toBe(1);
    } finally {
      await f.close();
    }
  });
});

describe('README Logs Insights queries', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const queries = [...readme.matchAll(/```logs-insights\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const COMMANDS = new Set(['fields', 'filter', 'stats', 'sort', 'by', 'as', 'desc', 'asc', 'like', 'and', 'or', 'not', 'limit']);

  /** The log fields a query reads: names that are not commands, functions, aliases, strings or regexes. */
  function fieldsOf(q: string): string[] {
    const body = q
      .split('\n')
      .filter((l) => !l.trimStart().startsWith('#'))
      .join('\n')
      .replace(/"[^"]*"/g, '""')
      .replace(/\/[^/\n]*\//g, '//');
    const aliases = new Set([...body.matchAll(/\bas\s+([A-Za-z_]\w*)/g)].map((m) => m[1]));
    // a whole name (no backing off into a shorter one) not followed by "(": not a function
    return [...body.matchAll(/@?[A-Za-z_]\w*(?:\.\w+)*(?![\w.])(?!\s*\()/g)]
      .map((m) => m[0])
      .filter((n) => !n.startsWith('@') && !COMMANDS.has(n) && !aliases.has(n))
      .filter((n, i, all) => all.indexOf(n) === i);
  }

  /** Every path of a parsed line, as Logs Insights names them (a.b, a.0.b). */
  function pathsOf(v: unknown, prefix = '', out = new Set<string>()): Set<string> {
    if (prefix) out.add(prefix);
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, prefix ? `${prefix}.${k}` : k, out);
    return out;
  }

  it('three queries, each reading only fields the line output has', async () => {
    expect(queries.length).toBe(3);
    const sc = await startScenario(scenario('healthy-task-role'));
    try {
      const r = await runBundle(['--format', 'json-line'], sc.env);
      const paths = pathsOf(lines(r.stdout)[0]);
      for (const q of queries) {
        const fields = fieldsOf(q);
        expect(fields.length).toBeGreaterThan(1);
        expect(fields.filter((f) => !paths.has(f))).toEqual([]);
      }
      // the parse-check is not one that cannot fail: a made-up field is caught
      expect(fieldsOf('fields task.nope, verdict.state | filter x.y = "a.b"').filter((f) => !paths.has(f))).toEqual(['task.nope', 'x.y']);
    } finally {
      await sc.close();
    }
  });
});
