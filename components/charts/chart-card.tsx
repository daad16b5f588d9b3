'use client';

import { useId, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { downloadBlob } from './download-file';
import { renderChartPng, type PngLegendItem } from './svg-to-png';

/**
 * A titled chart with its legend and a PNG download. The legend is ours (not Recharts'), so the same
 * items are drawn on the page and into the PNG.
 */
export function ChartCard({
  title,
  description,
  legend,
  fileName,
  actions,
  children,
}: {
  title: string;
  description?: string;
  legend?: readonly PngLegendItem[];
  /** Without extension, e.g. "cost-by-batch-size". */
  fileName: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const chartRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const [exportError, setExportError] = useState<string | null>(null);

  async function exportPng() {
    const svg = chartRef.current?.querySelector<SVGSVGElement>('svg.recharts-surface');
    if (!svg) return;
    try {
      setExportError(null);
      downloadBlob(await renderChartPng(svg, { title, subtitle: description, legend }), `${fileName}.png`);
    } catch (err) {
      setExportError((err as Error).message);
    }
  }

  return (
    <figure
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      className="min-w-0 rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
    >
      <header className="flex items-start justify-between gap-3 border-b border-slate-100 px-4 py-2.5">
        <div className="min-w-0">
          <h3 id={titleId} className="text-sm font-semibold text-slate-800">
            {title}
          </h3>
          {description && (
            <p id={descriptionId} className="text-xs text-slate-500">
              {description}
            </p>
          )}
        </div>
        <div className="flex shrink-0 items-center gap-1">
          {actions}
          <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => void exportPng()} aria-label={`Download the chart “${title}” as PNG`}>
            PNG
          </Button>
        </div>
      </header>
      <div ref={chartRef} className="px-2 pt-3">
        {children}
      </div>
      {legend && legend.length > 0 && <ChartLegend items={legend} />}
      {exportError && (
        <p role="alert" className="px-4 pb-2 text-xs text-red-700">
          {exportError}
        </p>
      )}
    </figure>
  );
}

function ChartLegend({ items }: { items: readonly PngLegendItem[] }) {
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 px-4 pb-3 pt-1 text-xs text-slate-600">
      {items.map((item) => (
        <li key={item.label} className="inline-flex items-center gap-1.5">
          <svg width="16" height="6" aria-hidden>
            <line x1="0" y1="3" x2="16" y2="3" stroke={item.color} strokeWidth="3" strokeDasharray={item.dashed ? '4 3' : undefined} />
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
