/** Readers of one role's policies, by input form: AWS CLI outputs, CloudFormation templates, Terraform JSON. */
export { documentOf } from './policy.ts';
export { policiesOf, policiesOfAuthorizationDetails, policyVersionDocument } from './read-cli.ts';
export { type CfnContext, cfnText, hasCfnToken, policiesOfCfnRole } from './read-cloudformation.ts';
export { policiesOfTerraformRole, type TerraformResource, terraformResources } from './read-terraform.ts';
export type { RolePolicies } from './role-policies.ts';
