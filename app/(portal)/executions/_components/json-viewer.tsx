'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';

// A collapsible JSON tree: objects and arrays fold, long arrays show their first items, keyboard users
// toggle with Enter/Space on the fold buttons. Text that is not JSON (a truncated payload) shows as is.

const ITEMS_SHOWN = 100;

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="text-slate-500">null</span>;
  if (typeof value === 'string') return <span className="break-all text-emerald-800">&quot;{value}&quot;</span>;
  if (typeof value === 'number') return <span className="text-blue-700">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="text-purple-700">{String(value)}</span>;
  return <span>{String(value)}</span>;
}

function Node({ name, value, depth, openDepth }: { name?: string; value: unknown; depth: number; openDepth: number }) {
  const isContainer = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < openDepth);
  const [limit, setLimit] = useState(ITEMS_SHOWN);
  const label = name !== undefined ? <span className="text-slate-700">{name}: </span> : null;
  if (!isContainer) {
    return (
      <div className="pl-4">
        {label}
        <Scalar value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  const [openBrace, closeBrace] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return (
    <div className={depth > 0 ? 'pl-4' : undefined}>
      <button
        type="button"
        className="-ml-4 w-4 text-slate-400 hover:text-slate-700"
        aria-expanded={open}
        aria-label={`${open ? 'Collapse' : 'Expand'} ${name ?? 'value'}`}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? '▾' : '▸'}
      </button>
      {label}
      <span className="text-slate-500">{openBrace}</span>
      {!open && (
        <button type="button" className="mx-1 rounded bg-slate-100 px-1 text-[11px] text-slate-500 hover:bg-slate-200" onClick={() => setOpen(true)}>
          {entries.length} {Array.isArray(value) ? (entries.length === 1 ? 'item' : 'items') : entries.length === 1 ? 'key' : 'keys'}
        </button>
      )}
      {open && (
        <>
          {entries.slice(0, limit).map(([key, child]) => (
            <Node key={key} name={key} value={child} depth={depth + 1} openDepth={openDepth} />
          ))}
          {entries.length > limit && (
            <button type="button" className="ml-4 text-xs text-brand-700 underline" onClick={() => setLimit((l) => l + ITEMS_SHOWN)}>
              Show {Math.min(ITEMS_SHOWN, entries.length - limit)} more of {entries.length - limit}
            </button>
          )}
        </>
      )}
      {!open ? <span className="text-slate-500">{closeBrace}</span> : <div className="text-slate-500">{closeBrace}</div>}
    </div>
  );
}

/** JSON text (or a value) as a collapsible tree with copy, expand-all and raw views. */
export function JsonViewer({
  text,
  value,
  openDepth = 2,
  label,
  className,
  testId,
}: {
  text?: string | null;
  value?: unknown;
  openDepth?: number;
  label: string;
  className?: string;
  testId?: string;
}) {
  const parsed = useMemo(() => {
    if (value !== undefined) return { ok: true as const, value };
    if (text === undefined || text === null) return null;
    try {
      return { ok: true as const, value: JSON.parse(text) as unknown };
    } catch {
      return { ok: false as const };
    }
  }, [text, value]);
  const [mode, setMode] = useState<'tree' | 'raw'>('tree');
  const [expandKey, setExpandKey] = useState(0);
  const [depth, setDepth] = useState(openDepth);
  const [copied, setCopied] = useState(false);
  const raw = value !== undefined ? JSON.stringify(value, null, 2) : (text ?? '');

  if (!parsed)
    return (
      <p className="text-xs text-slate-500" data-testid={testId}>
        No {label.toLowerCase()} recorded.
      </p>
    );
  return (
    <div className={cn('rounded-md bg-slate-50 ring-1 ring-slate-200', className)} data-testid={testId}>
      <div className="flex items-center gap-1 border-b border-slate-200 px-2 py-1 text-[11px]">
        <span className="mr-auto font-medium text-slate-600">{label}</span>
        {parsed.ok && (
          <>
            <Button variant="ghost" className="px-1.5 py-0.5 text-[11px]" onClick={() => setMode(mode === 'tree' ? 'raw' : 'tree')}>
              {mode === 'tree' ? 'Raw' : 'Tree'}
            </Button>
            {mode === 'tree' && (
              <Button
                variant="ghost"
                className="px-1.5 py-0.5 text-[11px]"
                onClick={() => {
                  setDepth((d) => (d > openDepth ? openDepth : 99));
                  setExpandKey((k) => k + 1);
                }}
              >
                {depth > openDepth ? 'Collapse all' : 'Expand all'}
              </Button>
            )}
          </>
        )}
        <Button
          variant="ghost"
          className="px-1.5 py-0.5 text-[11px]"
          onClick={() => {
            void navigator.clipboard?.writeText(parsed.ok && value === undefined ? JSON.stringify(parsed.value, null, 2) : raw).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            });
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <div className="max-h-80 overflow-auto px-2 py-1.5 font-mono text-xs leading-5">
        {!parsed.ok ? (
          <>
            <p className="mb-1 font-sans text-amber-700">Not valid JSON (truncated in the history?): shown as text.</p>
            <pre className="whitespace-pre-wrap break-all">{raw}</pre>
          </>
        ) : mode === 'raw' ? (
          <pre className="whitespace-pre-wrap break-all">{JSON.stringify(parsed.value, null, 2)}</pre>
        ) : (
          <div className="pl-4">
            <Node key={expandKey} value={parsed.value} depth={0} openDepth={depth} />
          </div>
        )}
      </div>
    </div>
  );
}
