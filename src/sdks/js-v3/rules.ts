/**
 * The version table of the AWS SDK for JavaScript v3: every boundary the model knows, by
 * @aws-sdk/credential-provider-node release (SDK-CHAINS.md §1.6).
 */
export const JS_RULES = {
  /**
   * the container step becomes fromHttp → fromContainerMetadata: the full-URI allow-list (ECS and
   * EKS hosts, loopback, https anywhere), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, hence EKS Pod
   * Identity; before it, fromContainerMetadata alone (full URI on localhost/127.0.0.1 only)
   */
  fromHttp: '3.503.1',
  /**
   * a leading "~/" in AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE is the home directory
   * (@smithy/shared-ini-file-loader 3.1.4, which the ^3 range of 3.600.0 installs; 3.458.0 has ^2);
   * the first JS release on ^3 is not pinned here, so releases before 3.600.0 are modelled without it
   */
  iniTildeHome: '3.600.0',
  /**
   * a source_profile with credential_source and no role_arn is used as the source (aws/aws-sdk-js-v3#6132);
   * before, resolveProfileData finds no shape in it ("could not be found or parsed", soft). The
   * 3.600.0 release (credential-provider-ini 3.598.0) first gives it the root profile's role_arn
   * (one AssumeRole more, not modelled); 3.734.0 uses it as it is
   */
  credentialSourceAsSource: '3.600.0',
  /**
   * fromHttp reaches a bracketed IPv6 host ([::1], [fd00:ec2::23]): the first credential-provider-http
   * on @smithy/node-http-handler ^3, whose 3.x releases now installed strip the brackets (3.575.0 has
   * ^3.0.0; the first such release is not bisected). The ^2 range ends at 2.5.0, which hands
   * "[::1]" to DNS (ENOTFOUND), so 3.503.1 fails over to fromContainerMetadata, which refuses ::1
   */
  fromHttpIpv6: '3.575.0',
  /** AWS_EC2_METADATA_DISABLED=false no longer disables IMDS (before it, any value did) */
  imdsDisabledOnlyWhenTrue: '3.738.0',
  /**
   * the relative URI wins over the full one, and the token file over AWS_CONTAINER_AUTHORIZATION_TOKEN
   * (@aws-sdk/credential-provider-http 3.972.57, shipped in the 3.972 line)
   */
  relativeFirst: '3.972.0',
} as const;

/** The first release that accepts EKS Pod Identity. */
export const JS_POD_IDENTITY_MINIMUM = JS_RULES.fromHttp;

/** The environment variables the JS SDK reads for the region (AWS_DEFAULT_REGION is not one). */
export const JS_REGION_VARIABLES = ['AWS_REGION'] as const;
