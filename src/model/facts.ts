/**
 * Facts: everything the tool learned from the outside world (serialisable, already redacted).
 * A leaf of the type graph: it imports nothing, so every layer may depend on it.
 */

/**
 * The SDK ids the tool models, in the order help and --sdk all list them. A leaf, so that option
 * parsing and --help name them without loading a chain; src/sdks/index.ts maps each to its
 * folder (`satisfies Record<SdkFamily, ...>`: an id without a folder fails to compile).
 */
export const SDK_IDS = ['js-v3', 'python', 'aws-cli', 'java-v2', 'go-v2'] as const;

export type SdkFamily = (typeof SDK_IDS)[number];

/** Where a credential source sits in the chain; the JSON contract names these. */
export type SourceId = 'env' | 'system-properties' | 'sso' | 'profile' | 'process' | 'web-identity' | 'container' | 'imds';

/** A failure of one outside-world probe, with a stable code (never a stack trace). */
export interface ProbeError {
  code: string;
  message: string;
}

/**
 * One HTTP exchange as it happened. Bodies are kept only for non-200 answers (error bodies
 * carry no credentials) and always after redaction and a size cap.
 */
export type HttpObservation = { ok: true; status: number; headers: Record<string, string>; ms: number; errorBody?: string; bodyBytes: number } | { ok: false; error: ProbeError; ms: number };

/** The redacted summary of a credentials JSON document (container endpoint or IMDS). */
export interface CredentialsDocument {
  /** field name → JSON type, so a missing or non-string field can be named */
  fieldTypes: Record<string, string>;
  accessKeyId: string | null;
  roleArn: string | null;
  expiration: string | null;
  accountId: string | null;
  code: string | null;
}

export interface ContainerProbe {
  /** The URL as the SDK would build it (the relative URI on 169.254.170.2, or the full URI). */
  sdkUrl: string;
  /** Where the request was really sent (differs only with --container-endpoint). */
  probedUrl: string | null;
  authorization: 'none' | 'token-file' | 'token-env';
  /** Why nothing was sent, when nothing was. */
  notSent: ProbeError | null;
  http: HttpObservation | null;
  /** Parsed 200 body; null when the body was not JSON (see parseError). */
  document: CredentialsDocument | null;
  parseError: string | null;
  /** `{"AvailableCommands":[...]}`: the agent's introspection API answered instead. */
  introspection: boolean;
  /** The agent's JSON error fields (lowercase `code`/`message`) or a text body. */
  agentError: { code: string | null; message: string | null } | null;
  /** The vault ref of the credentials it answered; absent: "container" (the first request's). */
  credentialsRef?: string;
}

export interface ImdsStep {
  http: HttpObservation;
}

export interface ImdsProbe {
  endpoint: string;
  token: { outcome: 'ok' | 'timeout' | 'status' | 'error'; status: number | null; ms: number; message: string | null };
  /** IMDSv1 used because the token request failed in a way the SDK falls back on. */
  usedV1: boolean;
  /** v1 fallback blocked by AWS_EC2_METADATA_V1_DISABLED. */
  v1Blocked: boolean;
  roleList: HttpObservation | null;
  roleName: string | null;
  credentials: HttpObservation | null;
  document: CredentialsDocument | null;
  parseError: string | null;
}

export interface TaskMetadata {
  cluster: string | null;
  taskArn: string | null;
  family: string | null;
  revision: string | null;
  launchType: string | null;
  availabilityZone: string | null;
  /** awsvpc, bridge, host: from the first container's first network */
  networkMode: string | null;
  /** the Name of the container whose metadata URI was read (its DockerId ends that URI); absent in older facts files */
  container?: string | null;
}

export interface FileFact {
  path: string;
  /** why the path was chosen: the variable that named it, or the default */
  origin: string;
  state: 'ok' | 'missing' | 'unreadable' | 'not-a-file' | 'too-large';
  size: number | null;
  error: string | null;
}

/** A shared config or credentials file, parsed; secret values replaced by a marker. */
export interface IniFileFact extends FileFact {
  /** section name as the SDK sees it ("default", "a" for [profile a] in config) → key → value */
  profiles: Record<string, Record<string, string>>;
  ssoSessions: Record<string, Record<string, string>>;
  /**
   * The file's text with every secret value and continuation replaced by a marker and key ids
   * masked, line for line (src/gather/files.ts redactIniText): each SDK parses it in its own
   * dialect (issue 11 item 1). Absent for a file over INI_TEXT_CAP_BYTES and in older facts files.
   */
  text?: string;
}

export interface TokenFileFact extends FileFact {
  endsWithNewline: boolean;
  containsCrLf: boolean;
  /** decoded JWT claims that identify, never the token: iss, aud, sub, exp */
  jwt: { iss: string | null; aud: string | null; sub: string | null; exp: number | null } | null;
}

export interface AssumeRoleObservation {
  kind: 'web-identity' | 'assume-role';
  roleArn: string;
  ok: boolean;
  ms: number;
  arn: string | null;
  accessKeyId: string | null;
  expiration: string | null;
  error: StsError | null;
}

export interface StsError {
  kind: 'rejected' | 'unreachable' | 'unavailable' | 'invalid-response';
  code: string;
  message: string;
  status: number | null;
}

export interface CallerIdentityObservation {
  ok: boolean;
  ms: number;
  endpoint: string;
  region: string;
  arn: string | null;
  account: string | null;
  userId: string | null;
  /** the STS response Date header, for clock skew */
  serverDate: string | null;
  localDate: string;
  error: StsError | null;
}

/** The app's process as /proc shows it (ECS Exec: the shell is not the app). */
export interface AppProcess {
  pid: number;
  /** `pid`: --pid N; `pid1`: PID 1, because the tool is not PID 1; `container`: --container NAME */
  how: 'pid' | 'pid1' | 'container';
  readable: boolean;
  error: string | null;
  uid: number | null;
  gids: number[];
  home: string | null;
  cwd: string | null;
  command: string | null;
  /** `/proc/<pid>/root` when the app has a root of its own (another mount namespace): its files are read through it */
  root?: string | null;
}

/** Whose view the report is (--container NAME, or the task's other containers seen from a sidecar). */
export interface AppView {
  /** --container NAME; null when none was asked */
  container: string | null;
  /** the task's containers (task metadata v4), with the pids of each this tool sees in /proc */
  containers: { name: string; dockerId: string; pids: number[]; self: boolean }[];
  /** the pid judged and why it was chosen; null when none could be */
  pid: number | null;
  why: string;
  /** how the container's processes were told: `path` (a cgroup path names its DockerId) or `substring` (the DockerId only appears in it) */
  match: 'path' | 'substring' | null;
  /** what kept the app's view from being read; the report then judges this shell */
  failure: { kind: 'no-metadata' | 'unknown-container' | 'not-shared' | 'unreadable'; pid: number | null; error: string } | null;
}

/** How the shell that runs the tool differs from the app it diagnoses. */
export interface ShellView {
  /** variable names that differ (set in one only, or different values; secrets by name only) */
  envDiff: string[];
  uid: number | null;
  home: string | null;
  cwd: string | null;
  /** the shell's own winner, when it differs */
  winner: { source: SourceId; accessKeyId: string } | null;
}

/** Everything the tool learned from the outside world: serialisable, already redacted. */
export interface Facts {
  collectedAt: string;
  /** allow-listed variables; present keys only ("" kept apart from unset); secrets redacted */
  env: Record<string, string>;
  home: string | null;
  /** the shared files as the JS SDK finds them (the report's view; other SDKs pick from the maps below) */
  configFile: IniFileFact;
  credentialsFile: IniFileFact;
  /**
   * Every shared config / credentials file some modelled SDK reads, by path (issue 11 item 2:
   * an empty variable, `$HOME` or `~` in a path are read differently); each SDK picks its own by
   * its own path rules (ChainDefinition.sharedFilePaths). Absent in facts files that predate it.
   */
  sharedConfigFiles?: Record<string, IniFileFact>;
  sharedCredentialsFiles?: Record<string, IniFileFact>;
  containerTokenFile: TokenFileFact | null;
  webIdentityTokenFile: TokenFileFact | null;
  /** web_identity_token_file of profiles, by profile name */
  profileTokenFiles: Record<string, TokenFileFact>;
  /** the request the JS SDK's fromHttp (current release) sends: the report's view of the endpoint */
  container: ContainerProbe | null;
  /**
   * Every other distinct request a modelled container step sends (another token, another URL), by
   * its non-secret name (containerRequestKey); each step judges its own answer (issue 11 item 5).
   * Absent in facts files that predate it: the steps then judge `container` as before.
   */
  containerProbes?: Record<string, ContainerProbe>;
  imds: ImdsProbe | null;
  imdsProbeReason: string | null;
  taskMetadata: { ok: true; task: TaskMetadata } | { ok: false; error: ProbeError } | null;
  /** STS role exchanges the chain made (web identity, profile assume-role), keyed by ref */
  exchanges: Record<string, AssumeRoleObservation>;
  sts: CallerIdentityObservation | null;
  /** the app process these facts describe, when it is not the tool's own */
  app?: AppProcess | null;
  /** --container, or the task's containers seen from a sidecar; absent when neither applies */
  view?: AppView | null;
  /** files the app needs, and whether its user can read them */
  appFileAccess?: { path: string; what: string; readable: boolean; why: string }[];
  shell?: ShellView | null;
  /** which SDK chain is modelled and why (--sdk, detected from the app, or assumed) */
  sdkSelection?: SdkSelection;
  /**
   * --watch: since when earlier runs of this watch saw the winner hand out these same credentials
   * (source, key id and expiration); absent in a single run
   */
  sameCredentialsSince?: string;
}

/** How the modelled SDK was chosen; kept in the facts so --replay models the same chain. */
export interface SdkSelection {
  how: 'flag' | 'detected' | 'assumed';
  /** the chain modelled */
  family: SdkFamily;
  /** null: its current release */
  version: string | null;
  /** what --sdk auto found (null with --sdk NAME, or when the app was not looked at) */
  detected: { family: string | null; version: string | null; runtime: string } | null;
  /** a detected SDK with no chain of its own here (the v1 SDKs): the chain shown stands in */
  unmodelled: { family: string; version: string | null; name: string; upgrade: string; differs: string } | null;
  note: string | null;
  /** where detection looked and what it saw: paths and versions, never values of the environment */
  evidence: Evidence[];
}

export interface Evidence {
  label: string;
  value: string;
}
