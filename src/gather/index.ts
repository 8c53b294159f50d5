/** Gathers every fact the chain needs, concurrently and within the run's deadline. */
import { homedir } from 'node:os';
import type { ContainerProbe, Facts, IniFileFact, TokenFileFact } from '../model/facts.ts';
import { containerRequestKey, sharedFilesRefSuffix, type ProbePlan, type SharedFilePaths } from '../model/chain.ts';
import { mapStrings, Vault } from '../redact.ts';
import { describeEnv, SDK_URL_VARS, userInfoSecrets, type RawEnv } from './env.ts';
import { credentialProperties, jvmSystemProperties } from '../java-options.ts';
import { gatherIniFile, gatherTokenFile, iniPath } from './files.ts';
import { probeContainerEndpoint } from './container.ts';
import { probeImds } from './imds.ts';
import { probeTaskMetadata } from './task-metadata.ts';
import { VAULT_REFS } from '../model/vault-refs.ts';
import type { AppRoot } from './app-root.ts';

export interface GatherOptions {
  env: RawEnv;
  timeoutMs: number;
  containerEndpoint: string | null;
  /** the requests to make, as the modelled chain builds them (src/plan.ts), from the described env */
  plan: (env: Record<string, string>) => ProbePlan;
  signal: AbortSignal;
  /** the app's raw command line (java -Daws.accessKeyId=...), when the app is another process */
  appCommandLine?: string;
  /** the app's root, when it is another container's: every file is read through it */
  root?: AppRoot | null;
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
  vaultEnvCredentials(raw, vault, o.appCommandLine);
  const home = raw['HOME'] || safeHome();
  // the requests to make, as the modelled chains build them: from the variables alone
  const plan = o.plan(env);

  const { configFile, credentialsFile, sharedConfigFiles, sharedCredentialsFiles, containerTokenFile, webIdentityTokenFile, profileTokenFiles } = await gatherFiles(raw, home, plan, vault, o.appCommandLine, o.root ?? null);

  // The container endpoint, IMDS and task metadata are independent: ask them at once.
  const imdsProbeReason = plan.imds?.reason ?? null;
  const metadataBase = env['ECS_CONTAINER_METADATA_URI_V4'];
  const probeInput = { env, endpointOverride: o.containerEndpoint, timeoutMs: o.timeoutMs, signal: o.signal, vault, scrub: scrubText };
  // every other distinct request a modelled step sends, at once with the first (issue 11 item 5)
  const extra = (plan.containerRequests ?? []).slice(0, MAX_CONTAINER_REQUESTS - 1);
  const [container, imds, taskMetadata, ...extraProbes] = await Promise.all([
    plan.container ? probeContainerEndpoint({ ...probeInput, target: plan.container }) : Promise.resolve(null),
    plan.imds ? probeImds({ endpoint: plan.imds.url, v1Disabled: plan.imds.v1Disabled, timeoutMs: o.timeoutMs, signal: o.signal, vault, scrub: scrubText }) : Promise.resolve(null),
    metadataBase ? probeTaskMetadata(metadataBase, o.timeoutMs, o.signal) : Promise.resolve(null),
    ...extra.map((r, i) => probeContainerEndpoint({ ...probeInput, target: { ...r, notSendable: null }, credentialsRef: `container#${i + 1}` })),
  ]);

  const facts: Facts = {
    collectedAt: new Date().toISOString(),
    env,
    home,
    configFile,
    credentialsFile,
    sharedConfigFiles,
    sharedCredentialsFiles,
    containerTokenFile,
    webIdentityTokenFile,
    profileTokenFiles,
    container,
    ...(extra.length > 0 ? { containerProbes: Object.fromEntries(extra.flatMap((r, i): [string, ContainerProbe][] => (extraProbes[i] ? [[containerRequestKey(r), extraProbes[i]]] : []))) } : {}),
    imds,
    imdsProbeReason,
    taskMetadata,
    exchanges: {},
    sts: null,
  };
  return { facts: scrubFacts(facts, vault), vault, scrub: scrubText };
}

/** Every credential the environment holds, in the vault under the ref each SDK's env step names. */
function vaultEnvCredentials(raw: RawEnv, vault: Vault, appCommandLine: string | undefined): void {
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
  const javaProps = credentialProperties(jvmSystemProperties(raw, appCommandLine));
  const javaSecret = javaProps['aws.secretAccessKey'] ?? javaProps['aws.secretKey'];
  for (const v of Object.values(javaProps)) if (v) vault.putToken(`java:${v.length}:${v.slice(0, 2)}`, v);
  if (javaProps['aws.accessKeyId'] && javaSecret) {
    vault.putCredentials('java-system-properties', {
      accessKeyId: javaProps['aws.accessKeyId'],
      secretAccessKey: javaSecret,
      ...(javaProps['aws.sessionToken'] ? { sessionToken: javaProps['aws.sessionToken'] } : {}),
    });
  }
}

/** The shared files every modelled chain reads, the token files, and the profile token files along the chains' profiles. */
async function gatherFiles(raw: RawEnv, home: string | null, plan: ProbePlan, vault: Vault, appCommandLine: string | undefined, root: AppRoot | null) {
  const cfg = iniPath(raw, 'AWS_CONFIG_FILE', 'config', home);
  const cred = iniPath(raw, 'AWS_SHARED_CREDENTIALS_FILE', 'credentials', home);
  const jsPair: SharedFilePaths = { config: cfg, credentials: cred };
  const pairs = plan.sharedFiles?.(home) ?? [];
  const shared = sharedFileReads(pairs, jsPair, vault, root);
  const [configFile, credentialsFile, containerTokenFile, webIdentityTokenFile, sharedConfigFiles, sharedCredentialsFiles] = await Promise.all([
    shared.config.get(cfg.path) ?? gatherIniFile(cfg.path, cfg.origin, 'config', vault, 'config', root),
    shared.credentials.get(cred.path) ?? gatherIniFile(cred.path, cred.origin, 'credentials', vault, 'credentials', root),
    raw['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'] ? gatherTokenFile(raw['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'], 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', vault, 'container-token', root) : null,
    raw['AWS_WEB_IDENTITY_TOKEN_FILE'] ? gatherTokenFile(raw['AWS_WEB_IDENTITY_TOKEN_FILE'], 'AWS_WEB_IDENTITY_TOKEN_FILE', vault, 'web-identity-token', root) : null,
    settle(shared.config),
    settle(shared.credentials),
  ]);
  // a file of 100k+ profiles (the 4 MiB cap holds ~190k) would cost seconds in every later pass
  // (scrubbing, the chains, rendering): past a bound only the profiles the chains read are kept
  const read = new Set(profilesTheChainsRead(raw, appCommandLine, configFile.profiles, credentialsFile.profiles));
  for (const file of [configFile, credentialsFile]) {
    if (Object.keys(file.profiles).length > MAX_PROFILES_KEPT) file.profiles = Object.fromEntries(Object.entries(file.profiles).filter(([name]) => read.has(name)));
  }
  storeProfileCredentials(vault, [...Object.keys(configFile.profiles), ...Object.keys(credentialsFile.profiles)]);
  // each other pair of files some chain reads: its profile keys under the ref that chain uses
  for (const pair of pairs) {
    const suffix = sharedFilesRefSuffix(pair, jsPair);
    if (!suffix) continue;
    const kindOf = (c: SharedFilePaths['config'], kind: 'config' | 'credentials', js: string): string | null => (c.path === null ? null : c.path === js ? kind : `${kind}@${c.path}`);
    const names = [pair.config.path && sharedConfigFiles[pair.config.path], pair.credentials.path && sharedCredentialsFiles[pair.credentials.path]].flatMap((f) => (f ? Object.keys(f.profiles) : []));
    storeProfileCredentials(vault, names, { config: kindOf(pair.config, 'config', cfg.path), credentials: kindOf(pair.credentials, 'credentials', cred.path), suffix });
  }
  const profileTokenFiles: Record<string, TokenFileFact> = {};
  // only the profiles some chain starts from and their source_profile chains (a FIFO or a huge
  // file behind an unused profile is never opened); the JS SDK's files first, then a profile only
  // another SDK's files hold (the name is the key, so a name both hold keeps the JS SDK's token file)
  const files = [credentialsFile, configFile, ...Object.values(sharedCredentialsFiles), ...Object.values(sharedConfigFiles)];
  const merged = (kind: IniFileFact[]): Record<string, Record<string, string>> => Object.assign({}, ...[...kind].reverse().map((f) => f.profiles));
  const wanted = new Set(profilesTheChainsRead(raw, appCommandLine, merged([configFile, ...Object.values(sharedConfigFiles)]), merged([credentialsFile, ...Object.values(sharedCredentialsFiles)])));
  const tokenPaths = new Map<string, string>();
  for (const f of files) for (const [name, values] of Object.entries(f.profiles)) if (wanted.has(name) && !tokenPaths.has(name) && values['web_identity_token_file']) tokenPaths.set(name, values['web_identity_token_file']);
  await Promise.all(
    [...tokenPaths].map(async ([name, path]) => {
      profileTokenFiles[name] = await gatherTokenFile(path, `profile ${name} web_identity_token_file`, vault, `web-identity-token:profile:${name}`, root);
    }),
  );
  return { configFile, credentialsFile, sharedConfigFiles, sharedCredentialsFiles, containerTokenFile, webIdentityTokenFile, profileTokenFiles };
}

/**
 * Facts as they may leave gather: every string (error texts, bodies, headers, document
 * fields, paths, keys) with every secret the vault holds (in all its forms) redacted and
 * access key ids masked. The facts file must be safe to attach to a support case, always.
 */
export function scrubFacts<T>(facts: T, vault: Vault): T {
  return mapStrings(facts, (s) => vault.scrub(s, { accessKeysOnly: true }));
}

/**
 * Container requests probed per run, the first included: a step sends one of two URLs (relative,
 * full) with one of three Authorization choices, so six covers every distinct request.
 */
export const MAX_CONTAINER_REQUESTS = 6;

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

/** At most this many distinct paths of each kind are read (the JS SDK's included): the rest are reported as not read. */
export const MAX_SHARED_PATHS = 4;

/**
 * One read per distinct path some chain's pair names (bounded), the JS SDK's paths first so
 * they keep the plain vault names; a path only other SDKs read gets its own vault names.
 */
function sharedFileReads(pairs: SharedFilePaths[], js: SharedFilePaths, vault: Vault, root: AppRoot | null): Record<'config' | 'credentials', Map<string, Promise<IniFileFact>>> {
  const out = { config: new Map<string, Promise<IniFileFact>>(), credentials: new Map<string, Promise<IniFileFact>>() };
  for (const kind of ['config', 'credentials'] as const) {
    const jsChoice = js[kind];
    const reads = out[kind];
    for (const c of [jsChoice, ...pairs.map((p) => p[kind])]) {
      if (c.path === null || reads.has(c.path) || reads.size >= MAX_SHARED_PATHS) continue;
      reads.set(c.path, gatherIniFile(c.path, c.origin, kind, vault, c.path === jsChoice.path ? kind : `${kind}@${c.path}`, root));
    }
  }
  return out;
}

async function settle(reads: Map<string, Promise<IniFileFact>>): Promise<Record<string, IniFileFact>> {
  const entries = await Promise.all([...reads].map(async ([path, p]) => [path, await p] as const));
  return Object.fromEntries(entries);
}

/**
 * Static keys per profile, merged as the SDK merges: credentials-file values win. `from` names
 * the vault entries of another pair of files (null: that file is not read) and the ref suffix.
 */
function storeProfileCredentials(vault: Vault, names: string[], from: { config: string | null; credentials: string | null; suffix: string } = { config: 'config', credentials: 'credentials', suffix: '' }): void {
  for (const name of new Set(names)) {
    const get = (kind: string | null, k: string): string | undefined => (kind === null ? undefined : vault.token(`${kind}:${name}:${k}`));
    const pick = (k: string): string | undefined => get(from.credentials, k) ?? get(from.config, k);
    const id = pick('aws_access_key_id');
    const secret = pick('aws_secret_access_key');
    const token = pick('aws_session_token');
    if (id && secret) vault.putCredentials(`profile:${name}${from.suffix}`, { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) });
  }
}
