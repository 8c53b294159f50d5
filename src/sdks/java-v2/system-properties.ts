/**
 * How the Java SDK v2 reads a setting: the JVM system property first, then the environment
 * variable, then the default; the value is trimmed, and a defined-but-empty value is present.
 * mirrors aws/aws-sdk-java-v2 utils/src/main/java/software/amazon/awssdk/utils/internal/SystemSettingUtils.java
 * (resolveSetting: firstPresent(property, environment, default).map(String::trim)) and
 * core/sdk-core/src/main/java/software/amazon/awssdk/core/SdkSystemSetting.java (property names).
 *
 * System properties are read from the JVM option variables and the app's command line, as
 * gathered (secret values arrive redacted, which is enough to tell presence).
 */
import type { Facts } from '../../model/facts.ts';
import { jvmSystemProperties } from '../../java-options.ts';

/**
 * Every `-Daws.*` property the JVM would see, from the option variables and the app's command
 * line as gathered; the one parser and the JVM's precedence live in src/java-options.ts.
 */
export function javaSystemProperties(facts: Facts): Record<string, string> {
  return jvmSystemProperties(facts.env, facts.app?.command);
}

/** Where a Java setting came from, for reasons. */
export interface JavaSetting {
  value: string;
  from: string;
}

/** SdkSystemSetting resolution: property, then variable (both trimmed; "" is present). */
export function javaSetting(facts: Facts, property: string | null, variable: string | null): JavaSetting | null {
  if (property) {
    const p = javaSystemProperties(facts)[property];
    if (p !== undefined) return { value: p.trim(), from: `-D${property}` };
  }
  if (variable) {
    const e = facts.env[variable];
    if (e !== undefined) return { value: e.trim(), from: variable };
  }
  return null;
}

/** The same from the environment alone (the planner sees only the variables and JVM option variables). */
export function javaSettingOfEnv(env: Record<string, string>, property: string, variable: string): JavaSetting | null {
  const p = jvmSystemProperties(env, null)[property];
  if (p !== undefined) return { value: p.trim(), from: `-D${property}` };
  const e = env[variable];
  return e !== undefined ? { value: e.trim(), from: variable } : null;
}

/**
 * A boolean SdkSystemSetting: "true"/"false" in any case; any other value, "" included (it is
 * present, and trimmed), makes getBooleanValue throw IllegalStateException "... was defined as
 * '<v>', but should be 'false' or 'true'", which the chain catches as that provider's failure.
 * mirrors aws/aws-sdk-java-v2 utils/src/main/java/software/amazon/awssdk/utils/internal/SystemSettingUtils.java
 * (safeStringToBoolean) and utils/src/main/java/software/amazon/awssdk/utils/SystemSetting.java (getBooleanValue).
 */
export function javaBoolean(s: JavaSetting | null): { ok: true; value: boolean | null } | { ok: false; why: string } {
  if (!s) return { ok: true, value: null };
  const v = s.value.toLowerCase();
  if (v === 'true' || v === 'false') return { ok: true, value: v === 'true' };
  return { ok: false, why: `${s.from} was defined as '${s.value}', but should be 'false' or 'true'` };
}

/** A redacted secret value (`<redacted: N chars>`) or a plain one: is it non-empty? */
export function javaValuePresent(v: string | undefined): boolean {
  if (v === undefined) return false;
  const t = v.trim();
  return t !== '' && t !== '<redacted: 0 chars>';
}

/**
 * The profile the Java SDK uses: aws.profile, then AWS_PROFILE, then "default"; AWS_DEFAULT_PROFILE
 * is not read.
 * mirrors aws/aws-sdk-java-v2 core/profiles/src/main/java/software/amazon/awssdk/profiles/ProfileFileSystemSetting.java
 */
export function javaProfileName(facts: Facts): { name: string; named: boolean; from: string } {
  const s = javaSetting(facts, 'aws.profile', 'AWS_PROFILE');
  return s ? { name: s.value, named: true, from: s.from } : { name: 'default', named: false, from: 'default' };
}

/** The same from the environment alone (ChainDefinition.profileOf sees only the variables). */
export function javaProfileOfEnv(env: Record<string, string>): { name: string; named: boolean; variable: string | null } {
  const prop = jvmSystemProperties(env, null)['aws.profile'];
  if (prop !== undefined) return { name: prop.trim(), named: true, variable: '-Daws.profile' };
  const v = env['AWS_PROFILE'];
  return v !== undefined ? { name: v.trim(), named: true, variable: 'AWS_PROFILE' } : { name: 'default', named: false, variable: null };
}

/** A profile's value in the merged files (credentials-file keys win, as the ProfileFile aggregate does). */
export function javaProfileValue(facts: Facts, profile: string, key: string): string | undefined {
  return facts.credentialsFile.profiles[profile]?.[key] ?? facts.configFile.profiles[profile]?.[key];
}
