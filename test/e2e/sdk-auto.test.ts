// --sdk auto (the default) end to end: the app's SDK is detected from --app-dir or from a real
// app process (--pid), the report models that SDK's chain, says where it was found, and the
// choice survives --facts-out / --replay. The same environment gives different winners to
// different SDKs (SDK-CHAINS.md §8 scenario 2), so the detection visibly changes the answer.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { scenario, startScenario } from '../scenarios/scenarios.ts';
import { runBundle } from './run-bundle.ts';

interface Report {
  sdk: string;
  sdkSelection: {
    how: string;
    family: string;
    version: string | null;
    detected: { family: string | null; version: string | null; runtime: string } | null;
    unmodelled: { family: string } | null;
    note: string | null;
    evidence: { label: string; value: string }[];
  };
  winner: { source: string } | null;
  findings: { code: string; message: string }[];
  sdks?: { sdk: string; winner: { source: string } | null }[];
}

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'detect');
const tmp = mkdtempSync(join(tmpdir(), 'ecd-auto-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** App trees as package managers leave them. */
const nodeV3 = join(tmp, 'node-v3');
write(join(nodeV3, 'node_modules/@aws-sdk/credential-provider-node/package.json'), JSON.stringify({ name: '@aws-sdk/credential-provider-node', version: '3.600.0' }));
const nodeV2 = join(tmp, 'node-v2');
write(join(nodeV2, 'node_modules/aws-sdk/package.json'), JSON.stringify({ name: 'aws-sdk', version: '2.1500.0' }));
const pythonVenv = join(FIXTURES, 'python-venv', 'venv');
const javaV1 = join(FIXTURES, 'java-v1');
const empty = join(FIXTURES, 'empty-app');

const json = (stdout: string): Report => JSON.parse(stdout) as Report;

describe('--sdk auto with --app-dir', () => {
  it('the same environment, two apps: JS v3 3.600.0 uses the profile, botocore 1.29.27 the env keys', async () => {
    const sc = await startScenario(scenario('profile-beats-env-keys'));
    try {
      const js = json((await runBundle(['--json', '--app-dir', nodeV3], sc.env)).stdout);
      expect(js.sdk).toBe('js-v3@3.600.0');
      expect(js.sdkSelection).toMatchObject({ how: 'detected', family: 'js-v3', version: '3.600.0', detected: { family: 'js-v3', version: '3.600.0', runtime: 'node' } });
      expect(js.sdkSelection.evidence.find((e) => e.label === 'detected')?.value).toBe(`js-v3 3.600.0 from ${nodeV3}/node_modules/@aws-sdk/credential-provider-node/package.json`);
      expect(js.winner?.source).toBe('profile');

      const py = json((await runBundle(['--json', '--app-dir', pythonVenv], sc.env)).stdout);
      expect(py.sdk).toBe('python@1.29.27');
      expect(py.sdkSelection).toMatchObject({ how: 'detected', family: 'python', version: '1.29.27' });
      expect(py.winner?.source).toBe('env');

      const text = await runBundle(['--app-dir', pythonVenv], sc.env);
      expect(text.stdout.split('\n').slice(0, 2)).toEqual(['ecs-cred-doctor 0.1.0 · botocore / boto3 (botocore 1.29.27)', `sdk detected: python 1.29.27 from ${pythonVenv}/lib/python3.11/site-packages/botocore/__init__.py`]);
    } finally {
      await sc.close();
    }
  });

  it('a v1 SDK (Java 1.x jars): the java-v2 chain stands in, with SDK_NOT_MODELLED saying how v1 differs', async () => {
    const sc = await startScenario(scenario('static-keys-shadow-task-role'));
    try {
      const r = await runBundle(['--json', '--app-dir', javaV1], sc.env);
      const report = json(r.stdout);
      expect(report.sdk).toBe('java-v2');
      expect(report.sdkSelection).toMatchObject({ how: 'detected', family: 'java-v2', version: null, detected: { family: 'java-v1', version: '1.12.700' }, unmodelled: { family: 'java-v1' } });
      const f = report.findings.find((x) => x.code === 'SDK_NOT_MODELLED');
      expect(f?.message).toMatch(/AWS SDK for Java 1\.x 1\.12\.700.*env keys before system properties/);
      // a warning: the exit code stays that of the diagnosis, unless --strict
      expect(r.code).toBe(0);
      expect((await runBundle(['--strict', '--app-dir', javaV1], sc.env)).code).toBe(1);
    } finally {
      await sc.close();
    }
  });

  it('JavaScript v2 (aws-sdk) stands in as js-v3', async () => {
    const sc = await startScenario(scenario('healthy-task-role'));
    try {
      const report = json((await runBundle(['--json', '--app-dir', nodeV2], sc.env)).stdout);
      expect(report.sdkSelection).toMatchObject({ family: 'js-v3', detected: { family: 'js-v2', version: '2.1500.0' } });
      expect(report.findings.map((f) => f.code)).toContain('SDK_NOT_MODELLED');
    } finally {
      await sc.close();
    }
  });

  it('nothing in the directory: js-v3 assumed, and the note says why and how to name the SDK', async () => {
    const sc = await startScenario(scenario('healthy-task-role'));
    try {
      const report = json((await runBundle(['--json', '--app-dir', empty], sc.env)).stdout);
      expect(report.sdkSelection).toMatchObject({ how: 'assumed', family: 'js-v3', version: null });
      expect(report.sdkSelection.note).toMatch(/no AWS SDK in --app-dir .*empty-app.*--sdk NAME\[@VERSION\]/);
      // a directory that is not there is the user's mistake: exit 2, the value named, no report
      const missing = join(tmp, 'not-there');
      const text = await runBundle(['--app-dir', missing], sc.env);
      expect(text.code).toBe(2);
      expect(text.stdout).toBe('');
      expect(text.stderr).toBe(`ecs-cred-doctor: --app-dir ${JSON.stringify(missing)} is not a readable directory\nTry 'ecs-cred-doctor --help'.\n`);
      const asJson = await runBundle(['--json', '--app-dir', join(FIXTURES, 'java-v1', 'app.jar')], sc.env);
      expect(asJson.code).toBe(2);
      expect(JSON.parse(asJson.stdout).error).toMatchObject({ code: 'USAGE', message: expect.stringMatching(/--app-dir ".*app\.jar" is not a readable directory/) });
    } finally {
      await sc.close();
    }
  });

  it('--sdk all with --app-dir: the detected SDK is the main chain and the first row', async () => {
    const sc = await startScenario(scenario('profile-beats-env-keys'));
    try {
      const report = json((await runBundle(['--json', '--sdk', 'all', '--app-dir', pythonVenv], sc.env)).stdout);
      expect(report.sdk).toBe('python@1.29.27');
      expect(report.sdks?.[0]).toMatchObject({ sdk: 'python@1.29.27', winner: { source: 'env' } });
      expect(report.sdks?.find((s) => s.sdk === 'js-v3')?.winner?.source).toBe('profile');
      expect(report.findings.map((f) => f.code)).toContain('SDKS_DISAGREE');
    } finally {
      await sc.close();
    }
  });

  it('--facts-out keeps the selection; --replay models the same SDK, and --sdk NAME replays another', async () => {
    const sc = await startScenario(scenario('profile-beats-env-keys'));
    try {
      const file = join(sc.dir, 'facts.json');
      const live = await runBundle(['--app-dir', pythonVenv, '--facts-out', file], sc.env);
      const replayed = await runBundle(['--replay', file], {});
      // the same report, which says it is a replay
      expect(replayed.stdout).toBe(live.stdout.replace(/(facts collected \S+)/, '$1, replayed from a facts file'));
      expect(JSON.parse(readFileSync(file, 'utf8')).facts.sdkSelection).toMatchObject({ how: 'detected', family: 'python', version: '1.29.27' });
      const other = json((await runBundle(['--json', '--replay', file, '--sdk', 'js-v3'], {})).stdout);
      expect(other.sdkSelection).toMatchObject({ how: 'flag', family: 'js-v3' });
      expect(other.winner?.source).toBe('profile');
    } finally {
      await sc.close();
    }
  });
});

describe('--sdk auto from the app process', () => {
  /** A real process, as the app would be: its exe, cmdline, cwd and environ are what detection reads. */
  function startApp(cmd: string, args: string[], cwd: string, env: Record<string, string>): Promise<number> {
    const child = spawn(cmd, args, { cwd, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env }, stdio: 'ignore' });
    children.push(child);
    return new Promise((resolve, reject) => {
      child.once('spawn', () => resolve(child.pid ?? 0));
      child.once('error', reject);
    });
  }

  it('a node app: found from its working directory, walking up node_modules as require() does', async () => {
    const sc = await startScenario(scenario('profile-beats-env-keys'));
    try {
      mkdirSync(join(nodeV3, 'src'), { recursive: true });
      const pid = await startApp(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], join(nodeV3, 'src'), sc.env);
      const report = json((await runBundle(['--json', '--pid', String(pid)], sc.env)).stdout);
      expect(report.sdkSelection).toMatchObject({ how: 'detected', family: 'js-v3', version: '3.600.0', detected: { runtime: 'node' } });
      expect(report.sdkSelection.evidence.some((e) => e.label === 'runtime' && e.value.startsWith('node'))).toBe(true);
      expect(report.winner?.source).toBe('profile');
    } finally {
      await sc.close();
    }
  });

  it('PID 1 is a shell that runs the tool before the app: the working directory is searched', async () => {
    const sc = await startScenario(scenario('profile-beats-env-keys'));
    try {
      const pid = await startApp('/bin/sh', ['-c', 'sleep 60'], pythonVenv, sc.env);
      const report = json((await runBundle(['--json', '--pid', String(pid)], sc.env)).stdout);
      expect(report.sdkSelection).toMatchObject({ how: 'detected', family: 'python', version: '1.29.27' });
      expect(report.sdkSelection.evidence.find((e) => e.label === 'working directory')?.value).toBe(`nothing found from the process; searched ${pythonVenv}`);
      expect(report.winner?.source).toBe('env');
    } finally {
      await sc.close();
    }
  });

  it('--pid self: the app is not looked at, js-v3 is assumed, and the report says so', async () => {
    const sc = await startScenario(scenario('healthy-task-role'));
    try {
      const r = await runBundle([], sc.env);
      expect(r.stdout.split('\n')[1]).toBe("the app process is not looked at (--pid self): the js-v3 chain (current release) is assumed; name the app's SDK with --sdk NAME[@VERSION], or its files with --app-dir DIR.");
      const named = await runBundle(['--sdk', 'js-v3'], sc.env);
      expect(named.stdout.split('\n')[1]).toBe('');
    } finally {
      await sc.close();
    }
  });
});
