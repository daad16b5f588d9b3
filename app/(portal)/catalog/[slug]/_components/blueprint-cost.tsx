import Link from 'next/link';
import { estimateForLaunch } from '@/server/cost/launch-estimate';
import { formatDollars } from '@/lib/cost/number-format';
import type { BlueprintCostProfileDto } from '@/lib/blueprints/types';

/** The monthly estimate for a blueprint's cost profile at its defaults (server-rendered). */
export function BlueprintCost({ slug, profile }: { slug: string; profile: BlueprintCostProfileDto }) {
  const estimator = (
    <Link href={`/cost?blueprint=${slug}`} className="text-sm text-brand-600 underline">
      Explore in the cost estimator
    </Link>
  );
  // The profile at its own figures, through the same model the launch preview and the estimator use.
  const estimate = estimateForLaunch(profile, {});
  if (estimate?.kind === 'lambda') {
    const { input } = estimate;
    return (
      <div className="space-y-2 text-sm">
        <p>
          <span className="text-2xl font-semibold tabular-nums" data-testid="blueprint-cost-total">
            {formatDollars(estimate.totalCost)}
          </span>{' '}
          a month in {input.region}, no free tier.
        </p>
        <p className="text-slate-600">
          {input.invocationsPerMonth.toLocaleString()} invocations × {input.durationMs} ms at {input.memoryMb} MB on {input.architecture}.
        </p>
        {estimator}
      </div>
    );
  }
  if (estimate?.kind === 'sqs-batch') {
    const row = estimate.estimate.rows[0]!;
    return (
      <div className="space-y-2 text-sm">
        <p>
          <span className="text-2xl font-semibold tabular-nums" data-testid="blueprint-cost-total">
            {formatDollars(row.totalCost)}
          </span>{' '}
          a month in {estimate.input.region} for {estimate.input.messagesPerDay.toLocaleString()} messages a day in batches of {row.batchSize}.
        </p>
        <p className="text-slate-600">
          {row.memoryMb} MB, {row.durationMs} ms per batch, {row.invocationsPerMonth.toLocaleString()} invocations a month.
        </p>
        {estimator}
      </div>
    );
  }
  switch (profile.kind) {
    case 'lambda':
    case 'sqs-batch':
      return <p className="text-sm text-slate-600">This blueprint’s cost profile is outside the estimator’s range. {estimator}</p>;
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
