'use client';

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CostGrid } from '@/lib/cost/cost-grid';
import { MAX_MEMORY_MB } from '@/lib/cost/limits';
import { formatCount, formatCountCompact } from '@/lib/cost/number-format';
import { AXIS_LABEL, AXIS_TICK, GRID_STROKE } from './chart-theme';
import type { PngLegendItem } from './svg-to-png';

const MEMORY_COLOR = '#7c3aed';
const DURATION_COLOR = '#0891b2';

export const MEMORY_DURATION_LEGEND: readonly PngLegendItem[] = [
  { label: 'Memory (MB, left axis)', color: MEMORY_COLOR },
  { label: 'Duration per batch (ms, right axis)', color: DURATION_COLOR },
];

/** How memory and duration grow with the batch: memory in steps, duration linearly. */
export function MemoryDurationChart({ points }: { points: CostGrid['memoryAndDuration'] }) {
  const data = points.map((point) => ({ ...point, label: formatCount(point.batchSize) }));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={data} margin={{ top: 8, right: 12, bottom: 20, left: 8 }}>
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis
          dataKey="label"
          tick={AXIS_TICK}
          interval={0}
          angle={-35}
          textAnchor="end"
          height={44}
          label={{ value: 'Batch size (messages)', position: 'insideBottom', offset: -14, ...AXIS_LABEL }}
        />
        <YAxis
          yAxisId="memory"
          tickFormatter={formatCountCompact}
          tick={AXIS_TICK}
          width={56}
          label={{ value: 'Memory (MB)', angle: -90, position: 'insideLeft', offset: 4, dy: 36, ...AXIS_LABEL }}
        />
        <YAxis
          yAxisId="duration"
          orientation="right"
          tickFormatter={formatCountCompact}
          tick={AXIS_TICK}
          width={64}
          label={{ value: 'Duration (ms)', angle: 90, position: 'insideRight', offset: 8, dy: -40, ...AXIS_LABEL }}
        />
        <Tooltip
          labelFormatter={(label) => `Batch size ${String(label)}`}
          formatter={(value, name) => [
            name === 'memoryMb' ? `${formatCount(Number(value))} MB` : `${formatCount(Number(value))} ms`,
            name === 'memoryMb' ? 'Memory' : 'Duration',
          ]}
          contentStyle={{ fontSize: 12 }}
        />
        <ReferenceLine
          yAxisId="memory"
          y={MAX_MEMORY_MB}
          stroke={MEMORY_COLOR}
          strokeDasharray="3 3"
          label={{ value: 'Lambda maximum', position: 'insideTopLeft', fontSize: 11, fill: MEMORY_COLOR }}
        />
        <Line
          yAxisId="memory"
          dataKey="memoryMb"
          name="memoryMb"
          type="stepAfter"
          stroke={MEMORY_COLOR}
          strokeWidth={2}
          dot={{ r: 2 }}
          isAnimationActive={false}
        />
        <Line yAxisId="duration" dataKey="durationMs" name="durationMs" stroke={DURATION_COLOR} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
