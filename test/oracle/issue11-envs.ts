/**
 * Issue 11 items 1, 2 and 3 as environments for every real-SDK oracle (js-sdk.test.ts,
 * botocore.test.ts, go-sdk.test.ts): where the shared files are (empty variables, `${HOME}` and
 * `~` in paths) and how the IMDS switches read (AWS_EC2_METADATA_DISABLED=1/False/TRUE/true/"",
 * AWS_EC2_METADATA_V1_DISABLED=1). Each is built so the SDKs' readings give different keys: a
 * file that is read gives the profile key, one that is not leaves the task role (container) or
 * the instance role (IMDS). Item 4 (ISSUE11_URLS): full URIs that the SDKs parse differently.
 * Item 5 (ISSUE11_TOKENS): the token variable and the token file disagree.
 */
import { credsOf, IDS, POD_TOKEN, TASK_ID, type ScenarioSpec } from '../scenarios/scenarios.ts';

/** a literal "${HOME}" in braces, written with an escape (startScenario replaces a bare "$HOME" itself) */
const BRACED_HOME = '\u0024{HOME}';
const EXPECT_ANY = { winner: null, exitCode: 1, findings: [] };
const task = { kind: 'ok' as const, credentials: credsOf(IDS.task) };
const instance = { roleName: 'myInstanceRole', credentials: credsOf(IDS.instance) };
const keys = (section: string) => `[${section}]\naws_access_key_id = ${IDS.profile.accessKeyId}\naws_secret_access_key = ${IDS.profile.secretAccessKey}\n`;

/** Item 3: the IMDS switches, with an IMDS that hands out the instance role. */
export const ISSUE11_FLAGS: ScenarioSpec[] = [
  ...['1', 'False', 'TRUE', 'true', ''].map(
    (v): ScenarioSpec => ({ name: `i11-imds-disabled-${v || 'empty'}`, title: `AWS_EC2_METADATA_DISABLED=${JSON.stringify(v)} with an IMDS that answers`, imds: instance, env: { AWS_EC2_METADATA_DISABLED: v }, expect: EXPECT_ANY }),
  ),
  {
    name: 'i11-imds-v1-disabled-1',
    title: 'AWS_EC2_METADATA_V1_DISABLED=1 with an IMDSv1-only IMDS (token PUT 404)',
    imds: { ...instance, tokenPut: 'not-found' },
    env: { AWS_EC2_METADATA_V1_DISABLED: '1' },
    expect: EXPECT_ANY,
  },
];

/** Item 2: the shared files' locations, with a working container endpoint behind them. */
export const ISSUE11_FILES: ScenarioSpec[] = [
  {
    name: 'i11-credentials-file-empty',
    title: 'AWS_SHARED_CREDENTIALS_FILE="" with keys in ~/.aws/credentials',
    container: task,
    fullUri: true,
    env: { AWS_SHARED_CREDENTIALS_FILE: '' },
    files: { 'home/.aws/credentials': keys('default') },
    expect: EXPECT_ANY,
  },
  { name: 'i11-config-file-empty', title: 'AWS_CONFIG_FILE="" with keys in ~/.aws/config', container: task, fullUri: true, env: { AWS_CONFIG_FILE: '' }, files: { 'home/.aws/config': keys('default') }, expect: EXPECT_ANY },
  {
    name: 'i11-credentials-file-home-var',
    title: `AWS_SHARED_CREDENTIALS_FILE="${BRACED_HOME}/creds"`,
    container: task,
    fullUri: true,
    env: { AWS_SHARED_CREDENTIALS_FILE: `${BRACED_HOME}/creds` },
    files: { 'home/creds': keys('default') },
    expect: EXPECT_ANY,
  },
  { name: 'i11-config-file-home-var', title: `AWS_CONFIG_FILE="${BRACED_HOME}/cfg"`, container: task, fullUri: true, env: { AWS_CONFIG_FILE: `${BRACED_HOME}/cfg` }, files: { 'home/cfg': keys('default') }, expect: EXPECT_ANY },
  { name: 'i11-credentials-file-tilde', title: 'AWS_SHARED_CREDENTIALS_FILE="~/creds"', container: task, fullUri: true, env: { AWS_SHARED_CREDENTIALS_FILE: '~/creds' }, files: { 'home/creds': keys('default') }, expect: EXPECT_ANY },
  { name: 'i11-config-file-tilde', title: 'AWS_CONFIG_FILE="~/cfg"', container: task, fullUri: true, env: { AWS_CONFIG_FILE: '~/cfg' }, files: { 'home/cfg': keys('default') }, expect: EXPECT_ANY },
];

/**
 * Item 4: full URIs each SDK parses its own way (WHATWG for JS, urllib.parse for botocore, net/url
 * for Go). Each points at the fake container endpoint ($AGENT_PORT), which answers only the exact
 * credentials path (any other id: 400, as the ECS agent does).
 */
const CREDS_PATH = `/v2/credentials/${TASK_ID}`;
const fullUriEnv = (name: string, title: string, uri: string): ScenarioSpec => ({ name, title, container: task, fullUri: true, env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: uri }, expect: EXPECT_ANY });
export const ISSUE11_URLS: ScenarioSpec[] = [
  fullUriEnv('i11-full-uri-trailing-space', 'AWS_CONTAINER_CREDENTIALS_FULL_URI with a trailing space', `http://127.0.0.1:$AGENT_PORT${CREDS_PATH} `),
  fullUriEnv('i11-full-uri-trailing-newline', 'AWS_CONTAINER_CREDENTIALS_FULL_URI with a trailing newline', `http://127.0.0.1:$AGENT_PORT${CREDS_PATH}\n`),
  fullUriEnv('i11-full-uri-127-1', 'AWS_CONTAINER_CREDENTIALS_FULL_URI on http://127.1:PORT (a short IPv4 form)', `http://127.1:$AGENT_PORT${CREDS_PATH}`),
  fullUriEnv('i11-full-uri-tab-inside', 'AWS_CONTAINER_CREDENTIALS_FULL_URI with a tab inside its path', `http://127.0.0.1:$AGENT_PORT/v2/cred\tentials/${TASK_ID}`),
];

/**
 * Item 5: the two token sources disagree. The fake endpoint (a full URI on loopback, as EKS Pod
 * Identity or a sidecar) answers only the right token; each SDK sends the one its step picks.
 */
const STALE_TOKEN = 'stale-token-from-last-rotation-0000';
const tokens = (name: string, title: string, env: string, file: string): ScenarioSpec => ({
  name,
  title,
  container: task,
  fullUri: true,
  requiredAuthorization: POD_TOKEN,
  env: { AWS_CONTAINER_AUTHORIZATION_TOKEN: env, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '$DIR/pod-token' },
  files: { 'pod-token': file },
  expect: EXPECT_ANY,
});
export const ISSUE11_TOKENS: ScenarioSpec[] = [
  tokens('i11-token-env-right-file-stale', 'A right AWS_CONTAINER_AUTHORIZATION_TOKEN beside a stale token file', POD_TOKEN, STALE_TOKEN),
  tokens('i11-token-file-right-env-stale', 'A right token file beside a stale AWS_CONTAINER_AUTHORIZATION_TOKEN', STALE_TOKEN, POD_TOKEN),
  tokens('i11-token-env-right-file-newline', 'A right AWS_CONTAINER_AUTHORIZATION_TOKEN beside a token file that ends in a newline', POD_TOKEN, `${POD_TOKEN}\n`),
];

/** Item 6a: a profile's sso_session names no [sso-session] section (JS: a TypeError in fromSSO). */
export const ISSUE11_SSO: ScenarioSpec[] = [
  {
    name: 'i11-sso-session-missing',
    title: 'The default profile names sso_session corp, and the config file has no [sso-session corp]',
    container: task,
    fullUri: true,
    files: { 'home/.aws/config': '[default]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = eu-west-1\n' },
    expect: EXPECT_ANY,
  },
];

const P = IDS.profile;
/** a second file identity whose masked key id differs from P's (every IDS key id ends in WXYZ) */
const U = { accessKeyId: 'AKIAOTHERPROFILE1234', secretAccessKey: IDS.user.secretAccessKey };
/** A profile's keys written `k = v` (or as `line` writes each), under a header written as given. */
const section = (header: string, i: { accessKeyId: string; secretAccessKey: string }, line = (k: string, v: string) => `${k} = ${v}`) =>
  `${header}\n${line('aws_access_key_id', i.accessKeyId)}\n${line('aws_secret_access_key', i.secretAccessKey)}\n`;
const credsEnv = { AWS_SHARED_CREDENTIALS_FILE: '$DIR/credentials', AWS_CONFIG_FILE: '$DIR/config' };
/** An INI environment: the file(s), with the task role behind them, so a file an SDK does not read leaves the container. */
const ini = (name: string, title: string, files: Record<string, string>, env: Record<string, string> = {}): ScenarioSpec => ({
  name: `i11-ini-${name}`,
  title,
  container: task,
  fullUri: true,
  env: { ...credsEnv, ...env },
  files,
  expect: EXPECT_ANY,
});

/** Item 1: each SDK's INI dialect (upper-case keys, `:`, comments, duplicates, BOM, continuation, section-name forms, quotes). */
export const ISSUE11_INI: ScenarioSpec[] = [
  ini('upper-keys', 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in upper case in [default]', { credentials: section('[default]', P, (k, v) => `${k.toUpperCase()} = ${v}`) }),
  ini('colon', '`key: value` lines in [default]', { credentials: section('[default]', P, (k, v) => `${k}: ${v}`) }),
  ini('inline-comment', 'An inline "; comment" after the secret', { credentials: section('[default]', P, (k, v) => (k === 'aws_secret_access_key' ? `${k} = ${v} ; rotated` : `${k} = ${v}`)) }),
  ini('hash-comment-region', 'An inline "# comment" after region in the config file', { credentials: section('[default]', P), config: '[default]\nregion = eu-west-1 # Ireland\n' }),
  ini('duplicate-section', '[default] twice, the id in one and the secret in the other', { credentials: `[default]\naws_access_key_id = ${P.accessKeyId}\n[default]\naws_secret_access_key = ${P.secretAccessKey}\n` }),
  ini('duplicate-key', 'aws_access_key_id twice in [default]', { credentials: `[default]\naws_access_key_id = ${U.accessKeyId}\n${section('', P).trimStart()}` }),
  ini('bom', 'A UTF-8 BOM before [default]', { credentials: `\ufeff${section('[default]', P)}` }),
  ini('continuation', 'An indented line under an empty value (a continuation line)', { credentials: `${section('[default]', P)}note =\n  baked into the image\n` }),
  ini('empty-secret', 'aws_secret_access_key with an empty value', { credentials: `[default]\naws_access_key_id = ${P.accessKeyId}\naws_secret_access_key =\n` }),
  ini('profile-default-first', '[profile default] before [default] in the config file', { config: section('[profile default]', U) + section('[default]', P) }),
  ini('default-section', 'The secret in [DEFAULT], the id in [default]', { credentials: `[DEFAULT]\naws_secret_access_key = ${P.secretAccessKey}\n[default]\naws_access_key_id = ${P.accessKeyId}\n` }),
  ini('quoted-profile', '[profile "a b"] named by AWS_PROFILE="a b"', { config: section('[profile "a b"]', P) }, { AWS_PROFILE: 'a b' }),
  ini('two-spaces', '[profile  x] (two spaces) named by AWS_PROFILE=x', { config: section('[profile  x]', P) }, { AWS_PROFILE: 'x' }),
  ini('header-comment', '[default]#c (a comment glued to the header)', { credentials: section('[default]#c', P) }),
  ini('spaced-default', '[ default ] (spaces inside the brackets)', { credentials: section('[ default ]', P) }),
  ini('quoted-values', 'Key id and secret in double quotes', { credentials: section('[default]', P, (k, v) => `${k} = "${v}"`) }),
];

export const ISSUE11: ScenarioSpec[] = [...ISSUE11_FLAGS, ...ISSUE11_FILES, ...ISSUE11_URLS, ...ISSUE11_TOKENS, ...ISSUE11_SSO, ...ISSUE11_INI];
