'use client';

import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ARCHITECTURES, type Architecture } from '@/lib/cost/price-table';
import { formatDollars, formatDollarsCompact } from '@/lib/cost/number-format';
import { ARCHITECTURE_COLORS, AXIS_LABEL, AXIS_TICK, GRID_STROKE } from './chart-theme';
import type { PngLegendItem } from './svg-to-png';

export const ARCHITECTURE_LEGEND: readonly PngLegendItem[] = ARCHITECTURES.map((architecture) => ({
  label: architecture,
  color: ARCHITECTURE_COLORS[architecture],
}));

export type ArchitectureBarGroup = { readonly label: string } & Partial<Record<Architecture, number>>;

/** x86_64 and arm64 side by side for each group (a batch size, or the one function). */
export function ArchitectureChart({ groups, xLabel }: { groups: readonly ArchitectureBarGroup[]; xLabel: string }) {
  const isWide = groups.length > 4;
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={[...groups]} margin={{ top: 20, right: 12, bottom: 20, left: 8 }} barGap={2}>
        <CartesianGrid stroke={GRID_STROKE} vertical={false} />
        <XAxis
          dataKey="label"
          tick={AXIS_TICK}
          interval={0}
          angle={isWide ? -35 : 0}
          textAnchor={isWide ? 'end' : 'middle'}
          height={isWide ? 44 : 30}
          label={{ value: xLabel, position: 'insideBottom', offset: -14, ...AXIS_LABEL }}
        />
        <YAxis
          tickFormatter={formatDollarsCompact}
          tick={AXIS_TICK}
          width={64}
          label={{ value: 'USD per month', angle: -90, position: 'insideLeft', offset: 4, dy: 44, ...AXIS_LABEL }}
        />
        <Tooltip formatter={(value, name) => [formatDollars(Number(value)), String(name)]} contentStyle={{ fontSize: 12 }} />
        {ARCHITECTURES.map((architecture) => (
          <Bar
            key={architecture}
            dataKey={architecture}
            name={architecture}
            fill={ARCHITECTURE_COLORS[architecture]}
            isAnimationActive={false}
            maxBarSize={isWide ? 14 : 64}
          >
            {/* With few groups there is room to print each amount on its bar. */}
            {!isWide && <LabelList dataKey={architecture} position="top" formatter={(value) => formatDollars(Number(value))} fontSize={11} fill="#334155" />}
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
