import { describe, expect, it } from 'vitest';
import { allows } from '@/server/abac/test-support/decide';

// Each operator and each absent-key rule, as documented in:
// - "IAM JSON policy elements: Condition operators"
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// - "Conditions with multiple context keys or values"
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
// - "Single-valued vs. multivalued context keys" (ForAllValues, ForAnyValue)
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html

const extra = (values: Record<string, string | string[]>) => ({ extra: values });

describe('string operators', () => {
  it('StringEquals is case-sensitive and ORs its values', () => {
    expect(allows({ StringEquals: { 'aws:ResourceTag/team': 'falcon' } }, { resourceTags: { team: 'falcon' } })).toBe(true);
    expect(allows({ StringEquals: { 'aws:ResourceTag/team': 'falcon' } }, { resourceTags: { team: 'Falcon' } })).toBe(false);
    expect(allows({ StringEquals: { 'aws:ResourceTag/team': ['eagle', 'falcon'] } }, { resourceTags: { team: 'falcon' } })).toBe(true);
  });

  it('StringEquals takes * literally', () => {
    expect(allows({ StringEquals: { 'aws:ResourceTag/team': '*' } }, { resourceTags: { team: 'falcon' } })).toBe(false);
    expect(allows({ StringEquals: { 'aws:ResourceTag/team': '*' } }, { resourceTags: { team: '*' } })).toBe(true);
  });

  it('StringNotEquals matches when the value equals none of the values (NOR)', () => {
    expect(allows({ StringNotEquals: { 'aws:ResourceTag/team': ['eagle', 'falcon'] } }, { resourceTags: { team: 'owl' } })).toBe(true);
    expect(allows({ StringNotEquals: { 'aws:ResourceTag/team': ['eagle', 'falcon'] } }, { resourceTags: { team: 'falcon' } })).toBe(false);
  });

  it('StringEqualsIgnoreCase and StringNotEqualsIgnoreCase ignore case', () => {
    expect(allows({ StringEqualsIgnoreCase: { 'aws:ResourceTag/team': 'FALCON' } }, { resourceTags: { team: 'falcon' } })).toBe(true);
    expect(allows({ StringNotEqualsIgnoreCase: { 'aws:ResourceTag/team': 'FALCON' } }, { resourceTags: { team: 'falcon' } })).toBe(false);
    expect(allows({ StringNotEqualsIgnoreCase: { 'aws:ResourceTag/team': 'FALCON' } }, { resourceTags: { team: 'eagle' } })).toBe(true);
  });

  it('StringLike and StringNotLike take * (any run) and ? (one character), case-sensitively', () => {
    expect(allows({ StringLike: { 'aws:ResourceTag/team': 'fal*' } }, { resourceTags: { team: 'falcon' } })).toBe(true);
    expect(allows({ StringLike: { 'aws:ResourceTag/team': 'e?gle' } }, { resourceTags: { team: 'eagle' } })).toBe(true);
    expect(allows({ StringLike: { 'aws:ResourceTag/team': 'e?gle' } }, { resourceTags: { team: 'eaagle' } })).toBe(false);
    expect(allows({ StringLike: { 'aws:ResourceTag/team': 'FAL*' } }, { resourceTags: { team: 'falcon' } })).toBe(false);
    expect(allows({ StringNotLike: { 'aws:ResourceTag/team': ['fal*', 'eag*'] } }, { resourceTags: { team: 'owl' } })).toBe(true);
    expect(allows({ StringNotLike: { 'aws:ResourceTag/team': ['fal*', 'eag*'] } }, { resourceTags: { team: 'eagle' } })).toBe(false);
  });
});

describe('numeric, date, bool, binary and address operators', () => {
  const age = (v: string) => extra({ 'aws:MultiFactorAuthAge': v });
  it.each([
    ['NumericEquals', '3600', '3600', true],
    ['NumericEquals', '3600', '3600.0', true],
    ['NumericNotEquals', '3600', '60', true],
    ['NumericNotEquals', '3600', '3600', false],
    ['NumericLessThan', '3600', '60', true],
    ['NumericLessThan', '3600', '3600', false],
    ['NumericLessThanEquals', '3600', '3600', true],
    ['NumericGreaterThan', '3600', '7200', true],
    ['NumericGreaterThanEquals', '3600', '3599', false],
    ['NumericEquals', '3600', 'soon', false],
    ['NumericNotEquals', '3600', 'soon', false],
  ] as const)('%s %s against %s is %s', (operator, policy, request, expected) => {
    expect(allows({ [operator]: { 'aws:MultiFactorAuthAge': policy } }, age(request))).toBe(expected);
  });

  const now = (v: string) => extra({ 'aws:CurrentTime': v });
  it.each([
    ['DateLessThan', '2027-01-01T00:00:00Z', '2026-12-06T00:00:00Z', true],
    ['DateGreaterThan', '2027-01-01T00:00:00Z', '2026-12-06T00:00:00Z', false],
    ['DateEquals', '2026-12-06T00:00:00Z', '2026-12-06T00:00:00Z', true],
    ['DateNotEquals', '2026-12-06T00:00:00Z', '2026-12-06T00:00:01Z', true],
    ['DateLessThanEquals', '2026-12-06', '2026-12-06T00:00:00Z', true],
    ['DateGreaterThanEquals', '1796515200', '2026-12-06T00:00:00Z', true],
    ['DateLessThan', '2027-01-01T00:00:00Z', 'yesterday', false],
  ] as const)('%s %s against %s is %s (ISO 8601 or epoch seconds)', (operator, policy, request, expected) => {
    expect(allows({ [operator]: { 'aws:CurrentTime': policy } }, now(request))).toBe(expected);
  });

  it('Bool compares true/false ignoring case; anything else never matches', () => {
    expect(allows({ Bool: { 'aws:SecureTransport': 'true' } }, extra({ 'aws:SecureTransport': 'true' }))).toBe(true);
    expect(allows({ Bool: { 'aws:SecureTransport': true } }, extra({ 'aws:SecureTransport': 'TRUE' }))).toBe(true);
    expect(allows({ Bool: { 'aws:SecureTransport': 'false' } }, extra({ 'aws:SecureTransport': 'true' }))).toBe(false);
    expect(allows({ Bool: { 'aws:SecureTransport': 'yes' } }, extra({ 'aws:SecureTransport': 'yes' }))).toBe(false);
  });

  it('BinaryEquals compares the base-64 text exactly', () => {
    expect(allows({ BinaryEquals: { 'x:Blob': 'QmluYXJ5' } }, extra({ 'x:Blob': 'QmluYXJ5' }))).toBe(true);
    expect(allows({ BinaryEquals: { 'x:Blob': 'QmluYXJ5' } }, extra({ 'x:Blob': 'qmluyxj5' }))).toBe(false);
  });

  it('IpAddress and NotIpAddress take IPv4 and IPv6 blocks, /0 included', () => {
    const ip = (v: string) => extra({ 'aws:SourceIp': v });
    expect(allows({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, ip('10.1.2.3'))).toBe(true);
    expect(allows({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, ip('11.1.2.3'))).toBe(false);
    expect(allows({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, ip('203.0.113.7'))).toBe(true);
    expect(allows({ IpAddress: { 'aws:SourceIp': '203.0.113.7' } }, ip('203.0.113.7'))).toBe(true);
    expect(allows({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, ip('2001:db8:1::5'))).toBe(true);
    expect(allows({ IpAddress: { 'aws:SourceIp': '::ffff:0:0/96' } }, ip('::ffff:10.0.0.1'))).toBe(true);
    expect(allows({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, ip('2001:db8::1'))).toBe(false);
    expect(allows({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, ip('2001:db8::1'))).toBe(true);
    expect(allows({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } }, ip('192.168.4.4'))).toBe(false);
    expect(allows({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, ip('not-an-address'))).toBe(false);
  });
});

describe('ARN operators', () => {
  const principal = 'arn:aws:iam::111122223333:role/falcon-developer';
  it('ArnEquals and ArnLike match part by part with wildcards, case-sensitively', () => {
    for (const operator of ['ArnEquals', 'ArnLike']) {
      expect(allows({ [operator]: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/falcon-*' } }, { principalArn: principal })).toBe(true);
      expect(allows({ [operator]: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Falcon-*' } }, { principalArn: principal })).toBe(false);
    }
    // A variable's own colon does not split the ARN.
    expect(allows({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:role/*' } }, { principalArn: principal })).toBe(true);
    expect(
      allows(
        { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:role/*' } },
        { principalArn: principal, extra: { 'aws:PrincipalAccount': '1' } },
      ),
    ).toBe(false);
    // * does not cross the colons of the first five parts
    expect(allows({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:*:role/falcon-developer' } }, { principalArn: principal })).toBe(false);
  });

  it('ArnNotEquals and ArnNotLike hold when no value matches; a value that is not an ARN fails both', () => {
    expect(allows({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/*' } }, { principalArn: principal })).toBe(true);
    expect(allows({ ArnNotEquals: { 'aws:PrincipalArn': principal } }, { principalArn: principal })).toBe(false);
    expect(allows({ ArnNotLike: { 'x:Arn': 'arn:aws:iam::*:user/*' } }, extra({ 'x:Arn': 'not-an-arn' }))).toBe(false);
    expect(allows({ ArnLike: { 'x:Arn': 'arn:aws:iam::*:user/*' } }, extra({ 'x:Arn': 'not-an-arn' }))).toBe(false);
  });
});

describe('absent keys', () => {
  it('a positive operator is false when the key is absent', () => {
    expect(allows({ StringEquals: { 'aws:ResourceTag/team': 'falcon' } })).toBe(false);
    expect(allows({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } })).toBe(false);
    expect(allows({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } })).toBe(false);
  });

  it.each(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike', 'NumericNotEquals', 'DateNotEquals', 'NotIpAddress'])(
    '%s is true when the key is absent',
    (operator) => {
      expect(allows({ [operator]: { 'x:Missing': 'anything' } })).toBe(true);
    },
  );

  it('…IfExists is true when the key is absent and tests the value when present', () => {
    expect(allows({ StringEqualsIfExists: { 'aws:ResourceTag/team': 'falcon' } })).toBe(true);
    expect(allows({ StringEqualsIfExists: { 'aws:ResourceTag/team': 'falcon' } }, { resourceTags: { team: 'eagle' } })).toBe(false);
    expect(allows({ NumericLessThanIfExists: { 'aws:MultiFactorAuthAge': '3600' } })).toBe(true);
    expect(allows({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }, extra({ 'aws:MultiFactorAuthPresent': 'false' }))).toBe(false);
  });

  it('Null is "true" for an absent key and "false" for a present one', () => {
    expect(allows({ Null: { 'aws:ResourceTag/team': 'true' } })).toBe(true);
    expect(allows({ Null: { 'aws:ResourceTag/team': 'true' } }, { resourceTags: { team: 'x' } })).toBe(false);
    expect(allows({ Null: { 'aws:ResourceTag/team': 'false' } }, { resourceTags: { team: 'x' } })).toBe(true);
    expect(allows({ Null: { 'aws:ResourceTag/team': 'false' } })).toBe(false);
  });
});

describe('set operators on aws:TagKeys', () => {
  const create = (requestTags: Record<string, string> | undefined) => ({ action: 'lambda:CreateFunction', requestTags });

  it('ForAllValues holds when every request value matches, and vacuously when no tags are sent', () => {
    const only = { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['project-name', 'team'] } };
    expect(allows(only, create({ 'project-name': 'falcon' }))).toBe(true);
    expect(allows(only, create({ 'project-name': 'falcon', env: 'dev' }))).toBe(false);
    expect(allows(only, create({}))).toBe(true);
    expect(allows(only, create(undefined))).toBe(true);
  });

  it('ForAnyValue holds when one request value matches, and is false when no tags are sent', () => {
    const any = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'project-name' } };
    expect(allows(any, create({ 'project-name': 'falcon', env: 'dev' }))).toBe(true);
    expect(allows(any, create({ env: 'dev' }))).toBe(false);
    expect(allows(any, create({}))).toBe(false);
  });

  it('ForAnyValue:…IfExists is true when the key is absent (the IfExists page; the oracle differs)', () => {
    expect(allows({ 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'project-name' } }, create({}))).toBe(true);
  });

  it('negated operators under a set operator negate per request value', () => {
    const noEnv = { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': 'env' } };
    expect(allows(noEnv, create({ 'project-name': 'x', team: 'y' }))).toBe(true);
    expect(allows(noEnv, create({ 'project-name': 'x', env: 'y' }))).toBe(false);
    const someNotEnv = { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': 'env' } };
    expect(allows(someNotEnv, create({ env: 'y', team: 'z' }))).toBe(true);
    expect(allows(someNotEnv, create({ env: 'y' }))).toBe(false);
  });

  it('a multivalued key without a set operator matches nothing, negated or not', () => {
    expect(allows({ StringEquals: { 'aws:TagKeys': 'project-name' } }, create({ 'project-name': 'falcon' }))).toBe(false);
    expect(allows({ StringNotEquals: { 'aws:TagKeys': 'env' } }, create({ 'project-name': 'falcon' }))).toBe(false);
  });

  it('a set operator treats a single-valued key as a list of one', () => {
    expect(allows({ 'ForAnyValue:StringEquals': { 'aws:ResourceTag/team': 'falcon' } }, { resourceTags: { team: 'falcon' } })).toBe(true);
  });
});

describe('several keys and operators', () => {
  it('ANDs keys within an operator and operators within a block', () => {
    const both = { StringEquals: { 'aws:ResourceTag/team': 'falcon', 'aws:ResourceTag/env': 'dev' } };
    expect(allows(both, { resourceTags: { team: 'falcon', env: 'dev' } })).toBe(true);
    expect(allows(both, { resourceTags: { team: 'falcon', env: 'prod' } })).toBe(false);
    const mixed = { StringEquals: { 'aws:ResourceTag/team': 'falcon' }, Bool: { 'aws:SecureTransport': 'true' } };
    expect(allows(mixed, { resourceTags: { team: 'falcon' }, extra: { 'aws:SecureTransport': 'false' } })).toBe(false);
  });

  it('compares condition key names ignoring case', () => {
    expect(allows({ StringEquals: { 'AWS:resourcetag/Team': 'falcon' } }, { resourceTags: { team: 'falcon' } })).toBe(true);
  });
});
