import { Decimal } from './decimal';
import { SQS_REQUEST_CHUNK_KB } from './limits';
import type { ResolvedRegionPrices } from './region-prices';
import { type TierCharge, chargeTieredUsage, totalTierCost } from './tiered-usage';

/**
 * SQS request charges for the messages themselves. Each message is sent once, received once and
 * deleted once, one message per API call. Send and receive carry the message, so each is billed
 * one request per 64 KB chunk of it; a delete carries only a receipt handle, so it is one request.
 * Batched API calls (up to 10 messages per call) would lower the count; Lambda's empty long-poll
 * receives on a quiet queue would raise it. Neither is modelled.
 */

export interface SqsRequestCount {
  readonly messagesPerMonth: number;
  readonly chunksPerMessage: number;
  readonly sendRequests: number;
  readonly receiveRequests: number;
  readonly deleteRequests: number;
  readonly totalRequests: number;
}

export interface SqsRequestCharge {
  readonly requests: SqsRequestCount;
  readonly freeRequests: Decimal;
  readonly tiers: readonly TierCharge[];
  readonly cost: Decimal;
}

/** A message of up to 64 KB is one request, 64 KB + 1 byte is two, 256 KB is four. */
export function chunksPerMessage(messageSizeKb: number): number {
  return Math.max(1, Number(Decimal.of(messageSizeKb).dividedBy(SQS_REQUEST_CHUNK_KB).ceil()));
}

export function countSqsRequests(messagesPerMonth: number, messageSizeKb: number): SqsRequestCount {
  const chunks = chunksPerMessage(messageSizeKb);
  const sendRequests = messagesPerMonth * chunks;
  const receiveRequests = messagesPerMonth * chunks;
  const deleteRequests = messagesPerMonth;
  return {
    messagesPerMonth,
    chunksPerMessage: chunks,
    sendRequests,
    receiveRequests,
    deleteRequests,
    totalRequests: sendRequests + receiveRequests + deleteRequests,
  };
}

/** Standard-queue request charges, volume-tiered, with the monthly free requests taken first. */
export function chargeSqsRequests(requests: SqsRequestCount, prices: ResolvedRegionPrices, includeFreeTier: boolean): SqsRequestCharge {
  const total = Decimal.of(requests.totalRequests);
  const free = includeFreeTier ? prices.sqs.freeRequests : Decimal.ZERO;
  const tiers = chargeTieredUsage(total, prices.sqs.requestTiers, free);
  return {
    requests,
    freeRequests: Decimal.min(free, total),
    tiers,
    cost: totalTierCost(tiers),
  };
}
