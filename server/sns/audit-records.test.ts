import { describe, expect, it } from 'vitest';
import { parseAuditRecord } from './audit-records';
import { addToAggregate, chooseBucketMs, emptyAggregate } from '@/lib/sns/aggregate';

// The record from "Introducing message data protection for Amazon SNS" (step 3), field for field.
const POST_RECORD = {
  messageId: '77ec5f0c-5129-5429-b01d-0457b965c0ac',
  auditTimestamp: '2022-07-28T01:27:40Z',
  callerPrincipal: 'arn:aws:iam::111222333444:role/Admin',
  resourceArn: 'arn:aws:sns:us-east-1:111222333444:SampleClinic',
  dataIdentifiers: [{ name: 'Ssn-US', count: 1, detections: [{ start: 5, end: 15 }] }],
};

describe('parseAuditRecord', () => {
  it("reads the post's audit record", () => {
    expect(parseAuditRecord(JSON.stringify(POST_RECORD), 'stream-1')).toEqual({
      messageId: '77ec5f0c-5129-5429-b01d-0457b965c0ac',
      timestamp: '2022-07-28T01:27:40.000Z',
      callerPrincipal: 'arn:aws:iam::111222333444:role/Admin',
      topicArn: 'arn:aws:sns:us-east-1:111222333444:SampleClinic',
      dataIdentifiers: [{ name: 'Ssn-US', count: 1, detections: [{ start: 5, end: 15 }] }],
      outcome: 'audited',
      denial: null,
      logStreamName: 'stream-1',
    });
  });

  it('reads an inbound denial and an outbound one with its subscriber', () => {
    const inbound = parseAuditRecord(JSON.stringify({ ...POST_RECORD, statementSid: 'deny-inbound', dataDirection: 'Inbound' }));
    expect(inbound).toMatchObject({ outcome: 'denied-inbound', denial: { statementSid: 'deny-inbound', direction: 'Inbound', subscriber: null } });
    const sub = 'arn:aws:sns:us-east-1:111222333444:SampleClinic:0b4d2f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    const outbound = parseAuditRecord(
      JSON.stringify({ ...POST_RECORD, statementSid: 'deny-outbound-scheduling', dataDirection: 'Outbound', subscriptionArn: sub }),
    );
    expect(outbound).toMatchObject({
      outcome: 'denied-outbound',
      denial: { statementSid: 'deny-outbound-scheduling', direction: 'Outbound', subscriber: sub },
    });
  });

  it('reads a record without findings (NoFindingsDestination) as audited with no identifiers', () => {
    const { dataIdentifiers: _, ...rest } = POST_RECORD;
    expect(parseAuditRecord(JSON.stringify(rest))).toMatchObject({ dataIdentifiers: [], outcome: 'audited' });
  });

  it.each([
    ['not JSON', 'START RequestId: 1'],
    ['an array', '[]'],
    ['no messageId', JSON.stringify({ ...POST_RECORD, messageId: undefined })],
    ['a bad timestamp', JSON.stringify({ ...POST_RECORD, auditTimestamp: 'yesterday' })],
    ['identifiers that are not a list', JSON.stringify({ ...POST_RECORD, dataIdentifiers: 'Ssn-US' })],
  ])('refuses %s', (_, message) => {
    expect(parseAuditRecord(message)).toBeNull();
  });
});

describe('addToAggregate', () => {
  const record = (over: Partial<Record<string, unknown>>) => parseAuditRecord(JSON.stringify({ ...POST_RECORD, ...over }))!;

  it('counts findings by identifier, principal, outcome and time bucket, page after page', () => {
    const from = Date.parse('2022-07-28T00:00:00Z');
    const to = Date.parse('2022-07-29T00:00:00Z');
    let agg = emptyAggregate(from, to);
    expect(agg.bucketMs).toBe(3_600_000);
    agg = addToAggregate(agg, [record({}), record({ statementSid: 'deny-inbound', dataDirection: 'Inbound' })]);
    agg = addToAggregate(agg, [
      record({
        auditTimestamp: '2022-07-28T03:10:00Z',
        callerPrincipal: 'arn:aws:iam::111222333444:role/Clinic',
        dataIdentifiers: [
          { name: 'Address', count: 2, detections: [] },
          { name: 'Ssn-US', count: 1, detections: [] },
        ],
      }),
      record({ dataIdentifiers: [] }),
    ]);
    expect(agg.records).toBe(4);
    expect(agg.withFindings).toBe(3);
    expect(agg.byIdentifier).toEqual([
      { name: 'Ssn-US', findings: 3, messages: 3 },
      { name: 'Address', findings: 2, messages: 1 },
    ]);
    expect(agg.byPrincipal).toEqual([
      { principal: 'arn:aws:iam::111222333444:role/Admin', messages: 3, findings: 2, denied: 1 },
      { principal: 'arn:aws:iam::111222333444:role/Clinic', messages: 1, findings: 3, denied: 0 },
    ]);
    expect(agg.byOutcome).toEqual({ audited: 3, 'denied-inbound': 1, 'denied-outbound': 0 });
    expect(agg.overTime).toEqual([
      { start: '2022-07-28T01:00:00.000Z', counts: { 'Ssn-US': 2 } },
      { start: '2022-07-28T03:00:00.000Z', counts: { Address: 2, 'Ssn-US': 1 } },
    ]);
  });

  it('picks readable bucket sizes', () => {
    expect(chooseBucketMs(0, 3_600_000)).toBe(300_000);
    expect(chooseBucketMs(0, 30 * 86_400_000)).toBe(86_400_000);
  });
});
