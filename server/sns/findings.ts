import 'server-only';
import { AppError } from '@/server/errors';
import { filterLogEvents } from '@/server/aws/logs';
import { getMetricSums } from '@/server/aws/cloudwatch';
import { getDataProtectionPolicy } from '@/server/aws/sns';
import { requireTopicRead, type TopicAccess } from '@/server/sns/access';
import { parseAuditRecord } from '@/server/sns/audit-records';
import { addToAggregate, emptyAggregate } from '@/lib/sns/aggregate';
import { parseDataProtectionPolicy } from '@/lib/sns/policy';
import type { FindingMetricsDto, FindingsPageDto } from '@/lib/sns/dto';
import type { FindingMetricsQuery, FindingsQuery } from '@/lib/schemas/sns';
import type { Actor } from '@/server/auth/actor';
import type { AwsTargetRef } from '@/server/aws/clients';

// The Findings page's reads: audit records from the CloudWatch Logs group the topic's policy sends
// findings to (FilterLogEvents, one page per request, so a large group is read page by page and
// never whole), and SNS's MessageWithFindings / MessageWithNoFindings metrics.

const DAY_MS = 86_400_000;

function timeRange(query: { from?: string; to?: string }): { from: number; to: number } {
  const to = query.to ? Date.parse(query.to) : Date.now();
  const from = query.from ? Date.parse(query.from) : to - DAY_MS;
  return { from, to };
}

/** The log group the policy's audit statement sends findings to (else its no-findings group). */
async function auditLogGroup(topic: TopicAccess): Promise<string> {
  const document = await getDataProtectionPolicy(topic.ref, topic.topicArn);
  if (document === null) throw new AppError('NOT_FOUND', `Topic ${topic.topicName} has no data protection policy, so it writes no audit records.`);
  const parsed = parseDataProtectionPolicy(document);
  if (!parsed.ok) throw new AppError('UPSTREAM', `SNS returned a data protection policy for ${topic.topicName} that Slipway cannot read.`);
  for (const s of parsed.policy.statements) {
    if (s.operation.kind !== 'audit') continue;
    const group = s.operation.findingsDestination?.cloudWatchLogsGroup ?? s.operation.noFindingsDestination?.cloudWatchLogsGroup;
    if (group) return group;
  }
  throw new AppError(
    'BAD_REQUEST',
    `The data protection policy of ${topic.topicName} sends audit records to no CloudWatch Logs group (only to S3 or Firehose, or it has no Audit statement); Slipway reads findings from CloudWatch Logs only.`,
  );
}

/**
 * One FilterLogEvents page of a log group between `from` and `to`, parsed: the topic's audit records
 * (a group may collect several topics'), how many events were not records, and the page's aggregate.
 */
export async function readAuditPage(
  ref: AwsTargetRef,
  request: { logGroup: string; topicArn: string; from: number; to: number; limit: number; nextToken?: string },
): Promise<FindingsPageDto> {
  const page = await filterLogEvents(
    ref,
    {
      logGroupName: request.logGroup,
      startTime: request.from,
      endTime: request.to,
      limit: request.limit,
      ...(request.nextToken ? { nextToken: request.nextToken } : {}),
    },
    `read the audit records in ${request.logGroup}`,
  );
  const records = [];
  let unparsed = 0;
  for (const event of page.events) {
    const record = parseAuditRecord(event.message, event.logStreamName);
    if (record && record.topicArn === request.topicArn) records.push(record);
    else if (!record) unparsed++;
  }
  return {
    topicArn: request.topicArn,
    logGroup: request.logGroup,
    from: new Date(request.from).toISOString(),
    to: new Date(request.to).toISOString(),
    records,
    unparsed,
    nextToken: page.nextToken,
    aggregate: addToAggregate(emptyAggregate(request.from, request.to), records),
  };
}

/** One page of a topic's audit records in a time range, parsed, with this page's aggregate. */
export async function listTopicFindings(actor: Actor, topicArn: string, query: FindingsQuery): Promise<FindingsPageDto> {
  const topic = await requireTopicRead(actor, topicArn, 'read its audit findings');
  const logGroup = await auditLogGroup(topic);
  const { from, to } = timeRange(query);
  return readAuditPage(topic.ref, { logGroup, topicArn, from, to, limit: query.limit, ...(query.nextToken ? { nextToken: query.nextToken } : {}) });
}

/** A period giving at most about 100 points over the range, a multiple of 60 s as CloudWatch wants. */
function choosePeriod(from: number, to: number): number {
  return Math.max(60, Math.ceil((to - from) / 100 / 60_000) * 60);
}

/** MessageWithFindings and MessageWithNoFindings (AWS/SNS, per TopicName) summed per period. */
export async function getFindingMetrics(actor: Actor, topicArn: string, query: FindingMetricsQuery): Promise<FindingMetricsDto> {
  const topic = await requireTopicRead(actor, topicArn, 'read its data protection metrics');
  const { from, to } = timeRange(query);
  const periodSeconds = query.periodSeconds ?? choosePeriod(from, to);
  const [withFindings, withNoFindings] = await getMetricSums(topic.ref, {
    namespace: 'AWS/SNS',
    metricNames: ['MessageWithFindings', 'MessageWithNoFindings'],
    dimensions: { TopicName: topic.topicName },
    start: new Date(from),
    end: new Date(to),
    periodSeconds,
  });
  const byTime = new Map<string, { timestamp: string; withFindings: number; withNoFindings: number }>();
  const at = (timestamp: string) => byTime.get(timestamp) ?? byTime.set(timestamp, { timestamp, withFindings: 0, withNoFindings: 0 }).get(timestamp)!;
  for (const p of withFindings!.points) at(p.timestamp).withFindings = p.value;
  for (const p of withNoFindings!.points) at(p.timestamp).withNoFindings = p.value;
  return {
    topicArn,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    periodSeconds,
    points: [...byTime.values()].sort((a, b) => a.timestamp.localeCompare(b.timestamp)),
  };
}
