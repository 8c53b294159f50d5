/**
 * fromProcess: runs the profile's credential_process; every failure is soft.
 * mirrors aws/aws-sdk-js-v3 packages/credential-provider-process/src/resolveProcessCredentials.ts
 */
import type { ChainContext, SourceOutcome } from '../../model/chain.ts';

export function evaluateProcess(ctx: ChainContext): SourceOutcome {
  const profile = ctx.profiles[ctx.profileName];
  const command = profile?.['credential_process'];
  if (profile === undefined) return { kind: 'skip', reason: `Profile ${ctx.profileName} could not be found in shared credentials file.` };
  if (command === undefined) return { kind: 'skip', reason: `Profile ${ctx.profileName} did not contain credential_process.` };
  return {
    kind: 'provides',
    reason: `runs credential_process of profile ${ctx.profileName} again (only if fromIni's run of it failed)`,
    unproven: 'ecs-cred-doctor does not run credential_process commands',
    credentials: { ref: `process:${ctx.profileName}`, accessKeyId: '(from credential_process)', roleArn: null, expiration: null, origin: `credential_process of profile ${ctx.profileName}`, feature: 'CREDENTIALS_PROCESS' },
  };
}
