import type { Architecture } from '@/lib/cost/price-table';

/** Shared look of the cost charts: colours, axis text, and the font the PNG export draws with. */

export const CHART_FONT_FAMILY = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

export const ARCHITECTURE_COLORS: Readonly<Record<Architecture, string>> = { x86_64: '#1f58c4', arm64: '#d97706' };

export const AXIS_TICK = { fontSize: 12, fill: '#475569' } as const;
export const AXIS_LABEL = { fontSize: 12, fill: '#334155' } as const;
export const GRID_STROKE = '#e2e8f0';

export const CHEAPEST_COLOR = '#059669';
export const INFEASIBLE_COLOR = '#cbd5e1';
export const NEUTRAL_BAR_COLOR = '#1f58c4';

// Colour-blind-safe, ordered light-to-dark-ish so neighbouring batch sizes look related.
const SERIES_PALETTE = [
  '#0ea5e9',
  '#2563eb',
  '#4f46e5',
  '#7c3aed',
  '#a21caf',
  '#db2777',
  '#e11d48',
  '#ea580c',
  '#d97706',
  '#ca8a04',
  '#65a30d',
  '#16a34a',
  '#0d9488',
  '#0891b2',
  '#475569',
];

/** The colour of the `index`-th of several series (batch sizes). */
export function seriesColor(index: number): string {
  return SERIES_PALETTE[index % SERIES_PALETTE.length]!;
}
