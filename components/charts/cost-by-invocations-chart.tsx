'use client';

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LambdaView } from '@/lib/cost/estimator-view';
import { ARCHITECTURES } from '@/lib/cost/price-table';
import { formatCount, formatDollars } from '@/lib/cost/number-format';
import { ARCHITECTURE_COLORS, GRID_STROKE } from './chart-theme';
import { countAxisProps, dollarAxisProps, forLogAxis, logAxisFor } from './log-axis';

/** Monthly cost of the function as its invocations grow, per architecture; the chosen volume marked. */
export function CostByInvocationsChart({ points, chosen, logAxes }: { points: LambdaView['costByInvocations']; chosen: number; logAxes: boolean }) {
  const data = points.map((point) => ({
    invocationsPerMonth: point.invocationsPerMonth,
    x86_64: logAxes ? forLogAxis(point.x86_64) : point.x86_64,
    arm64: logAxes ? forLogAxis(point.arm64) : point.arm64,
  }));
  const volumes = points.map((point) => point.invocationsPerMonth);
  const xLog = logAxes ? logAxisFor(volumes, 'data') : null;
  const yLog = logAxes ? logAxisFor(points.flatMap((point) => [point.x86_64, point.arm64])) : null;
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={data} margin={{ top: 22, right: 16, bottom: 20, left: 8 }}>
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis {...countAxisProps('invocationsPerMonth', 'Invocations per month', xLog)} />
        <YAxis {...dollarAxisProps(yLog)} />
        <Tooltip
          labelFormatter={(label) => `${formatCount(Number(label))} invocations/month`}
          formatter={(value, name) => [formatDollars(Number(value)), String(name)]}
          contentStyle={{ fontSize: 12 }}
        />
        {chosen > 0 || !logAxes ? (
          <ReferenceLine x={chosen} stroke="#0f172a" strokeDasharray="3 3" label={{ value: 'chosen', position: 'top', fontSize: 11, fill: '#0f172a' }} />
        ) : null}
        {ARCHITECTURES.map((architecture) => (
          <Line
            key={architecture}
            dataKey={architecture}
            name={architecture}
            stroke={ARCHITECTURE_COLORS[architecture]}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
