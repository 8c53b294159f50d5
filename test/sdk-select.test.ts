// Which chain the report models: named, detected, stood in for (v1 SDKs), or assumed.
import { describe, expect, it } from 'vitest';
import { selectionFromDetection, selectionFromFlag, selectionWithoutApp, specOf } from '../src/sdk-select.ts';
import type { SdkDetection } from '../src/gather/detect-sdk/index.ts';
import { chainFor } from '../src/sdks/index.ts';

const detection = (over: Partial<SdkDetection>): SdkDetection => ({ family: null, version: null, runtime: 'unknown', evidence: [], note: null, ...over });

describe('selectionFromDetection', () => {
  it.each([
    ['js-v3', '3.600.0', 'node'],
    ['python', '1.29.27', 'python'],
    ['aws-cli', '2.9.19', 'python'],
    ['java-v2', '2.25.1', 'java'],
    ['go-v2', '1.27.34', 'go'],
  ] as const)('%s %s is modelled as itself, at that version', (family, version, runtime) => {
    const s = selectionFromDetection(detection({ family, version, runtime, evidence: [{ label: 'detected', value: `${family} ${version} from /app` }] }));
    expect(s).toMatchObject({ how: 'detected', family, version, unmodelled: null, detected: { family, version, runtime } });
    expect(s.evidence).toHaveLength(1);
    // the chain builds for the detected version: its title names it
    expect(chainFor(specOf(s).family, specOf(s).version).title).toContain(version);
  });

  it.each([
    ['js-v2', '2.1500.0', 'js-v3', /AMAZON_\* env keys/],
    ['java-v1', '1.12.700', 'java-v2', /env keys before system properties/],
    ['go-v1', '1.50.0', 'go-v2', /AWS_SDK_LOAD_CONFIG/],
  ] as const)('%s %s has no chain: the current %s stands in, and says how it differs', (family, version, shown, differs) => {
    const s = selectionFromDetection(detection({ family, version, runtime: 'node' }));
    expect(s.how).toBe('detected');
    expect(s.family).toBe(shown);
    expect(s.version).toBeNull();
    expect(s.unmodelled).toMatchObject({ family, version });
    expect(s.unmodelled?.differs).toMatch(differs);
    expect(s.note).toContain(`${version} detected; its chain is not modelled`);
  });

  it('nothing detected: js-v3 at its current release, and the note keeps the reason and says how to name the SDK', () => {
    const s = selectionFromDetection(detection({ note: 'No AWS SDK detected (process 1 not found under /proc); the js-v3 chain is assumed.' }));
    expect(s).toMatchObject({ how: 'assumed', family: 'js-v3', version: null, unmodelled: null });
    expect(s.note).toMatch(/process 1 not found.*--sdk NAME\[@VERSION\].*--app-dir DIR/);
  });

  it('a detected SDK without a version: the current release, with the detection note', () => {
    const s = selectionFromDetection(detection({ family: 'python', version: null, runtime: 'python', note: 'python detected, but its version is unknown; the current release is modelled' }));
    expect(s).toMatchObject({ how: 'detected', family: 'python', version: null });
    expect(s.note).toMatch(/version is unknown/);
  });
});

describe('selectionFromFlag and selectionWithoutApp', () => {
  it('--sdk NAME is taken as said, with no detection', () => {
    expect(selectionFromFlag({ family: 'go-v2', version: '1.27.34' })).toEqual({ how: 'flag', family: 'go-v2', version: '1.27.34', detected: null, unmodelled: null, note: null, evidence: [] });
  });
  it('no app to look at: js-v3 assumed, the reason first', () => {
    const s = selectionWithoutApp('the app process is not looked at (--pid self)');
    expect(s).toMatchObject({ how: 'assumed', family: 'js-v3', version: null });
    expect(s.note).toMatch(/^the app process is not looked at \(--pid self\): the js-v3 chain \(current release\) is assumed/);
  });
});
