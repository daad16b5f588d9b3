import 'server-only';
import { awsErrors, registerOperations } from '@/server/openapi/registry';
import { abacMatrixQuerySchema, abacSimulateSchema } from '@/lib/schemas/abac';

// The ABAC operations (app/api/v1/abac/...).
const simulateExample = {
  policies: [
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllActionsLambdaSameProject',
          Effect: 'Allow',
          Action: ['lambda:GetFunction', 'lambda:InvokeFunction'],
          Resource: 'arn:aws:lambda:*:*:function:*',
          Condition: { StringEquals: { 'aws:ResourceTag/project-name': '${aws:PrincipalTag/project-name}' } },
        },
      ],
    },
  ],
  action: 'lambda:InvokeFunction',
  principalArn: 'arn:aws:iam::111122223333:role/falcon-developer-role',
  resourceArn: 'arn:aws:lambda:us-east-1:111122223333:function:falcon-api',
  principalTags: { 'project-name': 'falcon' },
  resourceTags: { 'project-name': 'falcon' },
};

const simulateResponse = {
  decision: 'allowed',
  decidingStatements: [{ policyIndex: 0, sid: 'AllActionsLambdaSameProject', effect: 'Allow' }],
  conditions: [
    {
      operator: 'StringEquals',
      key: 'aws:ResourceTag/project-name',
      values: ['${aws:PrincipalTag/project-name}'],
      resolved: { values: ['falcon'], keyValues: ['falcon'] },
      result: true,
    },
  ],
};

const SIMULATE_DESCRIPTION = [
  'Evaluates identity policies, an optional permissions boundary and an optional resource policy for one Lambda call, as IAM would ' +
    '(explicit deny first; an allow needs the boundary too; in the same account a resource policy naming the principal allows on its own). ' +
    'Nothing is sent to AWS. The request context is built from the tags: `aws:PrincipalTag/*`, `aws:ResourceTag/*` (not for ' +
    '`lambda:CreateFunction`), `aws:RequestTag/*` and `aws:TagKeys` for `lambda:CreateFunction` and `lambda:TagResource` (`aws:TagKeys` ' +
    'alone for `lambda:UntagResource`; no tags means no `aws:TagKeys`), plus `aws:PrincipalArn`, `aws:PrincipalAccount`, ' +
    '`aws:ResourceAccount` and `aws:username` for IAM users.',
  '',
  '`decidingStatements` lists the Deny statements that applied (explicitDeny), the Allow statements that granted (allowed), or nothing ' +
    '(implicitDeny). `policyIndex` is the position in `policies`; the permissions boundary is `policies.length` and the resource policy ' +
    '`policies.length + 1`. `conditions` are the deciding statements’ conditions, or for an implicit deny those of every statement whose ' +
    'action and resource matched: the policy `values`, what they `resolved` to (null where a policy variable had no value) with the ' +
    'request’s `keyValues` (null when the key is absent), and the `result`.',
].join('\n');

registerOperations(
  {
    operationId: 'getAbacMatrix',
    method: 'GET',
    path: '/api/v1/abac/matrix',
    summary:
      'Who may do one Lambda action on which function: every IAM role and user of a target against every function of a region, read live from IAM and Lambda',
    description:
      '`cells[p][f]` is the decision (`allowed`, `explicitDeny`, `implicitDeny`) of `principals[p]` on `functions[f]`, from their tags, ' +
      'inline and attached policies, permissions boundaries and the functions’ resource policies, with `readAt` (when the inventory was read) ' +
      'and `counts`. Policies the evaluator cannot read are left out and listed in `problems`. Ask `simulateAbacDecision` for a cell’s explanation.',
    tag: 'abac',
    query: abacMatrixQuerySchema,
    queryExample: { target: 'sandbox', region: 'us-east-1', action: 'lambda:InvokeFunction' },
    errors: { 404: 'No target of that id or name that the caller’s teams may use', ...awsErrors },
  },
  {
    operationId: 'simulateAbacDecision',
    method: 'POST',
    path: '/api/v1/abac/simulate',
    summary:
      'Decide one Lambda call against given policies and tags (allowed, explicitDeny or implicitDeny) with the statements and conditions that decided it',
    description: SIMULATE_DESCRIPTION,
    tag: 'abac',
    body: abacSimulateSchema,
    bodyExample: simulateExample,
    responseExample: simulateResponse,
    errors: { 422: 'The body or a policy in it is not valid; `fields` names the element (e.g. `policies.0.Statement.1.Condition.StringEqulas`) and the rule' },
  },
);
