// Which container a process is in, from each cgroup form ECS shows, and which of a container's
// processes is the app (test/fixtures/proc-task: a task seen from a doctor sidecar).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { containerOfCgroup, containersOfProcesses } from '../../src/gather/cgroup.ts';
import { chooseMain } from '../../src/gather/app-container.ts';

const PROC = fileURLToPath(new URL('../fixtures/proc-task', import.meta.url));
const T = '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6';
const WEB = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const ENVOY = 'fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210';
const WORKER = `${T}-2495160603`;
const ODD = 'aaaabbbbccccddddeeeeffff0000111122223333444455556666777788889999';
const IDS = [WEB, ENVOY, WORKER, ODD];

describe('containerOfCgroup', () => {
  it.each([
    ['cgroup v1, EC2', `9:pids:/ecs/${T}/${WEB}\n4:memory:/ecs/${T}/${WEB}\n`, { dockerId: WEB, match: 'path' }],
    ['cgroup v1, Fargate (task id and a number)', `3:cpuset:/ecs/${T}/${WORKER}\n`, { dockerId: WORKER, match: 'path' }],
    ['cgroup v2', `0::/ecs/${T}/${WEB}\n`, { dockerId: WEB, match: 'path' }],
    ['cgroup v2, systemd driver', `0::/system.slice/docker-${ENVOY}.scope\n`, { dockerId: ENVOY, match: 'path' }],
    ['cgroup v2, a nested init cgroup', `0::/system.slice/docker-${ENVOY}.scope/init.scope\n`, { dockerId: ENVOY, match: 'path' }],
    ['private cgroup namespace, a sibling', `0::/../${WORKER}\n`, { dockerId: WORKER, match: 'path' }],
    ['the id inside another name', `0::/kubepods/pod1/x${ODD}y\n`, { dockerId: ODD, match: 'substring' }],
    ['private cgroup namespace, the reader own', '0::/\n', null],
    ['another container', `0::/ecs/${T}/${T}-pause\n`, null],
    ['empty', '', null],
  ] as const)('%s', (_name, text, expected) => {
    expect(containerOfCgroup(text, IDS)).toEqual(expected);
  });

  it('a short id never matches as a substring (a Fargate task id is in every path of its task)', () => {
    expect(containerOfCgroup(`0::/ecs/${T}/${T}-pause\n`, [T.slice(0, 8)])).toBeNull();
  });
});

describe('containersOfProcesses on a fixture /proc', () => {
  it('finds each container by its cgroup form', async () => {
    const byPid = await containersOfProcesses(PROC, IDS);
    expect(Object.fromEntries([...byPid].map(([pid, m]) => [pid, `${m.dockerId.slice(0, 6)} ${m.match}`]))).toEqual({
      7: '012345 path',
      9: '012345 path',
      10: '012345 path',
      12: 'fedcba path',
      20: '1a2b3c path',
      22: '1a2b3c path',
      30: 'aaaabb substring',
    });
  });
});

describe('chooseMain', () => {
  it('tini: its first child, not the grandchild', async () => {
    expect(await chooseMain(PROC, [10, 9, 7])).toEqual({ pid: 9, why: "the first child (python) of pid 7 (tini), the container's init" });
  });
  it('a shell script (comm is the script, argv[0] the shell): its child', async () => {
    expect((await chooseMain(PROC, [20, 22])).pid).toBe(22);
  });
  it('an app that is its own init: the lowest pid whose parent is outside', async () => {
    expect(await chooseMain(PROC, [12])).toEqual({ pid: 12, why: "the container's only process: envoy" });
  });
});
