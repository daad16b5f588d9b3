import { describe, expect, it } from 'vitest';
import { CLINIC_BILLING_ROLE, CLINIC_MESSAGES, CLINIC_POLICY, CLINIC_PUBLISHER, CLINIC_SCHEDULING_ROLE } from './clinic-policy';
import { evaluatePolicy } from './evaluate';
import { parseDataProtectionPolicy, principalMatches, undetectableIdentifiers, type DataProtectionPolicy } from './policy';

const clinic = (): DataProtectionPolicy => {
  const parsed = parseDataProtectionPolicy(CLINIC_POLICY);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.policy;
};
const problemsOf = (input: unknown) => {
  const parsed = parseDataProtectionPolicy(input);
  return parsed.ok ? [] : parsed.problems;
};
const withStatement = (patch: Record<string, unknown>, index = 0) => ({
  ...CLINIC_POLICY,
  Statement: CLINIC_POLICY.Statement.map((s, i) => (i === index ? { ...s, ...patch } : s)),
});

describe('parseDataProtectionPolicy', () => {
  it('reads the clinic policy statement by statement', () => {
    const policy = clinic();
    expect(policy.name).toBe('data-protection-example-policy');
    expect(policy.statements.map((s) => [s.sid, s.direction, s.operation.kind])).toEqual([
      ['audit', 'Inbound', 'audit'],
      ['deny-inbound', 'Inbound', 'deny'],
      ['deny-outbound-billing', 'Outbound', 'deny'],
      ['deny-outbound-scheduling', 'Outbound', 'deny'],
    ]);
    expect(policy.statements[0]!.operation).toEqual({
      kind: 'audit',
      sampleRate: 99,
      findingsDestination: { cloudWatchLogsGroup: '/aws/vendedlogs/clinicaudit', firehoseDeliveryStream: 'clinic-audit', s3Bucket: null },
      noFindingsDestination: { cloudWatchLogsGroup: null, firehoseDeliveryStream: null, s3Bucket: 'clinic-audit-archive' },
    });
    expect(policy.statements[1]!.dataIdentifiers).toEqual(['PassportNumber-US', 'Ssn-US']);
  });

  it('reads the same policy from its JSON text, with SampleRate as text as the AWS examples write it', () => {
    const text = JSON.stringify(withStatement({ Operation: { Audit: { SampleRate: '99', FindingsDestination: { S3: { Bucket: 'b' } } } } }));
    const parsed = parseDataProtectionPolicy(text);
    expect(parsed.ok && parsed.policy.statements[0]!.operation).toMatchObject({ kind: 'audit', sampleRate: 99 });
  });

  it.each([
    ['not JSON', '{"Name":', 'policy', 'is not valid JSON'],
    ['an array', [], 'policy', 'must be a JSON object'],
    ['another version', { ...CLINIC_POLICY, Version: '2012-10-17' }, 'Version', 'must be "2021-06-01"'],
    ['no name', { ...CLINIC_POLICY, Name: '' }, 'Name', 'non-empty'],
    ['no statements', { ...CLINIC_POLICY, Statement: [] }, 'Statement', 'non-empty array'],
    ['a bad direction', withStatement({ DataDirection: 'Sideways' }), 'Statement[0].DataDirection', 'Inbound or Outbound'],
    ['a bad principal', withStatement({ Principal: ['BillingRole'] }, 2), 'Statement[2].Principal[0]', 'IAM principal ARN'],
    ['an unknown identifier ARN', withStatement({ DataIdentifier: ['Ssn-US'] }, 1), 'Statement[1].DataIdentifier[0]', 'managed data identifier ARN'],
    ['two operations', withStatement({ Operation: { Deny: {}, Audit: {} } }, 1), 'Statement[1].Operation', 'exactly one of Audit or Deny'],
    ['a Deny with content', withStatement({ Operation: { Deny: { x: 1 } } }, 1), 'Statement[1].Operation.Deny', 'empty object'],
    [
      'a sample rate of 100',
      withStatement({ Operation: { Audit: { SampleRate: 100, FindingsDestination: { S3: { Bucket: 'b' } } } } }),
      'Statement[0].Operation.Audit.SampleRate',
      '0 to 99',
    ],
    ['an audit without destination', withStatement({ Operation: { Audit: { SampleRate: 5 } } }), 'Statement[0].Operation.Audit', 'FindingsDestination'],
    [
      'a log group outside /aws/vendedlogs/',
      withStatement({ Operation: { Audit: { SampleRate: 5, FindingsDestination: { CloudWatchLogs: { LogGroup: '/clinic' } } } } }),
      'Statement[0].Operation.Audit.FindingsDestination.CloudWatchLogs.LogGroup',
      '/aws/vendedlogs/',
    ],
    ['an outbound audit', withStatement({ DataDirection: 'Outbound' }), 'Statement[0].Operation.Audit', 'Inbound statements only'],
    ['a repeated Sid', withStatement({ Sid: 'deny-inbound' }), 'Statement[1].Sid', 'repeats'],
    ['an unknown statement field', withStatement({ Effect: 'Deny' }, 1), 'Statement[1].Effect', 'not a field'],
  ])('names the field and the rule for %s', (_, input, field, rule) => {
    const problems = problemsOf(input);
    expect(problems.map((p) => p.field)).toContain(field);
    expect(problems.find((p) => p.field === field)!.message).toContain(rule);
  });

  it('keeps identifiers it cannot detect and lists them', () => {
    const policy = withStatement({ DataIdentifier: ['arn:aws:dataprotection::aws:data-identifier/BankAccountNumber-US'] }, 1);
    const parsed = parseDataProtectionPolicy(policy);
    expect(parsed.ok && undetectableIdentifiers(parsed.policy)).toEqual(['BankAccountNumber-US']);
  });
});

describe('principalMatches', () => {
  it.each([
    ['*', CLINIC_BILLING_ROLE, true],
    [CLINIC_BILLING_ROLE, CLINIC_BILLING_ROLE, true],
    [CLINIC_BILLING_ROLE, CLINIC_SCHEDULING_ROLE, false],
    ['111122223333', CLINIC_BILLING_ROLE, true],
    ['444455556666', CLINIC_BILLING_ROLE, false],
    ['arn:aws:iam::111122223333:root', CLINIC_BILLING_ROLE, true],
    [CLINIC_BILLING_ROLE, 'arn:aws:sts::111122223333:assumed-role/BillingRole/session-1', true],
    [CLINIC_BILLING_ROLE, 'arn:aws:sts::111122223333:assumed-role/BillingRoleX/session-1', false],
  ])('%s covers %s: %s', (principal, caller, expected) => {
    expect(principalMatches(principal, caller)).toBe(expected);
  });
});

describe("evaluatePolicy with the post's four messages", () => {
  const run = (message: string) =>
    evaluatePolicy(clinic(), { message, publisher: CLINIC_PUBLISHER, subscribers: [CLINIC_BILLING_ROLE, CLINIC_SCHEDULING_ROLE] });

  it('delivers a message without PII to both subscribers, audited without findings', () => {
    expect(run(CLINIC_MESSAGES.noPii).result).toEqual({
      findings: [],
      inbound: { denied: false, statementSid: null },
      audited: true,
      deliveries: [
        { subscriber: CLINIC_BILLING_ROLE, delivered: true, statementSid: null },
        { subscriber: CLINIC_SCHEDULING_ROLE, delivered: true, statementSid: null },
      ],
    });
  });

  it('denies the SSN inbound by deny-inbound, with Ssn-US at 5–15, and delivers it to nobody', () => {
    const { result, statements } = run(CLINIC_MESSAGES.ssn);
    expect(result).toEqual({
      findings: [{ dataIdentifier: 'Ssn-US', count: 1, detections: [{ start: 5, end: 15 }] }],
      inbound: { denied: true, statementSid: 'deny-inbound' },
      audited: true,
      deliveries: [
        { subscriber: CLINIC_BILLING_ROLE, delivered: false, statementSid: 'deny-inbound' },
        { subscriber: CLINIC_SCHEDULING_ROLE, delivered: false, statementSid: 'deny-inbound' },
      ],
    });
    expect(statements.map((s) => s.effect)).toEqual(['audited', 'denied', 'not-reached', 'not-reached']);
  });

  it('delivers the address to billing only: deny-outbound-scheduling', () => {
    const { result, statements } = run(CLINIC_MESSAGES.address);
    expect(result.findings).toEqual([{ dataIdentifier: 'Address', count: 1, detections: [{ start: 0, end: 33 }] }]);
    expect(result.inbound).toEqual({ denied: false, statementSid: null });
    expect(result.deliveries).toEqual([
      { subscriber: CLINIC_BILLING_ROLE, delivered: true, statementSid: null },
      { subscriber: CLINIC_SCHEDULING_ROLE, delivered: false, statementSid: 'deny-outbound-scheduling' },
    ]);
    expect(statements.map((s) => s.effect)).toEqual(['audited', 'no-finding', 'no-finding', 'denied']);
  });

  it('delivers the drug code to scheduling only: deny-outbound-billing', () => {
    const { result } = run(CLINIC_MESSAGES.drugCode);
    expect(result.findings).toEqual([{ dataIdentifier: 'NationalDrugCode-US', count: 1, detections: [{ start: 5, end: 16 }] }]);
    expect(result.deliveries).toEqual([
      { subscriber: CLINIC_BILLING_ROLE, delivered: false, statementSid: 'deny-outbound-billing' },
      { subscriber: CLINIC_SCHEDULING_ROLE, delivered: true, statementSid: null },
    ]);
  });

  it('does not audit a publisher no audit statement covers, nor at a sample rate of 0', () => {
    const policy = clinic();
    policy.statements[0] = { ...policy.statements[0]!, principals: ['arn:aws:iam::111122223333:role/Other'] };
    expect(evaluatePolicy(policy, { message: 'x', publisher: CLINIC_PUBLISHER, subscribers: [] }).result.audited).toBe(false);
    policy.statements[0] = {
      ...policy.statements[0]!,
      principals: ['*'],
      operation: { kind: 'audit', sampleRate: 0, findingsDestination: null, noFindingsDestination: null },
    };
    expect(evaluatePolicy(policy, { message: 'x', publisher: CLINIC_PUBLISHER, subscribers: [] }).result.audited).toBe(false);
  });

  it('leaves subscribers no outbound statement covers alone', () => {
    const other = 'arn:aws:iam::111122223333:role/Analytics';
    const { result, statements } = evaluatePolicy(clinic(), { message: CLINIC_MESSAGES.address, publisher: CLINIC_PUBLISHER, subscribers: [other] });
    expect(result.deliveries).toEqual([{ subscriber: other, delivered: true, statementSid: null }]);
    expect(statements[3]!.effect).toBe('not-covered');
  });
});
