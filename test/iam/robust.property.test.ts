// Policies come from users' files: no reader, evaluator or trust check may throw on any JSON,
// and whatever they return keeps its shape.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/iam/evaluate.ts';
import { managedPolicy } from '../../src/iam/managed.ts';
import { documentOf, policiesOf, policiesOfAuthorizationDetails, policiesOfCfnRole, policiesOfTerraformRole, terraformResources } from '../../src/iam/read.ts';
import { trustsEcsTasks } from '../../src/iam/trust.ts';

// JSON values with the element names of policies, templates and plans, so the walk goes deep
const keys = fc.constantFrom(
  'Version',
  'Statement',
  'Effect',
  'Allow',
  'Deny',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Service',
  'AWS',
  'Condition',
  'Sid',
  'Ref',
  'Fn::GetAtt',
  'Fn::Join',
  'Fn::Sub',
  'Type',
  'Properties',
  'Roles',
  'RoleName',
  'PolicyDocument',
  'ManagedPolicyArns',
  'Policies',
  'Role',
  'PolicyName',
  'AttachedPolicies',
  'PolicyArn',
  'values',
  'resources',
  'child_modules',
  'address',
  'type',
  'expressions',
  'references',
  'module_calls',
  'module',
  'planned_values',
  'root_module',
  'configuration',
  'RoleDetailList',
  'PolicyVersionList',
  'IsDefaultVersion',
  'Document',
  '__proto__',
  'toString',
);
const leaf = fc.oneof(
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a policy variable, as policies write it
  fc.constantFrom('*', 'sts:AssumeRole', 'ecs-tasks.amazonaws.com', 'Allow', 'Deny', '2012-10-17', 'AWS::IAM::Role', 'AWS::IAM::Policy', 'aws_iam_role', 'R', 'aws_iam_role.r', '${aws:username}', '%7B'),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const { json } = fc.letrec((tie) => ({
  json: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('json'), { maxLength: 4 }), fc.dictionary(keys, tie('json'), { maxKeys: 5 })),
}));

// policy-shaped values: every element present or not, each holding any of the shapes JSON allows
const inner = fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.constantFrom('Service', 'AWS', 'aws:SourceAccount', 'aws:SourceArn'), fc.oneof(leaf, fc.array(leaf, { maxLength: 2 })), { maxKeys: 2 }));
const element = fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.constantFrom('Service', 'AWS', 'StringEquals', 'Null', 'ArnLike'), inner, { maxKeys: 3 }));
const statement = fc.dictionary(fc.constantFrom('Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition'), element, { maxKeys: 6 });
const policyish = fc.record({ Version: fc.constantFrom('2012-10-17', '2008-10-17'), Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 })) });

describe('src/iam never throws on odd input', () => {
  it('documentOf, evaluate and trustsEcsTasks', () => {
    fc.assert(
      fc.property(fc.oneof(json, policyish), fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (value, action, resource) => {
        const read = documentOf(value);
        if ('problem' in read) return;
        const e = evaluate([read.document], action, resource);
        expect(['allowed', 'denied', 'implicitly-denied']).toContain(e.decision);
        const t = trustsEcsTasks(read.document);
        expect(typeof t.trusts).toBe('boolean');
      }),
      { numRuns: 1500 },
    );
  });

  it('the readers of CLI outputs, templates and Terraform JSON', () => {
    fc.assert(
      fc.property(json, json, json, fc.constantFrom('R', 'aws_iam_role.r', '__proto__', 'toString'), (a, b, c, id) => {
        const all = [
          policiesOf(a, [b], [c]),
          policiesOfAuthorizationDetails(a, id),
          policiesOfCfnRole(id, typeof a === 'object' && a !== null && !Array.isArray(a) ? (a as Record<string, unknown>) : {}),
          policiesOfTerraformRole(id, terraformResources(a)),
        ];
        for (const r of all) {
          expect(Array.isArray(r.policies) && Array.isArray(r.problems) && Array.isArray(r.unknownManaged)).toBe(true);
          for (const p of r.policies) expect(evaluate([p.document], 'x:y', '*').decision).toBeDefined();
        }
        expect(managedPolicy(String(id))).toBeUndefined();
      }),
      { numRuns: 1500 },
    );
  });
});
