import { describe, expect, it } from 'vitest';
import { parseIni, profilesOf } from '../src/ini.ts';

const sections = (text: string) => {
  const r = parseIni(text);
  if (!r.ok) throw new Error(r.error);
  return r.sections;
};

describe('parseIni (as the JS SDK parses shared files)', () => {
  it('reads sections, keys, comments and CRLF', () => {
    const s = sections('[default]\r\naws_access_key_id = AKIA1 ; note\r\n# comment\r\nregion=eu-west-1\r\n');
    expect(Object.fromEntries(s.get('default') ?? [])).toEqual({ aws_access_key_id: 'AKIA1', region: 'eu-west-1' });
  });
  it('config: [profile x] is x, a bare [x] is dropped, sso-session kept apart', () => {
    const s = sections('[profile app]\nregion=a\n[app2]\nregion=b\n[sso-session corp]\nsso_region=us-east-1\n[default]\nregion=c');
    const { profiles, ssoSessions } = profilesOf(s, 'config');
    expect([...profiles.keys()].sort()).toEqual(['app', 'default']);
    expect([...ssoSessions.keys()]).toEqual(['corp']);
  });
  it('credentials: every section is a profile', () => {
    expect([...profilesOf(sections('[app]\na=1\n[profile x]\nb=2'), 'credentials').profiles.keys()]).toEqual(['app', 'profile.x']);
  });
  it('an empty value opens a sub-section instead of setting the key', () => {
    const s = sections('[default]\naws_secret_access_key =\ns3 =\n  max_concurrent_requests = 10\nregion = x');
    expect(Object.fromEntries(s.get('default') ?? [])).toEqual({ 's3.max_concurrent_requests': '10', region: 'x' });
  });
  it('rejects __proto__ like the SDK, never throws on garbage', () => {
    expect(parseIni('[__proto__]\na=1').ok).toBe(false);
    expect(parseIni('\u0000\u0001[[[]]]=\n==\n[').ok).toBe(true);
  });
});
