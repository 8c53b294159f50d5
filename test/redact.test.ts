import { describe, expect, it } from 'vitest';
import { maskKeyId, scrub, Vault } from '../src/redact.ts';
import { describeEnv, redactUserInfo } from '../src/gather/env.ts';

describe('redaction', () => {
  it('masks key ids keeping the prefix and last four', () => {
    expect(maskKeyId('ASIAEXAMPLEEXAMPWXYZ')).toBe('ASIA************WXYZ');
    expect(maskKeyId('short')).toBe('*****');
  });
  it('scrubs known secrets and stray key ids', () => {
    expect(scrub('token=SEKRET-VALUE key AKIAABCDEFGHIJKLMNOP', ['SEKRET-VALUE'])).toBe('token=<redacted> key AKIA************MNOP');
  });
  it('env facts keep "set but empty" apart from unset and never hold a secret', () => {
    const f = describeEnv({ AWS_SECRET_ACCESS_KEY: 'S3CR3T/abcdefgh', AWS_SESSION_TOKEN: '', AWS_ACCESS_KEY_ID: 'AKIAABCDEFGHIJKLMNOP', UNRELATED: 'x', HTTPS_PROXY: 'http://u:pw@proxy:3128' });
    expect(f).toEqual({ AWS_SECRET_ACCESS_KEY: '<redacted: 15 chars>', AWS_SESSION_TOKEN: '', AWS_ACCESS_KEY_ID: 'AKIA************MNOP', HTTPS_PROXY: 'http://<redacted>@proxy:3128' });
    expect(redactUserInfo('http://proxy:3128')).toBe('http://proxy:3128');
  });
  it('the vault never serialises its contents', () => {
    const v = new Vault();
    v.putCredentials('env', { accessKeyId: 'AKIA', secretAccessKey: 'SECRET-XYZ' });
    expect(JSON.stringify({ v })).not.toContain('SECRET-XYZ');
    expect([...v.secrets()]).toContain('SECRET-XYZ');
  });
});
