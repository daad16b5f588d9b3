import { Decimal } from './decimal';
import { SQS_REQUEST_CHUNK_KB } from './limits';
import type { ResolvedRegionPrices } from './region-prices';
import { type TierCharge, chargeTieredUsage, totalTierCost } from './tiered-usage';

/**
 * SQS request charges of a queue drained by a Lambda event source mapping, per batch size: what the
 * producer and Lambda's SQS poller really call. Every rule below comes from the AWS documentation in
 * `SQS_REQUEST_RULES`, which the cost page lists in "how this is computed".
 *
 * - The producer sends each message with its own SendMessage (the model cannot know how producers
 *   batch); each call is billed one request per started 64 KB of its payload.
 * - The poller fills a batch of B messages with ReceiveMessage calls of at most 10 messages each
 *   (asking for B when B is under 10). A call returning n messages of s KB is billed
 *   ceil(n × s ÷ 64) requests.
 * - After a successful invocation the poller deletes the batch with DeleteMessageBatch calls of at
 *   most 10 receipt handles; a receipt handle is far below 64 KB, so each call is one request.
 * - While the queue is empty the poller long-polls (WaitTimeSeconds 20) with 5 pollers, so it makes
 *   at least 5 × 3 = 15 ReceiveMessage calls a minute. Calls that return messages end their wait early
 *   and count towards that floor; what is left of it are empty receives, one request each.
 */

/** ReceiveMessage's MaxNumberOfMessages is 1 to 10. */
export const RECEIVE_MAX_MESSAGES = 10;
/** DeleteMessageBatch takes at most 10 entries. */
export const DELETE_BATCH_MAX_ENTRIES = 10;
/** Lambda starts 5 pollers on a standard queue and scales back to 5 when traffic is low. */
export const IDLE_POLLERS = 5;
/** The longest long poll, the wait Lambda's pollers use. */
export const LONG_POLL_WAIT_S = 20;

interface SqsRequestSource {
  readonly title: string;
  readonly url: string;
}

/** Each counting rule and the AWS page that states it (shown on the cost page, cited in the API docs). */
export const SQS_REQUEST_RULES: readonly { readonly rule: string; readonly source: SqsRequestSource }[] = [
  {
    rule: 'Every SQS API action counts as a request, and every 64 KB chunk of its payload is billed as one request (a 256 KB payload is four); the first million requests a month are free.',
    source: { title: 'Amazon SQS pricing', url: 'https://aws.amazon.com/sqs/pricing/' },
  },
  {
    rule: 'ReceiveMessage returns at most 10 messages per call (MaxNumberOfMessages 1 to 10) and long-polls for at most 20 seconds (WaitTimeSeconds).',
    source: {
      title: 'ReceiveMessage, Amazon SQS API Reference',
      url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html',
    },
  },
  {
    rule: 'DeleteMessageBatch deletes up to ten messages per call.',
    source: {
      title: 'DeleteMessageBatch, Amazon SQS API Reference',
      url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessageBatch.html',
    },
  },
  {
    rule: 'Lambda long-polls a standard queue until it becomes active, starts with five concurrent batches and scales back to five (sometimes two) when traffic is low.',
    source: {
      title: 'Configuring scaling behavior for SQS event source mappings, AWS Lambda Developer Guide',
      url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html',
    },
  },
  {
    rule: 'A ReceiveMessage that returns no messages (an empty receive) is billed like any other; long polling reduces empty receives but does not remove them.',
    source: {
      title: 'Using the appropriate polling mode in Amazon SQS, Amazon SQS Developer Guide',
      url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/best-practices-using-appropriate-polling-mode.html',
    },
  },
];

export interface SqsRequestCount {
  readonly messagesPerMonth: number;
  readonly batchSize: number;
  /** Billed requests per SendMessage of one message. */
  readonly chunksPerMessage: number;
  readonly sendRequests: number;
  /** ReceiveMessage calls that return messages. */
  readonly receiveCalls: number;
  /** Long polls that time out empty: the idle floor less the calls that returned messages. */
  readonly emptyReceives: number;
  /** Billed receive requests: chunks of the calls that returned messages, plus the empty receives. */
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

/** A payload of up to 64 KB is one request, 64 KB + 1 byte is two, 256 KB is four. */
export function chunksPerPayload(payloadKb: Decimal | number): number {
  const kb = payloadKb instanceof Decimal ? payloadKb : Decimal.of(payloadKb);
  return Math.max(1, Number(kb.dividedBy(SQS_REQUEST_CHUNK_KB).ceil()));
}

/** Billed requests for one message sent on its own. */
export function chunksPerMessage(messageSizeKb: number): number {
  return chunksPerPayload(messageSizeKb);
}

/** At least this many ReceiveMessage calls a month: every idle poller long-polls once per 20 s. */
export function idleReceivesPerMonth(hoursPerMonth: number): number {
  return (IDLE_POLLERS * hoursPerMonth * 3600) / LONG_POLL_WAIT_S;
}

interface BatchCalls {
  readonly receiveCalls: number;
  readonly receiveRequests: number;
  readonly deleteRequests: number;
}

/** The calls that receive and delete one batch of `messages` messages of `messageSizeKb` each. */
function callsForBatch(messages: number, messageSizeKb: number): BatchCalls {
  if (messages === 0) return { receiveCalls: 0, receiveRequests: 0, deleteRequests: 0 };
  const fullCalls = Math.floor(messages / RECEIVE_MAX_MESSAGES);
  const rest = messages % RECEIVE_MAX_MESSAGES;
  const size = Decimal.of(messageSizeKb);
  const fullCallRequests = fullCalls === 0 ? 0 : fullCalls * chunksPerPayload(size.times(RECEIVE_MAX_MESSAGES));
  const restRequests = rest === 0 ? 0 : chunksPerPayload(size.times(rest));
  return {
    receiveCalls: fullCalls + (rest === 0 ? 0 : 1),
    receiveRequests: fullCallRequests + restRequests,
    deleteRequests: Math.ceil(messages / DELETE_BATCH_MAX_ENTRIES),
  };
}

/**
 * Requests a month for `messagesPerMonth` messages drained in batches of `batchSize`: full batches,
 * then one smaller batch for what is left over.
 */
export function countSqsRequests(input: {
  readonly messagesPerMonth: number;
  readonly messageSizeKb: number;
  readonly batchSize: number;
  readonly hoursPerMonth: number;
}): SqsRequestCount {
  const { messagesPerMonth, messageSizeKb, batchSize } = input;
  const chunks = chunksPerMessage(messageSizeKb);
  const fullBatches = Math.floor(messagesPerMonth / batchSize);
  const full = callsForBatch(batchSize, messageSizeKb);
  const rest = callsForBatch(messagesPerMonth % batchSize, messageSizeKb);
  const receiveCalls = fullBatches * full.receiveCalls + rest.receiveCalls;
  const emptyReceives = Math.max(0, idleReceivesPerMonth(input.hoursPerMonth) - receiveCalls);
  const sendRequests = messagesPerMonth * chunks;
  const receiveRequests = fullBatches * full.receiveRequests + rest.receiveRequests + emptyReceives;
  const deleteRequests = fullBatches * full.deleteRequests + rest.deleteRequests;
  return {
    messagesPerMonth,
    batchSize,
    chunksPerMessage: chunks,
    sendRequests,
    receiveCalls,
    emptyReceives,
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
