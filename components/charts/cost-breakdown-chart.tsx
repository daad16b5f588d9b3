'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDollars, formatDollarsCompact, formatGbSeconds } from '@/lib/cost/number-format';
import { AXIS_TICK, GRID_STROKE, NEUTRAL_BAR_COLOR } from './chart-theme';

export interface BreakdownBar {
  readonly label: string;
  readonly cost: number;
  /** Shown in the tooltip, e.g. the GB-seconds in a tier. */
  readonly detail?: string;
}

/** Horizontal bars of where a month's dollars go (line items, or volume tiers). */
export function CostBreakdownChart({ bars, color = NEUTRAL_BAR_COLOR }: { bars: readonly BreakdownBar[]; color?: string }) {
  // A fixed floor keeps the two breakdown cards of a row the same height.
  const height = Math.max(170, 48 + bars.length * 34);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={[...bars]} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
        <CartesianGrid stroke={GRID_STROKE} horizontal={false} />
        <XAxis type="number" tickFormatter={formatDollarsCompact} tick={AXIS_TICK} />
        <YAxis type="category" dataKey="label" tick={AXIS_TICK} width={150} />
        <Tooltip
          formatter={(value, _name, item) => {
            const bar = item.payload as BreakdownBar;
            return [bar.detail ? `${formatDollars(Number(value))} (${bar.detail})` : formatDollars(Number(value)), 'Cost'];
          }}
          contentStyle={{ fontSize: 12 }}
        />
        <Bar dataKey="cost" name="Cost" fill={color} isAnimationActive={false} barSize={18} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** "9,000,000,000 GB-s" for a tier's tooltip. */
export function describeGbSeconds(gbSeconds: number): string {
  return formatGbSeconds(gbSeconds);
}
