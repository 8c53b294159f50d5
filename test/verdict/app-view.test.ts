// Whose view the report is, and the findings that say when it is not the app's (issue 12 item 3).
import { describe, expect, it } from 'vitest';
import { jsV3Chain } from '../../src/sdks/js-v3/index.ts';
import { chainContextOf, walkChain } from '../../src/chains/walk.ts';
import { decideVerdict } from '../../src/verdict/decide.ts';
import { describeView } from '../../src/findings/app.ts';
import type { AppProcess, AppView, Facts } from '../../src/model/facts.ts';
import { containerOk, makeFacts, RELATIVE, stsIdentity } from '../helpers/facts.ts';

const NOW = new Date('2026-06-01T00:00:00Z');
const decide = (f: Facts) => decideVerdict(f, walkChain(jsV3Chain, chainContextOf(f, jsV3Chain)), { chain: jsV3Chain, expectRole: null, expectAccount: null, strict: false, noSts: false, now: NOW });
const healthy = (): Facts => makeFacts({ env: { ...RELATIVE, AWS_REGION: 'eu-west-1' }, container: containerOk(), sts: stsIdentity(NOW, 'arn:aws:sts::111122223333:assumed-role/myAppTaskRole/x') });
const app = (over: Partial<AppProcess> = {}): AppProcess => ({ pid: 7, how: 'container', readable: true, error: null, uid: 1000, gids: [1000], home: '/home/app', cwd: '/app', command: 'python app.py', root: '/proc/7/root', ...over });
const view = (over: Partial<AppView> = {}): AppView => ({
  container: 'web',
  containers: [{ name: 'web', dockerId: 'abc', pids: [5, 7], self: false }],
  pid: 7,
  why: "the first child (python) of pid 5 (tini), the container's init",
  match: 'path',
  failure: null,
  ...over,
});

describe('the app view', () => {
  it('read: the header names the container, pid, uid and root; no finding', () => {
    const f = { ...healthy(), app: app(), view: view() };
    expect(describeView(f)).toBe("the app in container `web`, pid 7, uid 1000 (chosen as the first child (python) of pid 5 (tini), the container's init, read through the shared process namespace; its files through /proc/7/root)");
    expect(decide(f).findings).toEqual([]);
  });

  it('PID 1 unreadable without --container: a warning, and the header says it is the shell view', () => {
    const f = { ...healthy(), app: app({ pid: 1, how: 'pid1', readable: false, error: '/proc/1/environ: EACCES: permission denied', root: null }) };
    const v = decide(f);
    expect(v.findings.map((x) => `${x.code}:${x.severity}`)).toContain('APP_VIEW_UNAVAILABLE:warning');
    expect(v.exitCode).toBe(0);
    expect(describeView(f)).toBe("this shell's view: the app (pid 1) could not be read (/proc/1/environ: EACCES: permission denied)");
  });

  it('--container and the process cannot be found: an error that leads, with the fix for its kind', () => {
    const f = { ...healthy(), view: view({ pid: null, failure: { kind: 'not-shared', pid: null, error: 'no process of container web is visible' } }) };
    const v = decide(f);
    expect(v.findings[0]).toMatchObject({ code: 'APP_VIEW_UNAVAILABLE', severity: 'error', args: { kind: 'not-shared', container: 'web' } });
    expect(v.findings[0]?.fix).toContain('"pidMode": "task"');
    expect(v.headlineCode).toBe('APP_VIEW_UNAVAILABLE');
    expect(v.exitCode).toBe(1);
  });

  it('no name, other containers visible: APP_CONTAINER_NOT_CHOSEN (info) names them and the flag', () => {
    const f = {
      ...healthy(),
      app: app({ pid: 1, how: 'pid1', root: null }),
      view: view({
        container: null,
        pid: null,
        why: '',
        match: null,
        containers: [
          { name: 'doctor', dockerId: 'd', pids: [9], self: true },
          { name: 'web', dockerId: 'abc', pids: [5, 7], self: false },
        ],
      }),
    };
    const nc = decide(f).findings.find((x) => x.code === 'APP_CONTAINER_NOT_CHOSEN');
    expect(nc).toMatchObject({ severity: 'info', args: { containers: 'web (pids 5, 7)', judged: 'pid 1', first: 'web' } });
    expect(nc?.fix).toBe("Name the app's container: ecs-cred-doctor --container web");
  });
});
