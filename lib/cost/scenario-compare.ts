import { lambdaCostInputSchema, sqsBatchInputSchema } from '@/lib/schemas/cost';

import type { ScenarioInput } from './estimator-state';
import { SCENARIO_FIELD_LABELS } from './estimator-fields';
import { toDollars } from './format';
import { estimateLambdaCost } from './lambda-cost';
import { formatCount, formatDollars } from './number-format';
import { estimateSqsBatchCosts } from './sqs-batch-cost';

/**
 * Two saved scenarios side by side: every input and the headline results, with the rows that differ
 * flagged, so the page can highlight what changed and by how much.
 */

export interface ComparisonRow {
  readonly key: string;
  readonly label: string;
  readonly a: string;
  readonly b: string;
  readonly differs: boolean;
}

export interface ScenarioComparison {
  readonly inputs: readonly ComparisonRow[];
  readonly results: readonly ComparisonRow[];
  /** Monthly totals in dollars; null when a scenario's input no longer passes the model's schema. */
  readonly totalCostA: number | null;
  readonly totalCostB: number | null;
}

const KIND_LABELS: Readonly<Record<ScenarioInput['kind'], string>> = { lambda: 'Lambda function', 'sqs-batch': 'SQS batch processing' };

// Inputs in the order the form shows them; optional ones with the default the model applies.
const FIELD_ORDER = [
  'architecture',
  'region',
  'includeFreeTier',
  'memoryMb',
  'durationMs',
  'invocationsPerMonth',
  'ephemeralStorageMb',
  'useTiers',
  'messagesPerDay',
  'messageSizeKb',
  'batchingWindowS',
  'warmLatencyMs',
  'perMessageMs',
  'baseMemoryMb',
  'batchMemoryOverheadMb',
  'batchIncrement',
  'batchSizes',
  'includeSqsRequests',
] as const;
const MODEL_DEFAULTS: Readonly<Record<ScenarioInput['kind'], Readonly<Record<string, unknown>>>> = {
  lambda: { useTiers: true },
  'sqs-batch': { batchingWindowS: 0, includeSqsRequests: true },
};

export function compareScenarios(a: ScenarioInput, b: ScenarioInput): ScenarioComparison {
  const valuesA = withDefaults(a);
  const valuesB = withDefaults(b);
  const inputs: ComparisonRow[] = [row('kind', 'Model', KIND_LABELS[a.kind], KIND_LABELS[b.kind], a.kind !== b.kind)];
  for (const key of FIELD_ORDER) {
    if (!(key in valuesA) && !(key in valuesB)) continue;
    const label = SCENARIO_FIELD_LABELS[key]?.label ?? key;
    inputs.push(row(key, label, formatValue(key, valuesA[key]), formatValue(key, valuesB[key]), !sameValue(valuesA[key], valuesB[key])));
  }

  const resultA = summarise(a);
  const resultB = summarise(b);
  const results: ComparisonRow[] = [row('totalCost', 'Monthly cost', resultA.total, resultB.total, resultA.totalCost !== resultB.totalCost)];
  if (a.kind === 'sqs-batch' || b.kind === 'sqs-batch') {
    results.push(row('cheapestBatchSize', 'Cheapest feasible batch size', resultA.batch, resultB.batch, resultA.batch !== resultB.batch));
  }
  return { inputs, results, totalCostA: resultA.totalCost, totalCostB: resultB.totalCost };
}

function row(key: string, label: string, a: string, b: string, differs: boolean): ComparisonRow {
  return { key, label, a, b, differs };
}

function withDefaults(scenario: ScenarioInput): Readonly<Record<string, unknown>> {
  return { ...MODEL_DEFAULTS[scenario.kind], ...scenario.input };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function formatValue(key: string, value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'boolean')
    return key === 'useTiers' || key === 'includeFreeTier' ? (value ? 'applied' : 'not applied') : value ? 'included' : 'not included';
  if (Array.isArray(value)) return value.map((entry) => formatCount(Number(entry))).join(', ');
  if (typeof value === 'number') {
    const unit = SCENARIO_FIELD_LABELS[key]?.unit;
    return unit ? `${formatCount(value)} ${unit}` : formatCount(value);
  }
  return String(value);
}

/** The monthly total (and, for SQS, the batch size it is for), or why it cannot be priced. */
function summarise(scenario: ScenarioInput): { totalCost: number | null; total: string; batch: string } {
  if (scenario.kind === 'lambda') {
    const parsed = lambdaCostInputSchema.safeParse(scenario.input);
    if (!parsed.success) return { totalCost: null, total: 'not priceable', batch: '—' };
    const totalCost = toDollars(estimateLambdaCost(parsed.data).totalCost);
    return { totalCost, total: formatDollars(totalCost), batch: '—' };
  }
  const parsed = sqsBatchInputSchema.safeParse(scenario.input);
  if (!parsed.success) return { totalCost: null, total: 'not priceable', batch: '—' };
  const costs = estimateSqsBatchCosts(parsed.data);
  const cheapest = costs.rows.find((candidate) => candidate.batchSize === costs.cheapestFeasibleBatchSize);
  if (!cheapest) return { totalCost: null, total: 'no feasible batch size', batch: 'none' };
  const totalCost = toDollars(cheapest.totalCost);
  return { totalCost, total: formatDollars(totalCost), batch: formatCount(cheapest.batchSize) };
}

/** One line that tells saved scenarios apart in a list: "2,048 MB · 60,000 ms · 75,000,000 a month · x86_64 · us-east-1". */
export function summariseScenario(scenario: ScenarioInput): string {
  const { input } = scenario;
  const parts =
    scenario.kind === 'lambda'
      ? [
          `${formatCount(scenario.input.memoryMb)} MB`,
          `${formatCount(scenario.input.durationMs)} ms`,
          `${formatCount(scenario.input.invocationsPerMonth)} a month`,
        ]
      : [
          `${formatCount(scenario.input.messagesPerDay)} messages a day`,
          `${scenario.input.batchSizes.length} batch size${scenario.input.batchSizes.length === 1 ? '' : 's'}`,
        ];
  return [...parts, input.architecture, input.region].join(' · ');
}
