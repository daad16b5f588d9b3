'use client';

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CostGrid } from '@/lib/cost/cost-grid';
import type { Architecture } from '@/lib/cost/price-table';
import { formatCount, formatDollars } from '@/lib/cost/number-format';
import { GRID_STROKE, seriesColor } from './chart-theme';
import { countAxisProps, dollarAxisProps, forLogAxis, logAxisFor } from './log-axis';
import type { PngLegendItem } from './svg-to-png';

const seriesKey = (batchSize: number) => `batch${batchSize}`;

/** Legend entries for the cost-by-volume lines (dashed = breaks an AWS limit). */
export function costByVolumeLegend(grid: CostGrid, architecture: Architecture): PngLegendItem[] {
  return grid.costByVolume
    .filter((series) => series.architecture === architecture)
    .map((series, index) => ({
      label: `${formatCount(series.batchSize)}${series.feasible ? '' : ' (limit)'}`,
      color: seriesColor(index),
      dashed: !series.feasible,
    }));
}

/** Monthly cost against messages per day, one line per batch size, for one architecture. */
export function CostByVolumeChart({ grid, architecture, logAxes }: { grid: CostGrid; architecture: Architecture; logAxes: boolean }) {
  const series = grid.costByVolume.filter((line) => line.architecture === architecture);
  const volumes = series[0]?.points.map((point) => point.messagesPerDay) ?? [];
  const data = volumes.map((messagesPerDay, index) => {
    const row: Record<string, number | null> = { messagesPerDay };
    for (const line of series) {
      const cost = line.points[index]?.totalCost ?? 0;
      row[seriesKey(line.batchSize)] = logAxes ? forLogAxis(cost) : cost;
    }
    return row;
  });
  const xLog = logAxes ? logAxisFor(volumes, 'data') : null;
  const yLog = logAxes ? logAxisFor(series.flatMap((line) => line.points.map((point) => point.totalCost))) : null;

  return (
    <ResponsiveContainer width="100%" height={280}>
      <LineChart data={data} margin={{ top: 22, right: 16, bottom: 20, left: 8 }}>
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis {...countAxisProps('messagesPerDay', 'Messages per day', xLog)} />
        <YAxis {...dollarAxisProps(yLog)} />
        <Tooltip
          labelFormatter={(label) => `${formatCount(Number(label))} messages/day`}
          formatter={(value, name) => [formatDollars(Number(value)), `batch ${String(name).replace('batch', '')}`]}
          itemSorter={(item) => Number(item.value)}
          contentStyle={{ fontSize: 12, maxHeight: 240, overflowY: 'auto' }}
        />
        <ReferenceLine
          x={grid.selected.messagesPerDay}
          stroke="#0f172a"
          strokeDasharray="3 3"
          label={{ value: 'chosen', position: 'top', fontSize: 11, fill: '#0f172a' }}
        />
        {series.map((line, index) => (
          <Line
            key={line.batchSize}
            dataKey={seriesKey(line.batchSize)}
            name={seriesKey(line.batchSize)}
            stroke={seriesColor(index)}
            strokeWidth={line.batchSize === grid.selected.cheapestFeasibleBatchSize ? 3 : 1.5}
            strokeDasharray={line.feasible ? undefined : '4 3'}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
