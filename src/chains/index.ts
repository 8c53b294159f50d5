/** The chain registry: one builder per SDK family, each taking the modelled version. */
import type { ChainDefinition } from '../model/chain.ts';
import type { SdkFamily } from '../model/facts.ts';
import { jsV3ChainFor } from './js-v3.ts';
import { awsCliChainFor, pythonChainFor } from './python.ts';
import { javaV2ChainFor } from './java-v2.ts';
import { goV2ChainFor } from './go-v2.ts';

export const CHAIN_BUILDERS: Partial<Record<SdkFamily, (version: string | null) => ChainDefinition>> = {
  'js-v3': jsV3ChainFor,
  python: pythonChainFor,
  'aws-cli': awsCliChainFor,
  'java-v2': javaV2ChainFor,
  'go-v2': goV2ChainFor,
};

export const AVAILABLE_SDKS = Object.keys(CHAIN_BUILDERS) as SdkFamily[];

export function chainFor(family: SdkFamily, version: string | null): ChainDefinition {
  const build = CHAIN_BUILDERS[family];
  if (!build) throw new Error(`no chain for ${family}`);
  return build(version);
}
