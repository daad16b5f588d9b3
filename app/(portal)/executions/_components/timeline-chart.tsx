'use client';

import { useEffect, useRef, useState } from 'react';
import { formatDuration } from '@/lib/sfn/format';
import { fitLabel } from '@/lib/sfn/graph-svg';
import { STATE_STATUS_STYLE } from '@/lib/sfn/status-style';
import { timelineTicks, visibleRowRange } from '@/lib/sfn/timeline-scale';
import type { TimelineRow } from '@/lib/sfn/history-types';

const ROW = 24;
const LABEL_WIDTH = 260;
const MAX_VIEW_HEIGHT = 520;
const AXIS_HEIGHT = 22;

/**
 * Gantt of every visit (SVG): bars by status, retry attempts as red ticks, retry back-offs hatched,
 * Wait states striped. Only the rows in view are drawn, so 5,000 visits scroll smoothly.
 */
export function TimelineChart({
  rows,
  totalMs,
  selectedVisitId,
  onSelect,
}: {
  rows: TimelineRow[];
  totalMs: number;
  selectedVisitId: number | null;
  onSelect: (nodeId: string, visitId: number) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(900);
  const [scrollTop, setScrollTop] = useState(0);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(480, entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  if (rows.length === 0) return <p className="text-sm text-slate-500">No state has run yet.</p>;
  const span = Math.max(1, totalMs, ...rows.map((r) => r.endMs));
  const plotWidth = width - LABEL_WIDTH - 16;
  const x = (ms: number) => LABEL_WIDTH + (ms / span) * plotWidth;
  const ticks = timelineTicks(span, Math.max(2, Math.floor(plotWidth / 90)));
  const viewHeight = Math.min(rows.length * ROW, MAX_VIEW_HEIGHT);
  const { first, last } = visibleRowRange(scrollTop, viewHeight, ROW, rows.length);

  return (
    <div data-testid="timeline">
      <svg width={width} height={AXIS_HEIGHT} className="block" aria-hidden>
        <defs>
          <pattern id="timeline-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#fef3c7" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#d97706" strokeWidth="2" />
          </pattern>
          <pattern id="timeline-wait" width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" fill="#e0f2fe" />
            <line x1="0" y1="3" x2="6" y2="3" stroke="#0284c7" strokeWidth="1" />
          </pattern>
        </defs>
        <text x={8} y={15} fontSize={11} fill="#64748b">
          State (visit)
        </text>
        {ticks.map((t) => (
          <g key={t} transform={`translate(${x(t)},0)`}>
            <line y1={16} y2={AXIS_HEIGHT} stroke="#cbd5e1" />
            <text y={12} fontSize={10} fill="#64748b" textAnchor={t === 0 ? 'start' : 'middle'}>
              {formatDuration(t)}
            </text>
          </g>
        ))}
      </svg>
      <div
        ref={scroller}
        className="relative overflow-y-auto border-t border-slate-200"
        style={{ height: viewHeight }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div style={{ height: rows.length * ROW, position: 'relative' }}>
          <svg
            width={width}
            height={(last - first) * ROW}
            style={{ position: 'absolute', top: first * ROW, left: 0 }}
            role="list"
            aria-label="Timeline of state visits"
          >
            {ticks.map((t) => (
              <line key={t} x1={x(t)} x2={x(t)} y1={0} y2={(last - first) * ROW} stroke="#f1f5f9" />
            ))}
            {rows.slice(first, last).map((row, i) => {
              const style = STATE_STATUS_STYLE[row.status];
              const barX = x(row.startMs);
              const barWidth = Math.max(2, x(row.endMs) - barX);
              const label = `${row.name}${row.iterationIndex !== undefined ? ` [${row.iterationIndex}]` : ''}${row.branchIndex !== undefined ? ` (branch ${row.branchIndex + 1})` : ''}`;
              const duration = row.isOpenEnded ? `${formatDuration(row.endMs - row.startMs)}…` : formatDuration(row.endMs - row.startMs);
              const isSelected = row.visitId === selectedVisitId;
              return (
                <g
                  key={row.visitId}
                  transform={`translate(0,${i * ROW})`}
                  role="listitem"
                  tabIndex={0}
                  aria-label={`${label}: ${style.label}, started at ${formatDuration(row.startMs)}, took ${duration}${row.marks.some((m) => m.kind === 'retry') ? `, ${row.marks.filter((m) => m.kind === 'retry').length} retries` : ''}`}
                  className="cursor-pointer focus:outline-none"
                  onClick={() => onSelect(row.nodeId, row.visitId)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      onSelect(row.nodeId, row.visitId);
                    }
                  }}
                  data-visit-id={row.visitId}
                >
                  <rect width={width} height={ROW} fill={isSelected ? '#eff6ff' : (first + i) % 2 ? '#fafafa' : '#ffffff'} />
                  <text x={8 + row.depth * 12} y={16} fontSize={11} fill="#1e293b">
                    {fitLabel(label, LABEL_WIDTH - 16 - row.depth * 12)}
                  </text>
                  <rect
                    x={barX}
                    y={5}
                    width={barWidth}
                    height={ROW - 10}
                    rx={3}
                    fill={style.fill}
                    stroke={style.stroke}
                    strokeWidth={1.2}
                    opacity={style.opacity}
                  />
                  {row.marks.map((mark, m) =>
                    mark.kind === 'retry' ? (
                      <line key={m} x1={x(mark.startMs)} x2={x(mark.startMs)} y1={2} y2={ROW - 2} stroke="#dc2626" strokeWidth={2}>
                        <title>{`Attempt failed: ${mark.label ?? ''}`}</title>
                      </line>
                    ) : (
                      <rect
                        key={m}
                        x={x(mark.startMs)}
                        y={8}
                        width={Math.max(2, x(mark.endMs) - x(mark.startMs))}
                        height={ROW - 16}
                        fill={mark.kind === 'retryWait' ? 'url(#timeline-hatch)' : 'url(#timeline-wait)'}
                      >
                        <title>{mark.kind === 'retryWait' ? 'Retry back-off' : 'Wait'}</title>
                      </rect>
                    ),
                  )}
                  <text x={Math.min(barX + barWidth + 4, width - 60)} y={16} fontSize={10} fill="#475569">
                    {duration}
                  </text>
                  {isSelected && <rect width={3} height={ROW} fill="#2563eb" />}
                </g>
              );
            })}
          </svg>
        </div>
      </div>
      <p className="mt-2 flex flex-wrap items-center gap-4 text-xs text-slate-500">
        <span className="inline-flex items-center gap-1">
          <span className="inline-block h-3 w-0.5 bg-red-600" aria-hidden /> failed attempt (retried)
        </span>
        <span className="inline-flex items-center gap-1">
          <svg width="16" height="10" aria-hidden>
            <rect width="16" height="10" fill="url(#timeline-hatch)" />
          </svg>
          retry back-off
        </span>
        <span className="inline-flex items-center gap-1">
          <svg width="16" height="10" aria-hidden>
            <rect width="16" height="10" fill="url(#timeline-wait)" />
          </svg>
          Wait state
        </span>
        <span>{rows.length.toLocaleString()} visits · click one to open it</span>
      </p>
    </div>
  );
}
