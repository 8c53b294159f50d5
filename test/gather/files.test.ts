// File facts: capped reads, and every broken state named, never thrown.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeJwtClaims, gatherIniFile, gatherTokenFile, readCapped } from '../../src/gather/files.ts';
import { Vault } from '../../src/redact.ts';

const dir = mkdtempSync(join(tmpdir(), 'ecd-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('files', () => {
  it('missing, directory, too large', async () => {
    expect((await readCapped(join(dir, 'nope'), 't', 10)).fact.state).toBe('missing');
    mkdirSync(join(dir, 'd'));
    expect((await readCapped(join(dir, 'd'), 't', 10)).fact.state).toBe('not-a-file');
    writeFileSync(join(dir, 'big'), 'x'.repeat(100));
    expect((await readCapped(join(dir, 'big'), 't', 10)).fact).toMatchObject({ state: 'too-large', size: 100 });
  });
  it('unreadable (when not root: root reads anything)', async () => {
    writeFileSync(join(dir, 'secret'), 'x');
    chmodSync(join(dir, 'secret'), 0o000);
    const state = (await readCapped(join(dir, 'secret'), 't', 10)).fact.state;
    expect(state).toBe(process.getuid?.() === 0 ? 'ok' : 'unreadable');
  });
  it('ini: secrets go to the vault, facts keep markers and masked ids', async () => {
    const p = join(dir, 'credentials');
    writeFileSync(p, '[default]\naws_access_key_id = AKIAABCDEFGHIJKLMNOP\naws_secret_access_key = CANARYsecret\n');
    const v = new Vault();
    const f = await gatherIniFile(p, 'test', 'credentials', v);
    expect(f.profiles['default']).toEqual({ aws_access_key_id: 'AKIA************MNOP', aws_secret_access_key: '<redacted: 12 chars>' });
    expect(JSON.stringify(f)).not.toContain('CANARY');
    expect(v.token('credentials:default:aws_secret_access_key')).toBe('CANARYsecret');
  });
  it('binary garbage parses to nothing, without throwing', async () => {
    const p = join(dir, 'garbage');
    writeFileSync(p, Buffer.from([0, 255, 254, 91, 0, 93, 10, 61, 61]));
    const f = await gatherIniFile(p, 'test', 'config', new Vault());
    expect(f.state).toBe('ok');
    expect(f.profiles).toEqual({});
  });
  it('token files: newline and CRLF flags, JWT claims, never the token', async () => {
    const jwt = `e30.${Buffer.from(JSON.stringify({ iss: 'https://oidc', aud: 'sts.amazonaws.com', sub: 'system:serviceaccount:a:b', exp: 1 })).toString('base64url')}.CANARYsig`;
    const p = join(dir, 'token');
    writeFileSync(p, `${jwt}\r\n`);
    const v = new Vault();
    const f = await gatherTokenFile(p, 'test', v, 'tok');
    expect(f).toMatchObject({ endsWithNewline: true, containsCrLf: true, jwt: { iss: 'https://oidc', sub: 'system:serviceaccount:a:b', exp: 1 } });
    expect(JSON.stringify(f)).not.toContain('CANARY');
    expect(decodeJwtClaims('not-a-jwt')).toBeNull();
  });
});
