'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { fetchJson } from '@/lib/api/fetch-json';
import type { GroupLagHistoryDto } from '@/lib/kafka/dto';
import { HISTORY_RANGES, type HistoryRangeKey } from '@/lib/schemas/kafka';
import { formatDateTime } from '@/lib/date-time';
import { formatOffset, formatTimeLag } from '@/lib/kafka/format';
import { ChartCard } from '@/components/charts/chart-card';
import { LAG_COLOR, LagHistoryChart, PEAK_COLOR, type LagChartPoint } from '@/components/charts/lag-history-chart';
import { Alert } from '@/components/ui/alert';
import { Select } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { cn } from '@/components/ui/cn';

const TOTAL = 'total';
// Kafka topic names never hold ':'. No control characters: the HTML parser turns a NUL in a server-rendered
// option value into U+FFFD, and the selected value would then match no series.
const seriesKey = (topic: string, partition: number) => `${partition}:${topic}`;

/** Lag over a chosen range (1 h to 30 d), for the whole group or one partition, zoomable with the brush. */
export function LagHistory({
  clusterId,
  groupId,
  partitions,
  refreshMs,
}: {
  clusterId: string;
  groupId: string;
  partitions: { topic: string; partition: number }[];
  refreshMs: number;
}) {
  const [rangeKey, setRangeKey] = useState<HistoryRangeKey>('1h');
  const [series, setSeries] = useState<string>(TOTAL);
  const selectId = useId();
  const range = HISTORY_RANGES.find((r) => r.key === rangeKey)!;
  const { data, error, isPending, isFetching } = useQuery({
    queryKey: ['kafka-history', clusterId, groupId, rangeKey],
    queryFn: () => {
      // No `to`: the server's "now" ends the range, so the worker's latest round is in it even when it
      // was stored after this request was made.
      const query = new URLSearchParams({ from: new Date(Date.now() - range.ms).toISOString() });
      return fetchJson<GroupLagHistoryDto>(`/api/v1/kafka/clusters/${clusterId}/groups/${encodeURIComponent(groupId)}/history?${query}`);
    },
    refetchInterval: range.ms <= 6 * 3_600_000 ? refreshMs : 60_000,
    placeholderData: (previous) => previous,
  });

  const options = new Map(partitions.map((p) => [seriesKey(p.topic, p.partition), `${p.topic}-${p.partition}`]));
  for (const p of data?.partitions ?? []) options.set(seriesKey(p.topic, p.partition), `${p.topic}-${p.partition}`);
  const points = data ? toChartPoints(data, series) : [];
  const bucketed = (data?.bucketMs ?? 0) > 0;
  const label = series === TOTAL ? 'Total lag' : `Lag of ${options.get(series) ?? 'partition'}`;
  const peak = points.reduce<LagChartPoint | null>((best, p) => (p.peak !== null && (best === null || p.peak > (best.peak ?? -1)) ? p : best), null);
  const latest = points.at(-1);

  return (
    <ChartCard
      title={`${label} — last ${range.label}`}
      description={
        bucketed
          ? `Each point stands for ${formatTimeLag((data?.bucketMs ?? 0) / 1000)}; the dashed line is the peak inside it.`
          : 'Every stored sample. Drag the handles under the chart to zoom.'
      }
      fileName={`lag-${groupId}-${rangeKey}`}
      legend={[{ label: 'lag', color: LAG_COLOR }, ...(bucketed ? [{ label: 'peak in bucket', color: PEAK_COLOR, dashed: true }] : [])]}
    >
      <div className="flex flex-wrap items-end justify-between gap-3 px-2 pb-3">
        <div role="group" aria-label="Time range" className="inline-flex overflow-hidden rounded-md ring-1 ring-slate-300">
          {HISTORY_RANGES.map((r) => (
            <button
              key={r.key}
              type="button"
              aria-pressed={r.key === rangeKey}
              onClick={() => setRangeKey(r.key)}
              className={cn('px-3 py-1 text-sm', r.key === rangeKey ? 'bg-brand-600 text-white' : 'bg-white text-slate-700 hover:bg-slate-50')}
            >
              {r.label}
            </button>
          ))}
        </div>
        <div className="flex items-end gap-3">
          {isFetching && !isPending && <Spinner label="Updating" />}
          <div>
            <label htmlFor={selectId} className="block text-xs font-medium text-slate-700">
              Series
            </label>
            <Select id={selectId} value={series} onChange={(e) => setSeries(e.target.value)} className="w-56">
              <option value={TOTAL}>Whole group (total lag)</option>
              {[...options].map(([key, name]) => (
                <option key={key} value={key}>
                  Partition {name}
                </option>
              ))}
            </Select>
          </div>
        </div>
      </div>
      {error ? (
        <Alert tone="error" className="mx-2 mb-3">
          The history could not be loaded: {error.message}
        </Alert>
      ) : isPending ? (
        <div className="px-2 py-16 text-center">
          <Spinner label="Loading history" />
        </div>
      ) : points.length < 2 ? (
        <p className="mx-2 mb-4 rounded-md border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-600">
          {points.length === 1 ? 'One sample so far' : 'No samples in this range yet'}: the worker stores one per sampling round, and the chart appears from the
          second.
          {series !== TOTAL &&
            data &&
            range.ms > data.partitionDetailRetentionMs &&
            ` Per-partition detail is kept for ${formatTimeLag(data.partitionDetailRetentionMs / 1000)}.`}
        </p>
      ) : (
        <>
          <LagHistoryChart points={points} showPeak={bucketed} yLabel="records behind" />
          <p className="px-2 pb-3 text-xs text-slate-600" data-testid="lag-history-summary">
            {points.length} points · latest {latest?.lagText ?? 'unknown'}
            {peak && ` · highest ${peak.peakText} at ${formatDateTime(peak.at, 'second')}`}
            {series !== TOTAL &&
              data &&
              range.ms > data.partitionDetailRetentionMs &&
              ` · per-partition detail is kept for ${formatTimeLag(data.partitionDetailRetentionMs / 1000)}`}
          </p>
        </>
      )}
    </ChartCard>
  );
}

function toChartPoints(history: GroupLagHistoryDto, series: string): LagChartPoint[] {
  if (series === TOTAL) {
    return history.total.map((p) => ({
      at: Date.parse(p.at),
      lag: Number(p.totalLag),
      peak: Number(p.peakTotalLag),
      lagText: formatOffset(p.totalLag),
      peakText: formatOffset(p.peakTotalLag),
    }));
  }
  const found = history.partitions.find((p) => seriesKey(p.topic, p.partition) === series);
  return (found?.points ?? []).map((p) => ({
    at: Date.parse(p.at),
    lag: p.lag === null ? null : Number(p.lag),
    peak: p.maxLag === null ? null : Number(p.maxLag),
    lagText: formatOffset(p.lag),
    peakText: formatOffset(p.maxLag),
  }));
}
