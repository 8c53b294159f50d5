// Gathering reads the shared file at each distinct path some modelled chain looks at (issue 11
// item 2), keeps the JS SDK's in configFile / credentialsFile, and puts each other pair's profile
// keys in the vault under the ref its chain names (profile:<name> + sharedFilesRefSuffix).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gatherFacts } from '../../src/gather/index.ts';
import { plannerFor } from '../../src/plan.ts';
import { chainFor } from '../../src/sdks/index.ts';
import { SDK_IDS } from '../../src/model/facts.ts';
import { sharedFilesRefSuffix } from '../../src/model/chain.ts';
import { chainContextOf, walkChain } from '../../src/chains/walk.ts';

/** a literal "${HOME}" (written with an escape: it is the text the SDKs see, not a template) */
const BRACED_HOME = '\u0024{HOME}';

const home = mkdtempSync(join(tmpdir(), 'ecd-shared-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
mkdirSync(join(home, '.aws'));
const keys = (id: string, secret: string) => `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`;
writeFileSync(join(home, '.aws', 'credentials'), keys('AKIAHOMEDEFAULT0WXYZ', 'CANARYhomeSecret0123456789abcdefXYZ'));
writeFileSync(join(home, 'creds'), keys('AKIAEXPANDEDVAR0WXYZ', 'CANARYexpandedSecret0123456789abcdef'));

const ALL = SDK_IDS.map((id) => chainFor(id, null));
const planner = plannerFor(chainFor('python', null), ALL);
const gather = (env: Record<string, string>) =>
  gatherFacts({ env: { HOME: home, AWS_EC2_METADATA_DISABLED: 'true', ...env }, timeoutMs: 1000, containerEndpoint: null, plan: (e) => planner.probePlan(e, false), signal: AbortSignal.timeout(5000) });

describe('shared files per SDK path', () => {
  it('AWS_SHARED_CREDENTIALS_FILE="$HOME-in-braces/creds": JS reads the literal path, botocore the expanded one; each chain its own key', async () => {
    const { facts, vault } = await gather({ AWS_SHARED_CREDENTIALS_FILE: `${BRACED_HOME}/creds` });
    expect(facts.credentialsFile.path).toBe(`${BRACED_HOME}/creds`);
    expect(facts.credentialsFile.state).toBe('missing');
    expect(Object.keys(facts.sharedCredentialsFiles ?? {}).sort()).toEqual([`${BRACED_HOME}/creds`, join(home, 'creds')].sort());
    expect(facts.sharedCredentialsFiles?.[join(home, 'creds')]?.state).toBe('ok');
    expect(JSON.stringify(facts)).not.toContain('CANARY');
    const py = chainFor('python', null);
    const w = walkChain(py, chainContextOf(facts, py)).winner;
    expect(w?.credentials?.accessKeyId).toBe('AKIA************WXYZ');
    const suffix = sharedFilesRefSuffix(py.sharedFilePaths(facts.env, facts.home), { config: { path: facts.configFile.path, origin: '' }, credentials: { path: facts.credentialsFile.path, origin: '' } });
    expect(w?.credentials?.ref).toBe(`profile:default${suffix}`);
    expect(vault.credentials(`profile:default${suffix}`)?.accessKeyId).toBe('AKIAEXPANDEDVAR0WXYZ');
    const js = chainFor('js-v3', null);
    expect(walkChain(js, chainContextOf(facts, js)).winner).toBeNull();
  });

  it('AWS_SHARED_CREDENTIALS_FILE="": botocore and Java read no file, JS the default one', async () => {
    const { facts, vault } = await gather({ AWS_SHARED_CREDENTIALS_FILE: '' });
    expect(facts.credentialsFile.path).toBe(join(home, '.aws', 'credentials'));
    expect(vault.credentials('profile:default')?.accessKeyId).toBe('AKIAHOMEDEFAULT0WXYZ');
    for (const id of ['python', 'java-v2'] as const) {
      const c = chainFor(id, null);
      expect(walkChain(c, chainContextOf(facts, c)).winner, id).toBeNull();
    }
    const go = chainFor('go-v2', null);
    expect(walkChain(go, chainContextOf(facts, go)).winner?.credentials?.ref).toBe('profile:default');
  });

  it('a web_identity_token_file in a file only another SDK reads is gathered too', async () => {
    writeFileSync(join(home, 'cfg-wi'), `[default]\nrole_arn = arn:aws:iam::111122223333:role/r\nweb_identity_token_file = ${join(home, 'token')}\n`);
    writeFileSync(join(home, 'token'), 'eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL29pZGMuZXhhbXBsZSJ9.CANARYsig');
    const { facts } = await gather({ AWS_CONFIG_FILE: `${BRACED_HOME}/cfg-wi` });
    expect(facts.configFile.state).toBe('missing');
    expect(facts.profileTokenFiles['default']?.state).toBe('ok');
    expect(facts.profileTokenFiles['default']?.jwt?.iss).toBe('https://oidc.example');
    expect(JSON.stringify(facts)).not.toContain('CANARY');
  });
});
