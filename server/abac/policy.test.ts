import { describe, expect, it } from 'vitest';
import { compilePolicy, PolicyError } from '@/server/abac/policy';
import { parseOperator } from '@/server/abac/operators';

const statement = (extra: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', ...extra }] });

function errorOf(document: unknown, kind: 'identity' | 'resourcePolicy' = 'identity') {
  try {
    compilePolicy(document, kind, 0);
  } catch (err) {
    if (err instanceof PolicyError) return { field: err.field, rule: err.rule };
    throw err;
  }
  return null;
}

describe('compilePolicy', () => {
  it('normalises single values and a single statement', () => {
    const policy = compilePolicy({ Version: '2012-10-17', Statement: { Sid: 'One', Effect: 'Deny', Action: 'lambda:*', Resource: '*' } }, 'identity', 3);
    expect(policy.statements).toHaveLength(1);
    expect(policy.statements[0]).toMatchObject({ policyIndex: 3, sid: 'One', effect: 'Deny', isNotAction: false, isNotResource: false });
  });

  it.each([
    [{ Statement: [] }, 'Statement', /at least one/],
    [{ Version: '2020-01-01', Statement: statement({}).Statement }, 'Version', /2012-10-17/],
    [statement({ Effect: 'Maybe' }), 'Statement.0.Effect', /Allow/],
    [statement({ NotAction: 'x:y' }), 'Statement.0.Action', /exactly one/],
    [statement({ Action: 'lambda' }), 'Statement.0.Action', /service:action/],
    [statement({ Condition: { StringEqulas: { k: 'v' } } }), 'Statement.0.Condition.StringEqulas', /not a condition operator/],
    [statement({ Condition: { Null: { k: 'maybe' } } }), 'Statement.0.Condition.Null.k', /true/],
    [statement({ Condition: { StringEquals: { k: [{}] } } }), 'Statement.0.Condition.StringEquals.k.0', /string, number or boolean/],
    [statement({ Principal: '*' }), 'Statement.0.Principal', /only resource policies/],
    [statement({ Effects: 'Allow' }), 'Statement.0.Effects', /not a statement element/],
  ])('refuses %j at %s', (document, field, rule) => {
    const error = errorOf(document);
    expect(error?.field).toBe(field);
    expect(error?.rule).toMatch(rule);
  });

  it('wants a Principal in resource policies and refuses NotPrincipal', () => {
    expect(errorOf(statement({}), 'resourcePolicy')?.field).toBe('Statement.0.Principal');
    expect(errorOf(statement({ NotPrincipal: { AWS: '*' } }), 'resourcePolicy')?.field).toBe('Statement.0.NotPrincipal');
  });
});

describe('parseOperator', () => {
  it('reads set prefixes, IfExists and names ignoring case', () => {
    expect(parseOperator('ForAllValues:StringLikeIfExists')).toMatchObject({
      set: 'ForAllValues',
      ifExists: true,
      base: { name: 'StringLike', negated: false },
    });
    expect(parseOperator('forAnyValue:stringnotequals')).toMatchObject({
      set: 'ForAnyValue',
      ifExists: false,
      base: { name: 'StringNotEquals', negated: true },
    });
    expect(parseOperator('Null')).toMatchObject({ base: null });
  });

  it('refuses unknown names and Null with a prefix or IfExists', () => {
    expect(parseOperator('StringSortOf')).toBeNull();
    expect(parseOperator('NullIfExists')).toBeNull();
    expect(parseOperator('ForAllValues:Null')).toBeNull();
    expect(parseOperator('Sometimes:StringEquals')).toBeNull();
  });
});
