// --emf: the line is valid by the Embedded Metric Format specification (its JSON schema through a
// validator, and the reference rules the schema cannot express), and matches a golden file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateFacts } from '../../src/evaluate.ts';
import { renderEmf } from '../../src/render/emf.ts';
import { jsV3Chain } from '../../src/sdks/js-v3/index.ts';
import { VERSION } from '../../src/version.ts';
import type { Facts } from '../../src/model/facts.ts';
import { containerOk, makeFacts, RELATIVE, stsIdentity } from '../helpers/facts.ts';
import { emfReferenceErrors as referenceErrors, validateEmf as validate } from '../helpers/emf.ts';

const NOW = '2026-06-01T00:00:00.000Z';
const TASK_ID = '0123456789abcdef0123456789abcdef';

const taskFacts = (over: Partial<Facts> = {}): Facts =>
  makeFacts({
    collectedAt: NOW,
    env: { ...RELATIVE, AWS_REGION: 'eu-west-1' },
    container: containerOk({}, { Expiration: '2026-06-01T05:00:00Z' }),
    sts: stsIdentity(new Date(NOW), `arn:aws:sts::111122223333:assumed-role/myAppTaskRole/${TASK_ID}`),
    taskMetadata: {
      ok: true,
      task: {
        cluster: 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod',
        taskArn: `arn:aws:ecs:eu-west-1:111122223333:task/prod/${TASK_ID}`,
        family: 'my-app',
        revision: '7',
        launchType: 'FARGATE',
        availabilityZone: 'eu-west-1a',
        networkMode: 'awsvpc',
        container: 'app',
      },
    },
    ...over,
  });

const report = (f: Facts) => evaluateFacts(f, jsV3Chain, { expectRole: null, expectAccount: null, strict: false, noSts: false });

function check(line: string): Record<string, unknown> {
  expect(line.endsWith('\n')).toBe(true);
  expect(line.slice(0, -1)).not.toContain('\n');
  const doc = JSON.parse(line) as Record<string, unknown>;
  const valid = validate(doc);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  expect(referenceErrors(doc)).toEqual([]);
  return doc;
}

describe('renderEmf', () => {
  it('a healthy task: valid EMF, equal to the golden file', () => {
    const line = renderEmf(report(taskFacts())).replaceAll(JSON.stringify(VERSION), '"VERSION"');
    const doc = check(line);
    expect(doc).toMatchObject({ Cluster: 'prod', TaskFamily: 'my-app', CredentialsHealthy: 1, Errors: 0, Warnings: 0, SecondsToExpiry: 5 * 3600, Container: 'app', TaskDefinition: 'my-app:7' });
    const golden = new URL('./golden/emf-healthy.line', import.meta.url);
    if (!existsSync(golden) && process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, line);
    expect(line).toBe(readFileSync(golden, 'utf8'));
  });

  it('a failing run outside ECS: still valid; "unknown" dimensions; no SecondsToExpiry without credentials', () => {
    const doc = check(renderEmf(report(makeFacts({ collectedAt: NOW, env: { AWS_REGION: 'eu-west-1' } })), { replay: true }));
    expect(doc).toMatchObject({ Cluster: 'unknown', TaskFamily: 'unknown', CredentialsHealthy: 0, Errors: 1, FindingCodes: ['NO_CREDENTIALS'], Replay: true });
    expect(doc).not.toHaveProperty('SecondsToExpiry');
  });

  it('the schema is not a check that cannot fail: it refuses what the specification refuses', () => {
    const good = JSON.parse(renderEmf(report(taskFacts()))) as { _aws: { CloudWatchMetrics: { Metrics: object[]; Dimensions: string[][] }[] } };
    const bad = (mutate: (d: typeof good) => void): boolean => {
      const d = structuredClone(good);
      mutate(d);
      return validate(d) && referenceErrors(d as unknown as Record<string, unknown>).length === 0;
    };
    expect(bad(() => undefined)).toBe(true);
    expect(bad((d) => d._aws.CloudWatchMetrics[0]?.Metrics.push({ Name: 'X', Unit: 'Furlongs' }))).toBe(false);
    expect(bad((d) => d._aws.CloudWatchMetrics[0]?.Metrics.push({ Name: 'NotOnRoot' }))).toBe(false);
    expect(bad((d) => d._aws.CloudWatchMetrics[0]?.Dimensions.push(['CredentialsHealthy']))).toBe(false);
    expect(bad((d) => Object.assign(d._aws, { Extra: 1 }))).toBe(false);
  });
});
