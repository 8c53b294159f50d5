/**
 * Which SDK chain the report models, and why: named with --sdk, detected from the app
 * (src/gather/detect-sdk/index.ts), or assumed. Pure: detection results in, a selection out; the
 * selection is kept in the facts so that --replay models the same chain.
 */
import type { SdkDetection } from './gather/detect-sdk/index.ts';
import type { SdkSelection } from './model/facts.ts';
import type { SdkFamily } from './model/facts.ts';
import type { SdkSpec } from './sdk.ts';
import { SDK_IDS } from './model/facts.ts';

const HOW_TO_NAME = "name the app's SDK with --sdk NAME[@VERSION], or its files with --app-dir DIR";

/**
 * Detected SDK majors this tool has no chain for, the chain shown in their place, and how
 * that chain is known to differ. All three reached end of support in 2025, so the fix is
 * the upgrade; until then the report is an approximation and says so.
 */
const UNMODELLED: Record<string, { shown: SdkFamily; name: string; upgrade: string; differs: string }> = {
  'js-v2': {
    shown: 'js-v3',
    name: 'AWS SDK for JavaScript v2 (aws-sdk)',
    upgrade: 'the AWS SDK for JavaScript v3',
    // aws/aws-sdk-js lib/node_loader.js (CredentialProviderChain.defaultProviders)
    differs: 'v2 tries AWS_* then AMAZON_* env keys (AWS_PROFILE does not skip them), SSO, the shared files, the container endpoint, credential_process, the web identity token file, then IMDS',
  },
  'java-v1': {
    shown: 'java-v2',
    name: 'AWS SDK for Java 1.x',
    upgrade: 'the AWS SDK for Java 2.x',
    // aws/aws-sdk-java DefaultAWSCredentialsProviderChain.java
    differs: 'v1 tries env keys before system properties (v2: properties first), then web identity, the profile, then the container endpoint or IMDS',
  },
  'go-v1': {
    shown: 'go-v2',
    name: 'AWS SDK for Go v1',
    upgrade: 'the AWS SDK for Go v2',
    // aws/aws-sdk-go aws/session/credentials.go (resolveCredentials, resolveCredsFromProfile)
    differs: 'v1 selects once, as v2 does: env keys, the web identity variables, the profile (the config file only with AWS_SDK_LOAD_CONFIG), then the container endpoint or IMDS',
  },
};

export function selectionFromFlag(spec: SdkSpec): SdkSelection {
  return { how: 'flag', family: spec.family, version: spec.version, detected: null, unmodelled: null, note: null, evidence: [] };
}

/** No app to look at (--pid self, or the tool is PID 1 with nothing else to see). */
export function selectionWithoutApp(why: string): SdkSelection {
  return { how: 'assumed', family: 'js-v3', version: null, detected: null, unmodelled: null, note: `${why}: the js-v3 chain (current release) is assumed; ${HOW_TO_NAME}.`, evidence: [] };
}

export function selectionFromDetection(d: SdkDetection): SdkSelection {
  const detected = { family: d.family, version: d.version, runtime: d.runtime };
  if (d.family === null) {
    return { how: 'assumed', family: 'js-v3', version: null, detected, unmodelled: null, note: `${d.note ?? 'No AWS SDK detected; the js-v3 chain is assumed.'} To judge another SDK, ${HOW_TO_NAME}.`, evidence: d.evidence };
  }
  const stand = UNMODELLED[d.family];
  if (stand) {
    const release = d.version ? ` ${d.version}` : '';
    return {
      how: 'detected',
      family: stand.shown,
      version: null,
      detected,
      unmodelled: { family: d.family, version: d.version, name: stand.name, upgrade: stand.upgrade, differs: stand.differs },
      note: `${stand.name}${release} detected; its chain is not modelled, so the ${stand.shown} chain (current release) is shown in its place.`,
      evidence: d.evidence,
    };
  }
  return { how: 'detected', family: modelled(d.family), version: d.version, detected, unmodelled: null, note: d.note, evidence: d.evidence };
}

/** A detected family the registry has a chain for is modelled as itself; any other is shown as its stand-in. */
function modelled(f: Exclude<SdkDetection['family'], null>): SdkFamily {
  return isSdkId(f) ? f : (UNMODELLED[f]?.shown ?? 'js-v3');
}

function isSdkId(f: string): f is SdkFamily {
  return (SDK_IDS as readonly string[]).includes(f);
}

/** The --sdk spec a selection stands for (the chain to build). */
export function specOf(s: SdkSelection): SdkSpec {
  return { family: s.family, version: s.version };
}
