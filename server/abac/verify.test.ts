import { describe, expect, it } from 'vitest';
import { compareCellWithAws, planCellSimulation } from '@/server/abac/verify';
import { lambdaFunction, policy, role } from '@/server/abac/test-support/scenario';
import type { SimulationResultDto } from '@/server/aws/iam';

const falcon = role('falcon-dev', { 'project-name': 'falcon' });
const falconFn = lambdaFunction('falcon-api', { 'project-name': 'falcon' });
const eagleFn = lambdaFunction('eagle-api', { 'project-name': 'eagle' });

const answer = (action: string, resource: string, decision: SimulationResultDto['decision'], policies: string[] = []): SimulationResultDto => ({
  action,
  resource,
  decision,
  matchedPolicies: policies.map((id) => ({ id, type: 'role' })),
  missingContextValues: [],
  allowedByPermissionsBoundary: null,
});

describe('planCellSimulation', () => {
  it('sends IAM the tags the portal evaluated with, one call per distinct context', () => {
    const plan = planCellSimulation(falcon, eagleFn, ['lambda:InvokeFunction', 'lambda:GetFunction', 'lambda:CreateFunction']);
    // CreateFunction has no aws:ResourceTag (the function does not exist yet): a second call.
    expect(plan.map((p) => p.actions)).toEqual([['lambda:InvokeFunction', 'lambda:GetFunction'], ['lambda:CreateFunction']]);
    expect(plan[0]?.context).toContainEqual({ key: 'aws:PrincipalTag/project-name', values: ['falcon'], type: 'string' });
    expect(plan[0]?.context).toContainEqual({ key: 'aws:ResourceTag/project-name', values: ['eagle'], type: 'string' });
    expect(plan[1]?.context.some((c) => c.key.startsWith('aws:ResourceTag/'))).toBe(false);
  });
});

describe('compareCellWithAws', () => {
  it('agrees when IAM decides as the portal does, naming both sides’ policies', () => {
    const [result] = compareCellWithAws(
      falcon,
      falconFn,
      ['lambda:InvokeFunction'],
      [answer('lambda:InvokeFunction', falconFn.arn, 'allowed', ['DeveloperSameProjectPolicy'])],
    );
    expect(result).toEqual({
      action: 'lambda:InvokeFunction',
      portal: 'allowed',
      aws: 'allowed',
      agrees: true,
      portalPolicies: ['DeveloperSameProjectPolicy'],
      awsPolicies: ['DeveloperSameProjectPolicy'],
      missingContextValues: [],
      withResourcePolicy: null,
    });
  });

  it('reports a difference, and a missing answer as one', () => {
    const results = compareCellWithAws(
      falcon,
      eagleFn,
      ['lambda:InvokeFunction', 'lambda:GetFunction'],
      [answer('lambda:invokefunction', eagleFn.arn, 'allowed', ['Other'])],
    );
    expect(results.map((r) => [r.portal, r.aws, r.agrees])).toEqual([
      ['implicitDeny', 'allowed', false],
      ['implicitDeny', null, false],
    ]);
  });

  it('compares identity policies only and says when the resource policy changes the matrix', () => {
    const granted = {
      ...eagleFn,
      resourcePolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: falcon.arn }, Action: 'lambda:InvokeFunction', Resource: eagleFn.arn }],
      },
    };
    const [result] = compareCellWithAws(falcon, granted, ['lambda:InvokeFunction'], [answer('lambda:InvokeFunction', eagleFn.arn, 'implicitDeny')]);
    expect(result).toMatchObject({ portal: 'implicitDeny', aws: 'implicitDeny', agrees: true, withResourcePolicy: 'allowed' });
  });

  it('an explicit deny on both sides agrees', () => {
    const denied = role('denied', { 'project-name': 'falcon' }, [policy('NoInvoke', { Effect: 'Deny', Action: 'lambda:Invoke*', Resource: '*' })]);
    const [result] = compareCellWithAws(
      denied,
      falconFn,
      ['lambda:InvokeFunction'],
      [answer('lambda:InvokeFunction', falconFn.arn, 'explicitDeny', ['NoInvoke'])],
    );
    expect(result).toMatchObject({ portal: 'explicitDeny', agrees: true, portalPolicies: ['NoInvoke'] });
  });
});
