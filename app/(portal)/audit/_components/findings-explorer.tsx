'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Select } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { TableHead } from '@/components/ui/table-head';
import { AXIS_TICK, GRID_STROKE } from '@/components/charts/chart-theme';
import { fetchJson } from '@/lib/api/fetch-json';
import { formatAxisTime, formatDateTime } from '@/lib/date-time';
import { addToAggregate, emptyAggregate } from '@/lib/sns/aggregate';
import { identifierColor } from '@/lib/sns/colors';
import type { AuditOutcome, AuditRecordDto, FindingMetricsDto, FindingsAggregateDto, FindingsPageDto } from '@/lib/sns/dto';

const RANGES = [
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
] as const;

/** Records per request, and requests made before asking the reader whether to go on. */
const PAGE_LIMIT = 500;
const PAGES_PER_RUN = 20;
/** Records kept for the table and drill-down; the aggregate counts every record read. */
const KEPT_RECORDS = 2_000;

const OUTCOME_LABEL: Record<AuditOutcome, string> = { audited: 'Audited', 'denied-inbound': 'Denied inbound', 'denied-outbound': 'Denied outbound' };
const OUTCOME_TONE: Record<AuditOutcome, 'info' | 'bad' | 'warn'> = { audited: 'info', 'denied-inbound': 'bad', 'denied-outbound': 'warn' };

type ReadState = { status: 'idle' | 'reading' | 'paused' | 'done' | 'stopped' | 'error'; pages: number; error?: string };

/** Where each identifier's spans sit within the message (the record has positions, not the text). */
function SpanRuler({ record }: { record: AuditRecordDto }) {
  const spans = record.dataIdentifiers.flatMap((d) => d.detections.map((s) => ({ ...s, name: d.name })));
  const length = Math.max(1, ...spans.map((s) => s.end + 1));
  return (
    <div className="space-y-2">
      <div className="relative h-6 w-full rounded bg-slate-100" role="img" aria-label={`Detected spans within the first ${length} characters of the message`}>
        {spans.map((s) => (
          <span
            key={`${s.name}-${s.start}`}
            className="absolute top-0 h-6 rounded"
            title={`${s.name}: characters ${s.start}–${s.end}`}
            style={{
              left: `${(s.start / length) * 100}%`,
              width: `${Math.max(0.5, ((s.end - s.start + 1) / length) * 100)}%`,
              backgroundColor: identifierColor(s.name),
            }}
          />
        ))}
      </div>
      <ul className="space-y-0.5 text-sm">
        {record.dataIdentifiers.map((d) => (
          <li key={d.name}>
            <span className="mr-1 inline-block h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: identifierColor(d.name) }} aria-hidden />
            <span className="font-mono text-xs">{d.name}</span> × {d.count}
            {d.detections.length > 0 && <span className="text-slate-600"> at {d.detections.map((s) => `${s.start}–${s.end}`).join(', ')}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function RecordDetail({ record, onClose }: { record: AuditRecordDto; onClose: () => void }) {
  return (
    <Card
      title={`Record ${record.messageId}`}
      actions={
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
      }
    >
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" data-testid="finding-detail">
        <dt className="text-slate-500">Time</dt>
        <dd>{formatDateTime(record.timestamp, 'second')}</dd>
        <dt className="text-slate-500">Caller</dt>
        <dd className="break-all font-mono text-xs">{record.callerPrincipal ?? 'unknown'}</dd>
        <dt className="text-slate-500">Topic</dt>
        <dd className="break-all font-mono text-xs">{record.topicArn}</dd>
        <dt className="text-slate-500">Outcome</dt>
        <dd>
          <Badge tone={OUTCOME_TONE[record.outcome]}>{OUTCOME_LABEL[record.outcome]}</Badge>
          {record.denial && (
            <span className="ml-2 text-xs">
              by <span className="font-mono">{record.denial.statementSid ?? 'an unnamed statement'}</span>
              {record.denial.subscriber && <span className="break-all"> for {record.denial.subscriber}</span>}
            </span>
          )}
        </dd>
      </dl>
      <h3 className="mt-4 mb-2 text-sm font-semibold">Where the data was found</h3>
      {record.dataIdentifiers.length ? <SpanRuler record={record} /> : <p className="text-sm text-slate-600">No findings in this message.</p>}
      <p className="mt-2 text-xs text-slate-500">Audit records carry positions, not the message: SNS never writes the sensitive data itself to the log.</p>
    </Card>
  );
}

/**
 * A topic's audit records over a time range, read page by page (with progress and a stop button,
 * never all at once), folded into charts and tables, with filters and one record's detail.
 */
export function FindingsExplorer({ topicArn, logGroup }: { topicArn: string; logGroup: string | null }) {
  const [rangeId, setRangeId] = useState<(typeof RANGES)[number]['id']>('24h');
  const [window, setWindow] = useState<{ from: number; to: number } | null>(null);
  const [aggregate, setAggregate] = useState<FindingsAggregateDto | null>(null);
  const [records, setRecords] = useState<AuditRecordDto[]>([]);
  const [unparsed, setUnparsed] = useState(0);
  const [read, setRead] = useState<ReadState>({ status: 'idle', pages: 0 });
  const [metrics, setMetrics] = useState<FindingMetricsDto | null>(null);
  const [metricsError, setMetricsError] = useState<string | null>(null);
  const [filters, setFilters] = useState<{ identifier: string; principal: string; outcome: string }>({ identifier: '', principal: '', outcome: '' });
  const [selected, setSelected] = useState<AuditRecordDto | null>(null);
  const run = useRef(0);
  const nextToken = useRef<string | null>(null);
  const base = `/api/v1/sns/topics/${encodeURIComponent(topicArn)}`;

  const readPages = useCallback(
    async (range: { from: number; to: number }, startAgg: FindingsAggregateDto, id: number) => {
      let agg = startAgg;
      for (let i = 0; i < PAGES_PER_RUN; i++) {
        const params = new URLSearchParams({ from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), limit: String(PAGE_LIMIT) });
        if (nextToken.current) params.set('nextToken', nextToken.current);
        let page: FindingsPageDto;
        try {
          page = await fetchJson<FindingsPageDto>(`${base}/findings?${params}`);
        } catch (err) {
          if (run.current === id) setRead((r) => ({ ...r, status: 'error', error: err instanceof Error ? err.message : String(err) }));
          return;
        }
        if (run.current !== id) return;
        agg = addToAggregate(agg, page.records);
        nextToken.current = page.nextToken;
        setAggregate(agg);
        setRecords((prev) => [...prev, ...page.records].slice(-KEPT_RECORDS));
        setUnparsed((n) => n + page.unparsed);
        setRead((r) => ({ ...r, pages: r.pages + 1 }));
        if (!page.nextToken) {
          setRead((r) => ({ ...r, status: 'done' }));
          return;
        }
      }
      if (run.current === id) setRead((r) => ({ ...r, status: 'paused' }));
    },
    [base],
  );

  const start = useCallback(
    (id: (typeof RANGES)[number]['id']) => {
      const ms = RANGES.find((r) => r.id === id)!.ms;
      const to = Date.now();
      const range = { from: to - ms, to };
      const runId = ++run.current;
      nextToken.current = null;
      setWindow(range);
      const agg = emptyAggregate(range.from, range.to);
      setAggregate(agg);
      setRecords([]);
      setUnparsed(0);
      setSelected(null);
      setRead({ status: 'reading', pages: 0 });
      setMetrics(null);
      setMetricsError(null);
      const params = new URLSearchParams({ from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() });
      fetchJson<FindingMetricsDto>(`${base}/metrics?${params}`)
        .then((m) => run.current === runId && setMetrics(m))
        .catch((err: Error) => run.current === runId && setMetricsError(err.message));
      void readPages(range, agg, runId);
    },
    [base, readPages],
  );

  useEffect(() => {
    if (logGroup) start('24h');
    // A run still reading when the page goes away must drop its answers.
    const runs = run;
    return () => {
      runs.current++;
    };
  }, [logGroup, start]);

  const filtered = useMemo(
    () =>
      records.filter(
        (r) =>
          (!filters.identifier || r.dataIdentifiers.some((d) => d.name === filters.identifier)) &&
          (!filters.principal || (r.callerPrincipal ?? 'unknown') === filters.principal) &&
          (!filters.outcome || r.outcome === filters.outcome),
      ),
    [records, filters],
  );

  if (!logGroup) {
    return (
      <Alert tone="warn" title="No CloudWatch Logs destination">
        This policy sends audit records only to S3 or Firehose (or it has no Audit statement). Slipway reads findings from CloudWatch Logs; add a LogGroup under
        /aws/vendedlogs/ to the Audit statement to see them here.
      </Alert>
    );
  }

  const identifiers = aggregate?.byIdentifier.map((i) => i.name) ?? [];
  const chartData = (aggregate?.overTime ?? []).map((b) => ({ at: Date.parse(b.start), ...b.counts }));
  const spanMs = window ? window.to - window.from : 0;
  const tick = (at: number) => formatAxisTime(at, { withDate: spanMs > 86_400_000 });
  const reading = read.status === 'reading';

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <Field id="findings-range" label="Time range (UTC)">
          <Select id="findings-range" className="w-48" value={rangeId} onChange={(e) => setRangeId(e.target.value as typeof rangeId)}>
            {RANGES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={() => start(rangeId)} disabled={reading}>
          Read findings
        </Button>
        {reading && (
          <Button variant="secondary" onClick={() => (run.current++, setRead((r) => ({ ...r, status: 'stopped' })))}>
            Stop
          </Button>
        )}
        {read.status === 'paused' && window && aggregate && (
          <Button variant="secondary" onClick={() => (setRead((r) => ({ ...r, status: 'reading' })), void readPages(window, aggregate, run.current))}>
            Read {PAGES_PER_RUN} more pages
          </Button>
        )}
      </div>
      <p className="text-sm text-slate-600" role="status" aria-live="polite" data-testid="findings-progress">
        {reading && <Spinner label="Reading audit records" />} {read.pages} {read.pages === 1 ? 'page' : 'pages'} of {logGroup} read, {aggregate?.records ?? 0}{' '}
        records
        {unparsed > 0 && `, ${unparsed} other log events skipped`}
        {read.status === 'done' && ' — all records in the range.'}
        {read.status === 'paused' && ` — paused after ${read.pages} pages; there are more.`}
        {read.status === 'stopped' && ' — stopped; the figures cover what was read.'}
      </p>
      {read.status === 'error' && (
        <Alert tone="error" title="Could not read the audit records">
          {read.error}
        </Alert>
      )}

      {aggregate && aggregate.records > 0 && (
        <>
          <div className="grid gap-4 lg:grid-cols-3">
            <Card title="By outcome">
              <ul className="space-y-1 text-sm" aria-label="Records by outcome">
                {(Object.keys(OUTCOME_LABEL) as AuditOutcome[]).map((o) => (
                  <li key={o} className="flex justify-between">
                    <Badge tone={OUTCOME_TONE[o]}>{OUTCOME_LABEL[o]}</Badge> <span className="tabular-nums">{aggregate.byOutcome[o]}</span>
                  </li>
                ))}
                <li className="flex justify-between border-t border-slate-100 pt-1">
                  <span>With findings</span> <span className="tabular-nums">{aggregate.withFindings}</span>
                </li>
              </ul>
            </Card>
            <Card title="By identifier">
              <table className="w-full text-sm" aria-label="Findings by identifier">
                <TableHead columns={[{ label: 'Identifier' }, { label: 'Findings', numeric: true }, { label: 'Messages', numeric: true }]} />
                <tbody>
                  {aggregate.byIdentifier.map((i) => (
                    <tr key={i.name}>
                      <td className="py-0.5 font-mono text-xs">{i.name}</td>
                      <td className="py-0.5 text-right tabular-nums">{i.findings}</td>
                      <td className="py-0.5 text-right tabular-nums">{i.messages}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
            <Card title="By caller">
              <table className="w-full text-sm" aria-label="Records by caller principal">
                <TableHead columns={[{ label: 'Principal' }, { label: 'Messages', numeric: true }, { label: 'Denied', numeric: true }]} />
                <tbody>
                  {aggregate.byPrincipal.slice(0, 10).map((p) => (
                    <tr key={p.principal}>
                      <td className="max-w-48 truncate py-0.5 font-mono text-xs" title={p.principal}>
                        {p.principal}
                      </td>
                      <td className="py-0.5 text-right tabular-nums">{p.messages}</td>
                      <td className="py-0.5 text-right tabular-nums">{p.denied}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          </div>
          <Card title="Findings over time, by identifier">
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={chartData} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                <CartesianGrid stroke={GRID_STROKE} />
                <XAxis
                  dataKey="at"
                  type="number"
                  scale="time"
                  domain={window ? [window.from, window.to] : ['dataMin', 'dataMax']}
                  tickFormatter={tick}
                  tick={AXIS_TICK}
                  minTickGap={40}
                />
                <YAxis allowDecimals={false} tick={AXIS_TICK} />
                <Tooltip labelFormatter={(v) => formatDateTime(Number(v))} />
                <Legend />
                {identifiers.map((name) => (
                  <Bar key={name} dataKey={name} stackId="findings" fill={identifierColor(name)} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </Card>
        </>
      )}

      <Card title="Messages with and without findings (CloudWatch metrics)">
        {metricsError ? (
          <p className="text-sm text-amber-700">Could not read the metrics: {metricsError}</p>
        ) : !metrics ? (
          <Spinner label="Reading metrics" />
        ) : metrics.points.length === 0 ? (
          <p className="text-sm text-slate-600">SNS published no MessageWithFindings or MessageWithNoFindings data points for this topic in the range.</p>
        ) : (
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={metrics.points.map((p) => ({ ...p, at: Date.parse(p.timestamp) }))} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid stroke={GRID_STROKE} />
              <XAxis dataKey="at" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={tick} tick={AXIS_TICK} minTickGap={40} />
              <YAxis allowDecimals={false} tick={AXIS_TICK} />
              <Tooltip labelFormatter={(v) => formatDateTime(Number(v))} />
              <Legend />
              <Line dataKey="withFindings" name="MessageWithFindings" stroke="#dc2626" dot={false} isAnimationActive={false} />
              <Line dataKey="withNoFindings" name="MessageWithNoFindings" stroke="#059669" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        )}
      </Card>

      {aggregate && (
        <Card title={`Records (${filtered.length} shown${records.length === KEPT_RECORDS ? `, newest ${KEPT_RECORDS} kept` : ''})`}>
          <div className="mb-3 flex flex-wrap gap-3">
            <Field id="filter-identifier" label="Identifier">
              <Select
                id="filter-identifier"
                className="w-48"
                value={filters.identifier}
                onChange={(e) => setFilters({ ...filters, identifier: e.target.value })}
              >
                <option value="">Any</option>
                {identifiers.map((i) => (
                  <option key={i}>{i}</option>
                ))}
              </Select>
            </Field>
            <Field id="filter-principal" label="Caller">
              <Select id="filter-principal" className="w-72" value={filters.principal} onChange={(e) => setFilters({ ...filters, principal: e.target.value })}>
                <option value="">Any</option>
                {aggregate.byPrincipal.map((p) => (
                  <option key={p.principal}>{p.principal}</option>
                ))}
              </Select>
            </Field>
            <Field id="filter-outcome" label="Outcome">
              <Select id="filter-outcome" className="w-44" value={filters.outcome} onChange={(e) => setFilters({ ...filters, outcome: e.target.value })}>
                <option value="">Any</option>
                {(Object.keys(OUTCOME_LABEL) as AuditOutcome[]).map((o) => (
                  <option key={o} value={o}>
                    {OUTCOME_LABEL[o]}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          {filtered.length === 0 ? (
            <p className="text-sm text-slate-600">{records.length ? 'No record matches the filters.' : 'No audit records in this range (yet).'}</p>
          ) : (
            <div className="max-h-96 overflow-y-auto">
              <table className="w-full text-left text-sm" data-testid="findings-table">
                <TableHead columns={[{ label: 'Time' }, { label: 'Caller' }, { label: 'Identifiers' }, { label: 'Outcome' }]} />
                <tbody className="divide-y divide-slate-100">
                  {filtered.slice(0, 500).map((r) => (
                    <tr key={`${r.messageId}-${r.outcome}-${r.denial?.subscriber ?? ''}`} className={selected === r ? 'bg-brand-50' : 'hover:bg-slate-50'}>
                      <td className="py-1 pr-2 whitespace-nowrap">
                        <button type="button" className="text-brand-700 underline-offset-2 hover:underline" onClick={() => setSelected(r)}>
                          {formatDateTime(r.timestamp, 'second')}
                        </button>
                      </td>
                      <td className="max-w-56 truncate py-1 pr-2 font-mono text-xs" title={r.callerPrincipal ?? ''}>
                        {r.callerPrincipal ?? 'unknown'}
                      </td>
                      <td className="py-1 pr-2 text-xs">{r.dataIdentifiers.map((d) => `${d.name} × ${d.count}`).join(', ') || '—'}</td>
                      <td className="py-1">
                        <Badge tone={OUTCOME_TONE[r.outcome]}>{OUTCOME_LABEL[r.outcome]}</Badge>
                        {r.denial?.statementSid && <span className="ml-1 font-mono text-xs">{r.denial.statementSid}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      )}
      {selected && <RecordDetail record={selected} onClose={() => setSelected(null)} />}
    </div>
  );
}
