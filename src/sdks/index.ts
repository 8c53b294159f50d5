/**
 * THE registry of SDKs: the only list of SDK ids at run time. Each id is a folder
 * src/sdks/<id>/ whose index.ts builds the chain (as data) for a modelled version; the chain
 * carries every SDK-dependent judgement later layers ask (ChainDefinition in src/model/chain.ts).
 * `satisfies Record<SdkFamily, SdkEntry>`: an id added to SdkFamily (src/model/facts.ts)
 * without an entry here, or an entry without an id there, fails to compile.
 */
import type { ChainDefinition } from '../model/chain.ts';
import type { SdkFamily } from '../model/facts.ts';
import { jsV3ChainFor } from './js-v3/index.ts';
import { pythonChainFor } from './python/index.ts';
import { awsCliChainFor } from './aws-cli/index.ts';
import { javaV2ChainFor } from './java-v2/index.ts';
import { goV2ChainFor } from './go-v2/index.ts';

export interface SdkEntry {
  /** the chain as the given release runs it (null: the current release) */
  chainFor(version: string | null): ChainDefinition;
}

export const SDKS = {
  'js-v3': { chainFor: jsV3ChainFor },
  python: { chainFor: pythonChainFor },
  'aws-cli': { chainFor: awsCliChainFor },
  'java-v2': { chainFor: javaV2ChainFor },
  'go-v2': { chainFor: goV2ChainFor },
} as const satisfies Record<SdkFamily, SdkEntry>;

/** The chain of an SDK at a modelled version (null: the current release). */
export function chainFor(family: SdkFamily, version: string | null): ChainDefinition {
  return SDKS[family].chainFor(version);
}
