import { describe, expect, it } from 'vitest';

import { PRICE_TABLE } from './price-table';
import { resolveRegionPrices } from './region-prices';
import { chargeSqsRequests, countSqsRequests } from './sqs-requests';
import { describeSqsRequestCalculation } from './sqs-requests-calculation';

const usEast1 = resolveRegionPrices(PRICE_TABLE, 'us-east-1');
const explain = (messagesPerMonth: number, messageSizeKb: number, batchSize: number, includeFreeTier = true) =>
  describeSqsRequestCalculation(
    chargeSqsRequests(countSqsRequests({ messagesPerMonth, messageSizeKb, batchSize, hoursPerMonth: 730 }), usEast1, includeFreeTier),
    messageSizeKb,
    730,
  );

describe('describeSqsRequestCalculation', () => {
  it('writes out each API action and the charge for a busy queue', () => {
    expect(explain(304_166_667, 4, 200)).toEqual([
      'SendMessage: 304,166,667 messages, one per call, × 1 request each (4 KB, 1 × 64 KB chunk) = 304,166,667 requests.',
      'ReceiveMessage: batches of 200 take 30,416,667 calls of up to 10 messages (up to 40 KB, 1 × 64 KB chunk per call) = 30,416,667 requests.',
      'Empty receives: 5 pollers × 3 long polls a minute × 43,800 minutes = 657,000 receives at least; the 30,416,667 calls that returned messages reach that, so none came back empty.',
      'DeleteMessageBatch: 30,416,667 calls of up to 10 receipt handles, one request each.',
      'Total: 365,000,001 requests − 1,000,000 free = 364,000,001 billed; 364,000,001 × $0.40 per million = $145.60.',
    ]);
  });

  it('shows the empty receives of a quiet queue and large messages in several chunks', () => {
    const lines = explain(30_417, 100, 5, false);
    expect(lines[0]).toBe('SendMessage: 30,417 messages, one per call, × 2 requests each (100 KB, 2 × 64 KB chunks) = 60,834 requests.');
    expect(lines[1]).toBe('ReceiveMessage: batches of 5 take 6,084 calls of up to 5 messages (up to 500 KB, 8 × 64 KB chunks per call) = 48,668 requests.');
    expect(lines[2]).toContain('6,084 of them returned messages, so 650,916 came back empty.');
    expect(lines[4]).toBe('Total: 766,502 requests; 766,502 × $0.40 per million = $0.31.');
  });
});
