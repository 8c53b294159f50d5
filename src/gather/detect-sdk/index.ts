/**
 * `--sdk auto`: which AWS SDK, and which release, the app process uses. The chain a container
 * app walks depends on its SDK (SDK-CHAINS.md §1–§4), so the report is only right when it
 * models that SDK; this module finds it from /proc/<pid> (exe, cmdline, cwd, environ) and the
 * app's files, and says where each conclusion came from. It never throws: every unreadable
 * entry becomes evidence, and when nothing is found the caller models js-v3 with a note.
 *
 * This file is the orchestration: which process is looked at, in which order the runtimes
 * are tried (RUNTIMES), and how --app-dir and the process combine. Each runtime's knowledge
 * is in its own file; adding one is a new file and a line in RUNTIMES.
 */
import { posix } from 'node:path';
import { describeError } from '../../errors.ts';
import type { AppProcessRead } from '../process.ts';
import { ev, isDir, orList } from './helpers.ts';
import { go } from './go.ts';
import { java } from './java.ts';
import { node } from './node.ts';
import { childrenOf, readProc } from './proc.ts';
import { python } from './python.ts';
import type { AppProc, AppRuntime, Detected, Evidence, RuntimeDetector, SdkDetection, SdkFamily } from './types.ts';

export { ev } from './helpers.ts';
export type { AppRuntime, Evidence, SdkDetection, SdkFamily, SdkHit } from './types.ts';

const { basename, resolve } = posix;

/** The runtimes, in the order they are tried: by executable name, by executable contents, and in an --app-dir. */
const RUNTIMES: readonly RuntimeDetector[] = [node, python, java, go];

const EVIDENCE_CAP = 60;
/** PID 1 is often tini, dumb-init or `sh -c`: its children are looked at, this deep and this many. */
const CHILD_DEPTH = 3;
const PROCESS_CAP = 8;
const ASSUMED = 'the js-v3 chain is assumed';

const BY_NAME = RUNTIMES.filter((r) => r.byName !== undefined);
/** "node, python or java": the runtimes known by their executable's name */
const NAMED = orList(BY_NAME.map((r) => r.name));
/** "node, python, java or a Go binary" */
const RECOGNISED = orList(RUNTIMES.map((r) => (r.byName ? r.name : `a ${r.name} binary`)));

/**
 * The runtime from the executable's name (readlink of /proc/<pid>/exe) or, when that is
 * unreadable, argv[0]. A Go binary has no telling name: the caller recognises it by its
 * embedded build info, so this returns 'unknown' for it.
 */
export function runtimeOf(exePath: string | null, argv: readonly string[] | null): AppRuntime {
  return detectorByName(exePath, argv)?.runtime ?? 'unknown';
}

function detectorByName(exePath: string | null, argv: readonly string[] | null): RuntimeDetector | null {
  // readlink gives "/usr/bin/node (deleted)" when the binary was replaced after start
  const names = [exePath?.replace(/ \(deleted\)$/, ''), argv?.[0]].filter((s): s is string => typeof s === 'string' && s !== '').map((p) => basename(p));
  for (const name of names) {
    for (const r of BY_NAME) if (r.byName?.matches(name)) return r;
  }
  return null;
}

async function detectProcess(proc: AppProc): Promise<Detected> {
  const byName = detectorByName(proc.exe, proc.argv);
  const exeName = proc.exe ? basename(proc.exe) : (proc.argv?.[0] ?? '?');
  const base: Evidence[] = [ev('runtime', byName === null ? `${exeName}: not ${NAMED} by name` : `${byName.runtime} (${exeName})`)];
  const r = byName?.byName ? await byName.byName.detect(proc) : await detectByExecutable(proc);
  return { ...r, evidence: [...base, ...r.evidence] };
}

/** An executable no runtime knows by name: each runtime that can tell by its contents looks, in order. */
async function detectByExecutable(proc: AppProc): Promise<Detected> {
  for (const r of RUNTIMES) {
    const d = r.fromExecutable ? await r.fromExecutable(proc) : null;
    if (d) return d;
  }
  const evidence = RUNTIMES.flatMap((r) => (r.notFound ? [r.notFound] : []));
  return { runtime: 'unknown', hit: null, evidence, why: `the executable is not ${RECOGNISED}` };
}

const RUNTIME_OF_FAMILY = new Map<SdkFamily, AppRuntime>(RUNTIMES.flatMap((r) => r.families.map((f) => [f, r.runtime] as const)));

/** The app's files named directly: every runtime's layout is tried, the hinted runtime first. */
async function detectAppDir(dir: string, hint: AppRuntime): Promise<Detected> {
  const evidence: Evidence[] = [ev('app-dir', dir)];
  if (!(await isDir(dir))) return { runtime: hint, hit: null, evidence: [...evidence, ev('app-dir', `${dir}: not a readable directory`)], why: `--app-dir ${dir} is not a readable directory` };
  const order = [...RUNTIMES].sort((a, b) => Number(b.runtime === hint) - Number(a.runtime === hint));
  for (const r of order) {
    const found = await r.inDir(dir);
    if (!found.hit) continue;
    const runtime = RUNTIME_OF_FAMILY.get(found.hit.family) ?? 'unknown';
    const mismatch = hint !== 'unknown' && hint !== runtime ? [ev('app-dir', `the process runs ${hint}, but ${dir} holds a ${runtime} SDK: the directory is believed`)] : [];
    return { runtime, hit: found.hit, evidence: [...evidence, ...found.evidence, ...mismatch], why: null };
  }
  return { runtime: hint, hit: null, evidence: [...evidence, ev('app-dir', `no AWS SDK of any runtime in ${dir}`)], why: `no AWS SDK in --app-dir ${dir}` };
}

export interface DetectInput {
  pid: number | null;
  appDir: string | null;
  procRoot?: string;
  /** the app process as gather/process.ts already read it: its environment and cwd are not read again */
  app?: AppProcessRead | null;
  /** the pids of the app's container (a task's shared process namespace): children outside it belong to other containers and are not looked at */
  within?: readonly number[] | null;
}

/**
 * Finds the app's SDK. `pid` null with no `appDir` means PID 1 (the container's app); with
 * `appDir` only the directory is searched. Never throws.
 */
export async function detectSdk(input: DetectInput): Promise<SdkDetection> {
  const evidence: Evidence[] = [];
  try {
    return await detect(input, evidence);
  } catch (e) {
    evidence.push(ev('internal error', describeError(e)));
    return finish({ runtime: 'unknown', hit: null, evidence: [], why: `detection failed (${describeError(e)})` }, evidence);
  }
}

async function detect(input: DetectInput, evidence: Evidence[]): Promise<SdkDetection> {
  const procRoot = input.procRoot ?? '/proc';
  const fromProc = input.pid !== null || input.appDir === null ? await detectFromPid(procRoot, input.pid ?? 1, evidence, input.app ?? null, input.within ?? null) : null;
  if (input.appDir === null) return finish(fromProc ?? { runtime: 'unknown', hit: null, evidence: [], why: null }, evidence);
  // --app-dir is the user's word for where the app's files are: it is searched first, and
  // the process (when there is one) still names the runtime
  const fromDir = await detectAppDir(resolve(input.appDir), fromProc?.runtime ?? 'unknown');
  evidence.push(...(fromProc?.evidence ?? []));
  if (fromDir.hit) return finish(fromDir, evidence);
  if (!fromProc?.hit) {
    const why = [fromProc?.why, fromDir.why].filter((w): w is string => typeof w === 'string' && w !== '').join('; ');
    return finish({ ...fromDir, runtime: fromProc?.runtime ?? 'unknown', why: why === '' ? null : why }, evidence);
  }
  return finish({ ...fromProc, evidence: fromDir.evidence }, evidence);
}

interface Visit {
  pid: number;
  depth: number;
}

/** The process and, when it is no app runtime (tini, dumb-init, `sh -c`), its children, breadth first. */
async function detectFromPid(procRoot: string, pid: number, evidence: Evidence[], app: AppProcessRead | null, within: readonly number[] | null): Promise<Detected> {
  const queue: Visit[] = [{ pid, depth: 0 }];
  let first: Detected | null = null;
  const tried: number[] = [];
  for (let seen = 0; queue.length > 0 && seen < PROCESS_CAP; seen++) {
    const next = queue.shift();
    if (!next) break;
    const procEvidence: Evidence[] = [];
    const proc = await readProc(procRoot, next.pid, procEvidence, next.depth === 0 && app?.fact.pid === next.pid ? app : null);
    if (!proc) {
      if (next.depth === 0) return { runtime: 'unknown', hit: null, evidence: procEvidence, why: `process ${next.pid} not found under ${procRoot}` };
      continue;
    }
    const d = await detectProcess(proc);
    const all: Detected = { ...d, evidence: [...procEvidence, ...d.evidence] };
    if (next.depth === 0) first = all;
    else tried.push(next.pid);
    if (d.runtime !== 'unknown') {
      if (next.depth > 0 && first) evidence.push(...first.evidence, ev('child', `pid ${next.pid}: a descendant of pid ${pid}, which is no app runtime (an init such as tini, or a shell)`));
      return all;
    }
    if (next.depth < CHILD_DEPTH) queue.push(...(await childVisits(procRoot, proc, next.depth)).filter((v) => within === null || within.includes(v.pid)));
  }
  if (!first) return { runtime: 'unknown', hit: null, evidence: [], why: null };
  return tried.length > 0 ? { ...first, evidence: [...first.evidence, ev('children', `looked at pid ${tried.join(', ')}: none is ${orList(RUNTIMES.map((r) => r.name))}`)] } : first;
}

async function childVisits(procRoot: string, proc: AppProc, depth: number): Promise<Visit[]> {
  // the tool itself can be a child of PID 1 (`sh -c "node ecs-cred-doctor.mjs && exec node app"`)
  return (await childrenOf(proc)).filter((c) => !(procRoot === '/proc' && c === process.pid)).map((c) => ({ pid: c, depth: depth + 1 }));
}

function finish(d: Detected, evidence: Evidence[]): SdkDetection {
  const all = [...evidence, ...d.evidence];
  const capped = all.length > EVIDENCE_CAP ? [...all.slice(0, EVIDENCE_CAP - 1), ev('evidence', `${all.length - EVIDENCE_CAP + 1} more entries left out`)] : all;
  if (d.hit) {
    return {
      family: d.hit.family,
      version: d.hit.version,
      runtime: d.runtime,
      evidence: [...capped, ev('detected', `${d.hit.family}${d.hit.version ? ` ${d.hit.version}` : ''} from ${d.hit.from}`)],
      note: d.hit.version === null ? `${d.hit.family} detected, but its version is unknown; the current release is modelled` : null,
    };
  }
  const why = d.why ? `${d.why}` : 'no AWS SDK found';
  return { family: null, version: null, runtime: d.runtime, evidence: capped, note: `No AWS SDK detected (${why}); ${ASSUMED}.` };
}
