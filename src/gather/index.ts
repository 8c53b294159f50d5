/** Gathers every fact the chain needs, concurrently and within the run's deadline. */
import { homedir } from 'node:os';
import type { Facts, TokenFileFact } from '../model/facts.ts';
import type { ProbePlan } from '../model/chain.ts';
import { mapStrings, Vault } from '../redact.ts';
import { describeEnv, SDK_URL_VARS, userInfoSecrets, type RawEnv } from './env.ts';
import { credentialProperties, jvmSystemProperties } from '../java-options.ts';
import { gatherIniFile, gatherTokenFile, iniPath } from './files.ts';
import { probeContainerEndpoint } from './container.ts';
import { probeImds } from './imds.ts';
import { probeTaskMetadata } from './task-metadata.ts';
import { VAULT_REFS } from '../model/vault-refs.ts';

export interface GatherOptions {
  env: RawEnv;
  timeoutMs: number;
  containerEndpoint: string | null;
  /** the requests to make, as the modelled chain builds them (src/plan.ts), from the described env */
  plan: (env: Record<string, string>) => ProbePlan;
  signal: AbortSignal;
  /** the app's raw command line (java -Daws.accessKeyId=...), when the app is another process */
  appCommandLine?: string;
}

export interface Gathered {
  facts: Facts;
  vault: Vault;
  scrub: (s: string) => string;
}

export async function gatherFacts(o: GatherOptions): Promise<Gathered> {
  const vault = new Vault();
  const scrubText = (s: string): string => vault.scrub(s);
  const raw = o.env;
  // a password in a URL's userinfo (AWS_CONTAINER_CREDENTIALS_FULL_URI, proxies, endpoints)
  for (const [name, v] of Object.entries(raw)) if (v && (SDK_URL_VARS.has(name) || /proxy$/i.test(name))) for (const s of userInfoSecrets(v)) vault.putSecret(s);
  const env = describeEnv(raw);
  if (raw['AWS_ACCESS_KEY_ID'] && raw['AWS_SECRET_ACCESS_KEY']) {
    vault.putCredentials('env', {
      accessKeyId: raw['AWS_ACCESS_KEY_ID'],
      secretAccessKey: raw['AWS_SECRET_ACCESS_KEY'],
      ...(raw['AWS_SESSION_TOKEN'] ? { sessionToken: raw['AWS_SESSION_TOKEN'] } : {}),
    });
  }
  // botocore's EnvProvider takes the first non-empty of AWS_SECURITY_TOKEN, AWS_SESSION_TOKEN
  // (boto/botocore botocore/credentials.py EnvProvider.TOKENS): its env credentials differ
  if (raw['AWS_ACCESS_KEY_ID'] && raw['AWS_SECRET_ACCESS_KEY'] && raw['AWS_SECURITY_TOKEN']) {
    vault.putCredentials(VAULT_REFS.botocoreEnv, { accessKeyId: raw['AWS_ACCESS_KEY_ID'], secretAccessKey: raw['AWS_SECRET_ACCESS_KEY'], sessionToken: raw['AWS_SECURITY_TOKEN'] });
  }
  // Go's EnvConfig falls back to AWS_ACCESS_KEY / AWS_SECRET_KEY, each half on its own, and adds
  // AWS_SESSION_TOKEN (aws/aws-sdk-go-v2 config/env_config.go NewEnvConfig: credAccessEnvKeys,
  // credSecretEnvKeys, setStringFromEnvVal takes the first non-empty)
  const goId = raw['AWS_ACCESS_KEY_ID'] || raw['AWS_ACCESS_KEY'];
  const goSecret = raw['AWS_SECRET_ACCESS_KEY'] || raw['AWS_SECRET_KEY'];
  if (goId && goSecret && !(raw['AWS_ACCESS_KEY_ID'] && raw['AWS_SECRET_ACCESS_KEY'])) {
    vault.putCredentials(VAULT_REFS.goEnvLegacy, { accessKeyId: goId, secretAccessKey: goSecret, ...(raw['AWS_SESSION_TOKEN'] ? { sessionToken: raw['AWS_SESSION_TOKEN'] } : {}) });
  }
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_SECRET_KEY']) {
    const v = raw[name];
    if (v) vault.putToken(`env:${name}`, v);
  }
  if (raw['AWS_CONTAINER_AUTHORIZATION_TOKEN']) vault.putToken('container-token-env', raw['AWS_CONTAINER_AUTHORIZATION_TOKEN']);
  // Java system properties: the JVM reads the three option variables and the command line, in
  // the one order src/java-options.ts holds (the Java chain reads the same)
  const javaProps = credentialProperties(jvmSystemProperties(raw, o.appCommandLine));
  const javaSecret = javaProps['aws.secretAccessKey'] ?? javaProps['aws.secretKey'];
  for (const v of Object.values(javaProps)) if (v) vault.putToken(`java:${v.length}:${v.slice(0, 2)}`, v);
  if (javaProps['aws.accessKeyId'] && javaSecret) {
    vault.putCredentials('java-system-properties', {
      accessKeyId: javaProps['aws.accessKeyId'],
      secretAccessKey: javaSecret,
      ...(javaProps['aws.sessionToken'] ? { sessionToken: javaProps['aws.sessionToken'] } : {}),
    });
  }
  const home = raw['HOME'] || safeHome();

  const cfg = iniPath(raw, 'AWS_CONFIG_FILE', 'config', home);
  const cred = iniPath(raw, 'AWS_SHARED_CREDENTIALS_FILE', 'credentials', home);
  const [configFile, credentialsFile, containerTokenFile, webIdentityTokenFile] = await Promise.all([
    gatherIniFile(cfg.path, cfg.origin, 'config', vault),
    gatherIniFile(cred.path, cred.origin, 'credentials', vault),
    raw['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'] ? gatherTokenFile(raw['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'], 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', vault, 'container-token') : null,
    raw['AWS_WEB_IDENTITY_TOKEN_FILE'] ? gatherTokenFile(raw['AWS_WEB_IDENTITY_TOKEN_FILE'], 'AWS_WEB_IDENTITY_TOKEN_FILE', vault, 'web-identity-token') : null,
  ]);
  // a file of 100k+ profiles (the 4 MiB cap holds ~190k) would cost seconds in every later pass
  // (scrubbing, the chains, rendering): past a bound only the profiles the chains read are kept
  const read = new Set(profilesTheChainsRead(raw, o.appCommandLine, configFile.profiles, credentialsFile.profiles));
  for (const file of [configFile, credentialsFile]) {
    if (Object.keys(file.profiles).length > MAX_PROFILES_KEPT) file.profiles = Object.fromEntries(Object.entries(file.profiles).filter(([name]) => read.has(name)));
  }
  storeProfileCredentials(vault, [...Object.keys(configFile.profiles), ...Object.keys(credentialsFile.profiles)]);
  const profileTokenFiles: Record<string, TokenFileFact> = {};
  const tokenPathOf = (name: string): string | undefined => credentialsFile.profiles[name]?.['web_identity_token_file'] ?? configFile.profiles[name]?.['web_identity_token_file'];
  await Promise.all(
    profilesTheChainsRead(raw, o.appCommandLine, configFile.profiles, credentialsFile.profiles).map(async (name) => {
      const path = tokenPathOf(name);
      if (path) profileTokenFiles[name] = await gatherTokenFile(path, `profile ${name} web_identity_token_file`, vault, `web-identity-token:profile:${name}`);
    }),
  );

  // The container endpoint, IMDS and task metadata are independent: ask them at once.
  const plan = o.plan(env);
  const imdsProbeReason = plan.imds?.reason ?? null;
  const metadataBase = env['ECS_CONTAINER_METADATA_URI_V4'];
  const [container, imds, taskMetadata] = await Promise.all([
    plan.container ? probeContainerEndpoint({ env, target: plan.container, endpointOverride: o.containerEndpoint, timeoutMs: o.timeoutMs, signal: o.signal, vault, scrub: scrubText }) : Promise.resolve(null),
    plan.imds ? probeImds({ endpoint: plan.imds.url, v1Disabled: plan.imds.v1Disabled, timeoutMs: o.timeoutMs, signal: o.signal, vault, scrub: scrubText }) : Promise.resolve(null),
    metadataBase ? probeTaskMetadata(metadataBase, o.timeoutMs, o.signal) : Promise.resolve(null),
  ]);

  const facts: Facts = {
    collectedAt: new Date().toISOString(),
    env,
    home,
    configFile,
    credentialsFile,
    containerTokenFile,
    webIdentityTokenFile,
    profileTokenFiles,
    container,
    imds,
    imdsProbeReason,
    taskMetadata,
    exchanges: {},
    sts: null,
  };
  return { facts: scrubFacts(facts, vault), vault, scrub: scrubText };
}

/**
 * Facts as they may leave gather: every string (error texts, bodies, headers, document
 * fields, paths, keys) with every secret the vault holds (in all its forms) redacted and
 * access key ids masked. The facts file must be safe to attach to a support case, always.
 */
export function scrubFacts<T>(facts: T, vault: Vault): T {
  return mapStrings(facts, (s) => vault.scrub(s, { accessKeysOnly: true }));
}

/** Profiles kept per file when it holds more; real files hold tens to a few thousand. */
export const MAX_PROFILES_KEPT = 5000;

/** The longest source_profile chain followed (real ones are a few deep; a loop ends here too). */
const MAX_SOURCE_DEPTH = 16;

/**
 * The profiles whose token file a modelled chain could read: the one each SDK starts from
 * (AWS_PROFILE for all; AWS_DEFAULT_PROFILE for Python and Go; -Daws.profile for Java; else
 * "default") and their source_profile chains. Reading every profile's web_identity_token_file
 * would open files no SDK opens (a FIFO there would hang the run) and cost one read per profile
 * in a 100k-profile file.
 */
export function profilesTheChainsRead(raw: RawEnv, appCommandLine: string | undefined, config: Record<string, Record<string, string>>, credentials: Record<string, Record<string, string>>): string[] {
  const starts = [raw['AWS_PROFILE'], raw['AWS_DEFAULT_PROFILE'], jvmSystemProperties(raw, appCommandLine)['aws.profile'], 'default'];
  const out = new Set<string>();
  for (const start of starts) {
    let name = start;
    for (let depth = 0; name && depth < MAX_SOURCE_DEPTH && !out.has(name); depth++) {
      out.add(name);
      name = credentials[name]?.['source_profile'] ?? config[name]?.['source_profile'];
    }
  }
  return [...out].filter((n) => Object.hasOwn(config, n) || Object.hasOwn(credentials, n));
}

function safeHome(): string | null {
  try {
    return homedir();
  } catch {
    return null;
  }
}

/** Static keys per profile, merged as the SDK merges: credentials-file values win. */
function storeProfileCredentials(vault: Vault, names: string[]): void {
  for (const name of new Set(names)) {
    const pick = (k: string): string | undefined => vault.token(`credentials:${name}:${k}`) ?? vault.token(`config:${name}:${k}`);
    const id = pick('aws_access_key_id');
    const secret = pick('aws_secret_access_key');
    const token = pick('aws_session_token');
    if (id && secret) vault.putCredentials(`profile:${name}`, { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) });
  }
}
