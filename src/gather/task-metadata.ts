/** Task metadata v4 `/task`: cluster, task ARN, family, launch type (no credentials in it). */
import type { Facts, TaskMetadata } from '../model/facts.ts';
import { httpRequest } from './http.ts';

export async function probeTaskMetadata(base: string, timeoutMs: number, signal: AbortSignal): Promise<NonNullable<Facts['taskMetadata']>> {
  const got = await fetchTask(base, timeoutMs, signal);
  if (!got.ok) return got;
  const o = got.task;
  const s = (k: string): string | null => (typeof o[k] === 'string' ? (o[k] as string) : typeof o[k] === 'number' ? String(o[k]) : null);
  const task: TaskMetadata = {
    cluster: s('Cluster'),
    taskArn: s('TaskARN'),
    family: s('Family'),
    revision: s('Revision'),
    launchType: s('LaunchType'),
    availabilityZone: s('AvailabilityZone'),
    networkMode: networkModeOf(o['Containers']),
    container: containerNameOf(o['Containers'], base),
  };
  return { ok: true, task };
}

type TaskDocument = { ok: true; task: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };

/** GET <base>/task as an object; never throws. */
async function fetchTask(base: string, timeoutMs: number, signal: AbortSignal): Promise<TaskDocument> {
  const r = await httpRequest({ method: 'GET', url: `${base.replace(/\/+$/, '')}/task`, timeoutMs, signal, bodyCap: 256 * 1024 });
  if (!r.ok) return { ok: false, error: { code: r.code, message: r.message } };
  if (r.status !== 200) return { ok: false, error: { code: `HTTP_${r.status}`, message: `task metadata answered ${r.status}` } };
  try {
    const p: unknown = JSON.parse(r.body.toString('utf8'));
    return { ok: true, task: (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown> };
  } catch {
    return { ok: false, error: { code: 'INVALID_JSON', message: 'task metadata is not JSON' } };
  }
}

/** The task's containers by name and DockerId (`Containers[].Name`, `.DockerId`), or why they are unknown. */
export async function probeTaskContainers(base: string, timeoutMs: number, signal: AbortSignal): Promise<{ ok: true; containers: { name: string; dockerId: string }[] } | { ok: false; error: string }> {
  const got = await fetchTask(base, timeoutMs, signal);
  if (!got.ok) return { ok: false, error: got.error.message };
  const list = Array.isArray(got.task['Containers']) ? (got.task['Containers'] as unknown[]) : [];
  const containers = list.flatMap((c) => {
    const o = (typeof c === 'object' && c !== null ? c : {}) as Record<string, unknown>;
    return typeof o['Name'] === 'string' && typeof o['DockerId'] === 'string' ? [{ name: o['Name'], dockerId: o['DockerId'] }] : [];
  });
  return { ok: true, containers };
}

/** Task metadata v4 puts the network mode on each container's networks. */
function networkModeOf(containers: unknown): string | null {
  if (!Array.isArray(containers)) return null;
  for (const c of containers as unknown[]) {
    const networks = (c as { Networks?: unknown } | null)?.Networks;
    if (!Array.isArray(networks)) continue;
    for (const n of networks as unknown[]) {
      const mode = (n as { NetworkMode?: unknown } | null)?.NetworkMode;
      if (typeof mode === 'string') return mode;
    }
  }
  return null;
}

/**
 * The container this metadata URI belongs to: ECS_CONTAINER_METADATA_URI_V4 ends with the
 * container's DockerId (EC2) or its Fargate runtime id, which /task lists as DockerId.
 */
function containerNameOf(containers: unknown, base: string): string | null {
  const id = base.replace(/\/+$/, '').split('/').pop() ?? '';
  if (!Array.isArray(containers) || id === '') return null;
  const mine = (containers as unknown[]).find((c) => (c as { DockerId?: unknown } | null)?.DockerId === id) as { Name?: unknown } | undefined;
  return typeof mine?.Name === 'string' ? mine.Name : null;
}
