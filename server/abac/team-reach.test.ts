import { describe, expect, it } from 'vitest';
import { computeTeamReach } from '@/server/abac/team-reach';
import { lambdaFunction, role } from '@/server/abac/test-support/scenario';

const falconRole = role('falcon-dev', { 'project-name': 'falcon' });
const eagleRole = role('eagle-dev', { 'project-name': 'eagle' });
const falconFn = lambdaFunction('falcon-api', { 'project-name': 'falcon' });
const eagleFn = lambdaFunction('eagle-api', { 'project-name': 'eagle' });
const untagged = lambdaFunction('a-untagged', {});

describe('computeTeamReach', () => {
  it('lists each of the team’s functions with the team roles that reach it and the actions allowed', () => {
    const rows = computeTeamReach([falconRole, eagleRole], [falconFn, eagleFn, untagged], {
      roles: new Set([falconRole.arn]),
      functions: new Set([falconFn.arn, eagleFn.arn, untagged.arn]),
    });
    expect(rows).toEqual([
      { function: { arn: untagged.arn, name: 'a-untagged' }, via: [] },
      { function: { arn: eagleFn.arn, name: 'eagle-api' }, via: [] },
      {
        function: { arn: falconFn.arn, name: 'falcon-api' },
        via: [
          {
            role: { arn: falconRole.arn, name: 'falcon-dev' },
            actions: [
              'lambda:InvokeFunction',
              'lambda:GetFunction',
              'lambda:GetFunctionConfiguration',
              'lambda:UpdateFunctionCode',
              'lambda:UpdateFunctionConfiguration',
              'lambda:DeleteFunction',
              'lambda:PublishVersion',
              'lambda:ListTags',
            ],
          },
        ],
      },
    ]);
  });

  it('leaves out roles and functions that are not the team’s', () => {
    const rows = computeTeamReach([falconRole, eagleRole], [falconFn, eagleFn], { roles: new Set([eagleRole.arn]), functions: new Set([eagleFn.arn]) });
    expect(rows.map((r) => [r.function.name, r.via.map((v) => v.role.name)])).toEqual([['eagle-api', ['eagle-dev']]]);
  });
});
