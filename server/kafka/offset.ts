import 'server-only';

/** Offsets as kafkajs hands them over: decimal strings (or already bigint). */
export type OffsetLike = bigint | string | number;

/**
 * Parses a Kafka offset; negative values (kafkajs's '-1' for "no commit") and blanks become null.
 * Offsets are 64-bit, so they are always BigInt here and never JS numbers.
 */
export function parseOffset(value: OffsetLike | null | undefined): bigint | null {
  if (value === null || value === undefined || value === '') return null;
  const offset = typeof value === 'bigint' ? value : BigInt(value);
  return offset < 0n ? null : offset;
}

/** Parses an offset that must exist (log start/end); throws on a missing or negative value. */
export function requireOffset(value: OffsetLike | null | undefined, describe: () => string): bigint {
  const offset = parseOffset(value);
  // The description is built only on failure: this runs for every partition of every group.
  if (offset === null) throw new Error(`Missing ${describe()}: ${String(value)}`);
  return offset;
}

/** The larger of two bigints (Math.max does not take bigint). */
function maxBigInt(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** The smaller of two bigints. */
function minBigInt(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** Clamps an offset into [low, high]. */
export function clampOffset(value: bigint, low: bigint, high: bigint): bigint {
  return minBigInt(maxBigInt(value, low), high);
}

/** Stable key for a topic-partition, used to index maps. */
export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/** The human name Kafka tools print for a partition: `orders-2`. */
export function partitionLabel(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}
