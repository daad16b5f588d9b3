import 'server-only';
// Event timestamps arrive as Date (AWS SDK), ISO strings (JSON over the wire, fixtures) or epoch ms.

/** Epoch milliseconds of a history timestamp (NaN when missing or unparsable). */
export function toEpochMs(timestamp: Date | string | number | undefined): number {
  if (timestamp instanceof Date) return timestamp.getTime();
  if (typeof timestamp === 'number') return timestamp;
  if (typeof timestamp === 'string') return Date.parse(timestamp);
  return Number.NaN;
}

/** ISO 8601 text of a history timestamp, reusing the original string when there is one. */
export function toIsoString(timestamp: Date | string | number | undefined, epochMs: number): string {
  if (typeof timestamp === 'string') return timestamp;
  return Number.isFinite(epochMs) ? new Date(epochMs).toISOString() : '';
}
