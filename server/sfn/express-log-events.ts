import 'server-only';
import type { ExpressLogEventDto } from '@/lib/sfn/dto';

// Express workflows record their executions only in CloudWatch Logs, one JSON record per event:
// `{ "id", "type": "ExecutionStarted", "details": {...}, "execution_arn", "event_timestamp", ... }`.

interface LogRecordLike {
  timestamp: string;
  logStreamName: string | null;
  message: string;
}

/** A log event with the Step Functions fields pulled out of its JSON message (plain text stays as it is). */
export function toExpressLogEvent(record: LogRecordLike): ExpressLogEventDto {
  let type: string | null = null;
  let executionArn: string | null = null;
  let eventId: number | null = null;
  try {
    const parsed = JSON.parse(record.message) as { type?: unknown; execution_arn?: unknown; id?: unknown };
    if (typeof parsed.type === 'string') type = parsed.type;
    if (typeof parsed.execution_arn === 'string') executionArn = parsed.execution_arn;
    const id = Number(parsed.id);
    if (parsed.id !== undefined && Number.isInteger(id)) eventId = id;
  } catch {
    // Not JSON: a plain log line.
  }
  return { timestamp: record.timestamp, logStreamName: record.logStreamName, type, executionArn, eventId, message: record.message };
}

/** Newest first, as a dashboard reads them; events of one execution in the same millisecond by their id. */
export function newestFirst(events: readonly ExpressLogEventDto[]): ExpressLogEventDto[] {
  return [...events].sort(
    (a, b) =>
      Date.parse(b.timestamp) - Date.parse(a.timestamp) ||
      (a.executionArn !== null && a.executionArn === b.executionArn ? (b.eventId ?? 0) - (a.eventId ?? 0) : 0),
  );
}
