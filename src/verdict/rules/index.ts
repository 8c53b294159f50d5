/**
 * The verdict's rules, in one ordered list. Each is a small pure function of the walk and the
 * facts; the order breaks ties between findings of the same severity and specificity.
 */
import type { Rule } from '../input.ts';
import { appContainerNotChosen, appFileAccess, appViewUnavailable, shellDiffers } from './app.ts';
import { containerShadowed, ecsNoTaskRole, internalErrors, noCredentials, profileSkipsEnvKeys, webIdentityShadowed } from './chain.ts';
import { containerEndpoint, containerLongTermKeys } from './container.ts';
import { expectations } from './expectations.ts';
import { executionRole, expiry, instanceRole, taskRoleConfirmed } from './identity.ts';
import { imdsHopLimit, imdsReachable } from './imds.ts';
import { profileFileUnreadable, profileProblems } from './profile.ts';
import { regionMismatch, regionMissing } from './region.ts';
import { instanceRoleFallback, javaSystemPropertiesShadow, partialEnvKeys, podIdentityTooOld, proxyInterceptsMetadata, sdkNotModelled, stsGlobalEndpoint } from './sdk.ts';
import { clockSkew, exchangeFailures, identityUnverified, stsFailure } from './sts.ts';

export const RULES: readonly Rule[] = [
  appViewUnavailable,
  expectations,
  noCredentials,
  containerShadowed,
  webIdentityShadowed,
  profileSkipsEnvKeys,
  ecsNoTaskRole,
  internalErrors,
  profileFileUnreadable,
  profileProblems,
  sdkNotModelled,
  podIdentityTooOld,
  partialEnvKeys,
  proxyInterceptsMetadata,
  stsGlobalEndpoint,
  javaSystemPropertiesShadow,
  instanceRoleFallback,
  containerEndpoint,
  containerLongTermKeys,
  exchangeFailures,
  expiry,
  stsFailure,
  clockSkew,
  executionRole,
  instanceRole,
  imdsHopLimit,
  imdsReachable,
  appFileAccess,
  shellDiffers,
  appContainerNotChosen,
  taskRoleConfirmed,
  regionMismatch,
  regionMissing,
  identityUnverified,
];
