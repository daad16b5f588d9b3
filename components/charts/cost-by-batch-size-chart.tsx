'use client';

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CostGrid } from '@/lib/cost/cost-grid';
import { formatCount, formatDollars, formatDollarsCompact } from '@/lib/cost/number-format';
import { AXIS_LABEL, AXIS_TICK, CHEAPEST_COLOR, GRID_STROKE, INFEASIBLE_COLOR, NEUTRAL_BAR_COLOR } from './chart-theme';
import type { PngLegendItem } from './svg-to-png';

export const COST_BY_BATCH_SIZE_LEGEND: readonly PngLegendItem[] = [
  { label: 'Cheapest feasible', color: CHEAPEST_COLOR },
  { label: 'Feasible', color: NEUTRAL_BAR_COLOR },
  { label: 'Breaks an AWS limit', color: INFEASIBLE_COLOR },
];

type Bar = CostGrid['costByBatchSize'][number];

/** Monthly cost per batch size at the chosen volume; the cheapest feasible bar is green and labelled. */
export function CostByBatchSizeChart({ bars }: { bars: CostGrid['costByBatchSize'] }) {
  const data = bars.map((bar) => ({ ...bar, label: formatCount(bar.batchSize) }));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={data} margin={{ top: 20, right: 12, bottom: 20, left: 8 }}>
        <CartesianGrid stroke={GRID_STROKE} vertical={false} />
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
          tickFormatter={formatDollarsCompact}
          tick={AXIS_TICK}
          width={64}
          label={{ value: 'USD per month', angle: -90, position: 'insideLeft', offset: 4, dy: 44, ...AXIS_LABEL }}
        />
        <Tooltip
          labelFormatter={(label) => `Batch size ${String(label)}`}
          formatter={(value, _name, item) => {
            const bar = item.payload as Bar;
            return [`${formatDollars(Number(value))}${bar.feasible ? '' : ` — breaks: ${bar.violations.join(', ')}`}`, 'Monthly cost'];
          }}
          contentStyle={{ fontSize: 12 }}
        />
        <Bar dataKey="totalCost" name="Monthly cost" isAnimationActive={false}>
          {data.map((bar) => (
            <Cell key={bar.batchSize} fill={bar.isCheapest ? CHEAPEST_COLOR : bar.feasible ? NEUTRAL_BAR_COLOR : INFEASIBLE_COLOR} />
          ))}
          <LabelList dataKey="totalCost" position="top" content={CheapestLabel(data)} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Labels only the cheapest bar ("cheapest $6.67"), so the recommendation reads without hovering. */
function CheapestLabel(data: readonly Bar[]) {
  function Label(props: { index?: number; x?: number | string; y?: number | string; width?: number | string }) {
    const bar = props.index === undefined ? undefined : data[props.index];
    if (!bar?.isCheapest) return null;
    const x = Number(props.x) + Number(props.width) / 2;
    return (
      <text x={x} y={Number(props.y) - 6} textAnchor="middle" fontSize={11} fontWeight={600} fill={CHEAPEST_COLOR}>
        cheapest {formatDollars(bar.totalCost)}
      </text>
    );
  }
  return Label;
}
