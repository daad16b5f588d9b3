import { describe, expect, it } from 'vitest';

import { Decimal } from './decimal';
import { formatUsd } from './format';
import { PRICE_TABLE } from './price-table';
import { resolveRegionPrices } from './region-prices';
import { chargeSqsRequests, chunksPerMessage, countSqsRequests } from './sqs-requests';

const usEast1 = resolveRegionPrices(PRICE_TABLE, 'us-east-1');

describe('64 KB request chunking', () => {
  it('bills each started 64 KB of a message as one request', () => {
    expect([0.1, 1, 64, 64.001, 65, 128, 128.5, 256, 1024].map(chunksPerMessage)).toEqual([1, 1, 1, 2, 2, 2, 3, 4, 16]);
  });

  it('chunks the send and the receive, but not the delete', () => {
    expect(countSqsRequests(1000, 100)).toEqual({
      messagesPerMonth: 1000,
      chunksPerMessage: 2,
      sendRequests: 2000,
      receiveRequests: 2000,
      deleteRequests: 1000,
      totalRequests: 5000,
    });
  });
});

describe('chargeSqsRequests', () => {
  const tenMillionADay = countSqsRequests(304_166_667, 4); // 10 M messages a day for 730 hours

  it('charges $0.40 per million standard-queue requests', () => {
    const charge = chargeSqsRequests(tenMillionADay, usEast1, false);
    expect(tenMillionADay.totalRequests).toBe(912_500_001);
    expect(charge.cost.toString()).toBe('365.0000004');
  });

  it('takes the first million requests off when the free tier applies', () => {
    const charge = chargeSqsRequests(tenMillionADay, usEast1, true);
    expect(charge.freeRequests.toString()).toBe('1000000');
    expect(formatUsd(charge.cost)).toBe('$364.60');
  });

  it('drops to $0.30 per million after 100 billion requests', () => {
    const requests = { ...tenMillionADay, totalRequests: 150_000_000_000 };
    expect(chargeSqsRequests(requests, usEast1, false).cost.compare(Decimal.of(55_000))).toBe(0);
    expect(formatUsd(chargeSqsRequests(requests, usEast1, true).cost)).toBe('$54,999.60');
  });
});
