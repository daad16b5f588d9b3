import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import {
  assertUnderRateLimit,
  consumeRateLimit,
  pruneRateLimitBuckets,
  rateLimits,
  recordRateLimitFailure,
  type RateLimit,
} from '@/server/security/rate-limit';

const scopes: string[] = [];
function testLimit(limit: number, windowMs = 60_000): RateLimit {
  const scope = `test:${randomUUID()}`;
  scopes.push(scope);
  return { scope, limit, windowMs, refusal: 'Too many test attempts' };
}

afterAll(async () => {
  await db.rateLimitBucket.deleteMany({ where: { scope: { in: scopes } } });
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: { code?: string; details?: { retryAfterSeconds?: number } }) => err,
  );

describe('rate limits in the database', () => {
  it('lets the limit through, then refuses with the seconds left in the window', async () => {
    const limit = testLimit(3, 60_000);
    const t0 = new Date('2026-01-01T10:00:00Z');
    for (let i = 0; i < 3; i++) await consumeRateLimit(limit, '203.0.113.9', new Date(t0.getTime() + i * 1000));
    const err = await refusal(consumeRateLimit(limit, '203.0.113.9', new Date(t0.getTime() + 20_000)));
    expect(err).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 40 } });
    // Other keys and other scopes count on their own.
    await consumeRateLimit(limit, '203.0.113.10', t0);
    await consumeRateLimit(testLimit(1), '203.0.113.9', t0);
  });

  it('starts a new window once the old one is over', async () => {
    const limit = testLimit(2, 60_000);
    const t0 = new Date('2026-01-01T10:00:00Z');
    await consumeRateLimit(limit, 'k', t0);
    await consumeRateLimit(limit, 'k', t0);
    expect(await refusal(consumeRateLimit(limit, 'k', new Date(t0.getTime() + 59_000)))).toMatchObject({ code: 'RATE_LIMITED' });
    await consumeRateLimit(limit, 'k', new Date(t0.getTime() + 61_000));
    await consumeRateLimit(limit, 'k', new Date(t0.getTime() + 62_000));
    expect(await refusal(consumeRateLimit(limit, 'k', new Date(t0.getTime() + 63_000)))).toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: 58 },
    });
  });

  it('counts every one of many simultaneous attempts (as from several portal instances)', async () => {
    const limit = testLimit(10);
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 25 }, () => refusal(consumeRateLimit(limit, 'burst', now))));
    expect(results.filter((r) => r === null)).toHaveLength(10);
    expect(results.filter((r) => r?.code === 'RATE_LIMITED')).toHaveLength(15);
    const row = await db.rateLimitBucket.findFirstOrThrow({ where: { scope: limit.scope } });
    expect(row.count).toBe(25);
  });

  it('counts failures without refusing them; the next attempt after the limit is refused before it is tried', async () => {
    const limit = testLimit(2);
    const now = new Date();
    await assertUnderRateLimit(limit, 'client', now);
    await recordRateLimitFailure(limit, 'client', now);
    await assertUnderRateLimit(limit, 'client', now);
    await recordRateLimitFailure(limit, 'client', now);
    expect(await refusal(assertUnderRateLimit(limit, 'client', now))).toMatchObject({ code: 'RATE_LIMITED' });
    // An ended window refuses nothing.
    await assertUnderRateLimit(limit, 'client', new Date(now.getTime() + limit.windowMs + 1));
  });

  it('stores neither addresses nor e-mail addresses', async () => {
    const limit = testLimit(5);
    await consumeRateLimit(limit, 'Someone@Example.com');
    const rows = await db.rateLimitBucket.findMany({ where: { scope: limit.scope } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows).toLowerCase()).not.toContain('someone@example.com');
    // The same address in another case is the same bucket.
    await consumeRateLimit(limit, 'someone@example.com');
    expect((await db.rateLimitBucket.findFirstOrThrow({ where: { scope: limit.scope } })).count).toBe(2);
  });

  it('prunes the buckets of windows that are over, and keeps open ones', async () => {
    const longest = Math.max(...Object.values(rateLimits).map((l) => l.windowMs));
    const old = testLimit(5);
    const fresh = testLimit(5);
    const now = new Date();
    await consumeRateLimit(old, 'x', new Date(now.getTime() - longest - 1000));
    await consumeRateLimit(fresh, 'x', now);
    expect(await pruneRateLimitBuckets(now)).toBeGreaterThanOrEqual(1);
    expect(await db.rateLimitBucket.count({ where: { scope: old.scope } })).toBe(0);
    expect(await db.rateLimitBucket.count({ where: { scope: fresh.scope } })).toBe(1);
  });
});
