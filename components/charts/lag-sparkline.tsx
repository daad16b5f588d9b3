'use client';

import { Line, LineChart, YAxis } from 'recharts';

const STROKE = { ok: '#059669', unknown: '#64748b', warning: '#d97706', error: '#dc2626' } as const;

/** A group's total lag over the last hour, small enough for a table cell; the label says it in words. */
export function LagSparkline({ points, severity, label }: { points: { at: string; totalLag: number }[]; severity: keyof typeof STROKE; label: string }) {
  if (points.length < 2) return <span className="text-xs text-slate-400">{points.length === 1 ? 'one sample' : 'no history'}</span>;
  const values = points.map((p) => p.totalLag);
  const summary = `${label}: from ${values[0]!.toLocaleString('en-US')} to ${values.at(-1)!.toLocaleString('en-US')}, peak ${Math.max(...values).toLocaleString('en-US')} in the last hour`;
  return (
    <span role="img" aria-label={summary} title={summary} className="inline-block align-middle">
      <LineChart width={120} height={28} data={points} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
        <YAxis hide domain={[0, 'dataMax']} />
        <Line type="monotone" dataKey="totalLag" stroke={STROKE[severity]} strokeWidth={1.5} dot={false} isAnimationActive={false} />
      </LineChart>
    </span>
  );
}
