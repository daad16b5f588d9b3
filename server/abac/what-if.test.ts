import { describe, expect, it } from 'vitest';
import { computeWhatIf } from '@/server/abac/what-if';
import { AppError } from '@/server/errors';
import { lambdaFunction, policy, role } from '@/server/abac/test-support/scenario';

const falcon = role('falcon-dev', { 'project-name': 'falcon' });
const eagle = role('eagle-dev', { 'project-name': 'eagle' });
const falconApi = lambdaFunction('falcon-api', { 'project-name': 'falcon' });
const eagleApi = lambdaFunction('eagle-api', { 'project-name': 'eagle' });
const base = { action: 'lambda:InvokeFunction', principals: [], functions: [] };

describe('computeWhatIf', () => {
  it('re-tagging a function moves its cells from one project to the other', () => {
    const result = computeWhatIf(
      [falcon, eagle],
      [falconApi, eagleApi],
      { ...base, functions: [{ arn: eagleApi.arn, tags: { 'project-name': 'falcon' } }] },
      'us-east-1',
    );
    expect(result.changes).toEqual([
      { principal: falcon.arn, function: eagleApi.arn, before: 'implicitDeny', after: 'allowed' },
      { principal: eagle.arn, function: eagleApi.arn, before: 'allowed', after: 'implicitDeny' },
    ]);
    expect(result.counts.before.allowed).toBe(2);
    expect(result.counts.after.allowed).toBe(2);
  });

  it("changing a principal's tags or policies changes its row only", () => {
    const denyAll = policy('deny', { Effect: 'Deny', Action: 'lambda:*', Resource: '*' });
    const retagged = computeWhatIf([falcon, eagle], [falconApi, eagleApi], { ...base, principals: [{ arn: eagle.arn, tags: {} }] }, 'us-east-1');
    expect(retagged.changes).toEqual([{ principal: eagle.arn, function: eagleApi.arn, before: 'allowed', after: 'implicitDeny' }]);
    const denied = computeWhatIf([falcon, eagle], [falconApi, eagleApi], { ...base, principals: [{ arn: falcon.arn, policies: [denyAll] }] }, 'us-east-1');
    expect(denied.changes).toEqual([
      { principal: falcon.arn, function: falconApi.arn, before: 'allowed', after: 'explicitDeny' },
      { principal: falcon.arn, function: eagleApi.arn, before: 'implicitDeny', after: 'explicitDeny' },
    ]);
  });

  it('decides CreateFunction with the chosen request tags: only the matching project, only the project-name key', () => {
    const decide = (requestTags: Record<string, string>) =>
      computeWhatIf([falcon, eagle], [falconApi], { ...base, createFunction: { functionName: 'new-fn', requestTags } }, 'us-east-1').createFunction?.map(
        (c) => [c.name, c.decision],
      );
    expect(decide({ 'project-name': 'falcon' })).toEqual([
      ['falcon-dev', 'allowed'],
      ['eagle-dev', 'implicitDeny'],
    ]);
    expect(decide({ 'project-name': 'falcon', extra: 'x' })).toEqual([
      ['falcon-dev', 'implicitDeny'],
      ['eagle-dev', 'implicitDeny'],
    ]);
    expect(decide({})).toEqual([
      ['falcon-dev', 'implicitDeny'],
      ['eagle-dev', 'implicitDeny'],
    ]);
  });

  it('names an ARN that is not in the inventory', () => {
    const run = () =>
      computeWhatIf([falcon], [falconApi], { ...base, functions: [{ arn: 'arn:aws:lambda:us-east-1:111122223333:function:nope', tags: {} }] }, 'us-east-1');
    expect(run).toThrow(AppError);
    expect(run).toThrow(/functions\.0\.arn: .*nope is not in the inventory/);
  });
});
