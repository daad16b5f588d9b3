import type { SqsBatchInput } from '@/lib/schemas/cost';

import type { BatchRule } from './batch-limits';
import { toDollars } from './format';
import { type PriceTableRef, estimateLambdaCost } from './lambda-cost';
import { MIN_EPHEMERAL_STORAGE_MB } from './limits';
import { ARCHITECTURES, type Architecture, PRICE_TABLE, type PriceTable } from './price-table';
import { type PricedBatches, describeAssumptions, findCheapestFeasible, planBatchSizes, priceBatchPlans, rowTotalDollars } from './sqs-batch-cost';
import { invocationsPerMonth, sizeBatch } from './sqs-batch';

/**
 * Every series the cost page charts, from one pass over batch sizes × daily volumes × architectures.
 * Amounts are dollars rounded to the cent (chart-ready numbers); the exact model is underneath.
 */

/** The batch sizes the SQS cost post's estimator tool compares. */
export const DEFAULT_BATCH_SIZES: readonly number[] = [1, 5, 10, 20, 50, 100, 200, 400, 500, 600, 1000, 1500, 2000, 5000, 10000];

/** Daily message volumes the post's tool sweeps (0.1 to 250 million a day). */
export const DEFAULT_MESSAGES_PER_DAY: readonly number[] = [
  100_000, 500_000, 1_000_000, 5_000_000, 10_000_000, 15_000_000, 20_000_000, 50_000_000, 100_000_000, 200_000_000, 250_000_000,
];

/** Everything but the batch sizes; `messagesPerDay` and `architecture` pick the highlighted scenario. */
export type CostGridBaseInput = Omit<SqsBatchInput, 'batchSizes'>;

/**
 * The sample `input.prop` of the post's tool, at its highlighted volume of 10 million messages a day.
 * The tool has no message size or batching window; 4 KB messages and a 1 s window are our defaults.
 */
export const DEFAULT_COST_GRID_BASE: CostGridBaseInput = {
  messagesPerDay: 10_000_000,
  baseMemoryMb: 256,
  batchMemoryOverheadMb: 128,
  batchIncrement: 300,
  warmLatencyMs: 20,
  perMessageMs: 10,
  messageSizeKb: 4,
  batchingWindowS: 1,
  architecture: 'x86_64',
  region: 'us-east-1',
  includeFreeTier: true,
  includeSqsRequests: true,
};

export interface CostGridInput {
  readonly base: CostGridBaseInput;
  readonly batchSizes?: readonly number[];
  readonly volumes?: readonly number[];
  readonly architectures?: readonly Architecture[];
}

export interface CostGrid {
  readonly priceTable: PriceTableRef;
  /** The highlighted scenario: the base input's volume and architecture. */
  readonly selected: {
    readonly messagesPerDay: number;
    readonly architecture: Architecture;
    readonly cheapestFeasibleBatchSize: number | null;
  };
  /** Monthly cost against messages per day, one series per batch size and architecture. */
  readonly costByVolume: readonly {
    readonly batchSize: number;
    readonly architecture: Architecture;
    readonly feasible: boolean;
    readonly points: readonly { readonly messagesPerDay: number; readonly totalCost: number }[];
  }[];
  /** Monthly cost per batch size at the selected volume and architecture, cheapest feasible marked. */
  readonly costByBatchSize: readonly {
    readonly batchSize: number;
    readonly totalCost: number;
    readonly lambdaCost: number;
    readonly sqsCost: number;
    readonly feasible: boolean;
    readonly isCheapest: boolean;
    readonly violations: readonly BatchRule[];
  }[];
  readonly memoryAndDuration: readonly {
    readonly batchSize: number;
    readonly memoryMb: number;
    readonly durationMs: number;
    readonly feasible: boolean;
  }[];
  /** Where the money goes for the recommended batch size (or the first one if none is feasible). */
  readonly costSplit: {
    readonly batchSize: number;
    readonly tiers: readonly { readonly label: string; readonly gbSeconds: number; readonly cost: number }[];
    readonly lineItems: readonly { readonly label: string; readonly cost: number }[];
  } | null;
  /** Cost per batch size at the selected volume, one key per architecture compared. */
  readonly architectureComparison: readonly ({ readonly batchSize: number } & Partial<Record<Architecture, number>>)[];
  readonly assumptions: readonly string[];
}

export function computeCostGrid(
  { base, batchSizes = DEFAULT_BATCH_SIZES, volumes = DEFAULT_MESSAGES_PER_DAY, architectures = ARCHITECTURES }: CostGridInput,
  table: PriceTable = PRICE_TABLE,
): CostGrid {
  // Shapes and limits depend only on the batch size, so they are worked out once for the whole grid.
  const plans = planBatchSizes({ ...base, batchSizes: [...batchSizes] });
  const priced = new Map<string, PricedBatches>();
  const priceAt = (architecture: Architecture, messagesPerDay: number): PricedBatches => {
    const cacheKey = `${architecture}@${messagesPerDay}`;
    let result = priced.get(cacheKey);
    if (!result) {
      result = priceBatchPlans(plans, { ...base, architecture, messagesPerDay }, table);
      priced.set(cacheKey, result);
    }
    return result;
  };

  const selected = priceAt(base.architecture, base.messagesPerDay);
  const cheapest = findCheapestFeasible(selected.rows);

  return {
    priceTable: { id: table.id, effectiveDate: table.effectiveDate, region: base.region },
    selected: {
      messagesPerDay: base.messagesPerDay,
      architecture: base.architecture,
      cheapestFeasibleBatchSize: cheapest,
    },
    costByVolume: architectures.flatMap((architecture) =>
      plans.map((plan, index) => ({
        batchSize: plan.shape.batchSize,
        architecture,
        feasible: plan.violations.length === 0,
        points: volumes.map((messagesPerDay) => ({
          messagesPerDay,
          totalCost: dollarsAt(priceAt(architecture, messagesPerDay), index),
        })),
      })),
    ),
    costByBatchSize: selected.rows.map((row) => ({
      batchSize: row.batchSize,
      totalCost: rowTotalDollars(row),
      lambdaCost: toDollars(row.lambdaCost),
      sqsCost: toDollars(row.sqsCost),
      feasible: row.feasible,
      isCheapest: row.batchSize === cheapest,
      violations: row.violations.map((violation) => violation.rule),
    })),
    memoryAndDuration: plans.map(({ shape, violations }) => ({
      batchSize: shape.batchSize,
      memoryMb: shape.memoryMb,
      durationMs: shape.durationMs,
      feasible: violations.length === 0,
    })),
    costSplit: splitCost(base, cheapest ?? batchSizes[0], selected, table),
    architectureComparison: plans.map((plan, index) => {
      const point: { batchSize: number } & Partial<Record<Architecture, number>> = { batchSize: plan.shape.batchSize };
      for (const architecture of architectures) {
        point[architecture] = dollarsAt(priceAt(architecture, base.messagesPerDay), index);
      }
      return point;
    }),
    assumptions: describeAssumptions(base),
  };
}

function splitCost(base: CostGridBaseInput, batchSize: number | undefined, selected: PricedBatches, table: PriceTable): CostGrid['costSplit'] {
  if (batchSize === undefined) return null;
  const shape = sizeBatch(batchSize, base);
  const estimate = estimateLambdaCost(
    {
      architecture: base.architecture,
      region: base.region,
      memoryMb: shape.memoryMb,
      durationMs: shape.durationMs,
      invocationsPerMonth: invocationsPerMonth(base.messagesPerDay, batchSize),
      ephemeralStorageMb: MIN_EPHEMERAL_STORAGE_MB,
      includeFreeTier: base.includeFreeTier,
    },
    table,
  );
  const lineItems = estimate.lineItems.map((item) => ({ label: item.label, cost: toDollars(item.cost) }));
  const sqs = selected.sqsCharges[selected.rows.findIndex((row) => row.batchSize === batchSize)];
  if (sqs) lineItems.push({ label: 'SQS requests', cost: toDollars(sqs.cost) });
  return {
    batchSize,
    tiers: estimate.tiers.map((tier, index) => ({
      label: `Tier ${index + 1}`,
      gbSeconds: tier.gbSeconds.toNumber(),
      cost: toDollars(tier.cost),
    })),
    lineItems,
  };
}

function dollarsAt(result: PricedBatches, rowIndex: number): number {
  const row = result.rows[rowIndex];
  return row ? rowTotalDollars(row) : 0;
}
