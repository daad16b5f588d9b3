// The portal's one way to write an instant: `5 Dec 2026, 19:48 UTC`. Always UTC and always saying so:
// AWS consoles, CloudWatch and Kafka tools speak UTC, a fixed zone renders the same text on the server
// and in every browser (no hydration mismatch, no client-only second pass), and the reader never has
// to guess which zone a time is in. Written by hand rather than with Intl so no locale or ICU build
// changes it. ESLint forbids the `toLocale*String` date methods everywhere else.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** How fine the time of day is: `19:48`, `19:48:21` or `19:48:21.842`. */
export type TimePrecision = 'minute' | 'second' | 'millisecond';

type Instant = string | number | Date | null | undefined;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function toDate(value: Instant): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isFinite(date.getTime()) ? date : null;
}

function timeOfDay(date: Date, precision: TimePrecision): string {
  const minutes = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  if (precision === 'minute') return minutes;
  const seconds = `${minutes}:${pad(date.getUTCSeconds())}`;
  return precision === 'second' ? seconds : `${seconds}.${pad(date.getUTCMilliseconds(), 3)}`;
}

/** `5 Dec 2026, 19:48 UTC` (seconds or milliseconds on request); `—` for no value; an unparseable string as given. */
export function formatDateTime(value: Instant, precision: TimePrecision = 'minute'): string {
  const date = toDate(value);
  if (!date) return typeof value === 'string' && value ? value : '—';
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${timeOfDay(date, precision)} UTC`;
}

/** `19:48:21 UTC`: the time of day alone, for lists whose day is plain from the context (one launch's events). */
export function formatTime(value: Instant, precision: TimePrecision = 'second'): string {
  const date = toDate(value);
  if (!date) return typeof value === 'string' && value ? value : '—';
  return `${timeOfDay(date, precision)} UTC`;
}

/** A chart axis tick, UTC like the rest (the axis says so once): `19:48`, `19:48:21`, or `5 Dec 19:48` across days. */
export function formatAxisTime(value: number, { withDate, precision = 'minute' }: { withDate: boolean; precision?: TimePrecision }): string {
  const date = toDate(value);
  if (!date) return '';
  const time = timeOfDay(date, precision);
  return withDate ? `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${time}` : time;
}
