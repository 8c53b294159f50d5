/**
 * Where gather puts credentials that only some SDKs read, so that the tool's STS call proves the
 * pair the modelled SDK would send. Gather writes them, the SDK folders name them: the one place
 * both may read.
 */
export const VAULT_REFS = {
  /** botocore: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY with AWS_SECURITY_TOKEN (boto/botocore botocore/credentials.py EnvProvider) */
  botocoreEnv: 'botocore:env',
  /** Go: AWS_ACCESS_KEY / AWS_SECRET_KEY (aws/aws-sdk-go-v2 config/env_config.go) */
  goEnvLegacy: 'go:env-legacy',
} as const;
