// Where each SDK finds the shared files (issue 11 item 2), and that its chain reads the file it
// finds: an empty variable is no file to botocore, the CLI and Java, and unset to JS and Go;
// botocore expands `$HOME` / `${HOME}` (expandvars) and `~` (expanduser); JS expands a leading `~/`
// from 3.600.0 (@smithy/shared-ini-file-loader 3.1.4), Java a leading `~/`; Go uses the path as written.
// Sources: each src/sdks/<id>/shared-files.ts.
import { describe, expect, it } from 'vitest';
import { chainFor } from '../../src/sdks/index.ts';
import { jsV3ChainFor } from '../../src/sdks/js-v3/index.ts';
import { chainContextOf, walkChain } from '../../src/chains/walk.ts';
import type { ChainDefinition } from '../../src/model/chain.ts';
import type { SDK_IDS, Facts, IniFileFact } from '../../src/model/facts.ts';
import { iniFile, makeFacts } from '../helpers/facts.ts';

/** a literal "${HOME}" (written with an escape: it is the text the SDKs see, not a template) */
const BRACED_HOME = '\u0024{HOME}';

const HOME = '/home/app';
const at = (id: (typeof SDK_IDS)[number], version: string | null = null): ChainDefinition => chainFor(id, version);
const credPath = (c: ChainDefinition, env: Record<string, string>) => c.sharedFilePaths({ HOME, ...env }, HOME).credentials.path;
const cfgPath = (c: ChainDefinition, env: Record<string, string>) => c.sharedFilePaths({ HOME, ...env }, HOME).config.path;

describe('shared file paths per SDK', () => {
  // variable value → [js-v3, js-v3@3.458.0, python, aws-cli, java-v2, go-v2]
  const CASES: [string | undefined, (string | null)[]][] = [
    [undefined, Array(6).fill(`${HOME}/.aws/credentials`)],
    ['', [`${HOME}/.aws/credentials`, `${HOME}/.aws/credentials`, null, null, null, `${HOME}/.aws/credentials`]],
    ['~/creds', [`${HOME}/creds`, '~/creds', `${HOME}/creds`, `${HOME}/creds`, `${HOME}/creds`, '~/creds']],
    ['$HOME/creds', ['$HOME/creds', '$HOME/creds', `${HOME}/creds`, `${HOME}/creds`, '$HOME/creds', '$HOME/creds']],
    [`${BRACED_HOME}/creds`, [`${BRACED_HOME}/creds`, `${BRACED_HOME}/creds`, `${HOME}/creds`, `${HOME}/creds`, `${BRACED_HOME}/creds`, `${BRACED_HOME}/creds`]],
    ['$NOPE/creds', Array(6).fill('$NOPE/creds')],
    ['/etc/creds', Array(6).fill('/etc/creds')],
  ];
  it.each(CASES)('AWS_SHARED_CREDENTIALS_FILE=%j', (v, want) => {
    const env: Record<string, string> = v === undefined ? {} : { AWS_SHARED_CREDENTIALS_FILE: v };
    const got = [at('js-v3'), jsV3ChainFor('3.458.0'), at('python'), at('aws-cli'), at('java-v2'), at('go-v2')].map((c) => credPath(c, env));
    expect(got).toEqual(want);
  });

  it('AWS_CONFIG_FILE follows the same rules; Java reads -Daws.configFile first', () => {
    expect([at('js-v3'), at('python'), at('java-v2'), at('go-v2')].map((c) => cfgPath(c, { AWS_CONFIG_FILE: '' }))).toEqual([`${HOME}/.aws/config`, null, null, `${HOME}/.aws/config`]);
    expect(cfgPath(at('java-v2'), { JAVA_TOOL_OPTIONS: '-Daws.configFile=/opt/cfg', AWS_CONFIG_FILE: '/x' })).toBe('/opt/cfg');
    expect(at('python').sharedFilePaths({ AWS_CONFIG_FILE: '' }, HOME).config.origin).toMatch(/AWS_CONFIG_FILE=""/);
  });
});

describe('each chain reads the file it finds', () => {
  const keys = (id: string): IniFileFact => iniFile(`${HOME}/.aws/credentials`, { default: { aws_access_key_id: id, aws_secret_access_key: '<redacted: 40 chars>' } });
  const facts = (env: Record<string, string>, files: Record<string, IniFileFact>, js: IniFileFact): Facts =>
    makeFacts({ env: { HOME, AWS_EC2_METADATA_DISABLED: 'true', ...env }, home: HOME, credentialsFile: js, configFile: iniFile(`${HOME}/.aws/config`, {}, 'missing'), sharedCredentialsFiles: files, sharedConfigFiles: {} });
  const winnerKey = (c: ChainDefinition, f: Facts) => walkChain(c, chainContextOf(f, c)).winner?.credentials?.accessKeyId ?? null;

  it('AWS_SHARED_CREDENTIALS_FILE="": JS and Go take ~/.aws/credentials, botocore, the CLI and Java nothing', () => {
    const home = keys('AKIA************HOME');
    const f = facts({ AWS_SHARED_CREDENTIALS_FILE: '' }, { [home.path]: home }, home);
    expect(winnerKey(at('js-v3'), f)).toBe('AKIA************HOME');
    expect(winnerKey(at('go-v2'), f)).toBe('AKIA************HOME');
    expect(winnerKey(at('python'), f)).toBeNull();
    expect(winnerKey(at('aws-cli'), f)).toBeNull();
    expect(winnerKey(at('java-v2'), f)).toBeNull();
  });

  it('AWS_SHARED_CREDENTIALS_FILE="~/creds": JS 3.458.0 and Go look for "~/creds" as written', () => {
    const expanded = { ...keys('AKIA************TILD'), path: `${HOME}/creds` };
    const literal: IniFileFact = { ...iniFile('~/creds', {}, 'missing') };
    const f = facts({ AWS_SHARED_CREDENTIALS_FILE: '~/creds' }, { [expanded.path]: expanded, '~/creds': literal }, expanded);
    expect(winnerKey(at('js-v3'), f)).toBe('AKIA************TILD');
    expect(winnerKey(at('python'), f)).toBe('AKIA************TILD');
    expect(winnerKey(at('java-v2'), f)).toBe('AKIA************TILD');
    expect(winnerKey(jsV3ChainFor('3.458.0'), f)).toBeNull();
    expect(winnerKey(at('go-v2'), f)).toBeNull();
  });

  it('facts without the per-path maps (older facts files) are read as before', () => {
    const home = keys('AKIA************HOME');
    const f = makeFacts({ env: { HOME, AWS_SHARED_CREDENTIALS_FILE: '', AWS_EC2_METADATA_DISABLED: 'true' }, home: HOME, credentialsFile: home });
    expect(winnerKey(at('python'), f)).toBe('AKIA************HOME');
  });
});

describe('botocore path expansion (posixpath.expandvars, then expanduser)', () => {
  it.each([
    ['~', '/home/app', '/home/app'],
    ['~/x', '/home/app/', '/home/app/x'],
    ['~/x', '/', '/x'],
    ['~', '', '/'],
    ['~user/x', '/home/app', '~user/x'],
    ['$HOME/x', '/home/app', '/home/app/x'],
    ['$UNSET_VAR/x', '/home/app', '$UNSET_VAR/x'],
  ])('%j with HOME=%j is %j', (raw, home, want) => {
    expect(at('python').sharedFilePaths({ HOME: home, AWS_SHARED_CREDENTIALS_FILE: raw }, home).credentials.path).toBe(want);
  });
});
