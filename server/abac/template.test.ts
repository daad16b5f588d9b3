import { describe, expect, it } from 'vitest';
import { allows, decide, doc, fn, user } from '@/server/abac/test-support/decide';

// Policy variables: "IAM policy elements: Variables and tags"
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html

describe('policy variables in conditions', () => {
  it('${aws:PrincipalTag/…} is the caller’s tag', () => {
    const same = { StringEquals: { 'aws:ResourceTag/project-name': '${aws:PrincipalTag/project-name}' } };
    expect(allows(same, { principalTags: { 'project-name': 'falcon' }, resourceTags: { 'project-name': 'falcon' } })).toBe(true);
    expect(allows(same, { principalTags: { 'project-name': 'eagle' }, resourceTags: { 'project-name': 'falcon' } })).toBe(false);
  });

  it('${aws:username} is an IAM user’s name (path left out) and absent for roles', () => {
    const own = { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } };
    expect(allows(own, { principalArn: user('dev/alice'), resourceTags: { owner: 'alice' } })).toBe(true);
    expect(allows(own, { resourceTags: { owner: 'alice' } })).toBe(false);
  });

  it('${aws:userid} is the caller’s unique id when known', () => {
    const own = { StringLike: { 'aws:ResourceTag/owner': '${aws:userid}*' } };
    expect(allows(own, { userId: 'AROAEXAMPLE:alice', resourceTags: { owner: 'AROAEXAMPLE:alice' } })).toBe(true);
    expect(allows(own, { resourceTags: { owner: 'AROAEXAMPLE:alice' } })).toBe(false);
  });

  it('${aws:PrincipalAccount}, ${aws:ResourceTag/…} and ${aws:RequestTag/…} resolve from the request', () => {
    expect(allows({ StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } })).toBe(true);
    expect(
      allows(
        { StringEquals: { 'aws:RequestTag/team': '${aws:ResourceTag/team}' } },
        { action: 'lambda:TagResource', requestTags: { team: 'a' }, resourceTags: { team: 'a' } },
      ),
    ).toBe(true);
    expect(
      allows(
        { StringEquals: { 'aws:PrincipalTag/team': '${aws:RequestTag/team}' } },
        { action: 'lambda:TagResource', requestTags: { team: 'a' }, principalTags: { team: 'a' } },
      ),
    ).toBe(true);
  });

  it('a variable without a value fails the condition, negated operators included', () => {
    expect(allows({ StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } }, { resourceTags: { team: 'x' } })).toBe(false);
    expect(allows({ StringNotEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } }, { resourceTags: { team: 'x' } })).toBe(false);
    // …but another value of the same key can still match
    expect(allows({ StringEquals: { 'aws:ResourceTag/team': ['${aws:PrincipalTag/team}', 'x'] } }, { resourceTags: { team: 'x' } })).toBe(true);
  });

  it("${key, 'default'} uses the default when the key is absent", () => {
    const withDefault = { StringEquals: { 'aws:ResourceTag/team': "${aws:PrincipalTag/team, 'shared'}" } };
    expect(allows(withDefault, { resourceTags: { team: 'shared' } })).toBe(true);
    expect(allows(withDefault, { principalTags: { team: 'falcon' }, resourceTags: { team: 'shared' } })).toBe(false);
  });

  it('${*}, ${?} and ${$} are the literal characters, also in *Like patterns', () => {
    expect(allows({ StringLike: { 'aws:ResourceTag/t': 'a${*}' } }, { resourceTags: { t: 'a*' } })).toBe(true);
    expect(allows({ StringLike: { 'aws:ResourceTag/t': 'a${*}' } }, { resourceTags: { t: 'abc' } })).toBe(false);
    expect(allows({ StringLike: { 'aws:ResourceTag/t': 'a${?}' } }, { resourceTags: { t: 'a?' } })).toBe(true);
    expect(allows({ StringLike: { 'aws:ResourceTag/t': 'a${?}' } }, { resourceTags: { t: 'ab' } })).toBe(false);
    expect(allows({ StringEquals: { 'aws:ResourceTag/t': '${$}{x}' } }, { resourceTags: { t: '${x}' } })).toBe(true);
  });

  it('a substituted value is text: its * is no wildcard', () => {
    const like = { StringLike: { 'aws:ResourceTag/t': '${aws:PrincipalTag/t}' } };
    expect(allows(like, { principalTags: { t: 'a*' }, resourceTags: { t: 'abc' } })).toBe(false);
    expect(allows(like, { principalTags: { t: 'a*' }, resourceTags: { t: 'a*' } })).toBe(true);
  });

  it('only the 2012-10-17 policy language replaces variables', () => {
    const statement = { Effect: 'Allow' as const, Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/t': '${aws:PrincipalTag/t}' } } };
    const facts = { principalTags: { t: 'x' }, resourceTags: { t: 'x' } };
    expect(decide({ ...facts, policies: [{ Version: '2012-10-17', Statement: [statement] }] }).decision).toBe('allowed');
    expect(decide({ ...facts, policies: [{ Version: '2008-10-17', Statement: [statement] }] }).decision).toBe('implicitDeny');
    expect(decide({ principalTags: { t: 'x' }, resourceTags: { t: '${aws:PrincipalTag/t}' }, policies: [{ Statement: [statement] }] }).decision).toBe(
      'allowed',
    );
  });
});

describe('policy variables in Resource', () => {
  const own = (resource: string) => [doc({ Effect: 'Allow', Action: 'lambda:*', Resource: resource })];

  it('resolve in the resource part', () => {
    const policies = own('arn:aws:lambda:*:*:function:${aws:PrincipalTag/project-name}-*');
    expect(decide({ policies, principalTags: { 'project-name': 'falcon' }, resourceArn: fn('falcon-api') }).decision).toBe('allowed');
    expect(decide({ policies, principalTags: { 'project-name': 'eagle' }, resourceArn: fn('falcon-api') }).decision).toBe('implicitDeny');
  });

  it('resolve in the account part too', () => {
    const policies = own('arn:aws:lambda:*:${aws:PrincipalAccount}:function:*');
    expect(decide({ policies }).decision).toBe('allowed');
    expect(decide({ policies, resourceArn: fn('x', '444455556666') }).decision).toBe('implicitDeny');
  });

  it('without a value name nothing, in Resource and in NotResource', () => {
    expect(decide({ policies: own('arn:aws:lambda:*:*:function:${aws:username}') }).decision).toBe('implicitDeny');
    const notResource = [doc({ Effect: 'Allow', Action: 'lambda:*', NotResource: 'arn:aws:lambda:*:*:function:${aws:username}' })];
    expect(decide({ policies: notResource }).decision).toBe('implicitDeny');
  });
});
