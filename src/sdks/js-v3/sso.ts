/**
 * fromSSO in the default chain runs only with SSO options passed in code (since 3.502.0);
 * an SSO profile is handled by fromIni.
 * mirrors aws/aws-sdk-js-v3 packages/credential-provider-node/src/defaultProvider.ts
 */
import type { SourceOutcome } from '../../model/chain.ts';

export function evaluateSso(): SourceOutcome {
  return { kind: 'skip', reason: 'Skipping SSO provider in default chain (inputs do not include SSO fields).' };
}
