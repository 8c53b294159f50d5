// The app's paths are opened inside its root: absolute links too (the kernel would follow them
// from /proc/<pid>/root into this container's filesystem).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pathInRoot, rootOf } from '../../src/gather/app-root.ts';

const root = mkdtempSync(join(tmpdir(), 'app-root-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'home/app/.aws'), { recursive: true });
mkdirSync(join(root, 'run/secrets'), { recursive: true });
writeFileSync(join(root, 'run/secrets/config'), '[default]\n');
symlinkSync('/run/secrets/config', join(root, 'home/app/.aws/config'));
symlinkSync('../../run/secrets', join(root, 'home/app/secrets'));
symlinkSync('/home/app', join(root, 'home/me'));
symlinkSync('loop', join(root, 'loop'));

describe('pathInRoot', () => {
  const app = { root, cwd: '/home/app' };
  it.each([
    ['no root: the path as it is', null, '/home/app/.aws/config', '/home/app/.aws/config'],
    ['an absolute link stays inside the root', app, '/home/app/.aws/config', `${root}/run/secrets/config`],
    ['a relative path is the app cwd', app, '.aws/config', `${root}/run/secrets/config`],
    ['a relative link, then ..', app, '/home/app/secrets/../secrets/config', `${root}/run/secrets/config`],
    ['.. never leaves the root', app, '/../../../etc/passwd', `${root}/etc/passwd`],
    ['a link to a directory', app, '/home/me/.aws/config', `${root}/run/secrets/config`],
    ['a missing path is kept (the open says ENOENT)', app, '/nope/config', `${root}/nope/config`],
  ] as const)('%s', async (_name, view, path, expected) => {
    expect(await pathInRoot(view, path)).toBe(expected);
  });
  it('a link loop ends (the open then fails, as the app would)', async () => {
    expect(await pathInRoot(app, '/loop')).toBe(`${root}/loop`);
  });
});

describe('rootOf', () => {
  it('our own root is no other root; an unreadable one says why', async () => {
    expect(await rootOf(`/proc/${process.pid}`)).toEqual({ root: null });
    expect(await rootOf(join(root, 'no-such-pid'))).toMatchObject({ error: expect.stringContaining('no-such-pid/root') });
  });
});
