// Agreement with the real SDK: for every scenario that can run on loopback (no relative
// URI: its host is hard-coded), the real fromNodeProviderChain() resolves the same key as
// our verdict, or fails exactly when we say the app gets nothing, and stops the chain with
// a specific error exactly when we say a source stops it.
// The real-SDK oracles (test/oracle/): this file (JS v3, npm), botocore.test.ts (Debian's
// botocore and AWS CLI v2, with botocore-oracle.py) and go-sdk.test.ts (Debian's aws-sdk-go-v2,
// with go-oracle/main.go built offline).
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SCENARIOS, startScenario, type ScenarioSpec } from '../scenarios/scenarios.ts';
import { GUARD, runBundle } from '../e2e/run-bundle.ts';
import { maskKeyId } from '../../src/redact.ts';
import { oursOf } from './ours.ts';
import { runChild } from '../helpers/spawn.ts';
import { ISSUE11 } from './issue11-envs.ts';
import { Agreement } from './agreement.ts';

const ORACLE = fileURLToPath(new URL('./js-sdk-oracle.mjs', import.meta.url));
const TERMINAL = 'Could not load credentials from any providers';

interface OracleResult {
  ok: boolean;
  accessKeyId?: string;
  features?: string[];
  name?: string;
  message?: string;
}

async function runOracle(env: Record<string, string>, pkg?: string): Promise<OracleResult> {
  const r = await runChild(process.execPath, ['--import', GUARD, ORACLE], {
    env: { PATH: process.env['PATH'] ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env, ...(pkg ? { ORACLE_PKG: pkg } : {}) },
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    timeoutMs: 20_000,
    name: 'oracle',
  });
  if (r.code !== 0) throw new Error(`oracle exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as OracleResult;
}

const FEATURE_TO_SOURCE: Record<string, string> = {
  CREDENTIALS_ENV_VARS: 'env',
  CREDENTIALS_PROFILE: 'profile',
  CREDENTIALS_HTTP: 'container',
  CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN: 'web-identity',
};

const cases = [...SCENARIOS.filter((s) => s.oracle), ...ISSUE11];

describe('agreement with the real @aws-sdk/credential-providers fromNodeProviderChain()', () => {
  it('covers the loopback-runnable scenarios of SDK-CHAINS.md §8', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  // older releases side by side through npm aliases (package.json: cpn-<version>)
  const VERSIONS: (string | null)[] = [null, '3.458.0', '3.600.0', '3.734.0'];
  // Before the nested STS clients (3.6xx), a standalone defaultProvider cannot assume a web
  // identity role by itself ("no role assumption callback was provided"): the app's client
  // injects that callback. Those pairs say nothing about the chain, so they are left out.
  const standaloneCannot = (v: string | null, s: ScenarioSpec): boolean => (v === '3.458.0' || v === '3.600.0') && s.sts?.webIdentity === true && !!s.env?.['AWS_ROLE_ARN'] && !s.files?.['credentials'];
  const agreement = new Agreement();
  afterAll(() => console.log(agreement.summary()));
  const matrix = VERSIONS.flatMap((v) => cases.filter((s) => !standaloneCannot(v, s)).map((s) => [v ?? 'current', s.name, v, s] as const));

  // concurrent: each case waits on two child processes and on fakes
  it.concurrent.for(matrix)('%s %s', async ([, , version, s]) => {
    const sc = await startScenario(s);
    try {
      const [ours, sdk] = await Promise.all([runBundle(['--json', '--no-sts', '--sdk', version ? `js-v3@${version}` : 'js-v3'], sc.env), runOracle(sc.env, version ? `cpn-${version}` : undefined)]);
      const r = JSON.parse(ours.stdout) as { winner: { source: string; accessKeyId: string } | null };
      const error = agreement.check(`js-v3@${version ?? 'current'}`, s.name, () => compare(r, sdk, ours.stdout, version));
      if (error !== null) throw error;
    } finally {
      await sc.close();
    }
  });
});

function compare(r: { winner: { source: string; accessKeyId: string } | null }, sdk: OracleResult, stdout: string, version: string | null): void {
  if (sdk.ok) {
    expect(r.winner, `the SDK resolved ${sdk.accessKeyId} but we say no credentials`).not.toBeNull();
    expect(r.winner?.accessKeyId).toBe(maskKeyId(sdk.accessKeyId ?? ''));
    // older releases stamp no $source feature ids: the key alone identifies the source there
    if (version === null) {
      // no feature id: fromInstanceMetadata, or fromContainerMetadata (the container fallback
      // stamps none either: a right token variable beside a stale token file, issue 11 item 5)
      const sdkSource = (sdk.features ?? []).map((f) => FEATURE_TO_SOURCE[f]).find(Boolean);
      if (sdkSource) expect(r.winner?.source).toBe(sdkSource);
      else expect(['imds', 'container']).toContain(r.winner?.source);
    }
  } else {
    expect(r.winner, `the SDK failed (${sdk.name}: ${sdk.message}) but we name a winner`).toBeNull();
    // report.stoppedBy, or the chain row that stops it (test/oracle/ours.ts)
    const weSayStopped = oursOf(stdout).stop !== null;
    const sdkStopped = !(sdk.message ?? '').includes(TERMINAL);
    expect({ stopped: weSayStopped, sdk: `${sdk.name}: ${sdk.message}` }).toMatchObject({ stopped: sdkStopped });
  }
}
