/**
 * Where the JS SDK finds the shared files: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE when
 * non-empty (`process.env[X] || join(getHomeDir(), ".aws", name)`: empty is unset), else under
 * the home directory; a leading `~/` is the home directory only from @smithy/shared-ini-file-loader
 * 3.1.4 (d88521e "read config files from paths relative to homedir"), which JS 3.600.0 installs
 * (^3) and 3.458.0 does not (^2: 2.4.0); no `$HOME` expansion in any release.
 * mirrors smithy-lang/smithy-typescript packages/shared-ini-file-loader/src/getConfigFilepath.ts,
 * getCredentialsFilepath.ts, loadSharedConfigFiles.ts (relativeHomeDirPrefix), CHANGELOG.md 3.1.4.
 */
import { join } from 'node:path';
import type { SharedFileChoice, SharedFilePaths } from '../../model/chain.ts';
import { atLeast } from '../../versions.ts';
import { JS_RULES } from './rules.ts';

function choice(env: Record<string, string>, variable: string, name: string, home: string | null, tilde: boolean): SharedFileChoice {
  const v = env[variable];
  if (v) return { path: tilde && v.startsWith('~/') && home ? join(home, v.slice(2)) : v, origin: variable };
  return { path: join(home ?? '/', '.aws', name), origin: 'default' };
}

export function jsSharedFilePaths(env: Record<string, string>, home: string | null, version: string | null): SharedFilePaths {
  const tilde = atLeast(version, JS_RULES.iniTildeHome);
  return { config: choice(env, 'AWS_CONFIG_FILE', 'config', home, tilde), credentials: choice(env, 'AWS_SHARED_CREDENTIALS_FILE', 'credentials', home, tilde) };
}
