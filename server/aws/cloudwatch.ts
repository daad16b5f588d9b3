import 'server-only';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { createAwsClient, usesSandbox, type AwsTargetRef } from '@/server/aws/clients';
import { toSfnError } from '@/server/aws/sfn-errors';

// CloudWatch metrics reads: sums of a few metrics of one namespace and dimension over a time range.

export interface MetricSeries {
  metricName: string;
  points: { timestamp: string; value: number }[];
}

/** Sum per period of each metric (GetMetricData, every page), oldest point first. */
export async function getMetricSums(
  ref: AwsTargetRef,
  request: { namespace: string; metricNames: string[]; dimensions: Record<string, string>; start: Date; end: Date; periodSeconds: number },
): Promise<MetricSeries[]> {
  const dimensions = Object.entries(request.dimensions).map(([Name, Value]) => ({ Name, Value }));
  const queries = request.metricNames.map((metricName, i) => ({
    Id: `m${i}`,
    MetricStat: { Metric: { Namespace: request.namespace, MetricName: metricName, Dimensions: dimensions }, Period: request.periodSeconds, Stat: 'Sum' },
    ReturnData: true,
  }));
  const points = new Map<string, Map<string, number>>(request.metricNames.map((m) => [m, new Map()]));
  let nextToken: string | undefined;
  try {
    do {
      const out = await createAwsClient(CloudWatchClient, ref).send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: request.start,
          EndTime: request.end,
          ScanBy: 'TimestampAscending',
          NextToken: nextToken,
        }),
      );
      for (const result of out.MetricDataResults ?? []) {
        const name = request.metricNames[Number(result.Id?.slice(1))];
        if (!name) continue;
        (result.Timestamps ?? []).forEach((t, i) => points.get(name)!.set(t.toISOString(), result.Values?.[i] ?? 0));
      }
      nextToken = out.NextToken;
    } while (nextToken);
  } catch (err) {
    throw toSfnError(err, { action: 'read CloudWatch metrics (GetMetricData)', targetName: ref.name, isSandbox: usesSandbox(ref) });
  }
  return request.metricNames.map((metricName) => ({
    metricName,
    points: [...points.get(metricName)!.entries()].map(([timestamp, value]) => ({ timestamp, value })).sort((a, b) => a.timestamp.localeCompare(b.timestamp)),
  }));
}
