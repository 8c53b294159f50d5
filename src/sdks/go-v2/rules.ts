/**
 * The version table of the AWS SDK for Go v2: every boundary the model knows, by config module
 * release (SDK-CHAINS.md §3.1–§3.4; aws/aws-sdk-go-v2 config/CHANGELOG.md).
 */
export const GO_RULES = {
  /** the IMDS endpoint mode variable is validated (an unknown mode fails the load) */
  imdsEndpointModeChecked: '1.5.0',
  /** AWS_USE_DUALSTACK_ENDPOINT / AWS_USE_FIPS_ENDPOINT are read (an invalid value fails the load) */
  fipsDualStackChecked: '1.10.0',
  /**
   * A non-empty AWS_PROFILE must name an existing profile (2023-10-12, CHANGELOG "Fail to load config
   * if an explicitly provided profile doesn't exist", PR #2309: config/config.go resolveConfigLoaders
   * picks loadSharedConfig). Before it, config/config.go defaultLoaders always used
   * loadSharedConfigIgnoreNotExist, so a missing AWS_PROFILE was ignored [verified: Debian config 1.17.10].
   */
  profileMustExist: '1.18.45',
  /** configured endpoints: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, endpoint_url (aws/aws-sdk-go-v2#2328) */
  configuredEndpoints: '1.21.0',
  /** AWS_EC2_METADATA_V1_DISABLED is read (an invalid value fails the load) */
  imdsV1Disable: '1.22.0',
  /**
   * the full-URI allow-list (loopback or the ECS/EKS addresses, http only) and
   * AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, hence EKS Pod Identity; before it, loopback hosts only
   */
  allowList: '1.25.0',
  /** AWS_CONTAINER_CREDENTIALS_RELATIVE_URI before the full URI (full first until then; PR #2790) */
  relativeFirst: '1.27.34',
  /** the modern INI parser (internal/ini 1.7.0, "Replace the legacy config parser"): src/sdks/go-v2/ini.ts */
  iniModern: '1.24.0',
  /** a property's inline comment needs a space or tab before "#"/";"; unknown lines are ignored (internal/ini 1.7.1) */
  iniCommentNeedsSpace: '1.25.2',
  /** values are literal save for a fully quoted one (internal/ini 1.7.3: no `\"`, `\'`, `\n` expansion) */
  iniNoEscapes: '1.26.6',
  /** login_session profiles */
  loginSession: '1.32.0',
} as const;

/** The first config release that accepts EKS Pod Identity. */
export const GO_POD_IDENTITY_MINIMUM = GO_RULES.allowList;
