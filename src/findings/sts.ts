/** Findings about STS: the tool's own GetCallerIdentity, and the exchanges the chain makes. */
import { cap, spec } from './types.ts';
import { sourceLabel } from './words.ts';

/** What each STS error code usually means. */
const STS_ERROR_CAUSES: Record<string, string> = {
  InvalidClientTokenId: 'the access key id is unknown to AWS: deleted or deactivated user keys, keys of another partition, or a session token that does not belong to the key',
  SignatureDoesNotMatch: 'the secret does not belong to the key id (a wrong or truncated AWS_SECRET_ACCESS_KEY), or the clock is far off ("Signature expired")',
  ExpiredToken: 'the session token has expired: temporary credentials were copied and kept past their expiration',
  AccessDenied: 'an SCP or permissions boundary denies sts:GetCallerIdentity (rare), or the session is revoked',
  InvalidIdentityToken: 'STS cannot validate the web identity token: no IAM OIDC provider for its issuer, or the token is malformed',
  InvalidIdentityTokenException: 'STS cannot validate the web identity token: no IAM OIDC provider for its issuer, or the token is malformed',
  IDPRejectedClaim: 'the identity provider rejected a claim of the token',
  IDPRejectedClaimException: 'the identity provider rejected a claim of the token',
  ExpiredTokenException: 'the web identity token has expired; the projected token file must be refreshed by the platform',
  RegionDisabledException: 'STS is not activated in this region for the account: activate it in IAM account settings or use another region',
  Throttling: 'STS throttles the calls: retry with backoff',
};

/** Where an exchange's error means something else than for GetCallerIdentity. */
const EXCHANGE_ERROR_CAUSES: Record<string, string> = {
  AccessDenied: "the role's trust policy does not allow this principal: for web identity, its sub/aud conditions do not match the token (service account, namespace, audience)",
  AccessDeniedException: "the role's trust policy does not allow this principal: for web identity, its sub/aud conditions do not match the token (service account, namespace, audience)",
};

const TOKEN_SHAPE: Record<string, string> = {
  crlf: 'The token file ends in CR LF, which the SDK sends as part of the token.',
  newline: 'The token file ends in a newline, which the SDK sends as part of the token.',
};

export const STS = {
  STS_REJECTED: spec<{ source: string; code: string; detail: string; endpoint: string }>({
    severity: 'error',
    title: 'STS rejects the winning credentials',
    rank: 10,
    describe: (a) => ({
      message: `STS rejects the ${a.source || 'winning'} credentials: ${a.code}: ${a.detail}`,
      fix: `Cause: ${STS_ERROR_CAUSES[a.code] ?? 'see the STS error code'}.`,
      headline: `STS rejects the credentials the app picks from ${a.source} (${a.code}).`,
    }),
  }),
  STS_UNREACHABLE: spec<{ endpoint: string; region: string; kind: string; status: string; code: string; detail: string }>({
    severity: 'error',
    title: 'STS cannot be reached',
    rank: 30,
    describe: (a) =>
      a.kind === 'unavailable'
        ? {
            message: `sts:GetCallerIdentity at ${a.endpoint} (${a.region}) answered ${a.status ? `${a.status} ` : ''}${a.code}: ${a.detail} (a service-side failure or throttling; it says nothing about the credentials)`,
            fix: 'Retry in a moment; if it persists, check the AWS Health Dashboard for STS in this region.',
            headline: `STS at ${a.endpoint} answers ${a.code}: the identity cannot be confirmed now.`,
          }
        : {
            message: `sts:GetCallerIdentity at ${a.endpoint} (${a.region}) failed: ${a.detail}`,
            fix: 'From private subnets, reach STS through an interface VPC endpoint for sts in this region (regional endpoint), or a NAT gateway; check security groups and proxies.',
            headline: `STS at ${a.endpoint} cannot be reached: the identity cannot be confirmed.`,
          },
  }),
  STS_RESPONSE_INVALID: spec<{ endpoint: string; code: string; detail: string }>({
    severity: 'error',
    title: 'STS answered something that is not an STS response',
    rank: 30,
    describe: (a) => ({
      message: `sts:GetCallerIdentity at ${a.endpoint} answered something that is not an STS response (${a.code}: ${a.detail})`,
      fix: 'Check AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL and any proxy between the task and STS.',
    }),
  }),
  CLOCK_SKEW: spec<{ skew: string; direction: string; serverDate: string; rejected: string }>({
    severity: 'warning',
    title: 'The local clock is off',
    rank: 5,
    describe: (a) => ({
      message: `The local clock is ${a.skew} ${a.direction} STS (Date: ${a.serverDate}); SigV4 rejects requests more than 5 minutes off ("Signature expired").`,
      fix: 'Sync the clock (chrony/NTP on the host; containers share the host clock).',
      ...(a.rejected === 'yes' ? { headline: `The local clock is ${a.skew} ${a.direction} AWS: signed requests are rejected.` } : {}),
    }),
  }),
  WEB_IDENTITY_FAILED: spec<{ action: string; role: string; code: string; detail: string; sdk: string; tokenShape: string }>({
    severity: 'error',
    title: 'The web identity exchange fails',
    rank: 10,
    explainsNoCredentials: true,
    describe: (a) => {
      const shape = TOKEN_SHAPE[a.tokenShape] ?? '';
      const cause = [EXCHANGE_ERROR_CAUSES[a.code] ?? STS_ERROR_CAUSES[a.code], shape].filter(Boolean).join('. ').replace(/\.\.+/g, '.').replace(/\.$/, '');
      return {
        message: `sts:${a.action} for ${a.role} failed: ${a.code}: ${a.detail}. ${cap(a.sdk)} stops the chain on this error.${shape ? ` ${shape}` : ''}`,
        fix: cause ? `Cause: ${cause}. Check the role's trust policy (its sub/aud conditions) and the OIDC provider.` : "Check the role's trust policy and the OIDC provider.",
        headline: `sts:${a.action} for ${a.role} fails (${a.code}): the app gets no credentials.`,
      };
    },
  }),
  IDENTITY_UNVERIFIED: spec<{ source: string; reason: string }>({
    // an error: without STS the run cannot say the app's credentials work (exit 1, as before)
    severity: 'error',
    title: 'The winning credentials could not be checked with STS',
    rank: 80,
    describe: (a) => ({
      message: `The winner (${a.source}) could not be checked with STS: ${a.reason}`,
      fix: "Run the app's own call, or check the source by hand.",
      headline: `The app picks credentials from ${sourceLabel(a.source)}, but the tool could not check them with STS.`,
    }),
  }),
  STS_GLOBAL_ENDPOINT: spec<{ sdk: string; step: string; from: string; cause: string; variable: string; sdkFix: string }>({
    severity: 'warning',
    title: 'This SDK calls the global STS endpoint',
    rank: 35,
    describe: (a) => ({
      message: `${a.sdk} calls the global STS endpoint (sts.amazonaws.com) for ${a.step}: ${a.from}. Private subnets with only a regional STS VPC endpoint cannot reach it.`,
      // sdkFix is the SDK folder's own advice (ChainDefinition.stsGlobalFix): botocore's legacy default
      fix: a.cause === 'no-region' ? `Set ${a.variable}: with a region the call goes to the regional endpoint${a.sdkFix}.` : a.sdkFix || 'Give the SDK a real region, or point AWS_ENDPOINT_URL_STS at the regional endpoint.',
    }),
  }),
};
