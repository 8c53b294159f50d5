/**
 * The parts of @aws-sdk/client-sts the tool uses, and nothing else: sts.ts loads this module
 * on first use. A dynamic import keeps every export of its target, so importing the package
 * index there would bundle the other STS operations and the default role assumers too.
 * build.mjs resolves this one re-export to the files that define these names (keep it a
 * single `export { ... } from '@aws-sdk/client-sts'`); tests and typecheck use the package.
 */
export { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
