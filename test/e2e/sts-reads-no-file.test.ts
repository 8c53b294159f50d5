// Regression: the STS client loaded settings from ~/.aws/config itself (uncapped, outside the
// deadline: a 100 MiB config turned a healthy run into STS_UNREACHABLE). Every setting is now
// given to the client, so each shared file is opened once, by gather/files.ts, and never again.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runChild } from '../helpers/spawn.ts';
import { BUNDLE, GUARD } from './run-bundle.ts';

const SPY = fileURLToPath(new URL('./aws-file-opens.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ecd-sts-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the STS client reads no file of its own', () => {
  it('each shared file is opened once, though the tool signs an STS call', async () => {
    mkdirSync(join(dir, '.aws'));
    writeFileSync(join(dir, '.aws', 'config'), '[default]\nregion = eu-west-1\n');
    writeFileSync(join(dir, '.aws', 'credentials'), '[other]\naws_access_key_id = AKIAOTHEROTHEROTHER1\n');
    const r = await runChild(process.execPath, ['--import', GUARD, '--import', SPY, BUNDLE, '--json', '--sdk', 'js-v3'], {
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: dir,
        ECS_CRED_DOCTOR_APP_PID: 'self',
        AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE12',
        AWS_SECRET_ACCESS_KEY: 'secretsecretsecretsecretsecretsecret1234',
        AWS_REGION: 'eu-west-1',
        // nothing listens: the call is signed (where the client would load its settings) and refused
        AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9',
        AWS_EC2_METADATA_DISABLED: 'true',
      },
      timeoutMs: 15_000,
      name: 'bundle',
    });
    const opens = r.stderr.split('\n').filter((l) => l.startsWith('AWS_FILE_OPEN '));
    expect(JSON.parse(r.stdout).facts.sts).toMatchObject({ ok: false });
    expect(opens.sort()).toEqual([`AWS_FILE_OPEN ${join(dir, '.aws', 'config')}`, `AWS_FILE_OPEN ${join(dir, '.aws', 'credentials')}`]);
  });
});
