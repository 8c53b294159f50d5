import type { Facts, SourceId } from '../model.ts';
import type { ChainContext, SourceEvaluator, SourceOutcome } from '../sources/types.ts';
import type { RegionChoice } from '../region.ts';
import type { StsEndpointChoice } from '../sts-endpoint.ts';

/** One step of an SDK's default chain: which source, the SDK's name for it, how it is judged. */
export interface ChainStep {
  source: SourceId;
  sdkName: string;
  evaluate: SourceEvaluator;
}

/** The SDK families the tool models. */
export type SdkFamily = 'js-v3' | 'python' | 'aws-cli' | 'java-v2' | 'go-v2';

/** An SDK's default credential chain, written down once as data. */
export interface ChainDefinition {
  /** `family` or `family@version`, as the report names it */
  id: string;
  family: SdkFamily;
  /** the modelled version; null: the current release */
  version: string | null;
  title: string;
  /** how messages name the SDK ("the JS SDK") */
  label: string;
  /** the function the app's SDK runs, for the report */
  entryPoint: string;
  steps: readonly ChainStep[];
  /**
   * which profile the SDK uses, whether one was named, and the setting that names it
   * (`AWS_PROFILE`, `AWS_DEFAULT_PROFILE`, `-Daws.profile`; null: the default profile)
   */
  profileOf(env: Record<string, string>): { name: string; named: boolean; variable: string | null };
  /** the region the app's clients use */
  appRegionOf(facts: Facts): RegionChoice;
  /** the region of the SDK's own STS calls (web identity, assume role) */
  stsRegionOf(facts: Facts): RegionChoice;
  /**
   * Where the SDK sends STS calls made at `region` (the region the caller settled on, with its
   * own fallback), and the region they are signed for; the tool's own STS calls go there too.
   */
  stsEndpointOf(facts: Facts, region: string): StsEndpointChoice;
  /** a failure before any provider runs (botocore's ProfileNotFound, Go's load errors) */
  precondition?(ctx: ChainContext): SourceOutcome | null;
  /** the behaviours the version selects, for the report */
  notes: string[];
}
