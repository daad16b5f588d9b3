import 'server-only';
import { estimateLambdaCost, toLambdaCostDto, type LambdaCostEstimateDto } from '@/lib/cost/lambda-cost';
import { estimateSqsBatchCosts, toSqsBatchCostsDto, type SqsBatchCostsDto } from '@/lib/cost/sqs-batch-cost';
import type { LambdaCostInput, SqsBatchInput } from '@/lib/schemas/cost';

// The API answers with the same model the page runs in the browser, so both always agree.

/** One function's monthly Lambda bill, amounts in dollars rounded to the cent. */
export function estimateLambdaCostForApi(input: LambdaCostInput): LambdaCostEstimateDto {
  return toLambdaCostDto(estimateLambdaCost(input));
}

/** The SQS batch-size comparison: one row per batch size with its cost and the limits it breaks. */
export function estimateSqsBatchCostsForApi(input: SqsBatchInput): SqsBatchCostsDto {
  return toSqsBatchCostsDto(estimateSqsBatchCosts(input));
}
