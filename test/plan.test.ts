// src/plan.ts: IMDS is probed when ANY modelled chain (the main one, then those of --sdk all)
// would ask it by its own switches (issue 11 item 3), at the first asker's endpoint, with the
// IMDSv1 fallback unless every asker there blocks it.
import { describe, expect, it } from 'vitest';
import { plannerFor, probePlan } from '../src/plan.ts';
import { chainFor } from '../src/sdks/index.ts';
import { SDK_IDS } from '../src/model/facts.ts';

const ALL = SDK_IDS.map((id) => chainFor(id, null));
const imdsOf = (main: (typeof SDK_IDS)[number], env: Record<string, string>, all = false) => plannerFor(chainFor(main, null), all ? ALL : []).probePlan(env, true).imds;

describe('probe plan: IMDS', () => {
  it.each([
    ['1', { 'js-v3': false, python: true, 'aws-cli': true, 'java-v2': false, 'go-v2': true }],
    ['False', { 'js-v3': false, python: true, 'aws-cli': true, 'java-v2': true, 'go-v2': true }],
    ['false', { 'js-v3': true, python: true, 'aws-cli': true, 'java-v2': true, 'go-v2': true }],
    ['TRUE', { 'js-v3': false, python: false, 'aws-cli': false, 'java-v2': false, 'go-v2': false }],
    ['true', { 'js-v3': false, python: false, 'aws-cli': false, 'java-v2': false, 'go-v2': false }],
  ] as const)('AWS_EC2_METADATA_DISABLED=%s: probed per main chain %j', (v, byMain) => {
    for (const id of SDK_IDS) expect(imdsOf(id, { AWS_EC2_METADATA_DISABLED: v }) !== null, id).toBe(byMain[id]);
  });

  it('--sdk all: probed when any chain asks, and askedBy names them', () => {
    const plan = imdsOf('js-v3', { AWS_EC2_METADATA_DISABLED: '1' }, true);
    expect(plan?.askedBy).toEqual(['python', 'aws-cli', 'go-v2']);
    expect(plan?.reason).toMatch(/reaches IMDS/);
    expect(imdsOf('js-v3', { AWS_EC2_METADATA_DISABLED: 'true' }, true)).toBeNull();
  });

  it('the IMDSv1 fallback is probed unless every asker blocks it', () => {
    // botocore ensure_boolean("1") is false; JS reads "1" as true
    expect(imdsOf('js-v3', { AWS_EC2_METADATA_V1_DISABLED: '1' })?.v1Disabled).toBe(true);
    expect(imdsOf('js-v3', { AWS_EC2_METADATA_V1_DISABLED: '1' }, true)?.v1Disabled).toBe(false);
    expect(imdsOf('python', { AWS_EC2_METADATA_V1_DISABLED: 'true' }, true)?.v1Disabled).toBe(true);
  });

  it('a container URI outside ECS: not probed, whoever would ask', () => {
    expect(imdsOf('python', { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/x', AWS_EC2_METADATA_DISABLED: '1' }, true)).toBeNull();
  });

  it('the default chain list of probePlan is the JS SDK alone (compatibility)', () => {
    expect(probePlan({ AWS_EC2_METADATA_DISABLED: '1' }, true).imds).toBeNull();
    expect(probePlan({}, true).imds?.url).toBe('http://169.254.169.254');
  });
});
