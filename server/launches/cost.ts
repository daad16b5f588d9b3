import 'server-only';
import { estimateForLaunch } from '@/server/cost/launch-estimate';
import { formatDollars } from '@/lib/cost/number-format';
import { isPricedRegion } from '@/lib/cost/price-table';
import type { BlueprintFiles } from '@/server/blueprints/read-blueprint';

/** The monthly estimate for a launch: the blueprint's cost profile with the launch's parameter values, in its region. */
export function launchCostEstimate(blueprint: BlueprintFiles, values: Record<string, string>, region: string): { monthlyUsd: number; summary: string } | null {
  const pricedRegion = isPricedRegion(region) ? region : 'us-east-1';
  const estimate = estimateForLaunch(blueprint.metadata.cost, values, undefined, { region: pricedRegion, includeFreeTier: false });
  if (!estimate) return null;
  if (estimate.kind === 'invalid') {
    return { monthlyUsd: 0, summary: `No estimate: ${Object.values(estimate.fields).flat().join('; ')}` };
  }
  const where = pricedRegion === region ? region : `${pricedRegion} prices (${region} is not in the price table)`;
  if (estimate.kind === 'lambda') {
    return { monthlyUsd: estimate.totalCost, summary: `${formatDollars(estimate.totalCost)}/month for Lambda at ${estimate.input.memoryMb} MB, ${where}` };
  }
  const row = estimate.estimate.rows[0];
  const limits = row && !row.feasible ? ` — breaks ${row.violations.map((v) => v.message).join('; ')}` : '';
  return {
    monthlyUsd: estimate.totalCost,
    summary: `${formatDollars(estimate.totalCost)}/month for batches of ${estimate.input.batchSizes[0]}, ${where}${limits}`,
  };
}
