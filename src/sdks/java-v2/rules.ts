/**
 * The version table of the AWS SDK for Java 2.x. The exact release of the sources modelled is
 * unknown (SDK-CHAINS.md §0), so the one boundary encoded is EKS Pod Identity support
 * (aws/aws-sdk-java#3062, maintainer comment; the EKS user guide's minimum SDK list).
 */
export const JAVA_RULES = {
  /** the full URI hosts 169.254.170.23 / [fd00:ec2::23] and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE */
  podIdentity: '2.21.30',
} as const;

/** The first release that accepts EKS Pod Identity. */
export const JAVA_POD_IDENTITY_MINIMUM = JAVA_RULES.podIdentity;

/**
 * The environment variables Java reads for the region (after the aws.region system property):
 * AWS_DEFAULT_REGION is not one (SdkSystemSetting.AWS_REGION).
 */
export const JAVA_REGION_VARIABLES = ['AWS_REGION'] as const;
