import type { Detection } from './detectors';
import type { DataProtectionPolicy } from './policy';
import type { TargetSummaryDto } from '@/lib/sfn/dto';
import type { ResourceAccessDto, ResourceOwnerDto } from '@/lib/tenancy/dto';

// What the SNS data protection dashboard's server functions return and its API answers: plain JSON,
// dates as ISO 8601 text.

/** A topic's policy as the list shows it: attached (with its shape), or could not be read. */
export type TopicPolicyStateDto =
  | { status: 'attached'; name: string; statements: number; inbound: number; outbound: number; audits: boolean; denies: boolean }
  | { status: 'unreadable'; message: string };

export interface SnsTopicSummaryDto {
  arn: string;
  name: string;
  owner: ResourceOwnerDto;
  access: ResourceAccessDto;
  policy: TopicPolicyStateDto;
}

export interface SnsTopicListDto {
  target: TargetSummaryDto;
  /** Topics with a policy (or whose policy could not be read), sorted by name, this page only. */
  topics: SnsTopicSummaryDto[];
  page: number;
  pageSize: number;
  /** Topics with a policy (or unreadable) in the whole region or launch. */
  total: number;
  /** Topics looked at (with and without a policy). */
  scanned: number;
  launch?: { id: string; stackName: string };
}

export interface SnsTopicPolicyDto {
  topic: { arn: string; name: string; target: TargetSummaryDto; owner: ResourceOwnerDto };
  policy: DataProtectionPolicy;
  /** The policy as SNS returned it. */
  document: string;
  /** Identifiers the policy names that Slipway has no detector for. */
  undetectable: string[];
}

export type AuditOutcome = 'audited' | 'denied-inbound' | 'denied-outbound';

export interface AuditRecordDto {
  messageId: string;
  /** `auditTimestamp` of the record. */
  timestamp: string;
  callerPrincipal: string | null;
  topicArn: string;
  dataIdentifiers: { name: string; count: number; detections: Detection[] }[];
  outcome: AuditOutcome;
  /** For denials: the statement and direction (and, outbound, the subscription or its owner). */
  denial: { statementSid: string | null; direction: 'Inbound' | 'Outbound'; subscriber: string | null } | null;
  logStreamName: string | null;
}

export interface FindingsAggregateDto {
  records: number;
  withFindings: number;
  byIdentifier: { name: string; findings: number; messages: number }[];
  byPrincipal: { principal: string; messages: number; findings: number; denied: number }[];
  byOutcome: Record<AuditOutcome, number>;
  /** Findings per identifier in each time bucket, oldest first. */
  overTime: { start: string; counts: Record<string, number> }[];
  bucketMs: number;
}

export interface FindingsPageDto {
  topicArn: string;
  logGroup: string;
  from: string;
  to: string;
  records: AuditRecordDto[];
  /** Log events in this page that are not audit records (skipped, counted). */
  unparsed: number;
  nextToken: string | null;
  aggregate: FindingsAggregateDto;
}

export interface FindingMetricsDto {
  topicArn: string;
  from: string;
  to: string;
  periodSeconds: number;
  points: { timestamp: string; withFindings: number; withNoFindings: number }[];
}
