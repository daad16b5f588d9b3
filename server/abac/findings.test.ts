import { describe, expect, it } from 'vitest';
import { listAbacFindings } from '@/server/abac/findings';
import { createTaggedPolicy, lambdaFunction, policy, role, sameProjectPolicy } from '@/server/abac/test-support/scenario';

const falcon = role('falcon-dev', { 'project-name': 'falcon' });
const eagle = role('eagle-dev', { 'project-name': 'eagle' });
const falconApi = lambdaFunction('falcon-api', { 'project-name': 'falcon' });
const eagleApi = lambdaFunction('eagle-api', { 'project-name': 'eagle' });

const ofKind = (findings: ReturnType<typeof listAbacFindings>, kind: string) => findings.filter((f) => f.kind === kind);

describe('listAbacFindings', () => {
  it("finds only the post scenario's TagResource on every function when every principal and function carries a matching project", () => {
    const findings = listAbacFindings([falcon, eagle], [falconApi, eagleApi]);
    expect(findings.map((f) => [f.kind, f.principal, f.statement?.sid])).toEqual([
      ['broadWildcard', falcon.arn, 'AllowLambdaTagOnCreate'],
      ['broadWildcard', eagle.arn, 'AllowLambdaTagOnCreate'],
    ]);
    expect(findings[0]?.message).toMatch(/re-tag another project's function into its own/);
  });

  it('reports a function no principal can reach and names the tag it lacks', () => {
    const orphan = lambdaFunction('orphan', { team: 'x' });
    const [finding, ...rest] = ofKind(listAbacFindings([falcon], [falconApi, orphan]), 'unreachableFunction');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ function: orphan.arn, severity: 'medium' });
    expect(finding?.message).toMatch(/lacks the tag project-name/);
  });

  it('reports a function whose tag value matches no principal without claiming a tag is missing', () => {
    const heron = lambdaFunction('heron-api', { 'project-name': 'heron' });
    const [finding] = ofKind(listAbacFindings([falcon], [heron]), 'unreachableFunction');
    expect(finding?.message).toMatch(/equal no principal's tags/);
  });

  it('reports an ABAC principal whose tags match no function, but not a principal without ABAC policies', () => {
    const heron = role('heron-dev', { 'project-name': 'heron' });
    const plain = role('plain', {}, [policy('p', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })]);
    const findings = ofKind(listAbacFindings([falcon, heron, plain], [falconApi]), 'principalMatchesNothing');
    expect(findings.map((f) => f.principal)).toEqual([heron.arn]);
  });

  it('reports ForAllValues on aws:TagKeys with no other guard, and not when a RequestTag condition or Null false needs the tags', () => {
    const vacuous = policy('vacuous', {
      Sid: 'OnlyProjectKeys',
      Effect: 'Allow',
      Action: 'lambda:CreateFunction',
      Resource: '*',
      Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['project-name'] } },
    });
    const nullGuard = policy('null-guard', {
      Effect: 'Allow',
      Action: 'lambda:CreateFunction',
      Resource: '*',
      Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['project-name'] }, Null: { 'aws:TagKeys': 'false' } },
    });
    const principal = role('p', { 'project-name': 'falcon' }, [sameProjectPolicy, vacuous, nullGuard, createTaggedPolicy]);
    const findings = ofKind(listAbacFindings([principal], [falconApi]), 'vacuousForAllValues');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.statement).toMatchObject({ policy: 'vacuous', sid: 'OnlyProjectKeys', label: 'vacuous#OnlyProjectKeys' });
    expect(findings[0]?.message).toMatch(/no aws:TagKeys at all/);
  });

  it('reports tag values that differ only in case, naming both spellings', () => {
    const upper = lambdaFunction('falcon-jobs', { 'project-name': 'Falcon' });
    const [finding, ...rest] = ofKind(listAbacFindings([falcon], [falconApi, upper]), 'tagCaseMismatch');
    expect(rest).toEqual([]);
    expect(finding?.message).toContain('project-name=falcon on falcon-dev, falcon-api');
    expect(finding?.message).toContain('project-name=Falcon on falcon-jobs');
    expect(ofKind(listAbacFindings([falcon, eagle], [falconApi, eagleApi]), 'tagCaseMismatch')).toEqual([]);
  });

  it('reports TagResource or UntagResource allowed without a RequestTag or TagKeys condition', () => {
    const retag = policy('retag', {
      Sid: 'Retag',
      Effect: 'Allow',
      Action: ['lambda:TagResource', 'lambda:UntagResource'],
      Resource: 'arn:aws:lambda:*:*:function:*',
      Condition: { StringEquals: { 'aws:ResourceTag/project-name': '${aws:PrincipalTag/project-name}' } },
    });
    const principal = role('p', { 'project-name': 'falcon' }, [sameProjectPolicy, retag, createTaggedPolicy]);
    const findings = ofKind(listAbacFindings([principal], [falconApi]), 'retagEscalation');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'high', principal: principal.arn, statement: { policy: 'retag', sid: 'Retag' } });
    expect(findings[0]?.message).toContain('lambda:TagResource and lambda:UntagResource');
  });

  it('reports an Allow on every function without a ResourceTag condition, and a wildcard tag value', () => {
    const everything = policy('admin', { Effect: 'Allow', Action: 'lambda:*', Resource: '*' });
    const invokeAll = policy('invoke-all', { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:*:*:function:*' });
    const anyProject = policy('any-project', {
      Effect: 'Allow',
      Action: 'lambda:GetFunction',
      Resource: '*',
      Condition: { StringLike: { 'aws:ResourceTag/project-name': '*' } },
    });
    const principal = role('p', { 'project-name': 'falcon' }, [everything, invokeAll, anyProject]);
    const findings = ofKind(listAbacFindings([principal], [falconApi]), 'broadWildcard');
    expect(findings.map((f) => [f.statement?.policy, f.severity])).toEqual([
      ['admin', 'high'],
      ['any-project', 'high'],
      ['invoke-all', 'medium'],
    ]);
  });

  it('does not report a function-scoped statement or one limited to a single function ARN', () => {
    const one = policy('one', { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:111122223333:function:falcon-api' });
    const principal = role('p', { 'project-name': 'falcon' }, [sameProjectPolicy, one]);
    expect(ofKind(listAbacFindings([principal], [falconApi]), 'broadWildcard')).toEqual([]);
  });

  // Reachability reuses a principal's answer for functions alike in what its policies read: these
  // would fail if two functions were taken as alike when their ARN, an unread-looking tag or the
  // account made a difference.
  describe('reachability with functions that share tags', () => {
    const unreachable = (principals: Parameters<typeof listAbacFindings>[0], functions: Parameters<typeof listAbacFindings>[1]) =>
      ofKind(listAbacFindings(principals, functions), 'unreachableFunction').map((f) => f.function);

    it('tells functions with the same tags apart by the principal’s Resource patterns', () => {
      const named = role('p', { 'project-name': 'falcon' }, [
        policy('falcon-only', { Effect: 'Allow', Action: 'lambda:GetFunction', Resource: 'arn:aws:lambda:*:*:function:falcon-*' }),
      ]);
      const falconJobs = lambdaFunction('falcon-jobs', { 'project-name': 'falcon' });
      const other = lambdaFunction('other-api', { 'project-name': 'falcon' });
      expect(unreachable([named], [falconJobs, other, falconApi])).toEqual([other.arn]);
    });

    it('tells them apart by a tag a policy variable reads, and by the account', () => {
      const byVariable = role('p', { 'project-name': 'falcon' }, [
        policy('own-team', { Effect: 'Allow', Action: 'lambda:GetFunction', Resource: 'arn:aws:lambda:*:*:function:${aws:ResourceTag/team}-*' }),
      ]);
      const teamA = lambdaFunction('a-api', { team: 'a' });
      const teamB = lambdaFunction('a-jobs', { team: 'b' });
      expect(unreachable([byVariable], [teamA, teamB])).toEqual([teamB.arn]);

      const sameAccount = role('q', {}, [
        policy('mine', {
          Effect: 'Allow',
          Action: 'lambda:GetFunction',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } },
        }),
      ]);
      const foreign = { ...lambdaFunction('x', {}), arn: 'arn:aws:lambda:us-east-1:444455556666:function:x' };
      expect(unreachable([sameAccount], [lambdaFunction('y', {}), foreign])).toEqual([foreign.arn]);
    });

    it('decides each tag value a condition reads on its own, whatever the other tags', () => {
      const manager = role('m', { organization: 'birds' }, [
        policy('org', {
          Effect: 'Allow',
          Action: 'lambda:GetFunction',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceTag/Organization': '${aws:PrincipalTag/organization}' } },
        }),
      ]);
      const birds = lambdaFunction('b1', { organization: 'birds', env: 'dev' });
      const birds2 = lambdaFunction('b2', { organization: 'birds', env: 'prod' });
      const fish = lambdaFunction('f1', { organization: 'fish', env: 'dev' });
      const noTag = lambdaFunction('n1', { env: 'dev' });
      expect(unreachable([manager], [birds, fish, birds2, noTag])).toEqual([fish.arn, noTag.arn]);
    });
  });
});
