/**
 * Number formatting for charts, tables and form fields, which hold plain numbers (dollar amounts the
 * model already rounded to the cent). A fixed locale keeps the server render and the browser's equal.
 */

const LOCALE = 'en-US';

const dollars = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const compactDollars = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'USD', notation: 'compact', maximumSignificantDigits: 3 });
const count = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 6 });
const compactCount = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumSignificantDigits: 3 });
const wholeFigure = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const smallFigure = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });

/** "$145,015.29" */
export function formatDollars(amount: number): string {
  return dollars.format(amount);
}

/** "$145K", "$1.2M", "$0.5": short enough for an axis tick. */
export function formatDollarsCompact(amount: number): string {
  return compactDollars.format(amount);
}

/** "75,000,000", "0.1" */
export function formatCount(value: number): string {
  return count.format(value);
}

/**
 * A figure the model derived (GB-seconds, a batch's duration), rounded for reading: whole numbers
 * from 100 up, else at most two decimals. "73,234,863", "12.35", "0.2". Exact values stay in the
 * calculation steps and the CSV export.
 */
export function formatFigure(value: number): string {
  return (Math.abs(value) >= 100 ? wholeFigure : smallFigure).format(value);
}

/** "73,234,863 GB-s" */
export function formatGbSeconds(gbSeconds: number): string {
  return `${formatFigure(gbSeconds)} GB-s`;
}

/** "75M", "1.5K", "250" */
export function formatCountCompact(value: number): string {
  return compactCount.format(value);
}

/** A signed difference: "+$1,200.00", "−$3.50", "$0.00". */
export function formatDollarDelta(delta: number): string {
  if (delta === 0) return formatDollars(0);
  return `${delta > 0 ? '+' : '−'}${formatDollars(Math.abs(delta))}`;
}
