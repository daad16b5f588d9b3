import Link from 'next/link';
import { estimateLambdaCost } from '@/lib/cost/lambda-cost';
import { estimateSqsBatchCosts } from '@/lib/cost/sqs-batch-cost';
import { formatUsd } from '@/lib/cost/format';
import type { BlueprintCostProfileDto } from '@/lib/blueprints/types';

const REGION = 'us-east-1';

/** The monthly estimate for a blueprint's cost profile at its defaults (server-rendered). */
export function BlueprintCost({ slug, profile }: { slug: string; profile: BlueprintCostProfileDto }) {
  const estimator = (
    <Link href={`/cost?blueprint=${slug}`} className="text-sm text-brand-600 underline">
      Explore in the cost estimator
    </Link>
  );
  switch (profile.kind) {
    case 'lambda': {
      const e = estimateLambdaCost({
        architecture: profile.architecture,
        region: REGION,
        memoryMb: profile.memoryMb,
        durationMs: profile.durationMs,
        invocationsPerMonth: profile.invocationsPerMonth,
        ephemeralStorageMb: profile.ephemeralStorageMb ?? 512,
        includeFreeTier: false,
      });
      return (
        <div className="space-y-2 text-sm">
          <p>
            <span className="text-2xl font-semibold tabular-nums" data-testid="blueprint-cost-total">
              {formatUsd(e.totalCost)}
            </span>{' '}
            a month in {REGION}, no free tier.
          </p>
          <p className="text-slate-600">
            {profile.invocationsPerMonth.toLocaleString()} invocations × {profile.durationMs} ms at {profile.memoryMb} MB on {profile.architecture}.
          </p>
          {estimator}
        </div>
      );
    }
    case 'sqs-batch': {
      const r = estimateSqsBatchCosts({
        messagesPerDay: profile.messagesPerDay,
        batchSizes: [profile.batchSize],
        baseMemoryMb: profile.baseMemoryMb,
        batchMemoryOverheadMb: profile.batchMemoryOverheadMb,
        batchIncrement: profile.batchIncrement,
        warmLatencyMs: profile.warmLatencyMs,
        perMessageMs: profile.perMessageMs,
        messageSizeKb: profile.messageSizeKb,
        batchingWindowS: profile.batchSize > 10 ? 1 : 0,
        architecture: profile.architecture,
        region: REGION,
        includeFreeTier: false,
        includeSqsRequests: true,
      });
      const row = r.rows[0]!;
      return (
        <div className="space-y-2 text-sm">
          <p>
            <span className="text-2xl font-semibold tabular-nums" data-testid="blueprint-cost-total">
              {formatUsd(row.totalCost)}
            </span>{' '}
            a month in {REGION} for {profile.messagesPerDay.toLocaleString()} messages a day in batches of {profile.batchSize}, SQS requests included.
          </p>
          <p className="text-slate-600">
            {row.memoryMb} MB, {row.durationMs} ms per batch, {row.invocationsPerMonth.toLocaleString()} invocations a month.
          </p>
          {estimator}
        </div>
      );
    }
    case 'stepfunctions':
      return (
        <p className="text-sm text-slate-600">
          {profile.workflowType === 'STANDARD'
            ? `Standard workflow: about ${(profile.executionsPerMonth * profile.transitionsPerExecution).toLocaleString()} state transitions a month (${profile.executionsPerMonth.toLocaleString()} executions × ${profile.transitionsPerExecution}).`
            : `Express workflow: ${profile.executionsPerMonth.toLocaleString()} requests a month billed by duration and memory.`}{' '}
          Lambda functions it calls can be estimated in the cost estimator.
        </p>
      );
    case 'sqs':
      return (
        <p className="text-sm text-slate-600">
          SQS requests only: {profile.messagesPerDay.toLocaleString()} messages a day × {profile.requestsPerMessage} requests each.
        </p>
      );
    case 'none':
      return <p className="text-sm text-slate-600">{profile.note}</p>;
  }
}
