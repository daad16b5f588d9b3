import { expect, test } from '@playwright/test';
import { storageState } from '../users';
import { createTaggedPolicy, managerPolicy, sameProjectPolicy } from '../../server/abac/test-support/post-policies';

// POST /api/v1/abac/simulate with the scenario of "Scaling AWS Lambda permissions with
// Attribute-Based Access Control (ABAC)": projects falcon and eagle, CreateFunction with request
// tags, and the manager whose organization and cost-center must both match.

const ACCOUNT = '111122223333';
const fn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const doc = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [statement] });

// The post's policies, one copy shared with the unit tests and the benchmark.
const sameProject = sameProjectPolicy.document;
const createTagged = createTaggedPolicy.document;
const managerReadPolicy = managerPolicy.document;

const falconDeveloper = {
  policies: [sameProject, createTagged],
  principalArn: `arn:aws:iam::${ACCOUNT}:role/falcon-developer-role`,
  principalTags: { 'project-name': 'falcon' },
};

test.describe('as a viewer (no AWS call, any signed-in role)', () => {
  test.use({ storageState: storageState('falconViewer') });

  test("falcon's developer acts on falcon functions only, and the answer says why", async ({ request }) => {
    const allowed = await request.post('/api/v1/abac/simulate', {
      data: { ...falconDeveloper, action: 'lambda:InvokeFunction', resourceArn: fn('falcon-api'), resourceTags: { 'project-name': 'falcon' } },
    });
    expect(allowed.status()).toBe(200);
    expect(await allowed.json()).toEqual({
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
    });

    const denied = await request.post('/api/v1/abac/simulate', {
      data: { ...falconDeveloper, action: 'lambda:InvokeFunction', resourceArn: fn('eagle-api'), resourceTags: { 'project-name': 'eagle' } },
    });
    expect(await denied.json()).toMatchObject({
      decision: 'implicitDeny',
      decidingStatements: [],
      conditions: [{ key: 'aws:ResourceTag/project-name', resolved: { values: ['falcon'], keyValues: ['eagle'] }, result: false }],
    });
  });

  test('CreateFunction needs project-name equal to the principal’s and no other tag key', async ({ request }) => {
    const create = async (requestTags: Record<string, string>) => {
      const res = await request.post('/api/v1/abac/simulate', {
        data: { ...falconDeveloper, action: 'lambda:CreateFunction', resourceArn: fn('falcon-new'), resourceTags: {}, requestTags },
      });
      expect(res.status()).toBe(200);
      return (await res.json()).decision;
    };
    expect(await create({ 'project-name': 'falcon' })).toBe('allowed');
    expect(await create({ 'project-name': 'eagle' })).toBe('implicitDeny');
    expect(await create({ 'project-name': 'falcon', 'cost-center': 'it' })).toBe('implicitDeny');
    expect(await create({})).toBe('implicitDeny');
  });

  test('the manager reaches functions with both tags matching and loses access when the organization differs', async ({ request }) => {
    const read = async (resourceTags: Record<string, string>) =>
      (
        await (
          await request.post('/api/v1/abac/simulate', {
            data: {
              policies: [managerReadPolicy],
              action: 'lambda:GetFunction',
              principalArn: `arn:aws:iam::${ACCOUNT}:role/manager-role`,
              principalTags: { organization: 'birds', 'cost-center': 'it' },
              resourceArn: fn('falcon-api'),
              resourceTags,
            },
          })
        ).json()
      ).decision;
    expect(await read({ organization: 'birds', 'cost-center': 'it', 'project-name': 'falcon' })).toBe('allowed');
    expect(await read({ organization: 'fish', 'cost-center': 'it' })).toBe('implicitDeny');
  });

  test('an explicit deny and a permissions boundary are reported as such', async ({ request }) => {
    const res = await request.post('/api/v1/abac/simulate', {
      data: {
        ...falconDeveloper,
        permissionsBoundary: doc({ Sid: 'NoDelete', Effect: 'Deny', Action: 'lambda:Delete*', Resource: '*' }),
        action: 'lambda:DeleteFunction',
        resourceArn: fn('falcon-api'),
        resourceTags: { 'project-name': 'falcon' },
      },
    });
    expect(await res.json()).toMatchObject({ decision: 'explicitDeny', decidingStatements: [{ policyIndex: 2, sid: 'NoDelete', effect: 'Deny' }] });
  });

  test('bad input is a 422 naming the field and the rule', async ({ request }) => {
    const post = (data: unknown) => request.post('/api/v1/abac/simulate', { data });
    const base = { ...falconDeveloper, action: 'lambda:GetFunction', resourceArn: fn('x'), resourceTags: {} };

    const operator = await post({ ...base, policies: [doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEqulas: { k: 'v' } } })] });
    expect(operator.status()).toBe(422);
    expect((await operator.json()).error.fields).toEqual({
      'policies.0.Statement.0.Condition.StringEqulas': [expect.stringMatching(/not a condition operator/)],
    });

    const action = await post({ ...base, action: 'lambda:*' });
    expect(action.status()).toBe(422);
    expect((await action.json()).error.fields.action).toEqual([expect.stringMatching(/without wildcards/)]);

    const tooMany = await post({ ...base, principalTags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) });
    expect(tooMany.status()).toBe(422);
    expect((await tooMany.json()).error.fields.principalTags).toEqual([expect.stringMatching(/at most 50 tags/)]);

    const unknown = await post({ ...base, surprise: true });
    expect(unknown.status()).toBe(422);
    expect(Object.keys((await unknown.json()).error.fields)).toEqual(['surprise']);
  });
});
