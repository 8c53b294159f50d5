// --container NAME from a doctor sidecar, with real namespaces (issue 12 items 1-3): the "app"
// runs in a mount namespace of its own (its ~/.aws is a tmpfs only it sees), as uid 1000, in a
// cgroup whose path holds the DockerId the fake task metadata gives container `web`. The tool,
// outside, must judge the app's files, not the decoy files at the same paths in its own view;
// and when it cannot read the app, say so instead of judging itself in silence.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEcsAgent } from '../fakes/ecs-agent.ts';
import type { RunningFake } from '../fakes/loopback-server.ts';
import { until } from '../helpers/until.ts';
import { runChild } from '../helpers/spawn.ts';
import { BUNDLE, GUARD, PATIENT, runBundle } from './run-bundle.ts';

const TASK = '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6';
const WEB = `${'0123456789abcdef'.repeat(3)}${process.pid.toString(16).padStart(16, '0')}`;
const APP_KEY = { id: 'AKIAIOSFODNN7APPKEY7', secret: 'CANARYappSecretOnlyInTheAppsNamespace0001' };
const DECOY_KEY = { id: 'AKIAIOSFODNN7DECOYD1', secret: 'CANARYdecoySecretInTheSidecarsView00002' };
const APP_TOKEN = 'CANARYappContainerTokenOnlyInItsNamespace';
const credentials = (k: { id: string; secret: string }): string => `[app]\naws_access_key_id = ${k.id}\naws_secret_access_key = ${k.secret}\n`;

/** A /proc file, or '' while it is not there (yet, or any more). */
function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

const isRoot = process.getuid?.() === 0;
const tools = ['/usr/bin/unshare', '/usr/bin/setpriv'].every((t) => existsSync(t));

/** A cgroup hierarchy this test may create a directory in: v2 first, then a v1 controller. */
function cgroupRoot(): string | null {
  for (const dir of ['/sys/fs/cgroup', '/sys/fs/cgroup/unified', '/sys/fs/cgroup/pids']) {
    if (!existsSync(join(dir, 'cgroup.procs'))) continue;
    try {
      const probe = join(dir, `ecs-cred-doctor-probe-${process.pid}`);
      mkdirSync(probe);
      rmdirSync(probe);
      return dir;
    } catch {
      // read-only here: the next hierarchy
    }
  }
  return null;
}

const hierarchy = isRoot && tools ? cgroupRoot() : null;
const skip = hierarchy === null ? ` (skipped: needs root, unshare, setpriv and a writable cgroup fs; ${isRoot ? 'not all found' : 'not root'})` : '';

describe.skipIf(hierarchy === null)(`a doctor sidecar judging container web${skip}`, () => {
  let dir = '';
  let cgroup = '';
  let agent: RunningFake;
  let app: ChildProcess;
  let init = 0;
  let main = 0;
  let env: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sidecar-'));
    const home = join(dir, 'home');
    mkdirSync(join(home, '.aws'), { recursive: true });
    // this sidecar's view of the app's HOME: a decoy profile of the same name
    writeFileSync(join(home, '.aws', 'credentials'), credentials(DECOY_KEY));
    // the app's files, copied into its own tmpfs over the same HOME (this file is then removed)
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'credentials'), credentials(APP_KEY));
    agent = await startEcsAgent({
      routes: {},
      taskMetadata: {
        Cluster: 'default',
        TaskARN: `arn:aws:ecs:us-east-1:111122223333:task/default/${TASK}`,
        Containers: [
          { Name: 'web', DockerId: WEB },
          { Name: 'doctor', DockerId: `${TASK}-1111111111` },
          { Name: 'worker', DockerId: `${TASK}-2222222222` },
        ],
      },
    });
    cgroup = join(hierarchy as string, `ecs-cred-doctor-test-${process.pid}`, TASK, WEB);
    mkdirSync(cgroup, { recursive: true });
    const script = [
      `echo $$ > ${cgroup}/cgroup.procs`,
      `&& exec unshare --mount --propagation private sh -c '`,
      `mount -t tmpfs -o mode=0755 tmpfs ${home} && mkdir ${home}/.aws && cp ${dir}/src/credentials ${home}/.aws/credentials && chown -R 1000:1000 ${home}`,
      // a token file only root may read, in the app's namespace only: read as root, judged as uid 1000
      `&& printf ${APP_TOKEN} > ${home}/token && chmod 600 ${home}/token`,
      // the app: a shell (the container's init) whose first child is the process that matters
      `&& exec setpriv --reuid 1000 --regid 1000 --clear-groups env -i HOME=${home} AWS_PROFILE=app AWS_EC2_METADATA_DISABLED=true AWS_CONTAINER_CREDENTIALS_FULL_URI=${agent.url}/creds AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=${home}/token PATH=/usr/bin:/bin sh -c "sleep 600 & wait"'`,
    ].join(' ');
    app = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore', cwd: dir });
    init = app.pid ?? 0;
    await until(() => {
      const kids = read(`/proc/${init}/task/${init}/children`).trim().split(/\s+/).filter(Boolean);
      main = Number(kids[0] ?? 0);
      return main > 0 && read(`/proc/${main}/environ`).includes('AWS_PROFILE=app') && read(`/proc/${main}/status`).includes('\t1000\t');
    }, 'the app process in its namespace');
    rmSync(join(dir, 'src'), { recursive: true });
    env = { HOME: home, AWS_PROFILE: 'app', AWS_EC2_METADATA_DISABLED: 'true', ECS_CONTAINER_METADATA_URI_V4: `${agent.url}/v4/${TASK}-1111111111` };
  });

  afterAll(async () => {
    try {
      if (init > 0) process.kill(-init, 'SIGKILL');
    } catch {
      // already gone (it failed to start, or ended)
    }
    await until(() => !read(`${cgroup}/cgroup.procs`).trim(), 'the app gone').catch(() => undefined);
    app?.unref();
    await agent?.close();
    // a cgroup is removed once empty, leaf first
    for (let d = cgroup; d.startsWith(`${hierarchy}/ecs-cred-doctor-test-`); d = join(d, '..')) {
      await until(() => {
        try {
          rmdirSync(d);
          return true;
        } catch {
          return false;
        }
      }, `rmdir ${d}`).catch(() => undefined);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("--container web: the app's process, chosen as its init's first child, and the app's files read through its root", async () => {
    const r = await runBundle(['--container', 'web', '--json', '--no-sts', '--no-imds-probe'], env);
    const report = JSON.parse(r.stdout) as Record<string, unknown> & {
      winner: { source: string; accessKeyId: string } | null;
      view: string;
      facts: { app: Record<string, unknown>; view: Record<string, unknown> };
      sdkSelection: { evidence: { label: string; value: string }[] };
    };
    expect(report.winner).toMatchObject({ source: 'profile', accessKeyId: 'AKIA************KEY7' });
    expect(report.facts.app).toMatchObject({ pid: main, how: 'container', uid: 1000, readable: true, root: `/proc/${main}/root` });
    expect(report.facts.view).toMatchObject({ container: 'web', pid: main, match: 'path', failure: null });
    expect(String(report.facts.view['why'])).toContain(`of pid ${init} (sh)`);
    expect(report.view).toContain(`the app in container \`web\`, pid ${main}, uid 1000`);
    // detection looked at the chosen process, not at this machine's PID 1
    expect(report.sdkSelection.evidence.map((e) => e.value).join('\n')).toContain(`pid ${main}:`);
    // the sidecar's own view gets the decoy at the same path: told apart, the app's is the report
    const differs = (report as unknown as { findings: { code: string; message: string }[] }).findings.find((f) => f.code === 'EXEC_SHELL_DIFFERS_FROM_APP');
    expect(differs?.message).toMatch(/This shell would get profile \(AKIA\*+OYD1\), but the app \(pid \d+\) gets profile \(AKIA\*+KEY7\)/);
    // the token file, only in the app's namespace: read through its root, its access judged for uid 1000
    expect((report.facts as unknown as { containerTokenFile: unknown }).containerTokenFile).toMatchObject({ path: `${dir}/home/token`, state: 'ok' });
    const denied = (report as unknown as { findings: { code: string; message: string }[] }).findings.find((f) => f.code === 'TOKEN_FILE_UNREADABLE_BY_APP');
    expect(denied?.message).toContain(`${dir}/home/token is not readable by the app's user (uid 1000): mode 600, owner 0:0`);
    for (const secret of [APP_KEY.secret, DECOY_KEY.secret, APP_TOKEN]) expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('the text header says whose view it is', async () => {
    const r = await runBundle(['--container', 'web', '--no-sts', '--no-imds-probe'], env);
    expect(r.stdout.split('\n')[1]).toBe(
      `view: the app in container \`web\`, pid ${main}, uid 1000 (chosen as the first child (sleep) of pid ${init} (sh), the container's init, read through the shared process namespace; its files through /proc/${main}/root)`,
    );
  });

  it('a sidecar that may not read the app (another user, no SYS_PTRACE): the header and APP_VIEW_UNAVAILABLE say so, exit 1', async () => {
    const args = ['--reuid', '2000', '--regid', '2000', '--clear-groups', process.execPath, '--import', GUARD, BUNDLE, '--container', 'web', '--no-sts', '--no-imds-probe', ...Object.entries(PATIENT).flat()];
    const r = await runChild('/usr/bin/setpriv', args, { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env, NO_COLOR: '1' }, timeoutMs: 40_000, cwd: '/' });
    expect(r.stdout).toContain(`view: this shell's view: the app in container \`web\` (pid ${main}) could not be read (/proc/${main}/environ:`);
    expect(r.stdout).toMatch(/ERROR +APP_VIEW_UNAVAILABLE/);
    expect(r.stdout).toContain('SYS_PTRACE');
    expect(r.stdout).not.toContain('KEY7');
    expect(r.code).toBe(1);
  });

  it.each([
    ['worker', 'not-shared', 'pidMode'],
    ['nope', 'unknown-container', 'web, doctor, worker'],
  ])('--container %s: APP_VIEW_UNAVAILABLE (%s), never a silent fallback', async (name, kind, said) => {
    const r = await runBundle(['--container', name, '--json', '--no-sts', '--no-imds-probe'], env);
    const report = JSON.parse(r.stdout) as { findings: { code: string; severity: string; args: Record<string, string>; message: string; fix: string }[]; facts: { app?: unknown } };
    const f = report.findings.find((x) => x.code === 'APP_VIEW_UNAVAILABLE');
    expect(f).toMatchObject({ severity: 'error', args: { kind, container: name } });
    expect(`${f?.message} ${f?.fix}`).toContain(said);
    expect(report.facts.app).toBeUndefined();
    expect(r.code).toBe(1);
  });

  it('no name, other containers visible: APP_CONTAINER_NOT_CHOSEN lists web and how to pick it', async () => {
    // without ECS_CRED_DOCTOR_APP_PID=self (runBundle's default): the tool judges PID 1 and looks around
    const r = await runChild(process.execPath, ['--import', GUARD, BUNDLE, '--json', '--no-sts', '--no-imds-probe', ...Object.entries(PATIENT).flat()], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env }, timeoutMs: 40_000 });
    const report = JSON.parse(r.stdout) as { findings: { code: string; message: string; fix: string }[] };
    const f = report.findings.find((x) => x.code === 'APP_CONTAINER_NOT_CHOSEN');
    expect(f?.message).toContain(`web (pids ${init}, ${main})`);
    expect(f?.fix).toBe("Name the app's container: ecs-cred-doctor --container web");
  });
});
