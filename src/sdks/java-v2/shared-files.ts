/**
 * Where the Java SDK v2 finds the shared files: aws.configFile / AWS_CONFIG_FILE and
 * aws.sharedCredentialsFile / AWS_SHARED_CREDENTIALS_FILE (a system setting: property first,
 * trimmed, and present even when empty), else `~/.aws/config` / `~/.aws/credentials`; a leading
 * `~/` is the home directory (HOME_DIRECTORY_PATTERN `^~(/|separator).*$`; `~` alone is not); no `$HOME` expansion. An empty value is `Paths.get("")`,
 * the working directory, not a regular file: no file.
 * mirrors aws/aws-sdk-java-v2 core/profiles/src/main/java/software/amazon/awssdk/profiles/ProfileFileLocation.java
 * (configurationFilePath, credentialsFilePath, resolveProfileFilePath, resolveIfExists) and
 * ProfileFileSystemSetting.java (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE).
 */
import type { SharedFileChoice, SharedFilePaths } from '../../model/chain.ts';
import { javaSettingOfEnv } from './system-properties.ts';

function choice(env: Record<string, string>, property: string, variable: string, name: string, home: string | null): SharedFileChoice {
  const s = javaSettingOfEnv(env, property, variable);
  const raw = s ? s.value : `~/.aws/${name}`;
  if (raw === '') return { path: null, origin: `${s?.from ?? variable}="" (the Java SDK reads no file)` };
  const path = raw.startsWith('~/') && home !== null ? home + raw.slice(1) : raw;
  return { path, origin: s ? s.from : 'default' };
}

export function javaSharedFilePaths(env: Record<string, string>, home: string | null): SharedFilePaths {
  return {
    config: choice(env, 'aws.configFile', 'AWS_CONFIG_FILE', 'config', home),
    credentials: choice(env, 'aws.sharedCredentialsFile', 'AWS_SHARED_CREDENTIALS_FILE', 'credentials', home),
  };
}
