/**
 * The app process as detection needs it, from /proc/<pid>: command line, executable, cwd,
 * environment and root. What cannot be read becomes evidence, never an exception.
 */
import { readdir, readlink } from 'node:fs/promises';
import { parseEnviron, type AppProcessRead } from '../process.ts';
import { describeFsError, ev, readBytesCapped, readTextCapped } from './helpers.ts';
import type { AppProc, Evidence } from './types.ts';

/** readlink, or null with the reason as evidence. */
async function readLinkOrSay(path: string, label: string, evidence: Evidence[]): Promise<string | null> {
  return readlink(path).then(
    (p) => p,
    (e: unknown) => {
      evidence.push(ev(label, `${path}: ${describeFsError(e)}`));
      return null;
    },
  );
}

/** argv with interior empty arguments kept (only the trailing NUL's empty string dropped); 'gone' when there is no such process. */
async function readCmdline(base: string, evidence: Evidence[]): Promise<string[] | null | 'gone'> {
  const cmd = await readBytesCapped(`${base}/cmdline`);
  if (!cmd.ok && cmd.error.startsWith('not found')) return 'gone';
  if (!cmd.ok) evidence.push(ev('cmdline', `${base}/cmdline: ${cmd.error}`));
  return cmd.ok
    ? cmd.value
        .toString('utf8')
        .split('\0')
        .filter((s, i, all) => s !== '' || i < all.length - 1)
    : null;
}

async function readEnviron(base: string, evidence: Evidence[]): Promise<Record<string, string>> {
  const envRead = await readBytesCapped(`${base}/environ`);
  if (!envRead.ok) evidence.push(ev('environ', `${base}/environ: ${envRead.error} (PYTHONPATH, CLASSPATH, NODE_PATH unknown)`));
  return envRead.ok ? parseEnviron(envRead.value.toString('utf8')) : {};
}

/**
 * The app's paths are in its own mount namespace; through /proc/<pid>/root they are right
 * from a sidecar too. Without access (not root), paths are read in this filesystem.
 */
async function enterRoot(base: string, evidence: Evidence[]): Promise<string> {
  return readdir(`${base}/root/`).then(
    () => `${base}/root`,
    (e: unknown) => {
      evidence.push(ev('root', `${base}/root: ${describeFsError(e)}; the app's paths are read in this container's filesystem`));
      return '';
    },
  );
}

/**
 * Reads /proc/<pid>; null when there is no such process. `pre`, the same process already read
 * by gather/process.ts, saves reading its environment and cwd again; an entry `pre` could not
 * read is read here once more, to say why. The command line is always read here: `pre` drops
 * empty arguments, which shift the meaning of those after them (`-cp ""`).
 */
export async function readProc(procRoot: string, pid: number, out: Evidence[], pre: AppProcessRead | null = null): Promise<AppProc | null> {
  const base = `${procRoot}/${pid}`;
  const evidence: Evidence[] = [];
  const argv = await readCmdline(base, evidence);
  if (argv === 'gone') {
    out.push(ev('process', `${base}: no such process`));
    return null;
  }
  const exe = await readLinkOrSay(`${base}/exe`, 'exe', evidence);
  const cwd = pre?.fact.cwd ?? (await readLinkOrSay(`${base}/cwd`, 'cwd', evidence));
  const env = pre?.env ?? (await readEnviron(base, evidence));
  const root = await enterRoot(base, evidence);
  out.push(ev('process', `pid ${pid}: exe ${exe ?? '(unknown)'}${cwd ? `, cwd ${cwd}` : ''}`), ...evidence);
  return { pid, base, exe, argv, env, cwd, root };
}

/** The process's children, as the kernel lists them (Linux 3.5+, CONFIG_PROC_CHILDREN). */
export async function childrenOf(proc: AppProc): Promise<number[]> {
  const r = await readTextCapped(`${proc.base}/task/${proc.pid}/children`);
  return r.ok
    ? r.value
        .split(/\s+/)
        .filter((s) => /^\d+$/.test(s))
        .map(Number)
    : [];
}
