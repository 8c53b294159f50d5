/** SDK knowledge the verdict rules still read from here (to move into each SDK's folder). */
import type { ChainDefinition } from './model/chain.ts';
import { JAVA_POD_IDENTITY_MINIMUM } from './sources/java/container.ts';

/** The first release of each SDK that accepts EKS Pod Identity (169.254.170.23 and the token file). */
export const POD_IDENTITY_MINIMUM: Readonly<Record<string, string>> = { 'js-v3': '3.503.1', python: '1.32.0', 'aws-cli': '2.15.0', 'go-v2': '1.25.0', 'java-v2': JAVA_POD_IDENTITY_MINIMUM };

/** The variable to set for each SDK's region (SDK-CHAINS.md §1.5, §2.5, §3.4, §4.4, §8 scenario 26). */
export const REGION_VARIABLE: Record<ChainDefinition['family'], string> = {
  'js-v3': 'AWS_REGION',
  python: 'AWS_DEFAULT_REGION',
  'aws-cli': 'AWS_REGION',
  'java-v2': 'AWS_REGION',
  'go-v2': 'AWS_REGION',
};
