import { describe, expect, it } from 'vitest';
import { decide, doc, fn, role, user } from '@/server/abac/test-support/decide';
import type { PolicyDocument } from '@/server/abac/types';
import { createTaggedPolicy, listFunctionsPolicy, managerPolicy as managerReadPolicy, sameProjectPolicy } from '@/server/abac/test-support/post-policies';

// The post "Scaling AWS Lambda permissions with Attribute-Based Access Control (ABAC)" (AWS Compute
// Blog), with its policies as blueprints/lambda-abac deploys them (test-support/post-policies.json), and the decision rules of
// "Policy evaluation logic" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).

const listPolicy = listFunctionsPolicy.document;
const sameProject = sameProjectPolicy.document;
const createTagged = createTaggedPolicy.document;
const managerPolicy = managerReadPolicy.document;
// Every action the developers' same-project statement names.
const DEVELOPER_ACTIONS = [sameProject.Statement].flat().flatMap((s) => [s.Action ?? []].flat());

const developer = (project: string) => ({
  principalArn: role(`${project}-developer-role`),
  principalTags: { 'project-name': project },
  policies: [listPolicy, sameProject, createTagged],
});
const manager = { principalArn: role('manager-role'), principalTags: { organization: 'birds', 'cost-center': 'it' }, policies: [managerPolicy] };

describe('the post: falcon and eagle developers', () => {
  it.each(DEVELOPER_ACTIONS)("falcon's developer may %s falcon functions only", (action) => {
    expect(decide({ ...developer('falcon'), action, resourceArn: fn('falcon-api'), resourceTags: { 'project-name': 'falcon' } }).decision).toBe('allowed');
    expect(decide({ ...developer('falcon'), action, resourceArn: fn('eagle-api'), resourceTags: { 'project-name': 'eagle' } }).decision).toBe('implicitDeny');
    expect(decide({ ...developer('falcon'), action, resourceArn: fn('untagged') }).decision).toBe('implicitDeny');
  });

  it('explains the allow with the deciding statement and the resolved tag comparison', () => {
    const result = decide({ ...developer('falcon'), action: 'lambda:InvokeFunction', resourceTags: { 'project-name': 'falcon' } });
    expect(result).toEqual({
      decision: 'allowed',
      decidingStatements: [{ policyIndex: 1, sid: 'AllActionsLambdaSameProject', effect: 'Allow' }],
      conditions: [
        {
          operator: 'StringEquals',
          key: 'aws:ResourceTag/project-name',
          values: ['${aws:PrincipalTag/project-name}'],
          resolved: { values: ['falcon'], keyValues: ['falcon'] },
          result: true,
        },
      ],
    });
  });

  it('explains an implicit deny with the condition that failed', () => {
    const result = decide({ ...developer('falcon'), resourceArn: fn('eagle-api'), resourceTags: { 'project-name': 'eagle' } });
    expect(result.decidingStatements).toEqual([]);
    expect(result.conditions).toEqual([expect.objectContaining({ resolved: { values: ['falcon'], keyValues: ['eagle'] }, result: false })]);
  });

  it('both may list functions (no tags involved)', () => {
    expect(decide({ ...developer('eagle'), action: 'lambda:ListFunctions', resourceArn: '*' }).decision).toBe('allowed');
  });

  it('CreateFunction needs project-name equal to the principal’s and no other tag key', () => {
    const create = (requestTags: Record<string, string>) =>
      decide({ ...developer('falcon'), action: 'lambda:CreateFunction', resourceArn: fn('falcon-new'), requestTags }).decision;
    expect(create({ 'project-name': 'falcon' })).toBe('allowed');
    expect(create({ 'project-name': 'eagle' })).toBe('implicitDeny');
    expect(create({ 'project-name': 'falcon', 'cost-center': 'it' })).toBe('implicitDeny');
    expect(create({})).toBe('implicitDeny');
    expect(decide({ ...developer('eagle'), action: 'lambda:CreateFunction', resourceArn: fn('x'), requestTags: { 'project-name': 'eagle' } }).decision).toBe(
      'allowed',
    );
  });

  it('a function’s own tags play no part in CreateFunction (it does not exist yet)', () => {
    expect(
      decide({ ...developer('falcon'), action: 'lambda:CreateFunction', resourceTags: { 'project-name': 'falcon' }, requestTags: { 'project-name': 'eagle' } })
        .decision,
    ).toBe('implicitDeny');
  });
});

describe('the post: the manager', () => {
  it('reaches functions whose organization and cost-center both match', () => {
    expect(decide({ ...manager, resourceTags: { organization: 'birds', 'cost-center': 'it', 'project-name': 'falcon' } }).decision).toBe('allowed');
  });

  it('loses access when the organization differs, even with the cost-center matching', () => {
    expect(decide({ ...manager, resourceTags: { organization: 'fish', 'cost-center': 'it' } }).decision).toBe('implicitDeny');
    expect(decide({ ...manager, resourceTags: { 'cost-center': 'it' } }).decision).toBe('implicitDeny');
  });

  it('may read but not invoke or delete', () => {
    const tags = { organization: 'birds', 'cost-center': 'it' };
    expect(decide({ ...manager, action: 'lambda:InvokeFunction', resourceTags: tags }).decision).toBe('implicitDeny');
    expect(decide({ ...manager, action: 'lambda:DeleteFunction', resourceTags: tags }).decision).toBe('implicitDeny');
  });
});

const allowAll = doc({ Sid: 'All', Effect: 'Allow', Action: 'lambda:*', Resource: '*' });

describe('statement matching', () => {
  it('matches actions ignoring case, with * and ?', () => {
    for (const action of ['LAMBDA:getfunction', 'lambda:Get*', 'lambda:GetFunctio?', '*']) {
      expect(decide({ policies: [doc({ Effect: 'Allow', Action: action, Resource: '*' })] }).decision, action).toBe('allowed');
    }
    expect(decide({ policies: [doc({ Effect: 'Allow', Action: 'lambda:GetFunctio', Resource: '*' })] }).decision).toBe('implicitDeny');
  });

  it('NotAction and NotResource apply to everything they do not name', () => {
    const notGet = [doc({ Effect: 'Allow', NotAction: 'lambda:Get*', Resource: '*' })];
    expect(decide({ policies: notGet, action: 'lambda:InvokeFunction' }).decision).toBe('allowed');
    expect(decide({ policies: notGet, action: 'lambda:GetFunction' }).decision).toBe('implicitDeny');
    const notFalcon = [doc({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:lambda:*:*:function:falcon-*' })];
    expect(decide({ policies: notFalcon, resourceArn: fn('eagle-api') }).decision).toBe('allowed');
    expect(decide({ policies: notFalcon, resourceArn: fn('falcon-api') }).decision).toBe('implicitDeny');
  });

  it('matches resources case-sensitively, wildcards spanning the resource part only', () => {
    const policies = [doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:lambda:us-east-1:111122223333:function:falcon-*' })];
    expect(decide({ policies, resourceArn: fn('falcon-api') }).decision).toBe('allowed');
    expect(decide({ policies, resourceArn: fn('Falcon-api') }).decision).toBe('implicitDeny');
    expect(decide({ policies, resourceArn: fn('falcon-api:prod') }).decision).toBe('allowed');
    const region = [doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:lambda:us-*:111122223333:function:x' })];
    expect(decide({ policies: region, resourceArn: 'arn:aws:lambda:eu-west-1:111122223333:function:x' }).decision).toBe('implicitDeny');
  });
});

describe('the decision', () => {
  const denyFalcon = doc({
    Sid: 'NoFalcon',
    Effect: 'Deny',
    Action: '*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:ResourceTag/project-name': 'falcon' } },
  });

  it('an explicit deny wins over any allow and is what the explanation names', () => {
    const result = decide({ policies: [allowAll, denyFalcon], resourceTags: { 'project-name': 'falcon' } });
    expect(result.decision).toBe('explicitDeny');
    expect(result.decidingStatements).toEqual([{ policyIndex: 1, sid: 'NoFalcon', effect: 'Deny' }]);
  });

  it('no statement applying is an implicit deny', () => {
    expect(decide({ policies: [] }).decision).toBe('implicitDeny');
  });

  describe('permissions boundaries', () => {
    const boundary: PolicyDocument = doc({ Sid: 'OnlyRead', Effect: 'Allow', Action: 'lambda:Get*', Resource: '*' });

    it('an allow needs both the identity policies and the boundary', () => {
      expect(decide({ policies: [allowAll], permissionsBoundary: boundary, action: 'lambda:GetFunction' })).toMatchObject({
        decision: 'allowed',
        decidingStatements: [
          { policyIndex: 0, sid: 'All', effect: 'Allow' },
          { policyIndex: 1, sid: 'OnlyRead', effect: 'Allow' },
        ],
      });
      expect(decide({ policies: [allowAll], permissionsBoundary: boundary, action: 'lambda:InvokeFunction' }).decision).toBe('implicitDeny');
      expect(decide({ policies: [], permissionsBoundary: boundary, action: 'lambda:GetFunction' }).decision).toBe('implicitDeny');
    });

    it('a deny in the boundary is an explicit deny', () => {
      const denying = doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'B', Effect: 'Deny', Action: 'lambda:Delete*', Resource: '*' });
      expect(decide({ policies: [allowAll], permissionsBoundary: denying, action: 'lambda:DeleteFunction' }).decision).toBe('explicitDeny');
    });
  });

  describe('resource policies granting invoke', () => {
    const invokeBy = (principal: '*' | Record<string, string>) =>
      doc({ Sid: 'Invoke', Effect: 'Allow', Principal: principal, Action: 'lambda:InvokeFunction', Resource: fn('falcon-api') });

    it('same account: the resource policy alone allows when it names the principal', () => {
      const result = decide({ policies: [], action: 'lambda:InvokeFunction', resourcePolicy: invokeBy({ AWS: role('dev') }) });
      expect(result).toMatchObject({ decision: 'allowed', decidingStatements: [{ policyIndex: 1, sid: 'Invoke', effect: 'Allow' }] });
      expect(decide({ policies: [], action: 'lambda:InvokeFunction', resourcePolicy: invokeBy('*') }).decision).toBe('allowed');
    });

    it('naming the account only delegates to the identity policies', () => {
      const byAccount = invokeBy({ AWS: 'arn:aws:iam::111122223333:root' });
      expect(decide({ policies: [], action: 'lambda:InvokeFunction', resourcePolicy: byAccount }).decision).toBe('implicitDeny');
      expect(decide({ policies: [allowAll], action: 'lambda:InvokeFunction', resourcePolicy: byAccount }).decision).toBe('allowed');
    });

    it('another principal or action is no grant; a deny in it is explicit', () => {
      expect(decide({ policies: [], action: 'lambda:InvokeFunction', resourcePolicy: invokeBy({ AWS: role('other') }) }).decision).toBe('implicitDeny');
      expect(decide({ policies: [], action: 'lambda:GetFunction', resourcePolicy: invokeBy('*') }).decision).toBe('implicitDeny');
      const deny = doc({ Effect: 'Deny', Principal: '*', Action: 'lambda:*', Resource: '*' });
      expect(decide({ policies: [allowAll], action: 'lambda:InvokeFunction', resourcePolicy: deny }).decision).toBe('explicitDeny');
    });

    it("a boundary's implicit deny does not limit a grant to an IAM user's ARN, but does for a role's", () => {
      const boundary = doc({ Effect: 'Allow', Action: 'lambda:Get*', Resource: '*' });
      const alice = user('alice');
      expect(
        decide({ policies: [], principalArn: alice, permissionsBoundary: boundary, action: 'lambda:InvokeFunction', resourcePolicy: invokeBy({ AWS: alice }) })
          .decision,
      ).toBe('allowed');
      expect(
        decide({ policies: [], permissionsBoundary: boundary, action: 'lambda:InvokeFunction', resourcePolicy: invokeBy({ AWS: role('dev') }) }).decision,
      ).toBe('implicitDeny');
      expect(decide({ policies: [], permissionsBoundary: boundary, action: 'lambda:InvokeFunction', resourcePolicy: invokeBy('*') }).decision).toBe('allowed');
    });

    it('cross-account: the identity policies and the resource policy must both allow', () => {
      const other = role('dev', '444455556666');
      const grant = invokeBy({ AWS: '444455556666' });
      expect(decide({ policies: [allowAll], principalArn: other, action: 'lambda:InvokeFunction', resourcePolicy: grant }).decision).toBe('allowed');
      expect(decide({ policies: [], principalArn: other, action: 'lambda:InvokeFunction', resourcePolicy: grant }).decision).toBe('implicitDeny');
      expect(decide({ policies: [allowAll], principalArn: other, action: 'lambda:InvokeFunction' }).decision).toBe('implicitDeny');
    });
  });
});

describe('explain: false', () => {
  it('gives the same decision and statements without the conditions', () => {
    const input = { policies: [allowAll], resourceTags: { 'project-name': 'falcon' } };
    const full = decide(input);
    const bare = decide({ ...input, explain: false });
    expect(bare).toEqual({ ...full, conditions: [] });
  });
});
