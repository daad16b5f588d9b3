import 'server-only';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createAwsClient, usesSandbox, type AwsTargetRef } from '@/server/aws/clients';
import { toSfnError } from '@/server/aws/sfn-errors';

// CloudWatch Logs reads for the dashboards (Express workflows keep their history only here).

export interface LogEventRecord {
  timestamp: string;
  logStreamName: string | null;
  message: string;
}

/**
 * FilterLogEvents over a log group: up to `limit` events between `startTime` and `endTime`, with a
 * plain-term filter; `action` says what the caller was doing when it fails ("read the audit records").
 */
export async function filterLogEvents(
  ref: AwsTargetRef,
  request: { logGroupName: string; filterPattern?: string; startTime?: number; endTime?: number; limit: number; nextToken?: string },
  action = 'read the CloudWatch Logs of the workflow',
): Promise<{ events: LogEventRecord[]; nextToken: string | null }> {
  try {
    const out = await createAwsClient(CloudWatchLogsClient, ref).send(
      new FilterLogEventsCommand({
        logGroupName: request.logGroupName,
        limit: request.limit,
        ...(request.filterPattern ? { filterPattern: request.filterPattern } : {}),
        ...(request.startTime !== undefined ? { startTime: request.startTime } : {}),
        ...(request.endTime !== undefined ? { endTime: request.endTime } : {}),
        ...(request.nextToken ? { nextToken: request.nextToken } : {}),
      }),
    );
    return {
      events: (out.events ?? []).map((e) => ({
        timestamp: new Date(e.timestamp ?? 0).toISOString(),
        logStreamName: e.logStreamName ?? null,
        message: e.message ?? '',
      })),
      nextToken: out.nextToken ?? null,
    };
  } catch (err) {
    throw toSfnError(err, { action, targetName: ref.name, isSandbox: usesSandbox(ref) });
  }
}
