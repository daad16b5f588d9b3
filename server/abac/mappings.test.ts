import { describe, expect, it } from 'vitest';
import { computeTagMappings } from '@/server/abac/mappings';
import { policy, role } from '@/server/abac/test-support/scenario';

const managerRead = policy('ManagerReadPolicy', {
  Sid: 'AllActionsLambdaManager',
  Effect: 'Allow',
  Action: 'lambda:GetFunction',
  Resource: '*',
  Condition: {
    StringEquals: { 'aws:ResourceTag/organization': '${aws:PrincipalTag/organization}', 'aws:ResourceTag/cost-center': '${aws:PrincipalTag/cost-center}' },
  },
});

describe('computeTagMappings', () => {
  it("maps the post's policies: project-name gates project-name on functions and on request tags, TagKeys allows project-name", () => {
    const mappings = computeTagMappings([role('falcon-dev', { 'project-name': 'falcon' }), role('eagle-dev', { 'project-name': 'eagle' })]);
    expect(mappings.principalKeys).toEqual(['project-name']);
    expect(mappings.edges.map((e) => [e.principalKey, e.via, e.resourceKey, e.operators])).toEqual([
      [null, 'tagKeys', 'project-name', ['ForAllValues:StringEquals']],
      ['project-name', 'requestTag', 'project-name', ['StringEquals']],
      ['project-name', 'resourceTag', 'project-name', ['StringEquals']],
    ]);
    const resourceEdge = mappings.edges.find((e) => e.via === 'resourceTag');
    // One statement, carried by both roles through the same managed policy.
    expect(resourceEdge?.statements).toEqual([
      {
        policy: 'DeveloperSameProjectPolicy',
        policyIndex: 0,
        sid: 'AllActionsLambdaSameProject',
        statementIndex: 0,
        label: 'DeveloperSameProjectPolicy#AllActionsLambdaSameProject',
        principals: ['arn:aws:iam::111122223333:role/falcon-dev', 'arn:aws:iam::111122223333:role/eagle-dev'],
      },
    ]);
  });

  it('maps two principal keys to two resource keys from one statement, and fixed values without a principal key', () => {
    const fixed = policy('fixed', {
      Effect: 'Deny',
      Action: 'lambda:DeleteFunction',
      Resource: '*',
      Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } },
    });
    const mappings = computeTagMappings([role('manager', { organization: 'o', 'cost-center': 'c' }, [managerRead, fixed])]);
    expect(mappings.edges.map((e) => [e.principalKey, e.resourceKey, e.effect, e.values])).toEqual([
      ['cost-center', 'cost-center', 'Allow', []],
      [null, 'env', 'Deny', ['prod']],
      ['organization', 'organization', 'Allow', []],
    ]);
    expect(mappings.principalKeys).toEqual(['cost-center', 'organization']);
    expect(mappings.resourceKeys).toEqual(['cost-center', 'env', 'organization']);
  });

  it('finds a principal tag inside a longer value and ignores conditions that are not about tags', () => {
    const prefixed = policy('prefixed', {
      Effect: 'Allow',
      Action: 'lambda:InvokeFunction',
      Resource: '*',
      Condition: { StringLike: { 'aws:ResourceTag/owner': 'team-${aws:PrincipalTag/team}-*' }, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    });
    const mappings = computeTagMappings([role('r', { team: 'a' }, [prefixed])]);
    expect(mappings.edges.map((e) => [e.principalKey, e.resourceKey, e.operators])).toEqual([['team', 'owner', ['StringLike']]]);
  });
});
