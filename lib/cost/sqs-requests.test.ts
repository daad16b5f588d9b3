import { describe, expect, it } from 'vitest';

import { Decimal } from './decimal';
import { formatUsd } from './format';
import { PRICE_TABLE } from './price-table';
import { resolveRegionPrices } from './region-prices';
import { chargeSqsRequests, chunksPerPayload, countSqsRequests, idleReceivesPerMonth, SQS_REQUEST_RULES } from './sqs-requests';

const usEast1 = resolveRegionPrices(PRICE_TABLE, 'us-east-1');
const count = (messagesPerMonth: number, messageSizeKb: number, batchSize: number) =>
  countSqsRequests({ messagesPerMonth, messageSizeKb, batchSize, hoursPerMonth: 730 });
/** 10 million 4 KB messages a day for 730 hours. */
const TEN_MILLION_A_DAY = 304_166_667;

describe('64 KB request chunking', () => {
  it('bills each started 64 KB of a payload as one request', () => {
    expect([0.1, 1, 64, 64.001, 65, 128, 128.5, 256, 1024].map((kb) => chunksPerPayload(kb))).toEqual([1, 1, 1, 2, 2, 2, 3, 4, 16]);
  });

  it('chunks a send by the message and a receive by everything the call returns', () => {
    // Batches of 10 messages of 100 KB: one SendMessage of 2 requests each, one ReceiveMessage of 1,000 KB (16 requests) per batch.
    const requests = count(1000, 100, 10);
    expect(requests).toMatchObject({ chunksPerMessage: 2, sendRequests: 2000, receiveCalls: 100, deleteRequests: 100 });
    expect(requests.receiveRequests - requests.emptyReceives).toBe(1600);
  });
});

describe('countSqsRequests: what Lambda’s poller calls per batch size', () => {
  it('receives at most 10 messages per ReceiveMessage and deletes at most 10 per DeleteMessageBatch', () => {
    // 25 messages need ReceiveMessage calls of 10, 10 and 5, and DeleteMessageBatch calls of 10, 10 and 5.
    expect(count(1000, 4, 25)).toMatchObject({ receiveCalls: 120, deleteRequests: 120 });
    // One message per batch: a receive and a delete for every message.
    expect(count(1000, 4, 1)).toMatchObject({ receiveCalls: 1000, deleteRequests: 1000 });
    // 1,005 messages in batches of 100: ten full batches of 10 calls each, then one call for the last 5.
    expect(count(1005, 4, 100)).toMatchObject({ receiveCalls: 101, deleteRequests: 101 });
  });

  it('counts different requests for different batch sizes', () => {
    const byBatch = [1, 5, 10, 100, 1000].map((batchSize) => count(TEN_MILLION_A_DAY, 4, batchSize).totalRequests);
    expect(byBatch).toEqual([912_500_001, 425_833_335, 365_000_001, 365_000_001, 365_000_001]);
  });

  it('adds the idle long polls: 5 pollers × 3 a minute, less the receives that returned messages', () => {
    expect(idleReceivesPerMonth(730)).toBe(657_000);
    const idle = count(0, 4, 10);
    expect(idle).toMatchObject({
      sendRequests: 0,
      receiveCalls: 0,
      emptyReceives: 657_000,
      receiveRequests: 657_000,
      deleteRequests: 0,
      totalRequests: 657_000,
    });
    const quiet = count(100_000, 4, 10);
    expect(quiet.emptyReceives).toBe(657_000 - 10_000);
    expect(quiet.totalRequests).toBe(100_000 + 657_000 + 10_000);
    // A busy queue never waits: no empty receives.
    expect(count(TEN_MILLION_A_DAY, 4, 10).emptyReceives).toBe(0);
  });

  it('cites an AWS page for every rule', () => {
    expect(SQS_REQUEST_RULES.length).toBeGreaterThanOrEqual(5);
    for (const { source } of SQS_REQUEST_RULES) expect(source.url).toMatch(/^https:\/\/(aws\.amazon\.com|docs\.aws\.amazon\.com)\//);
  });
});

describe('chargeSqsRequests', () => {
  const oneByOne = count(TEN_MILLION_A_DAY, 4, 1);

  it('charges $0.40 per million standard-queue requests', () => {
    const charge = chargeSqsRequests(oneByOne, usEast1, false);
    expect(charge.cost.toString()).toBe('365.0000004');
  });

  it('takes the first million requests off when the free tier applies', () => {
    const charge = chargeSqsRequests(oneByOne, usEast1, true);
    expect(charge.freeRequests.toString()).toBe('1000000');
    expect(formatUsd(charge.cost)).toBe('$364.60');
    expect(formatUsd(chargeSqsRequests(count(TEN_MILLION_A_DAY, 4, 10), usEast1, true).cost)).toBe('$145.60');
  });

  it('drops to $0.30 per million after 100 billion requests', () => {
    const requests = { ...oneByOne, totalRequests: 150_000_000_000 };
    expect(chargeSqsRequests(requests, usEast1, false).cost.compare(Decimal.of(55_000))).toBe(0);
    expect(formatUsd(chargeSqsRequests(requests, usEast1, true).cost)).toBe('$54,999.60');
  });
});
