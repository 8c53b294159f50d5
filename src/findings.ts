/**
 * The finding registry: every code, its default severity and its title, in one place.
 * A code is never renamed or reused; each has docs/findings/<CODE>.md.
 */
import type { Evidence } from './model/facts.ts';
import type { Finding, Severity } from './model/report.ts';

export const FINDINGS = {
  NO_CREDENTIALS: { severity: 'error', title: 'No source gives credentials' },
  CONTAINER_CREDENTIALS_SHADOWED: { severity: 'warning', title: 'An earlier source shadows the task role' },
  WEB_IDENTITY_SHADOWED: { severity: 'warning', title: 'An earlier source shadows the web identity (IRSA) role' },
  ENV_FROZEN_TASK_CREDENTIALS: { severity: 'warning', title: 'Task-role credentials were copied into the environment' },
  PROFILE_SKIPS_ENV_KEYS: { severity: 'warning', title: 'AWS_PROFILE makes the JS SDK ignore the env keys' },
  PROFILE_NOT_FOUND: { severity: 'warning', title: 'The profile named by AWS_PROFILE (or AWS_DEFAULT_PROFILE) is in neither file' },
  PROFILE_INVALID: { severity: 'warning', title: 'The profile has credential settings the SDK cannot use' },
  PROFILE_FILE_UNREADABLE: { severity: 'warning', title: 'A shared config or credentials file cannot be read' },
  ECS_NO_TASK_ROLE: { severity: 'warning', title: 'Running on ECS without a task role' },
  CONTAINER_ENDPOINT_UNREACHABLE: { severity: 'error', title: 'The container credentials endpoint cannot be reached' },
  CONTAINER_ENDPOINT_ERROR: { severity: 'error', title: 'The container credentials endpoint answers with an error' },
  CONTAINER_RESPONSE_INVALID: { severity: 'error', title: 'The container credentials answer is not usable' },
  CONTAINER_URI_HOST_NOT_ALLOWED: { severity: 'error', title: 'The SDK refuses the full URI host' },
  CONTAINER_URI_INVALID: { severity: 'error', title: 'The container credentials URI is not a valid URL' },
  CONTAINER_TOKEN_INVALID: { severity: 'error', title: 'The container authorization token cannot be sent' },
  WEB_IDENTITY_FAILED: { severity: 'error', title: 'The web identity exchange fails' },
  CREDENTIALS_EXPIRED: { severity: 'error', title: 'The winning credentials have expired' },
  CREDENTIALS_EXPIRING_SOON: { severity: 'warning', title: 'The winning credentials expire soon' },
  STS_REJECTED: { severity: 'error', title: 'STS rejects the winning credentials' },
  STS_UNREACHABLE: { severity: 'error', title: 'STS cannot be reached' },
  STS_RESPONSE_INVALID: { severity: 'error', title: 'STS answered something that is not an STS response' },
  CLOCK_SKEW: { severity: 'warning', title: 'The local clock is off' },
  EXECUTION_ROLE_IN_USE: { severity: 'warning', title: 'The role looks like a task execution role' },
  INSTANCE_ROLE_IN_USE: { severity: 'warning', title: 'The app runs as the EC2 instance role' },
  IMDS_HOP_LIMIT: { severity: 'warning', title: 'The IMDSv2 token answer does not come back (hop limit)' },
  IMDS_REACHABLE_FROM_TASK: { severity: 'warning', title: 'IMDS hands out the instance role inside the task' },
  TOKEN_FILE_UNREADABLE_BY_APP: { severity: 'error', title: "A file the app needs is not readable by the app's user" },
  EXEC_SHELL_DIFFERS_FROM_APP: { severity: 'warning', title: 'This shell would get other credentials than the app' },
  TASK_ROLE_CONFIRMED: { severity: 'info', title: "STS confirms the task's own role session" },
  REGION_MISMATCH: { severity: 'warning', title: "The SDK's region is not the task's region" },
  EXPECTATION_MISMATCH: { severity: 'error', title: 'The identity is not the expected one' },
  REGION_MISSING: { severity: 'warning', title: 'No region is configured' },
  IDENTITY_UNVERIFIED: { severity: 'warning', title: 'The winning credentials could not be checked with STS' },
  SDK_TOO_OLD_FOR_POD_IDENTITY: { severity: 'error', title: 'This SDK version predates EKS Pod Identity' },
  PARTIAL_ENV_KEYS: { severity: 'warning', title: 'Only half of the env key pair is set' },
  PROXY_INTERCEPTS_METADATA: { severity: 'warning', title: 'A proxy would catch credential requests to link-local addresses' },
  STS_GLOBAL_ENDPOINT: { severity: 'warning', title: 'This SDK calls the global STS endpoint' },
  JAVA_SYSTEM_PROPERTIES_SHADOW: { severity: 'warning', title: 'Java system properties shadow later sources' },
  INSTANCE_ROLE_FALLBACK: { severity: 'warning', title: 'A failing source falls through to the EC2 instance role' },
  SDKS_DISAGREE: { severity: 'warning', title: 'The SDKs pick different credentials here' },
  SDK_NOT_MODELLED: { severity: 'warning', title: "The app's SDK major version has no chain of its own here" },
  INTERNAL_ERROR: { severity: 'error', title: 'ecs-cred-doctor failed internally' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type FindingCode = keyof typeof FINDINGS;

export const FINDING_CODES = Object.keys(FINDINGS) as FindingCode[];

/** Builds a finding; the severity comes from the registry unless a rule says otherwise. */
export function finding(code: FindingCode, message: string, fix: string, evidence: Evidence[] = [], severity?: Severity): Finding {
  return { code, severity: severity ?? FINDINGS[code].severity, message, fix, evidence };
}

/** Advice for each ECS agent error code (aws/amazon-ecs-agent ecs-agent/tmds/handlers/v1/credentials_handler.go). */
export const AGENT_ERROR_ADVICE: Record<string, string> = {
  NoIdInRequest: 'the credentials id in AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is empty: the variable was truncated or overwritten; do not set it yourself',
  InvalidIdInRequest: 'the agent does not know this credentials id: the task stopped, the variable is stale, or it was copied from another task; restart the task and never copy the URI between tasks',
  CredentialsUninitialized: 'the agent has not received this task\'s credentials yet (agent restart or very early start); retry in a few seconds, and in an entrypoint preflight use --wait 30s',
  InternalServerError: 'the ECS agent failed; retry, then check the agent logs on the instance (/var/log/ecs/ecs-agent.log) or open a support case',
};

/** Advice for an HTTP status without an agent code. */
export function adviceForStatus(status: number): string {
  if (status >= 300 && status < 400) return 'the endpoint redirects, and the SDK never follows redirects: point the URI at the credentials handler itself';
  if (status === 429) return 'the agent throttles credential requests (about 40 per second, bursts of 60): cache credentials in the app instead of polling, or raise ECS_TASK_METADATA_RPS_LIMIT on the instance';
  if (status === 404) return 'the path is wrong: check AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (it must start with /v2/credentials/)';
  if (status === 401 || status === 403) return 'the endpoint wants an Authorization header: check AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE / AWS_CONTAINER_AUTHORIZATION_TOKEN';
  if (status >= 500) return 'the endpoint failed; retry, then check the agent that serves it';
  return 'check the URI and the agent that serves it';
}

/** What an error of sts:AssumeRole / AssumeRoleWithWebIdentity usually means, where it differs. */
export const EXCHANGE_ERROR_CAUSES: Record<string, string> = {
  AccessDenied: 'the role\'s trust policy does not allow this principal: for web identity, its sub/aud conditions do not match the token (service account, namespace, audience)',
  AccessDeniedException: 'the role\'s trust policy does not allow this principal: for web identity, its sub/aud conditions do not match the token (service account, namespace, audience)',
};

/** What each STS error code usually means. */
export const STS_ERROR_CAUSES: Record<string, string> = {
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
