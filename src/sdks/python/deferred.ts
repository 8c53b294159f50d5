/**
 * botocore's role providers return DeferredRefreshableCredentials: the provider is selected
 * without any network call and the STS call happens on first use, where its failure is an error
 * of the app's API call, never a fall-through to a later provider. The tool makes that same
 * call (src/sources/exchange.ts) to prove or disprove it.
 * mirrors boto/botocore botocore/credentials.py DeferredRefreshableCredentials,
 * AssumeRoleProvider._load_creds_via_assume_role, AssumeRoleWithWebIdentityProvider.
 */
import type { SourceOutcome } from '../../model/chain.ts';

export const DEFERRED_NOTE = 'deferred: the SDK calls STS on first use';

export function asDeferred(out: SourceOutcome, method: string): SourceOutcome {
  switch (out.kind) {
    case 'provides':
      return { ...out, reason: `${out.reason} (${DEFERRED_NOTE}; ecs-cred-doctor made the same call)`, credentials: { ...out.credentials, feature: null } };
    case 'fail':
      return { ...out, hard: true, reason: `${out.reason}. ${DEFERRED_NOTE}: botocore selects ${method}, the app's first API call raises this error, and no later source is tried` };
    case 'needs':
      return { ...out, reason: `${out.reason} (${DEFERRED_NOTE})` };
    case 'skip':
      return out;
  }
}
