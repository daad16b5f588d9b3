import type { LambdaCostInput, SqsBatchInput } from '@/lib/schemas/cost';

import { DEFAULT_BATCH_SIZES, DEFAULT_COST_GRID_BASE } from './cost-grid';
import { MIN_EPHEMERAL_STORAGE_MB } from './limits';
import type { Architecture } from './price-table';

/**
 * Everything the cost page's form holds, for both models at once: switching mode keeps the other
 * model's inputs, and a shared link or a saved scenario restores the lot. Architecture, region and
 * the free tier are shared because they describe the account, not the workload.
 */

export const ESTIMATOR_MODES = ['lambda', 'sqs-batch'] as const;
export type EstimatorMode = (typeof ESTIMATOR_MODES)[number];

export interface LambdaFields {
  readonly memoryMb: number;
  readonly durationMs: number;
  readonly invocationsPerMonth: number;
  readonly ephemeralStorageMb: number;
  readonly useTiers: boolean;
}

export interface SqsBatchFields {
  readonly messagesPerDay: number;
  readonly batchSizes: readonly number[];
  readonly baseMemoryMb: number;
  readonly batchMemoryOverheadMb: number;
  readonly batchIncrement: number;
  readonly warmLatencyMs: number;
  readonly perMessageMs: number;
  readonly messageSizeKb: number;
  readonly batchingWindowS: number;
  readonly includeSqsRequests: boolean;
}

export interface EstimatorState {
  readonly mode: EstimatorMode;
  readonly architecture: Architecture;
  readonly region: string;
  readonly includeFreeTier: boolean;
  readonly lambda: LambdaFields;
  readonly sqs: SqsBatchFields;
  /** Draw the cost-by-volume chart on log axes. A view choice, but part of what a link shares. */
  readonly logAxes: boolean;
}

export const DEFAULT_ESTIMATOR_STATE: EstimatorState = {
  mode: 'lambda',
  architecture: DEFAULT_COST_GRID_BASE.architecture,
  region: DEFAULT_COST_GRID_BASE.region,
  includeFreeTier: DEFAULT_COST_GRID_BASE.includeFreeTier,
  lambda: {
    memoryMb: 1024,
    durationMs: 200,
    invocationsPerMonth: 10_000_000,
    ephemeralStorageMb: MIN_EPHEMERAL_STORAGE_MB,
    useTiers: true,
  },
  sqs: {
    messagesPerDay: DEFAULT_COST_GRID_BASE.messagesPerDay,
    batchSizes: DEFAULT_BATCH_SIZES,
    baseMemoryMb: DEFAULT_COST_GRID_BASE.baseMemoryMb,
    batchMemoryOverheadMb: DEFAULT_COST_GRID_BASE.batchMemoryOverheadMb,
    batchIncrement: DEFAULT_COST_GRID_BASE.batchIncrement,
    warmLatencyMs: DEFAULT_COST_GRID_BASE.warmLatencyMs,
    perMessageMs: DEFAULT_COST_GRID_BASE.perMessageMs,
    messageSizeKb: DEFAULT_COST_GRID_BASE.messageSizeKb,
    batchingWindowS: DEFAULT_COST_GRID_BASE.batchingWindowS ?? 0,
    includeSqsRequests: DEFAULT_COST_GRID_BASE.includeSqsRequests ?? true,
  },
  logAxes: true,
};

/** The Lambda model's input (API and scenario shape) for this state. */
export function toLambdaInput(state: EstimatorState): LambdaCostInput {
  return {
    architecture: state.architecture,
    region: state.region,
    includeFreeTier: state.includeFreeTier,
    memoryMb: state.lambda.memoryMb,
    durationMs: state.lambda.durationMs,
    invocationsPerMonth: state.lambda.invocationsPerMonth,
    ephemeralStorageMb: state.lambda.ephemeralStorageMb,
    useTiers: state.lambda.useTiers,
  };
}

/** The SQS batch model's input (API and scenario shape) for this state. */
export function toSqsBatchInput(state: EstimatorState): SqsBatchInput {
  const { sqs } = state;
  return {
    architecture: state.architecture,
    region: state.region,
    includeFreeTier: state.includeFreeTier,
    messagesPerDay: sqs.messagesPerDay,
    batchSizes: [...sqs.batchSizes],
    baseMemoryMb: sqs.baseMemoryMb,
    batchMemoryOverheadMb: sqs.batchMemoryOverheadMb,
    batchIncrement: sqs.batchIncrement,
    warmLatencyMs: sqs.warmLatencyMs,
    perMessageMs: sqs.perMessageMs,
    messageSizeKb: sqs.messageSizeKb,
    batchingWindowS: sqs.batchingWindowS,
    includeSqsRequests: sqs.includeSqsRequests,
  };
}

export type ScenarioInput = { kind: 'lambda'; input: LambdaCostInput } | { kind: 'sqs-batch'; input: SqsBatchInput };

/** The current mode's model input, as a scenario is saved. */
export function toScenarioInput(state: EstimatorState): ScenarioInput {
  return state.mode === 'lambda' ? { kind: 'lambda', input: toLambdaInput(state) } : { kind: 'sqs-batch', input: toSqsBatchInput(state) };
}

/**
 * Applies a model input (a saved scenario, a blueprint profile) on top of `base`: its mode, the shared
 * account settings and its own model's fields; the other model's fields stay as they were. Optional
 * fields the input leaves out take the model's defaults, as the model itself would.
 */
export function applyScenarioInput(base: EstimatorState, scenario: ScenarioInput): EstimatorState {
  const shared = {
    architecture: scenario.input.architecture,
    region: scenario.input.region,
    includeFreeTier: scenario.input.includeFreeTier,
  };
  if (scenario.kind === 'lambda') {
    const { input } = scenario;
    return {
      ...base,
      ...shared,
      mode: 'lambda',
      lambda: {
        memoryMb: input.memoryMb,
        durationMs: input.durationMs,
        invocationsPerMonth: input.invocationsPerMonth,
        ephemeralStorageMb: input.ephemeralStorageMb,
        useTiers: input.useTiers ?? true,
      },
    };
  }
  const { input } = scenario;
  return {
    ...base,
    ...shared,
    mode: 'sqs-batch',
    sqs: {
      messagesPerDay: input.messagesPerDay,
      batchSizes: [...input.batchSizes],
      baseMemoryMb: input.baseMemoryMb,
      batchMemoryOverheadMb: input.batchMemoryOverheadMb,
      batchIncrement: input.batchIncrement,
      warmLatencyMs: input.warmLatencyMs,
      perMessageMs: input.perMessageMs,
      messageSizeKb: input.messageSizeKb,
      batchingWindowS: input.batchingWindowS ?? 0,
      includeSqsRequests: input.includeSqsRequests ?? true,
    },
  };
}
