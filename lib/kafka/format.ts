import type { ConsumerSeverity, ConsumerStatus } from '@/lib/kafka/dto';

/**
 * Display helpers for the Kafka pages. Offsets and lag arrive as decimal strings (64-bit); they are
 * formatted with BigInt so nothing is rounded, and null reads "unknown".
 */

/** "1,234,567" from a decimal string; null → "unknown". */
export function formatOffset(value: string | null): string {
  if (value === null) return 'unknown';
  try {
    return BigInt(value).toLocaleString('en-US');
  } catch {
    return value;
  }
}

/** Compares decimal strings as 64-bit numbers; null (unknown) sorts below everything. */
export function compareOffsets(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const x = BigInt(a);
  const y = BigInt(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Seconds behind as people say it: "0 s", "42 s", "3 min 5 s", "2 h 10 min", "3 d 4 h"; null → "unknown". */
export function formatTimeLag(seconds: number | null): string {
  if (seconds === null) return 'unknown';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return s % 60 ? `${minutes} min ${s % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** formatTimeLag, with "≥ " when the figure is only a lower bound (the offset predates the stored history). */
export function formatTimeLagEstimate(seconds: number | null, isLowerBound: boolean): string {
  return seconds !== null && isLowerBound ? `≥ ${formatTimeLag(seconds)}` : formatTimeLag(seconds);
}

/** "3 min ago" / "just now" relative to `now` (epoch ms). */
export function formatAgo(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return seconds < 5 ? 'just now' : `${formatTimeLag(seconds)} ago`;
}

/** Badge tone for a Burrow status severity. */
export function severityTone(severity: ConsumerSeverity): 'good' | 'neutral' | 'warn' | 'bad' {
  return severity === 'ok' ? 'good' : severity === 'unknown' ? 'neutral' : severity === 'warning' ? 'warn' : 'bad';
}

/** What each status means, for tooltips and the legend. */
export const STATUS_MEANINGS: Record<ConsumerStatus, string> = {
  OK: 'Consuming normally: lag is zero or the group keeps committing.',
  UNKNOWN: 'Not enough history to judge yet, or no committed offset.',
  WARN: 'Lag grew in every sample while commits still advanced: the consumer is falling behind.',
  STOP: 'No commits for longer than they were seen moving, with lag waiting: the consumer stopped.',
  STALL: 'A live member owns the partition but its committed offset does not move.',
  AHEAD:
    'The committed offset is past the log end: the topic was likely deleted and recreated, or its log truncated; the consumer will reset by its auto.offset.reset.',
  REWIND: 'The committed offset went backwards and has not caught up since.',
};

/** Tone for Kafka's group state. */
export function groupStateTone(state: string | null): 'good' | 'neutral' | 'warn' | 'info' {
  if (state === 'Stable') return 'good';
  if (state === 'Empty') return 'info';
  if (state === 'PreparingRebalance' || state === 'CompletingRebalance') return 'warn';
  return 'neutral';
}

/** Parses "0, 2, 5-7" into sorted unique partition numbers; null when the text is not such a list. */
export function parsePartitionList(text: string): number[] | null {
  const out = new Set<number>();
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (from > to || to - from > 10_000) return null;
      for (let p = from; p <= to; p++) out.add(p);
    } else if (/^\d+$/.test(part)) out.add(Number(part));
    else return null;
  }
  return out.size ? [...out].sort((a, b) => a - b) : null;
}
