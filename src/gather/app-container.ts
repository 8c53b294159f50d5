/**
 * --container NAME: the app's process in another container of this task, seen from a sidecar
 * through the task's shared process namespace (pidMode "task"). Task metadata v4 names each
 * container's DockerId; /proc/<pid>/cgroup says which container a process is in (cgroup.ts).
 * Without a name, the task's other containers are listed when their processes are visible, so
 * the report can say how to pick one. Never throws.
 */
import { readFile } from 'node:fs/promises';
import type { AppView } from '../model/facts.ts';
import { containersOfProcesses } from './cgroup.ts';
import { probeTaskContainers } from './task-metadata.ts';

export interface LocateInput {
  /** --container NAME, or null to only list the task's other containers */
  name: string | null;
  /** ECS_CONTAINER_METADATA_URI_V4 */
  metadataBase: string | undefined;
  timeoutMs: number;
  signal: AbortSignal;
  procRoot?: string;
  /** this tool's pid: its container is "self", and it is never the app */
  selfPid?: number;
}

/** Inits and shells that start the app rather than being it: the app is their first child. */
const INITS = new Set(['tini', 'tini-static', 'dumb-init', 'docker-init', 'catatonit', 'sh', 'bash', 'dash', 'ash', 'zsh', 'busybox']);

/** The view to judge, or null when there is nothing to say (no name asked and no other container visible). */
export async function locateAppContainer(i: LocateInput): Promise<AppView | null> {
  const procRoot = i.procRoot ?? '/proc';
  const selfPid = i.selfPid ?? process.pid;
  const view: AppView = { container: i.name, containers: [], pid: null, why: '', match: null, failure: null };
  const fail = (kind: NonNullable<AppView['failure']>['kind'], error: string): AppView | null => (i.name === null ? null : { ...view, failure: { kind, pid: null, error } });
  if (!i.metadataBase) return fail('no-metadata', 'ECS_CONTAINER_METADATA_URI_V4 is not set (not in an ECS task, or an ECS agent older than 1.39), so the container cannot be found');
  const task = await probeTaskContainers(i.metadataBase, i.timeoutMs, i.signal);
  if (!task.ok) return fail('no-metadata', `task metadata could not be read (${task.error})`);
  const byPid = await containersOfProcesses(
    procRoot,
    task.containers.map((c) => c.dockerId),
  );
  const selfId = byPid.get(selfPid)?.dockerId;
  view.containers = task.containers.map((c) => ({ ...c, pids: [...byPid].filter(([, m]) => m.dockerId === c.dockerId).map(([pid]) => pid), self: c.dockerId === selfId }));
  if (i.name === null) return view.containers.some((c) => !c.self && c.pids.length > 0) ? view : null;
  const target = view.containers.find((c) => c.name === i.name);
  const names = view.containers.map((c) => c.name).join(', ') || 'none';
  if (!target) return fail('unknown-container', `the task has no container named ${i.name} (its containers: ${names})`);
  const pids = target.pids.filter((p) => p !== selfPid);
  if (pids.length === 0) return fail('not-shared', `no process of container ${i.name} (DockerId ${target.dockerId}) is visible in ${procRoot}: the task's process namespace is not shared with this container`);
  const main = await chooseMain(procRoot, pids);
  view.match = [...byPid].some(([pid, m]) => pids.includes(pid) && m.match === 'substring') ? 'substring' : 'path';
  return { ...view, pid: main.pid, why: main.why };
}

interface Proc {
  pid: number;
  ppid: number;
  name: string;
}

/** PPid and the program's name (argv[0]'s base name: a `#!/bin/sh` script's comm is the script's). */
async function procOf(procRoot: string, pid: number): Promise<Proc> {
  const [status, cmdline] = await Promise.all([readFile(`${procRoot}/${pid}/status`, 'utf8').catch(() => ''), readFile(`${procRoot}/${pid}/cmdline`, 'utf8').catch(() => '')]);
  const argv0 = cmdline.split('\0')[0] ?? '';
  const comm = /^Name:\s*(.*)$/m.exec(status)?.[1] ?? '';
  return { pid, ppid: Number(/^PPid:\s*(\d+)/m.exec(status)?.[1] ?? 0), name: argv0.slice(argv0.lastIndexOf('/') + 1) || comm };
}

/**
 * The container's main process: its init is the process whose parent is outside the container
 * (the lowest such pid); when that init is tini, dumb-init, docker-init or a shell, the app is
 * its first child (the lowest pid among its children).
 */
export async function chooseMain(procRoot: string, pids: number[]): Promise<{ pid: number; why: string }> {
  const procs = await Promise.all([...pids].sort((a, b) => a - b).map((pid) => procOf(procRoot, pid)));
  const inside = new Set(pids);
  const init = procs.find((p) => !inside.has(p.ppid)) ?? (procs[0] as Proc);
  const of = `the container's ${procs.length === 1 ? 'only process' : `first process (lowest pid of ${procs.length} whose parent is outside it)`}`;
  if (!INITS.has(init.name)) return { pid: init.pid, why: `${of}: ${init.name || '?'}` };
  const child = procs.find((p) => p.ppid === init.pid);
  if (!child) return { pid: init.pid, why: `${of}: ${init.name}, an init or shell with no child` };
  return { pid: child.pid, why: `the first child (${child.name || '?'}) of pid ${init.pid} (${init.name}), the container's init` };
}
