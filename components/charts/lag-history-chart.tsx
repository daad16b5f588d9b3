'use client';

import { Brush, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatAxisTime, formatDateTime } from '@/lib/date-time';
import { AXIS_LABEL, AXIS_TICK, GRID_STROKE } from './chart-theme';

/** One point of a lag chart: time (epoch ms), lag and the bucket's peak (numbers for drawing, exact text for reading). */
export interface LagChartPoint {
  at: number;
  lag: number | null;
  peak: number | null;
  lagText: string;
  peakText: string;
}

export const LAG_COLOR = '#1f58c4';
export const PEAK_COLOR = '#f59e0b';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** UTC tick labels precise enough for the time the data actually spans (a 1 h range may hold 2 minutes of data). */
function timeTick(spanMs: number) {
  const withDate = spanMs > 24 * 60 * 60_000;
  const precision = !withDate && spanMs <= 20 * 60_000 ? 'second' : 'minute';
  return (at: number) => formatAxisTime(at, { withDate, precision });
}

/**
 * Lag over time with a brush to zoom into part of the range. The dashed line is the largest value
 * inside each bucket, shown only when the history was downsampled (so a spike is never hidden).
 */
export function LagHistoryChart({ points, showPeak, yLabel }: { points: LagChartPoint[]; showPeak: boolean; yLabel: string }) {
  const tick = timeTick((points.at(-1)?.at ?? 0) - (points[0]?.at ?? 0));
  return (
    <ResponsiveContainer width="100%" height={300}>
      <LineChart data={points} margin={{ top: 12, right: 20, bottom: 8, left: 8 }}>
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis dataKey="at" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={tick} tick={AXIS_TICK} minTickGap={40} />
        <YAxis
          tickFormatter={(v: number) => compact.format(v)}
          tick={AXIS_TICK}
          width={64}
          domain={[0, 'auto']}
          allowDecimals={false}
          label={{ value: yLabel, angle: -90, position: 'insideLeft', offset: 4, dy: 40, ...AXIS_LABEL }}
        />
        <Tooltip
          labelFormatter={(at) => formatDateTime(Number(at), 'second')}
          formatter={(_value, name, item) => {
            const row = item.payload as LagChartPoint;
            return name === 'peak' ? [row.peakText, 'peak in bucket'] : [row.lagText, 'lag'];
          }}
          contentStyle={{ fontSize: 12 }}
        />
        {showPeak && (
          <Line
            dataKey="peak"
            name="peak"
            stroke={PEAK_COLOR}
            strokeDasharray="4 3"
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        )}
        <Line dataKey="lag" name="lag" stroke={LAG_COLOR} strokeWidth={2} dot={points.length < 30} isAnimationActive={false} connectNulls={false} />
        {points.length > 10 && <Brush dataKey="at" height={26} stroke="#94a3b8" travellerWidth={8} tickFormatter={tick} />}
      </LineChart>
    </ResponsiveContainer>
  );
}
