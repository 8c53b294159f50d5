/**
 * Which container of the task a process belongs to, from /proc/<pid>/cgroup and the task's
 * DockerIds (task metadata v4). The forms seen in ECS:
 *   cgroup v1   `4:memory:/ecs/<task id>/<docker id>` (EC2), `/ecs/<task>/<task>-<n>` (Fargate)
 *   cgroup v2   `0::/ecs/<task>/<docker id>`, or `0::/system.slice/docker-<id>.scope` (systemd driver)
 *   cgroupns    paths relative to the reader's namespace: `0::/` (the reader's own cgroup) or
 *               `0::/../<docker id>` (a sibling container)
 * A path segment that names the id is a match; a line that only holds the id somewhere is a
 * weaker one (`substring`), and the report says so.
 */
import { readdir, readFile } from 'node:fs/promises';

export type CgroupMatch = { dockerId: string; match: 'path' | 'substring' };

/** A segment's container id: systemd and CRI wrap it (`docker-<id>.scope`, `cri-containerd-<id>.scope`). */
const segmentId = (segment: string): string => segment.replace(/^(docker|cri-containerd|crio|libpod)-/, '').replace(/\.scope$/, '');

/** The container a cgroup file names, or null (`0::/` in a private cgroup namespace names none). */
export function containerOfCgroup(text: string, dockerIds: readonly string[]): CgroupMatch | null {
  const ids = dockerIds.filter((id) => id.length > 0);
  const paths = text
    .split('\n')
    .map((line) => line.split(':').slice(2).join(':'))
    .filter((p) => p !== '');
  for (const path of paths) {
    for (const segment of path.split('/').reverse()) {
      const id = ids.find((d) => d === segmentId(segment));
      if (id) return { dockerId: id, match: 'path' };
    }
  }
  // a runtime that names the cgroup otherwise (a prefix or suffix of its own): the id still shows
  const id = ids.find((d) => d.length >= 12 && paths.some((p) => p.includes(d)));
  return id ? { dockerId: id, match: 'substring' } : null;
}

/** At most this many processes are looked at (a task holds a few; pidMode host shows the host's). */
export const MAX_PROCESSES = 4096;

/** The pids under procRoot, ascending, at most MAX_PROCESSES. */
export async function listPids(procRoot: string): Promise<number[]> {
  const names = await readdir(procRoot).catch(() => [] as string[]);
  return names
    .filter((n) => /^[1-9]\d*$/.test(n))
    .map(Number)
    .sort((a, b) => a - b)
    .slice(0, MAX_PROCESSES);
}

/** Each visible process's container, by pid (processes of no listed container are left out). */
export async function containersOfProcesses(procRoot: string, dockerIds: readonly string[]): Promise<Map<number, CgroupMatch>> {
  const out = new Map<number, CgroupMatch>();
  const pids = await listPids(procRoot);
  await Promise.all(
    pids.map(async (pid) => {
      // a process that ended since the listing has no cgroup file: it is simply not counted
      const text = await readFile(`${procRoot}/${pid}/cgroup`, 'utf8').catch(() => null);
      const m = text === null ? null : containerOfCgroup(text, dockerIds);
      if (m) out.set(pid, m);
    }),
  );
  return out;
}
