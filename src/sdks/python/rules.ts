/**
 * Which botocore behaviours a modelled version selects. botocore/boto3 ("python") is versioned
 * by botocore; the AWS CLI v2 ("aws-cli") carries its own botocore copy under awscli/botocore/
 * and is versioned by the CLI (SDK-CHAINS.md §2, §2.6).
 */
import type { ChainDefinition } from '../../model/chain.ts';
import { atLeast, compareVersions } from '../../versions.ts';

export interface BotoRules {
  family: 'python' | 'aws-cli';
  /** "botocore 1.29.27", "AWS CLI 2.9.19", "botocore (current)" */
  label: string;
  /**
   * ContainerProvider with AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (re-read per fetch, CR/LF is a
   * ValueError) and the loopback / EKS Pod Identity host allow-list: botocore ≥ 1.32.0, CLI ≥ 2.15.0.
   * Before: only 169.254.170.2, localhost, 127.0.0.1 and the env token alone.
   */
  containerV2: boolean;
  /**
   * `https://` full URIs to any host (boto/botocore#3584, ported to the CLI by aws/aws-cli#9988 in
   * January 2026). The exact first release is not pinned here: true for the current release,
   * false where the version is certainly older, 'unknown' in between.
   */
  httpsAnyHost: boolean | 'unknown';
  /** AWS_EC2_METADATA_V1_DISABLED / ec2_metadata_v1_disabled: botocore ≥ 1.32.4, CLI ≥ 2.15.1 */
  imdsV1Disable: boolean;
  /** the `login` provider (login_session): botocore ≥ 1.41.0, CLI ≥ 2.32.0 */
  login: boolean;
  /** sts_regional_endpoints defaults to legacy (global endpoint for legacy regions): botocore < 1.40.0; the CLI v2 is always regional */
  stsLegacyDefault: boolean;
  /** AWS_ENDPOINT_URL(_STS) honoured: botocore ≥ 1.31.0, CLI ≥ 2.13.0 */
  endpointUrls: boolean;
  /**
   * The IMDS fetcher appends "latest/api/token" to a custom endpoint without inserting "/":
   * the CLI's botocore copy until aws/aws-cli#8967 ported boto/botocore#2600 (still so in
   * 2.23.13, aws/aws-cli#9281; merged in 2025, release not pinned). botocore itself has
   * _construct_url since 2022 (1.29.27 has it).
   */
  imdsJoinsWithoutSlash: boolean | 'unknown';
}

/**
 * The version table: the releases that carry each behaviour, botocore's column and the CLI's
 * (SDK-CHAINS.md §2.3, §2.4, §2.5, §2.6, §6). `imdsSlashKnownFrom`: from this release on the IMDS
 * URL join is known to insert "/"; `imdsNoSlashUpTo`: up to this release it is known not to.
 */
export const BOTO_RULES = {
  python: { containerV2: '1.32.0', imdsV1Disable: '1.32.4', login: '1.41.0', stsRegional: '1.40.0', endpointUrls: '1.31.0', httpsCertainlyAbsentBelow: '1.42.0', imdsSlashKnownFrom: '1.24.0', imdsNoSlashUpTo: null },
  'aws-cli': { containerV2: '2.15.0', imdsV1Disable: '2.15.1', login: '2.32.0', stsRegional: null, endpointUrls: '2.13.0', httpsCertainlyAbsentBelow: '2.33.0', imdsSlashKnownFrom: null, imdsNoSlashUpTo: '2.23.13' },
} as const;
const PY = BOTO_RULES.python;

/** The first release that accepts EKS Pod Identity: the container provider's v2 (host allow-list and token file). */
export function botoPodIdentityMinimum(family: 'python' | 'aws-cli'): string {
  return BOTO_RULES[family].containerV2;
}

export function botoRulesFor(family: 'python' | 'aws-cli', version: string | null): BotoRules {
  const m = BOTO_RULES[family];
  const https: boolean | 'unknown' = version === null ? true : compareVersions(version, m.httpsCertainlyAbsentBelow) < 0 ? false : 'unknown';
  return {
    family,
    label: family === 'python' ? (version ? `botocore ${version}` : 'botocore (current release)') : version ? `AWS CLI ${version}` : 'AWS CLI v2 (current release)',
    containerV2: atLeast(version, m.containerV2),
    httpsAnyHost: https,
    imdsV1Disable: atLeast(version, m.imdsV1Disable),
    login: atLeast(version, m.login),
    stsLegacyDefault: family === 'python' && !atLeast(version, PY.stsRegional),
    endpointUrls: atLeast(version, m.endpointUrls),
    imdsJoinsWithoutSlash: family === 'python' ? (atLeast(version, PY.imdsSlashKnownFrom) ? false : 'unknown') : version === null ? false : compareVersions(version, BOTO_RULES['aws-cli'].imdsNoSlashUpTo) <= 0 ? true : 'unknown',
  };
}

export function botoRulesOf(chain: ChainDefinition): BotoRules {
  return botoRulesFor(chain.family === 'aws-cli' ? 'aws-cli' : 'python', chain.version);
}

/** "in the environment", as botocore tests it (`name in os.environ`): "" counts as set. */
export function present(env: Record<string, string>, name: string): boolean {
  return Object.hasOwn(env, name);
}

/** Python `int(text)` accepts surrounding whitespace, a sign, digits and single underscores. */
export function pythonInt(text: string): boolean {
  return /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(text);
}

/** botocore.utils.ensure_boolean on a string: only "true", case-insensitive. */
export function ensureBoolean(text: string | undefined): boolean {
  return text !== undefined && text.toLowerCase() === 'true';
}
