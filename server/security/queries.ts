import 'server-only';
import { db, isRecordMissing, isUniqueViolation } from '@/server/db';

export type RateLimitBucketState = { count: number; windowStart: Date };

/**
 * Counts one hit on (scope, key) and returns the bucket after it. A window that ended more than
 * `windowMs` ago starts again at `now`. Every step is one conditional statement, so hits from
 * several instances at once are all counted, on SQLite and PostgreSQL alike.
 */
export async function incrementRateLimitBucket(scope: string, key: string, windowMs: number, now: Date): Promise<RateLimitBucketState> {
  const openSince = new Date(now.getTime() - windowMs);
  const id = { scope_key: { scope, key } };
  const select = { count: true, windowStart: true } as const;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await db.rateLimitBucket.update({ where: { ...id, windowStart: { gt: openSince } }, data: { count: { increment: 1 } }, select });
    } catch (err) {
      if (!isRecordMissing(err)) throw err;
    }
    // No open window: restart an ended one; the condition lets only one instance restart it.
    const restarted = await db.rateLimitBucket.updateMany({ where: { scope, key, windowStart: { lte: openSince } }, data: { windowStart: now, count: 1 } });
    if (restarted.count) return { count: 1, windowStart: now };
    try {
      return await db.rateLimitBucket.create({ data: { scope, key, windowStart: now, count: 1 }, select });
    } catch (err) {
      // Another instance created it first: count on that one.
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new Error(`rate limit bucket ${scope} kept changing under concurrent updates`);
}

/** The bucket for (scope, key), whether or not its window is still open; null when there is none. */
export async function findRateLimitBucket(scope: string, key: string): Promise<RateLimitBucketState | null> {
  return db.rateLimitBucket.findUnique({ where: { scope_key: { scope, key } }, select: { count: true, windowStart: true } });
}

/** Deletes buckets whose window started before `before`; returns how many. */
export async function deleteRateLimitBucketsBefore(before: Date): Promise<number> {
  return (await db.rateLimitBucket.deleteMany({ where: { windowStart: { lt: before } } })).count;
}
