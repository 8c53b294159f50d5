// The JS SDK's INI dialect (src/ini.ts readJsIni) against the real @smithy/shared-ini-file-loader
// loadSharedConfigFiles of the JS releases installed for the oracles (npm aliases cpn-<version>),
// on generated files of the forms issue 11 item 1 names. Local files only.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readJsIni } from '../../src/ini.ts';

type Loaded = { configFile: Record<string, Record<string, string>>; credentialsFile: Record<string, Record<string, string>> };
type Loader = { loadSharedConfigFiles: (o: { filepath: string; configFilepath: string; ignoreCache: boolean }) => Promise<Loaded> };
const require = createRequire(import.meta.url);
const loaderOf = (pkg: string): Loader => require(require.resolve('@smithy/shared-ini-file-loader', { paths: [require.resolve(`${pkg}/package.json`)] })) as Loader;

const header = fc.constantFrom('[default]', '[profile a]', '[profile  a]', '[ default ]', '[default]#c', '[default] ; c', '[DEFAULT]', '[profile default]', '[a]', '  [default]');
const key = fc.constantFrom('aws_access_key_id', 'AWS_SECRET_ACCESS_KEY', 'region', 'note', 's3');
const line = fc.oneof(
  { weight: 2, arbitrary: header },
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('', '', '  '), key, fc.constantFrom(' = ', '=', ': '), fc.constantFrom('v1', 'v 2', '"q"', 'x ; c', 'x;c', 'x # c', '')).map(([i, k, s, v]) => `${i}${k}${s}${v}`) },
  { weight: 1, arbitrary: fc.constantFrom('# c', '; c', '', '  more text') },
);
const file = fc.tuple(fc.boolean(), fc.array(line, { minLength: 1, maxLength: 10 }), fc.constantFrom('\n', '\r\n')).map(([bom, lines, eol]) => `${bom ? '\ufeff' : ''}${lines.join(eol)}${eol}`);

const dir = mkdtempSync(join(tmpdir(), 'ecd-ini-js-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The loader's profiles: its config entries without a section prefix ("sso-session.x", "services.x"). */
const profilesOf = (m: Record<string, Record<string, string>>): Record<string, Record<string, string>> => Object.fromEntries(Object.entries(m).filter(([name]) => !name.includes('.')));

describe.each(['cpn-3.734.0', 'cpn-3.600.0', 'cpn-3.458.0'])('readJsIni against @smithy/shared-ini-file-loader of %s', (pkg) => {
  it('reads every generated file as the real loader does', async () => {
    const loader = loaderOf(pkg);
    const texts = fc.sample(file, { seed: 5, numRuns: 150 });
    let withProfiles = 0;
    for (const [i, text] of texts.entries()) {
      const cfg = join(dir, `${pkg}-${i}-config`);
      const cred = join(dir, `${pkg}-${i}-credentials`);
      writeFileSync(cfg, text);
      writeFileSync(cred, text);
      const real = await loader.loadSharedConfigFiles({ filepath: cred, configFilepath: cfg, ignoreCache: true });
      const config = readJsIni(text, 'config');
      const credentials = readJsIni(text, 'credentials');
      const label = JSON.stringify(text);
      expect(config.ok && profilesOf(config.profiles), label).toEqual(profilesOf(real.configFile));
      expect(credentials.ok && credentials.profiles, label).toEqual(real.credentialsFile);
      if (Object.keys(real.credentialsFile).length > 0) withProfiles++;
    }
    // the files are not all empty to both parsers
    expect(withProfiles).toBeGreaterThan(50);
  });
});
