/**
 * Where botocore (and the CLI's copy) finds the shared files: AWS_CONFIG_FILE /
 * AWS_SHARED_CREDENTIALS_FILE when present, even empty, else `~/.aws/config` / `~/.aws/credentials`;
 * then `os.path.expandvars` and `os.path.expanduser`. An empty path is no file (ConfigNotFound,
 * swallowed: the session config is empty and SharedCredentialProvider returns None).
 * mirrors boto/botocore botocore/configprovider.py BOTOCORE_DEFAUT_SESSION_VARIABLES (config_file,
 * credentials_file), botocore/configloader.py raw_config_parse, botocore/session.py full_config,
 * botocore/credentials.py SharedCredentialProvider.load.
 */
import type { SharedFileChoice, SharedFilePaths } from '../../model/chain.ts';

/** posixpath.expandvars: `$name` and `${name}` of set variables; unknown ones stay as written. */
export function pyExpandVars(path: string, env: Record<string, string>): string {
  if (!path.includes('$')) return path;
  return path.replace(/\$(\w+)|\$\{([^}]*)\}/g, (all, a: string | undefined, b: string | undefined) => {
    const v = env[a ?? b ?? ''];
    return v === undefined ? all : v;
  });
}

/** posixpath.expanduser for `~` and `~/...` (HOME; `~user` is left as written here). */
export function pyExpandUser(path: string, home: string | null): string {
  if (path !== '~' && !path.startsWith('~/')) return path;
  if (home === null) return path;
  // `userhome.rstrip(sep)`, then `(userhome + path[i:]) or sep`
  return home.replace(/\/+$/, '') + path.slice(1) || '/';
}

function choice(env: Record<string, string>, variable: string, name: string, home: string | null): SharedFileChoice {
  const v = env[variable];
  const raw = v ?? `~/.aws/${name}`;
  if (raw === '') return { path: null, origin: `${variable}="" (botocore reads no file)` };
  const withHome = home !== null && env['HOME'] === undefined ? { ...env, HOME: home } : env;
  const path = pyExpandUser(pyExpandVars(raw, withHome), withHome['HOME'] ?? home);
  return { path, origin: v !== undefined ? variable : 'default' };
}

export function botoSharedFilePaths(env: Record<string, string>, home: string | null): SharedFilePaths {
  return { config: choice(env, 'AWS_CONFIG_FILE', 'config', home), credentials: choice(env, 'AWS_SHARED_CREDENTIALS_FILE', 'credentials', home) };
}
