// File facts: capped reads, and every broken state named, never thrown.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeJwtClaims, gatherIniFile, gatherTokenFile, readCapped, redactIniText } from '../../src/gather/files.ts';
import { scrubFacts } from '../../src/gather/index.ts';
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
  // issue 11 item 1: botocore and Go read upper-case keys, `key: value`, continuation lines and
  // quoted values; none of them may carry a secret into Facts (parsed profiles or the text)
  it('ini: secrets in every dialect stay out of Facts, text and profiles alike', async () => {
    const p = join(dir, 'dialects');
    const secrets = ['CANARYupper0001', 'CANARYcolon0002', 'CANARYcont0003', 'CANARYinline0004', 'CANARYquoted0005', 'CANARYmixed0006', 'CANARYnested0007', 'CANARYdefault0008'];
    writeFileSync(
      p,
      `\ufeff[default]\r\nAWS_ACCESS_KEY_ID = AKIAUPPERCASE0000001\r\nAWS_SECRET_ACCESS_KEY = ${secrets[0]}\nAWS_SESSION_TOKEN: ${secrets[1]}\naws_security_token =\n  ${secrets[2]}\n\n  more ${secrets[2]}\n[profile x]\naws_secret_access_key = ${secrets[3]} ; comment\nAws_Secret_Access_Key="${secrets[4]}"\n  Aws_Session_Token : ${secrets[5]}\ns3 =\n  aws_secret_access_key = ${secrets[6]}\n[DEFAULT]\naws_secret_access_key=${secrets[7]}\n`,
    );
    const v = new Vault();
    const f = scrubFacts(await gatherIniFile(p, 'test', 'credentials', v), v);
    const json = JSON.stringify(f);
    for (const s of secrets) expect(json).not.toContain(s);
    expect(json).not.toContain('AKIAUPPERCASE0000001');
    expect(f.text).toContain('AWS_SECRET_ACCESS_KEY = <redacted: 15 chars>');
    expect(f.text).toContain('AKIAU**********00001');
    // the structure every dialect parses is kept: sections, keys, line breaks
    expect(f.text?.split(/\r\n|\n/).length).toBe(17);
    expect(redactIniText('[a]\nregion = x ; y\n#c\n')).toBe('[a]\nregion = x ; y\n#c\n');
  });
  it('ini: upper-case key names (botocore, Go) put their pair in the vault; the lower-case spelling wins', async () => {
    const p = join(dir, 'upper');
    writeFileSync(p, '[default]\nAWS_ACCESS_KEY_ID = AKIAUPPER00000000001\nAWS_SECRET_ACCESS_KEY = CANARYupper\n[both]\naws_secret_access_key = CANARYlower\nAWS_SECRET_ACCESS_KEY = CANARYother\n');
    const v = new Vault();
    await gatherIniFile(p, 'test', 'credentials', v);
    expect(v.token('credentials:default:aws_access_key_id')).toBe('AKIAUPPER00000000001');
    expect(v.token('credentials:default:aws_secret_access_key')).toBe('CANARYupper');
    expect(v.token('credentials:both:aws_secret_access_key')).toBe('CANARYlower');
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
