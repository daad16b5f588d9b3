import { describe, expect, it } from 'vitest';
import { FUNCTION_ACTIONS } from '@/server/abac/actions';
import { computeAbacGrid, explainAbacCell, summariseCell } from '@/server/abac/grid';
import { lambdaFunction, policy, role } from '@/server/abac/test-support/scenario';

const falcon = role('falcon-dev', { 'project-name': 'falcon' });
const eagle = role('eagle-dev', { 'project-name': 'eagle' });
const functions = Array.from({ length: 30 }, (_, i) => lambdaFunction(`fn-${String(i).padStart(2, '0')}`, { 'project-name': i % 2 ? 'eagle' : 'falcon' }));
const page = { action: 'lambda:InvokeFunction', rowOffset: 0, rowLimit: 50, colOffset: 0, colLimit: 50 };

describe('computeAbacGrid', () => {
  it('groups rows and columns by tag combination and decides only the page', () => {
    const grid = computeAbacGrid([falcon, eagle], functions, { ...page, colOffset: 10, colLimit: 10 });
    expect(grid.principals.map((p) => [p.name, p.group])).toEqual([
      ['eagle-dev', 'project-name=eagle'],
      ['falcon-dev', 'project-name=falcon'],
    ]);
    expect(grid.functions).toHaveLength(10);
    expect(grid.functions.map((f) => f.group)).toEqual([...Array(5).fill('project-name=eagle'), ...Array(5).fill('project-name=falcon')]);
    expect(grid.totals).toEqual({ principals: 2, functions: 30, allPrincipals: 2, allFunctions: 30 });
    expect(grid.cells[0]?.map((c) => c.decision)).toEqual([...Array(5).fill('allowed'), ...Array(5).fill('implicitDeny')]);
  });

  it('filters by principal name, function name and tag', () => {
    expect(computeAbacGrid([falcon, eagle], functions, { ...page, principal: 'FALCON' }).principals.map((p) => p.name)).toEqual(['falcon-dev']);
    expect(computeAbacGrid([falcon, eagle], functions, { ...page, function: 'fn-1' }).totals.functions).toBe(10);
    const tagged = computeAbacGrid([falcon, eagle], functions, { ...page, tag: 'project-name=eagle' });
    expect(tagged.principals.map((p) => p.name)).toEqual(['eagle-dev']);
    expect(tagged.totals.functions).toBe(15);
  });

  it('counts the allowed actions of every function action for "all"', () => {
    const grid = computeAbacGrid([falcon], [functions[0]!, functions[1]!], { ...page, action: 'all' });
    // Columns: fn-01 (eagle), fn-00 (falcon). sameProjectPolicy allows 8 of the function actions on the same
    // project (not CreateAlias, AddPermission, RemovePermission, UntagResource); TagResource needs request
    // tags, which a matrix cell has none of.
    expect(grid.functions.map((f) => f.name)).toEqual(['fn-01', 'fn-00']);
    expect(grid.cells[0]).toEqual([
      { decision: 'implicitDeny', allowed: 0, of: FUNCTION_ACTIONS.length },
      { decision: 'allowed', allowed: 8, of: FUNCTION_ACTIONS.length },
    ]);
  });

  it('folds decisions: an explicit deny only shows when nothing is allowed', () => {
    expect(summariseCell(['explicitDeny', 'implicitDeny'])).toEqual({ decision: 'explicitDeny', allowed: 0, of: 2 });
    expect(summariseCell(['implicitDeny'])).toEqual({ decision: 'implicitDeny', allowed: 0, of: 1 });
  });
});

describe('explainAbacCell', () => {
  it('names the deciding policy and resolves the principal tag in the condition', () => {
    const [explained] = explainAbacCell(falcon, functions[0]!, 'lambda:InvokeFunction');
    expect(explained).toMatchObject({
      action: 'lambda:InvokeFunction',
      decision: 'allowed',
      decidingStatements: [{ policy: 'DeveloperSameProjectPolicy', kind: 'identity', sid: 'AllActionsLambdaSameProject', effect: 'Allow' }],
    });
    expect(explained?.conditions).toEqual([
      {
        operator: 'StringEquals',
        key: 'aws:ResourceTag/project-name',
        values: ['${aws:PrincipalTag/project-name}'],
        resolved: { values: ['falcon'], keyValues: ['falcon'] },
        result: true,
      },
    ]);
  });

  it('names a boundary and explains an explicit deny', () => {
    const denied = { ...falcon, permissionsBoundary: policy('Boundary', { Sid: 'NoInvoke', Effect: 'Deny', Action: 'lambda:InvokeFunction', Resource: '*' }) };
    const [explained] = explainAbacCell(denied, functions[0]!, 'lambda:InvokeFunction');
    expect(explained?.decision).toBe('explicitDeny');
    expect(explained?.decidingStatements).toEqual([{ policy: 'Boundary', kind: 'permissionsBoundary', sid: 'NoInvoke', effect: 'Deny' }]);
  });
});
