import type { SourceId } from '../model.ts';
import type { SourceEvaluator } from '../sources/types.ts';

/** One step of an SDK's default chain: which source, the SDK's name for it, how it is judged. */
export interface ChainStep {
  source: SourceId;
  sdkName: string;
  evaluate: SourceEvaluator;
}

/** An SDK's default credential chain, written down once as data. */
export interface ChainDefinition {
  id: string;
  title: string;
  /** the function the app's SDK runs, for the report */
  entryPoint: string;
  steps: readonly ChainStep[];
}
