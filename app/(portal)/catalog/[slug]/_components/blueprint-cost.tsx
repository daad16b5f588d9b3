import Link from 'next/link';
import type { ReactNode } from 'react';
import { DEFAULT_PROFILE_CONTEXT } from '@/server/cost/cost-profile';
import { estimateForLaunch } from '@/server/cost/launch-estimate';
import { formatDollars } from '@/lib/cost/number-format';
import { estimateQueueCost, estimateStepFunctionsCost, type ServiceCostEstimate } from '@/server/cost/service-costs';
import type { BlueprintCostProfileDto } from '@/lib/blueprints/types';

/** The monthly figure in large type, then what it is for. */
function MonthlyTotal({ dollars, children }: { dollars: Parameters<typeof formatDollars>[0]; children: ReactNode }) {
  return (
    <p>
      <span className="text-2xl font-semibold tabular-nums" data-testid="blueprint-cost-total">
        {formatDollars(dollars)}
      </span>{' '}
      {children}
    </p>
  );
}

/** A priced profile the estimator page does not model: the total, what it counts, and the arithmetic. */
function ServiceCost({ estimate, note }: { estimate: ServiceCostEstimate; note?: string }) {
  if (estimate.kind === 'unpriced') {
    return (
      <p className="text-sm text-slate-600" data-testid="blueprint-cost-unpriced">
        No dollar figure: {estimate.reason}
        {note ? ` ${note}` : ''}
      </p>
    );
  }
  return (
    <div className="space-y-2 text-sm">
      <MonthlyTotal dollars={estimate.totalCost}>
        a month in {DEFAULT_PROFILE_CONTEXT.region}, no free tier, for {estimate.usage}.
      </MonthlyTotal>
      <ul className="list-disc pl-5 text-slate-600" aria-label="How this is computed">
        {estimate.calculation.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {note && <p className="text-slate-600">{note}</p>}
    </div>
  );
}

/** The monthly estimate for a blueprint's cost profile at its defaults (server-rendered): a dollar figure, or why there is none. */
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
        <MonthlyTotal dollars={estimate.totalCost}>a month in {input.region}, no free tier.</MonthlyTotal>
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
        <MonthlyTotal dollars={row.totalCost}>
          a month in {estimate.input.region} for {estimate.input.messagesPerDay.toLocaleString()} messages a day in batches of {row.batchSize}.
        </MonthlyTotal>
        <p className="text-slate-600">
          Lambda {formatDollars(row.lambdaCost)} ({row.memoryMb} MB, {row.durationMs} ms per batch, {row.invocationsPerMonth.toLocaleString()} invocations)
          {row.sqsRequests ? ` + SQS requests ${formatDollars(row.sqsCost)} (${row.sqsRequests.totalRequests.toLocaleString()} requests)` : ''}.
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
        <ServiceCost
          estimate={estimateStepFunctionsCost(profile, DEFAULT_PROFILE_CONTEXT)}
          note="The workflow only: Lambda functions and services it calls are billed on their own (the cost estimator prices Lambda functions)."
        />
      );
    case 'sqs':
      return <ServiceCost estimate={estimateQueueCost(profile, DEFAULT_PROFILE_CONTEXT)} />;
    case 'none':
      return (
        <p className="text-sm text-slate-600" data-testid="blueprint-cost-unpriced">
          No dollar figure: {profile.note}
        </p>
      );
  }
}
