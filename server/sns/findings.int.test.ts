import { describe, expect, it } from 'vitest';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createAwsClient } from '@/server/aws/clients';
import { sandboxTargetRef } from '@/server/aws/test-support/sandbox-target';
import { readAuditPage } from '@/server/sns/findings';
import { addToAggregate, emptyAggregate } from '@/lib/sns/aggregate';
import type { AuditRecordDto } from '@/lib/sns/dto';

// Against the sandbox account: audit records written into a real CloudWatch Logs group the way SNS
// writes them (one JSON record per event, the post's fields), read back through FilterLogEvents page
// by page, parsed and aggregated.
const sandbox = sandboxTargetRef('sns-findings-int');
const unique = Math.random().toString(36).slice(2, 8);
const logGroup = `/aws/vendedlogs/slipway-int-${unique}`;
const topicArn = `arn:aws:sns:${sandbox.region}:${sandbox.accountId}:Clinic-${unique}`;
const admin = `arn:aws:iam::${sandbox.accountId}:role/Admin`;
const scheduling = `arn:aws:iam::${sandbox.accountId}:role/SchedulingRole`;

const record = (messageId: string, at: number, over: Record<string, unknown> = {}) => ({
  messageId,
  auditTimestamp: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  callerPrincipal: admin,
  resourceArn: topicArn,
  dataIdentifiers: [],
  ...over,
});

describe('audit records in a sandbox log group', () => {
  it('are read page by page, parsed and aggregated; other topics and other lines are left out', async () => {
    const logs = createAwsClient(CloudWatchLogsClient, sandbox);
    await logs.send(new CreateLogGroupCommand({ logGroupName: logGroup }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: logGroup, logStreamName: 'audit' }));
    const now = Date.now();
    const ssn = { name: 'Ssn-US', count: 1, detections: [{ start: 5, end: 15 }] };
    const messages = [
      record('m-ssn', now - 5000, { dataIdentifiers: [ssn], statementSid: 'deny-inbound', dataDirection: 'Inbound' }),
      record('m-address', now - 4000, {
        dataIdentifiers: [{ name: 'Address', count: 1, detections: [{ start: 0, end: 33 }] }],
        statementSid: 'deny-outbound-scheduling',
        dataDirection: 'Outbound',
        subscriberPrincipal: scheduling,
      }),
      record('m-ndc', now - 3000, { dataIdentifiers: [{ name: 'NationalDrugCode-US', count: 1, detections: [{ start: 5, end: 16 }] }] }),
      record('m-clean', now - 2000),
      { ...record('m-other-topic', now - 1500, { dataIdentifiers: [ssn] }), resourceArn: `${topicArn}-other` },
    ].map((m, i) => ({ timestamp: now - 5000 + i * 500, message: JSON.stringify(m) }));
    messages.push({ timestamp: now - 1000, message: 'not an audit record' });
    await logs.send(new PutLogEventsCommand({ logGroupName: logGroup, logStreamName: 'audit', logEvents: messages }));

    const from = now - 60_000;
    const to = now + 60_000;
    const records: AuditRecordDto[] = [];
    let aggregate = emptyAggregate(from, to);
    let unparsed = 0;
    let pages = 0;
    let nextToken: string | undefined;
    do {
      const page = await readAuditPage(sandbox, { logGroup, topicArn, from, to, limit: 2, nextToken });
      records.push(...page.records);
      aggregate = addToAggregate(aggregate, page.records);
      unparsed += page.unparsed;
      nextToken = page.nextToken ?? undefined;
      pages++;
    } while (nextToken && pages < 10);

    expect(pages).toBeGreaterThan(1);
    expect(unparsed).toBe(1);
    expect(records.map((r) => [r.messageId, r.outcome, r.denial?.statementSid ?? null])).toEqual([
      ['m-ssn', 'denied-inbound', 'deny-inbound'],
      ['m-address', 'denied-outbound', 'deny-outbound-scheduling'],
      ['m-ndc', 'audited', null],
      ['m-clean', 'audited', null],
    ]);
    expect(records[0]!.dataIdentifiers).toEqual([ssn]);
    expect(records[1]!.denial).toEqual({ statementSid: 'deny-outbound-scheduling', direction: 'Outbound', subscriber: scheduling });
    expect(aggregate.records).toBe(4);
    expect(aggregate.withFindings).toBe(3);
    expect(aggregate.byOutcome).toEqual({ audited: 2, 'denied-inbound': 1, 'denied-outbound': 1 });
    expect(aggregate.byIdentifier.map((i) => i.name).sort()).toEqual(['Address', 'NationalDrugCode-US', 'Ssn-US']);
  });

  it('narrows to the time range', async () => {
    const page = await readAuditPage(sandbox, { logGroup, topicArn, from: Date.now() + 3_600_000, to: Date.now() + 7_200_000, limit: 100 });
    expect(page.records).toEqual([]);
  });

  it('says the group does not exist when it does not', async () => {
    await expect(readAuditPage(sandbox, { logGroup: `${logGroup}-missing`, topicArn, from: 0, to: Date.now(), limit: 10 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
