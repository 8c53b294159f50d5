// End to end against the loopback fake STS (which checks the session token): the tool proves
// the identity with the credentials each SDK would take from legacy variable names, and never
// prints them. botocore: AWS_SECURITY_TOKEN before AWS_SESSION_TOKEN; Go: AWS_ACCESS_KEY /
// AWS_SECRET_KEY. Old releases that do not read AWS_ENDPOINT_URL_STS still reach the fake STS
// through the tool's own override (src/sts-endpoint.ts).
import { describe, expect, it } from 'vitest';
import { CANARIES, IDS, startScenario, type ScenarioSpec } from '../scenarios/scenarios.ts';
import { runBundle } from './run-bundle.ts';

const STALE = 'CANARYstaleSessionToken0123456789abc';
const ANY = { winner: null, exitCode: 0, findings: [] };

interface Report {
  winner: { source: string; accessKeyId: string } | null;
  identity: { arn: string } | null;
  findings: { code: string }[];
}

async function reports(spec: ScenarioSpec, sdks: string[]): Promise<Record<string, Report>> {
  const sc = await startScenario(spec);
  try {
    const out: Record<string, Report> = {};
    for (const sdk of sdks) {
      const r = await runBundle(['--json', '--sdk', sdk], sc.env);
      for (const c of [...CANARIES, STALE]) {
        expect(r.stdout).not.toContain(c);
        expect(r.stderr).not.toContain(c);
      }
      out[sdk] = JSON.parse(r.stdout) as Report;
    }
    return out;
  } finally {
    await sc.close();
  }
}

describe('legacy credential variables, proven against the fake STS', () => {
  it('AWS_SECURITY_TOKEN: botocore and the AWS CLI send it (not the stale AWS_SESSION_TOKEN); JS sends AWS_SESSION_TOKEN', async () => {
    const task = IDS.task;
    const spec: ScenarioSpec = {
      name: 'security-token',
      title: 'temporary keys with the token in AWS_SECURITY_TOKEN and a stale AWS_SESSION_TOKEN',
      env: { AWS_ACCESS_KEY_ID: task.accessKeyId, AWS_SECRET_ACCESS_KEY: task.secretAccessKey, AWS_SECURITY_TOKEN: task.sessionToken ?? '', AWS_SESSION_TOKEN: STALE },
      expect: ANY,
    };
    const r = await reports(spec, ['python', 'python@1.29.27', 'aws-cli@2.9.19', 'js-v3']);
    for (const sdk of ['python', 'python@1.29.27', 'aws-cli@2.9.19']) {
      expect(r[sdk]?.winner?.source, sdk).toBe('env');
      expect(r[sdk]?.identity?.arn, sdk).toBe(task.arn);
      expect(
        r[sdk]?.findings.map((f) => f.code),
        sdk,
      ).not.toContain('STS_REJECTED');
    }
    // the JS SDK does not read AWS_SECURITY_TOKEN: the fake STS refuses the stale token, as AWS would
    expect(r['js-v3']?.identity).toBeNull();
    expect(r['js-v3']?.findings.map((f) => f.code)).toContain('STS_REJECTED');
  });

  it("Go's AWS_ACCESS_KEY / AWS_SECRET_KEY: the identity is proven; JS and botocore find no env keys", async () => {
    const user = IDS.user;
    const spec: ScenarioSpec = { name: 'go-legacy-keys', title: 'only the legacy AWS_ACCESS_KEY / AWS_SECRET_KEY', env: { AWS_ACCESS_KEY: user.accessKeyId, AWS_SECRET_KEY: user.secretAccessKey }, expect: ANY };
    const r = await reports(spec, ['go-v2', 'go-v2@1.20.0', 'js-v3', 'python']);
    for (const sdk of ['go-v2', 'go-v2@1.20.0']) {
      expect(r[sdk]?.winner?.source, sdk).toBe('env');
      expect(r[sdk]?.identity?.arn, sdk).toBe(user.arn);
    }
    expect(r['js-v3']?.winner).toBeNull();
    expect(r['python']?.winner).toBeNull();
  });
});
