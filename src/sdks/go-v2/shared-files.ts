/**
 * Where the Go SDK finds the shared files: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE when
 * non-empty (setStringFromEnvVal skips an empty value), else `filepath.Join(userHomeDir(), ".aws",
 * name)`; the path is used as written (no `~` or `$HOME` expansion, verified with config 1.17.10).
 * mirrors aws/aws-sdk-go-v2 config/env_config.go NewEnvConfig (awsConfigFileEnvVar,
 * awsCredentialsFileEnvVar), config/shared_config.go DefaultSharedConfigFilename,
 * DefaultSharedCredentialsFilename, internal/shareddefaults/shared_config.go UserHomeDir.
 */
import { join } from 'node:path';
import type { SharedFileChoice, SharedFilePaths } from '../../model/chain.ts';

function choice(env: Record<string, string>, variable: string, name: string, home: string | null): SharedFileChoice {
  const v = env[variable];
  if (v) return { path: v, origin: variable };
  // shareddefaults.UserHomeDir is os.Getenv("HOME") on Linux: unset gives a relative .aws/<name>
  return { path: join(env['HOME'] ?? home ?? '', '.aws', name), origin: 'default' };
}

export function goSharedFilePaths(env: Record<string, string>, home: string | null): SharedFilePaths {
  return { config: choice(env, 'AWS_CONFIG_FILE', 'config', home), credentials: choice(env, 'AWS_SHARED_CREDENTIALS_FILE', 'credentials', home) };
}
