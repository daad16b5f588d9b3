'use client';

import { Line, LineChart, YAxis } from 'recharts';

const STROKE = { ok: '#059669', unknown: '#64748b', warning: '#d97706', error: '#dc2626' } as const;

/**
 * A group's total lag over the last hour, small enough for a table cell; the label says it in words.
 * Lag arrives as decimal strings; Number is exact enough for a 28-pixel line.
 */
export function LagSparkline({ points, severity, label }: { points: { at: string; totalLag: string }[]; severity: keyof typeof STROKE; label: string }) {
  if (points.length < 2) return <span className="text-xs text-slate-400">{points.length === 1 ? 'one sample' : 'no history'}</span>;
  const data = points.map((p) => ({ at: p.at, totalLag: Number(p.totalLag) }));
  const exact = points.map((p) => BigInt(p.totalLag));
  const peak = exact.reduce((a, b) => (b > a ? b : a));
  const summary = `${label}: from ${exact[0]!.toLocaleString('en-US')} to ${exact.at(-1)!.toLocaleString('en-US')}, peak ${peak.toLocaleString('en-US')} in the last hour`;
  return (
    <span role="img" aria-label={summary} title={summary} className="inline-block align-middle">
      <LineChart width={120} height={28} data={data} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
        <YAxis hide domain={[0, 'dataMax']} />
        <Line type="monotone" dataKey="totalLag" stroke={STROKE[severity]} strokeWidth={1.5} dot={false} isAnimationActive={false} />
      </LineChart>
    </span>
  );
}
