import 'server-only';
import { DEFAULT_BATCH_SIZES } from '@/lib/cost/cost-grid';
import type { ScenarioInput } from '@/lib/cost/estimator-state';
import { withValue } from '@/lib/cost/estimator-view';
import { MAX_BATCH_SIZE_WITHOUT_WINDOW, MIN_BATCHING_WINDOW_FOR_LARGE_BATCHES_S, MIN_EPHEMERAL_STORAGE_MB } from '@/lib/cost/limits';
import type { Architecture } from '@/lib/cost/price-table';

/**
 * A blueprint's cost profile (blueprint.yaml `cost:`) turned into estimator inputs. The shapes mirror
 * the blueprint library's DTOs structurally, so this module does not depend on that library.
 */

/** Estimator input name → the template parameter that sets it, e.g. `{ memoryMb: 'FunctionMemory' }`. */
export type CostParameterMap = Readonly<Partial<Record<string, string>>>;

export interface LambdaCostProfile {
  readonly kind: 'lambda';
  readonly memoryMb: number;
  readonly durationMs: number;
  readonly invocationsPerMonth: number;
  readonly architecture: Architecture;
  readonly ephemeralStorageMb?: number;
  readonly parameterMap?: CostParameterMap;
}

export interface SqsBatchCostProfile {
  readonly kind: 'sqs-batch';
  readonly messagesPerDay: number;
  readonly batchSize: number;
  readonly baseMemoryMb: number;
  readonly batchMemoryOverheadMb: number;
  readonly batchIncrement: number;
  readonly warmLatencyMs: number;
  readonly perMessageMs: number;
  readonly messageSizeKb: number;
  readonly architecture: Architecture;
  /** MaximumBatchingWindowInSeconds; when absent, the smallest window the batch size allows. */
  readonly batchingWindowSeconds?: number;
  readonly parameterMap?: CostParameterMap;
}

/** Profiles this estimator does not model (Step Functions, SQS requests alone, nothing billed). */
export interface UnestimatedCostProfile {
  readonly kind: 'stepfunctions' | 'sqs' | 'none';
}

export type CostProfile = LambdaCostProfile | SqsBatchCostProfile | UnestimatedCostProfile;
export type EstimableCostProfile = LambdaCostProfile | SqsBatchCostProfile;

/** What a profile does not say: where it runs and whether the free tier applies. */
export interface ProfileContext {
  readonly region: string;
  readonly includeFreeTier: boolean;
}

/** The blueprint pages quote a bare month in us-east-1 without the free tier; the estimator starts there too. */
export const DEFAULT_PROFILE_CONTEXT: ProfileContext = { region: 'us-east-1', includeFreeTier: false };

export function isEstimableProfile(profile: CostProfile): profile is EstimableCostProfile {
  return profile.kind === 'lambda' || profile.kind === 'sqs-batch';
}

/**
 * The model input a profile describes. `batchSizes` says which batch sizes an SQS profile is priced
 * at: the profile's own only (a launch), or the standard comparison plus the profile's (the estimator).
 */
export function scenarioFromProfile(
  profile: EstimableCostProfile,
  context: ProfileContext = DEFAULT_PROFILE_CONTEXT,
  batchSizes: 'profile' | 'comparison' = 'comparison',
): ScenarioInput {
  if (profile.kind === 'lambda') {
    return {
      kind: 'lambda',
      input: {
        architecture: profile.architecture,
        region: context.region,
        includeFreeTier: context.includeFreeTier,
        memoryMb: profile.memoryMb,
        durationMs: profile.durationMs,
        invocationsPerMonth: profile.invocationsPerMonth,
        ephemeralStorageMb: profile.ephemeralStorageMb ?? MIN_EPHEMERAL_STORAGE_MB,
      },
    };
  }
  return {
    kind: 'sqs-batch',
    input: {
      architecture: profile.architecture,
      region: context.region,
      includeFreeTier: context.includeFreeTier,
      messagesPerDay: profile.messagesPerDay,
      batchSizes: batchSizes === 'profile' ? [profile.batchSize] : withValue(DEFAULT_BATCH_SIZES, profile.batchSize),
      baseMemoryMb: profile.baseMemoryMb,
      batchMemoryOverheadMb: profile.batchMemoryOverheadMb,
      batchIncrement: profile.batchIncrement,
      warmLatencyMs: profile.warmLatencyMs,
      perMessageMs: profile.perMessageMs,
      messageSizeKb: profile.messageSizeKb,
      batchingWindowS: profile.batchingWindowSeconds ?? smallestWindowFor(profile.batchSize),
      // A blueprint's bill includes its queue's requests (the blueprint pages quote them too).
      includeSqsRequests: true,
    },
  };
}

/** The smallest batching window AWS accepts for a batch size: none up to 10 messages, 1 s above. */
function smallestWindowFor(batchSize: number): number {
  return batchSize > MAX_BATCH_SIZE_WITHOUT_WINDOW ? MIN_BATCHING_WINDOW_FOR_LARGE_BATCHES_S : 0;
}
