'use client';

import { useId, useMemo, useRef } from 'react';
import { cn } from '@/components/ui/cn';
import { formatBytes } from '@/lib/sfn/format';
import { describeInputProblem, utf8ByteLength, validateExecutionInputText } from '@/lib/sfn/json-text';

/**
 * A plain textarea with line numbers: the error line is marked in the gutter and the message says
 * line and column. Tab keeps moving focus (no keyboard trap); the value stays text, never reformatted
 * behind the user's back.
 */
export function JsonEditor({
  id,
  value,
  onChange,
  serverError,
  rows = 12,
  label,
}: {
  id: string;
  value: string;
  onChange: (text: string) => void;
  /** A message from the API (e.g. Step Functions refused the input). */
  serverError?: string | null;
  rows?: number;
  label: string;
}) {
  const gutter = useRef<HTMLDivElement>(null);
  const helpId = useId();
  const error = useMemo(() => validateExecutionInputText(value), [value]);
  const lineCount = Math.max(rows, value.split('\n').length);
  const errorLine = error?.line;
  const message = error ? describeInputProblem(error) : serverError;

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div
        className={cn(
          'mt-1 flex overflow-hidden rounded-md ring-1 ring-inset',
          message ? 'ring-red-500' : 'ring-slate-300 focus-within:ring-2 focus-within:ring-brand-500',
        )}
      >
        <div
          ref={gutter}
          aria-hidden
          className="select-none overflow-hidden bg-slate-50 py-1.5 text-right font-mono text-xs leading-5 text-slate-400"
          style={{ height: `${rows * 1.25 + 0.75}rem` }}
        >
          {Array.from({ length: lineCount }, (_, i) => (
            <div key={i} className={cn('px-2', errorLine === i + 1 && 'bg-red-100 font-semibold text-red-700')}>
              {i + 1}
            </div>
          ))}
        </div>
        <textarea
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          rows={rows}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          wrap="off"
          aria-invalid={Boolean(message)}
          aria-describedby={helpId}
          className="block w-full resize-y border-0 bg-white px-2.5 py-1.5 font-mono text-xs leading-5 text-slate-900 focus:outline-none focus:ring-0"
          style={{ minHeight: `${rows * 1.25 + 0.75}rem` }}
        />
      </div>
      <p
        id={helpId}
        className={cn('mt-1 text-xs', message ? 'text-red-700' : 'text-slate-500')}
        data-testid="json-editor-status"
        role={message ? 'alert' : undefined}
      >
        {message ?? `Valid JSON · ${formatBytes(utf8ByteLength(value))} of 256 KB`}
      </p>
    </div>
  );
}
