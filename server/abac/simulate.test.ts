import { describe, expect, it } from 'vitest';
import { simulateAbacRequest } from '@/server/abac/simulate';
import { isAppError } from '@/server/errors';
import { abacSimulateSchema } from '@/lib/schemas/abac';

const body = (extra: Record<string, unknown> = {}) =>
  abacSimulateSchema.parse({
    policies: [{ Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 'lambda:GetFunction', Resource: '*' }] }],
    action: 'lambda:GetFunction',
    principalArn: 'arn:aws:iam::111122223333:role/dev',
    resourceArn: 'arn:aws:lambda:us-east-1:111122223333:function:api',
    principalTags: {},
    resourceTags: {},
    ...extra,
  });

function validationFields(run: () => unknown) {
  try {
    run();
  } catch (err) {
    if (isAppError(err) && err.code === 'VALIDATION') return err.fields;
    throw err;
  }
  throw new Error('expected a validation error');
}

describe('simulateAbacRequest', () => {
  it('answers the decision shape', () => {
    expect(simulateAbacRequest(body())).toEqual({
      decision: 'allowed',
      decidingStatements: [{ policyIndex: 0, sid: 'Read', effect: 'Allow' }],
      conditions: [],
    });
  });

  it('numbers the boundary and the resource policy after the identity policies', () => {
    const deny = { Version: '2012-10-17', Statement: [{ Sid: 'No', Effect: 'Deny', Action: '*', Resource: '*' }] };
    expect(simulateAbacRequest(body({ permissionsBoundary: deny })).decidingStatements).toEqual([{ policyIndex: 1, sid: 'No', effect: 'Deny' }]);
    const denyAll = { Version: '2012-10-17', Statement: [{ Sid: 'No', Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] };
    expect(simulateAbacRequest(body({ resourcePolicy: denyAll })).decidingStatements).toEqual([{ policyIndex: 2, sid: 'No', effect: 'Deny' }]);
  });

  it('names the policy element that is wrong, from the top of the body', () => {
    const bad = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEqulas: { k: 'v' } } }] };
    expect(validationFields(() => simulateAbacRequest(body({ policies: [bad] })))).toEqual({
      'policies.0.Statement.0.Condition.StringEqulas': [expect.stringMatching(/not a condition operator/)],
    });
    const noPrincipal = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    expect(Object.keys(validationFields(() => simulateAbacRequest(body({ resourcePolicy: noPrincipal }))) ?? {})).toEqual([
      'resourcePolicy.Statement.0.Principal',
    ]);
  });

  it('bounds the body: tags, policies and actions', () => {
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect(abacSimulateSchema.safeParse({ ...body(), principalTags: tags }).success).toBe(false);
    expect(abacSimulateSchema.safeParse({ ...body(), policies: Array.from({ length: 21 }, () => body().policies[0]) }).success).toBe(false);
    expect(abacSimulateSchema.safeParse({ ...body(), action: 'lambda:*' }).success).toBe(false);
    expect(abacSimulateSchema.safeParse({ ...body(), principalArn: 'arn:aws:lambda:us-east-1:111122223333:function:x' }).success).toBe(false);
  });
});
