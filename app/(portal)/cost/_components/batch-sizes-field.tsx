'use client';

import { useState } from 'react';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/field';
import { formatCount } from '@/lib/cost/number-format';
import { parseNumberText } from './number-slider-field';

const formatList = (values: readonly number[]) => values.map((value) => formatCount(value).replace(/,/g, '')).join(', ');

/** The batch sizes to compare, typed as a list ("1, 10, 100"); order and duplicates are tidied up. */
export function BatchSizesField({ id, value, error, onChange }: { id: string; value: readonly number[]; error?: string; onChange: (value: number[]) => void }) {
  const [text, setText] = useState(() => formatList(value));
  const [shownValue, setShownValue] = useState(value);
  const [typingError, setTypingError] = useState<string | null>(null);
  if (value !== shownValue) {
    setShownValue(value);
    setText(formatList(value));
    setTypingError(null);
  }
  const message = typingError ?? error ?? null;

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Batch sizes to compare
      </label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={text}
        aria-invalid={Boolean(message)}
        aria-describedby={message ? `${id}-error` : `${id}-help`}
        className={cn(inputClass, 'py-1 tabular-nums')}
        onChange={(event) => {
          setText(event.target.value);
          const parts = event.target.value.split(/[\s,;]+/).filter(Boolean);
          const values = parts.map(parseNumberText);
          if (values.some((entry) => entry === undefined)) {
            setTypingError('Batch sizes must be numbers separated by commas');
            return;
          }
          setTypingError(null);
          const tidy = [...new Set(values as number[])].sort((a, b) => a - b);
          setShownValue(tidy);
          onChange(tidy);
        }}
      />
      {message ? (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {message}
        </p>
      ) : (
        <p id={`${id}-help`} className="text-xs text-slate-500">
          Messages per invocation, separated by commas.
        </p>
      )}
    </div>
  );
}
