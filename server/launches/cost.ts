import 'server-only';
import { estimateLambdaCost } from '@/lib/cost/lambda-cost';
import { estimateSqsBatchCosts } from '@/lib/cost/sqs-batch-cost';
import { isPricedRegion } from '@/lib/cost/price-table';
import { toDollars, formatUsd } from '@/lib/cost/format';
import type { BlueprintFiles } from '@/server/blueprints/read-blueprint';

/** The monthly estimate for a launch: the blueprint's cost profile with the launch's parameter values. */
export function launchCostEstimate(blueprint: BlueprintFiles, values: Record<string, string>, region: string): { monthlyUsd: number; summary: string } | null {
  const profile = blueprint.metadata.cost;
  const pricedRegion = isPricedRegion(region) ? region : 'us-east-1';
  const fromParam = (input: string, fallback: number) => {
    const name = 'parameterMap' in profile ? profile.parameterMap[input] : undefined;
    const n = name !== undefined ? Number(values[name]) : NaN;
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  try {
    if (profile.kind === 'lambda') {
      const memoryMb = fromParam('memoryMb', profile.memoryMb);
      const e = estimateLambdaCost({
        architecture: ((profile.parameterMap.architecture && values[profile.parameterMap.architecture]) as 'x86_64' | 'arm64' | undefined) ?? profile.architecture,
        region: pricedRegion,
        memoryMb,
        durationMs: fromParam('durationMs', profile.durationMs),
        invocationsPerMonth: fromParam('invocationsPerMonth', profile.invocationsPerMonth),
        ephemeralStorageMb: profile.ephemeralStorageMb ?? 512,
        includeFreeTier: false,
      });
      return { monthlyUsd: toDollars(e.totalCost), summary: `${formatUsd(e.totalCost)}/month for Lambda at ${memoryMb} MB in ${pricedRegion}` };
    }
    if (profile.kind === 'sqs-batch') {
      const batchSize = fromParam('batchSize', profile.batchSize);
      const r = estimateSqsBatchCosts({
        messagesPerDay: fromParam('messagesPerDay', profile.messagesPerDay),
        batchSizes: [batchSize],
        baseMemoryMb: fromParam('baseMemoryMb', profile.baseMemoryMb),
        batchMemoryOverheadMb: profile.batchMemoryOverheadMb,
        batchIncrement: profile.batchIncrement,
        warmLatencyMs: profile.warmLatencyMs,
        perMessageMs: profile.perMessageMs,
        messageSizeKb: profile.messageSizeKb,
        batchingWindowS: fromParam('batchingWindowS', batchSize > 10 ? 1 : 0),
        architecture: profile.architecture,
        region: pricedRegion,
        includeFreeTier: false,
        includeSqsRequests: true,
      });
      const row = r.rows[0]!;
      return { monthlyUsd: toDollars(row.totalCost), summary: `${formatUsd(row.totalCost)}/month for batches of ${batchSize} in ${pricedRegion}${row.feasible ? '' : ` (${row.violations.map((x) => x.message).join('; ')})`}` };
    }
  } catch {
    // A parameter combination outside the model's range: the preview still works without an estimate.
    return null;
  }
  return null;
}
