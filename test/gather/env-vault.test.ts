// The vault entries the chains' env sources name (botocore's AWS_SECURITY_TOKEN, Go's legacy
// AWS_ACCESS_KEY / AWS_SECRET_KEY), and that those values stay secrets everywhere else.
import { probePlan } from '../../src/plan.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gatherFacts } from '../../src/gather/index.ts';
import { describeEnv, SECRET_VARS } from '../../src/gather/env.ts';
import type { RawEnv } from '../../src/gather/env.ts';

const home = mkdtempSync(join(tmpdir(), 'ecd-vault-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const ID = 'ASIAVAULTTEST000WXYZ';
const SECRET = 'CANARYvaultSecret0123456789abcdefXYZ';
const SECURITY = 'CANARYsecurityToken0123456789abcdef';
const SESSION = 'CANARYsessionToken0123456789abcdefg';

/** Files in an empty HOME, IMDS off, no container variables: nothing leaves the process. */
const gather = (env: RawEnv) => gatherFacts({ env: { HOME: home, AWS_EC2_METADATA_DISABLED: 'true', ...env }, timeoutMs: 1000, containerEndpoint: null, plan: (env) => probePlan(env, false), signal: AbortSignal.timeout(5000) });

describe('env credentials in the vault', () => {
  it('AWS_SECURITY_TOKEN: a botocore entry with it as the session token, the other SDKs keep AWS_SESSION_TOKEN', async () => {
    const { facts, vault, scrub } = await gather({ AWS_ACCESS_KEY_ID: ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SECURITY_TOKEN: SECURITY, AWS_SESSION_TOKEN: SESSION });
    expect(vault.credentials('botocore:env')).toEqual({ accessKeyId: ID, secretAccessKey: SECRET, sessionToken: SECURITY });
    expect(vault.credentials('env')).toEqual({ accessKeyId: ID, secretAccessKey: SECRET, sessionToken: SESSION });
    expect(facts.env['AWS_SECURITY_TOKEN']).toBe(`<redacted: ${SECURITY.length} chars>`);
    expect(JSON.stringify(facts)).not.toContain('CANARY');
    expect(scrub(`echo ${SECURITY} and ${SESSION}`)).toBe('echo <redacted> and <redacted>');
  });

  it('AWS_SECURITY_TOKEN without AWS_SESSION_TOKEN', async () => {
    const { vault } = await gather({ AWS_ACCESS_KEY_ID: ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SECURITY_TOKEN: SECURITY });
    expect(vault.credentials('botocore:env')?.sessionToken).toBe(SECURITY);
    expect(vault.credentials('env')?.sessionToken).toBeUndefined();
  });

  it('no AWS_SECURITY_TOKEN: no botocore entry (the env entry is the same credentials)', async () => {
    const { vault } = await gather({ AWS_ACCESS_KEY_ID: ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SECURITY_TOKEN: '', AWS_SESSION_TOKEN: SESSION });
    expect(vault.credentials('botocore:env')).toBeUndefined();
  });

  it("Go's legacy names: each half on its own, AWS_SESSION_TOKEN added", async () => {
    const cases: [RawEnv, { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined][] = [
      [
        { AWS_ACCESS_KEY: ID, AWS_SECRET_KEY: SECRET },
        { accessKeyId: ID, secretAccessKey: SECRET },
      ],
      [
        { AWS_ACCESS_KEY_ID: ID, AWS_SECRET_KEY: SECRET, AWS_SESSION_TOKEN: SESSION },
        { accessKeyId: ID, secretAccessKey: SECRET, sessionToken: SESSION },
      ],
      [
        { AWS_ACCESS_KEY_ID: '', AWS_ACCESS_KEY: ID, AWS_SECRET_ACCESS_KEY: SECRET },
        { accessKeyId: ID, secretAccessKey: SECRET },
      ],
      // both modern names set: Go uses them, and the shared `env` entry holds them
      [{ AWS_ACCESS_KEY_ID: ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_ACCESS_KEY: 'AKIAOTHER0000000WXYZ', AWS_SECRET_KEY: 'CANARYother' }, undefined],
      [{ AWS_ACCESS_KEY: ID }, undefined],
    ];
    for (const [env, want] of cases) {
      const { facts, vault, scrub } = await gather(env);
      expect(vault.credentials('go:env-legacy')).toEqual(want);
      expect(JSON.stringify(facts)).not.toContain('CANARY');
      if (env['AWS_SECRET_KEY']) expect(scrub(`x ${env['AWS_SECRET_KEY']} y`)).toBe('x <redacted> y');
    }
  });
});

describe('redaction of the legacy names', () => {
  it('AWS_SECRET_KEY and AWS_SECURITY_TOKEN are secrets; AWS_ACCESS_KEY is masked like a key id', () => {
    expect(SECRET_VARS.has('AWS_SECRET_KEY')).toBe(true);
    expect(SECRET_VARS.has('AWS_SECURITY_TOKEN')).toBe(true);
    const out = describeEnv({ AWS_SECRET_KEY: SECRET, AWS_SECURITY_TOKEN: SECURITY, AWS_ACCESS_KEY: ID });
    expect(out).toEqual({ AWS_SECRET_KEY: `<redacted: ${SECRET.length} chars>`, AWS_SECURITY_TOKEN: `<redacted: ${SECURITY.length} chars>`, AWS_ACCESS_KEY: 'ASIA************WXYZ' });
  });
});
