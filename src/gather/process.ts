/**
 * The app's process, seen from /proc: its environment, user and working directory. In an
 * ECS Exec shell the tool is not the app: the shell runs as root with the task's configured
 * environment, not what the entrypoint exported or unset.
 */
import { readFile, readlink, stat } from 'node:fs/promises';
import type { AppProcess } from '../model/facts.ts';
import { describeError, errorCode } from '../errors.ts';
import { redactJavaOptions } from '../java-options.ts';
import { harvestSecrets, scrub } from '../redact.ts';
import { rootOf, type AppRoot } from './app-root.ts';

const ENVIRON_CAP = 1024 * 1024;

export interface AppProcessRead {
  fact: AppProcess;
  /** the raw environment (secrets included): only for the tool's own use */
  env: Record<string, string> | null;
  /** the raw command line (may hold secrets): only for the tool's own use */
  argv: string[] | null;
  /** the app's root and cwd, when its files are read through /proc/<pid>/root */
  root: AppRoot | null;
}

/** Reads /proc/<pid>; never throws. */
export async function readAppProcess(pid: number, how: AppProcess['how'], procRoot = '/proc'): Promise<AppProcessRead> {
  const base = `${procRoot}/${pid}`;
  const fact: AppProcess = { pid, how, readable: false, error: null, uid: null, gids: [], home: null, cwd: null, command: null };
  let env: Record<string, string> | null = null;
  const argv = await readFile(`${base}/cmdline`)
    .then((b) => b.toString('utf8').split('\0').filter(Boolean))
    .catch(() => null);
  try {
    const raw = await readFile(`${base}/environ`);
    if (raw.length > ENVIRON_CAP) throw Object.assign(new Error(`environ is over ${ENVIRON_CAP} bytes`), { code: 'E2BIG' });
    env = parseEnviron(raw.toString('utf8'));
    fact.readable = true;
  } catch (e) {
    fact.error = `${base}/environ: ${errorCode(e) === 'ENOENT' ? 'no such process' : describeError(e)}`;
  }
  try {
    const status = await readFile(`${base}/status`, 'utf8');
    const field = (name: string): string[] => (new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(status)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
    const uid = field('Uid')[1] ?? field('Uid')[0];
    fact.uid = uid === undefined ? null : Number(uid);
    const gid = field('Gid')[1] ?? field('Gid')[0];
    fact.gids = [...new Set([...(gid === undefined ? [] : [Number(gid)]), ...field('Groups').map(Number)])].filter((n) => Number.isInteger(n));
  } catch {
    // status unreadable: the uid stays unknown
  }
  fact.cwd = await readlink(`${base}/cwd`).catch(() => null);
  // its environment without its files would be half a view: an unreadable root is as unreadable
  const root = await rootOf(base);
  if ('error' in root) {
    if (fact.readable) fact.error = root.error;
    fact.readable = false;
  } else fact.root = root.root;
  // a command line can carry -Daws.secretAccessKey=...: redacted before it is kept
  // and any `--secret=…`/`token: …` argument the same way as a body's secret-named fields
  const command = argv ? redactJavaOptions(argv.join(' ')) : null;
  fact.command = command === null ? null : scrub(command, harvestSecrets(command)).slice(0, 2000);
  fact.home = env?.['HOME'] ?? (fact.uid !== null ? await homeOfUid(fact.uid, `${fact.root ?? ''}/etc/passwd`) : null);
  return { fact, env, argv, root: fact.root ? { root: fact.root, cwd: fact.cwd ?? '/' } : null };
}

export function parseEnviron(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of text.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

/** The home directory /etc/passwd gives a uid, as a login would. */
export async function homeOfUid(uid: number, passwd = '/etc/passwd'): Promise<string | null> {
  const text = await readFile(passwd, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length >= 6 && Number(f[2]) === uid) return f[5] ?? null;
  }
  return null;
}

/** Whether a user (uid and groups) may read a path, from its mode bits and owner; root may. */
export async function readableBy(path: string, uid: number, gids: number[]): Promise<{ readable: boolean; why: string } | null> {
  try {
    const st = await stat(path);
    const mode = st.mode & 0o777;
    const show = `mode ${mode.toString(8).padStart(3, '0')}, owner ${st.uid}:${st.gid}`;
    if (uid === 0) return { readable: true, why: `root; ${show}` };
    if (st.uid === uid) return { readable: (mode & 0o400) !== 0, why: show };
    if (gids.includes(st.gid)) return { readable: (mode & 0o040) !== 0, why: show };
    return { readable: (mode & 0o004) !== 0, why: show };
  } catch (e) {
    return errorCode(e) === 'ENOENT' ? null : { readable: false, why: describeError(e) };
  }
}
