import 'server-only';
import type { AuditRecordDto } from '@/lib/sns/dto';

// SNS message data protection audit records, as SNS writes them to the policy's CloudWatch Logs
// destination (one JSON object per log event):
//   { messageId, auditTimestamp, callerPrincipal, resourceArn,
//     dataIdentifiers: [{ name, count, detections: [{ start, end }] }] }
// A record of a denied message also says which statement denied it and in which direction
// (`statementSid`, `dataDirection`: "Inbound" | "Outbound") and, outbound, whose subscription
// (`subscriptionArn` or `subscriberPrincipal`). Anything else in the group is not a record and is
// counted, not shown.

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);

function readIdentifiers(value: unknown): AuditRecordDto['dataIdentifiers'] | null {
  if (!Array.isArray(value)) return null;
  const out: AuditRecordDto['dataIdentifiers'] = [];
  for (const item of value) {
    if (!isObject(item) || !text(item.name)) return null;
    const detections = Array.isArray(item.detections)
      ? item.detections.flatMap((d) =>
          isObject(d) && count(d.start) !== null && count(d.end) !== null ? [{ start: d.start as number, end: d.end as number }] : [],
        )
      : [];
    out.push({ name: item.name as string, count: count(item.count) ?? detections.length, detections });
  }
  return out;
}

/** One audit record from a log event's message, or null when the event is not one. */
export function parseAuditRecord(message: string, logStreamName: string | null = null): AuditRecordDto | null {
  let doc: unknown;
  try {
    doc = JSON.parse(message);
  } catch {
    return null;
  }
  if (!isObject(doc)) return null;
  const messageId = text(doc.messageId);
  const timestamp = text(doc.auditTimestamp);
  const topicArn = text(doc.resourceArn);
  const dataIdentifiers = readIdentifiers(doc.dataIdentifiers ?? []);
  if (!messageId || !timestamp || Number.isNaN(Date.parse(timestamp)) || !topicArn || !dataIdentifiers) return null;
  const direction: 'Inbound' | 'Outbound' | null = doc.dataDirection === 'Inbound' || doc.dataDirection === 'Outbound' ? doc.dataDirection : null;
  const statementSid = text(doc.statementSid);
  const denial = direction && statementSid ? { statementSid, direction, subscriber: text(doc.subscriptionArn) ?? text(doc.subscriberPrincipal) } : null;
  return {
    messageId,
    timestamp: new Date(Date.parse(timestamp)).toISOString(),
    callerPrincipal: text(doc.callerPrincipal),
    topicArn,
    dataIdentifiers,
    outcome: denial ? (denial.direction === 'Inbound' ? 'denied-inbound' : 'denied-outbound') : 'audited',
    denial,
    logStreamName,
  };
}
