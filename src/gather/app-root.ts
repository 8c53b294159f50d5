/**
 * The app's files, as the app sees them, from a sidecar: through /proc/<pid>/root when the app
 * is in another mount namespace. The kernel resolves an absolute symlink met under
 * /proc/<pid>/root against the reader's root, not the app's (a `~/.aws -> /run/secrets/aws`
 * link would land in this container), so links are followed here, one component at a time,
 * inside the app's root, as openat2(RESOLVE_IN_ROOT) would.
 */
import { readlink, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { describeError } from '../errors.ts';

/** The app's root and working directory: the two things its relative and absolute paths mean. */
export interface AppRoot {
  root: string;
  cwd: string;
}

/**
 * `<base>/root` when the app sees other files than we do; null when it sees ours; the error when
 * it cannot be told. Another root directory (dev/ino) is one sign; another mount namespace is the
 * other (same root, but something mounted over a path: a volume, a secret, a tmpfs).
 */
export async function rootOf(base: string): Promise<{ root: string | null } | { error: string }> {
  try {
    const ns = (p: string): Promise<string | null> => readlink(p).catch(() => null);
    const [theirs, ours, theirNs, ourNs] = await Promise.all([stat(`${base}/root/`), stat('/'), ns(`${base}/ns/mnt`), ns('/proc/self/ns/mnt')]);
    const same = theirs.dev === ours.dev && theirs.ino === ours.ino && (theirNs === null || theirNs === ourNs);
    return { root: same ? null : `${base}/root` };
  } catch (e) {
    return { error: `${base}/root: ${describeError(e)}` };
  }
}

/** Symlinks followed per path, as Linux's MAXSYMLINKS. */
const MAX_LINKS = 40;

/** The path to open for `path` as the app names it (relative to its cwd), its links followed inside its root. */
export async function pathInRoot(app: AppRoot | null, path: string): Promise<string> {
  if (app === null) return path;
  const pending = posix.resolve(app.cwd, path).split('/').filter(Boolean).reverse();
  const done: string[] = [];
  for (let links = 0; pending.length > 0; ) {
    const part = pending.pop() as string;
    if (part === '.') continue;
    if (part === '..') {
      done.pop();
      continue;
    }
    const target = links < MAX_LINKS ? await readlink(`${app.root}/${[...done, part].join('/')}`).catch(() => null) : null;
    // not a link, missing, or past the link bound (the open then fails as the app's would)
    if (target === null) {
      done.push(part);
      continue;
    }
    links++;
    if (target.startsWith('/')) done.length = 0;
    pending.push(...target.split('/').filter(Boolean).reverse());
  }
  return `${app.root}/${done.join('/')}`;
}
