import 'server-only';
import { createHmac } from 'node:crypto';
import { deriveKey } from '@/server/crypto';
import { AppError } from '@/server/errors';
import { deleteRateLimitBucketsBefore, findRateLimitBucket, incrementRateLimitBucket } from '@/server/security/queries';

export type RateLimit = {
  scope: string;
  /** attempts allowed in one window */
  limit: number;
  windowMs: number;
  /** what the refusal says was too many */
  refusal: string;
};

const MINUTE = 60_000;

export const rateLimits = {
  // Per client address: generous, as an office behind one NAT address signs in together.
  signInPerClient: { scope: 'sign-in:client', limit: 30, windowMs: 10 * MINUTE, refusal: 'Too many sign-in attempts from your address' },
  signInPerEmail: { scope: 'sign-in:email', limit: 10, windowMs: 10 * MINUTE, refusal: 'Too many sign-in attempts for this user' },
  bearerFailuresPerClient: { scope: 'bearer-failure:client', limit: 20, windowMs: 10 * MINUTE, refusal: 'Too many invalid API tokens from your address' },
} satisfies Record<string, RateLimit>;

// Keys are HMACs: the table holds no addresses or e-mails, and every instance (sharing the
// encryption key, as they must to read each other's secrets) computes the same key.
let hmacKey: Buffer | undefined;
function bucketKey(value: string): string {
  hmacKey ??= deriveKey('rate-limit');
  return createHmac('sha256', hmacKey).update(value.trim().toLowerCase()).digest('base64url');
}

function refuse(limit: RateLimit, windowStart: Date, now: Date): never {
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + limit.windowMs - now.getTime()) / 1000));
  throw new AppError('RATE_LIMITED', `${limit.refusal}; try again in ${retryAfterSeconds} seconds.`, { details: { retryAfterSeconds } });
}

/** Counts one attempt, and refuses it (RATE_LIMITED, with the seconds to wait) once the limit is passed. */
export async function consumeRateLimit(limit: RateLimit, value: string, now = new Date()): Promise<void> {
  const bucket = await incrementRateLimitBucket(limit.scope, bucketKey(value), limit.windowMs, now);
  if (bucket.count > limit.limit) refuse(limit, bucket.windowStart, now);
}

/** Refuses (RATE_LIMITED) when the limit is already used up in the open window; counts nothing. */
export async function assertUnderRateLimit(limit: RateLimit, value: string, now = new Date()): Promise<void> {
  const bucket = await findRateLimitBucket(limit.scope, bucketKey(value));
  if (bucket && bucket.windowStart.getTime() > now.getTime() - limit.windowMs && bucket.count >= limit.limit) refuse(limit, bucket.windowStart, now);
}

/** Counts one failure without refusing it: `assertUnderRateLimit` refuses the attempts after the limit. */
export async function recordRateLimitFailure(limit: RateLimit, value: string, now = new Date()): Promise<void> {
  await incrementRateLimitBucket(limit.scope, bucketKey(value), limit.windowMs, now);
}

/** Deletes the buckets of every window that is over; returns how many. */
export async function pruneRateLimitBuckets(now = new Date()): Promise<number> {
  const longest = Math.max(...Object.values(rateLimits).map((l) => l.windowMs));
  return deleteRateLimitBucketsBefore(new Date(now.getTime() - longest));
}
