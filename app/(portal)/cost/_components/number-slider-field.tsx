'use client';

import { useState } from 'react';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/field';
import { formatCount } from '@/lib/cost/number-format';
import type { NumberFieldSpec } from '@/lib/cost/estimator-fields';

/** "75,000,000" → 75000000; separators and spaces are ignored. undefined when it is not a number. */
export function parseNumberText(text: string): number | undefined {
  const cleaned = text.replace(/[,_\s]/g, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(cleaned)) return undefined;
  return Number(cleaned);
}

/**
 * A number box with its unit and a slider, labelled for screen readers and keyboards: the slider
 * moves in nice steps (arrow keys, Page Up/Down, Home/End), the box takes any exact value. The error
 * under it is the model's own rule for the field, worded with its label.
 */
export function NumberSliderField({
  id,
  spec,
  value,
  error,
  onChange,
}: {
  id: string;
  spec: NumberFieldSpec;
  value: number;
  error?: string;
  onChange: (value: number) => void;
}) {
  const [text, setText] = useState(() => formatCount(value));
  const [shownValue, setShownValue] = useState(value);
  const [typingError, setTypingError] = useState<string | null>(null);
  // When the value changes from outside (the slider, a loaded scenario), show it in the box.
  if (value !== shownValue) {
    setShownValue(value);
    if (parseNumberText(text) !== value) {
      setText(formatCount(value));
      setTypingError(null);
    }
  }

  const message = typingError ?? error ?? null;
  const describedBy = [message ? `${id}-error` : spec.help ? `${id}-help` : null].filter(Boolean).join(' ') || undefined;
  const unitText = `${formatCount(value)} ${spec.unit}`;

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {spec.label}
        <span className="sr-only"> ({spec.unit})</span>
      </label>
      <div className="flex items-center gap-2">
        <input
          type="range"
          aria-label={`${spec.label} slider`}
          aria-valuetext={unitText}
          min={0}
          max={spec.slider.maxPosition}
          step={1}
          value={spec.slider.toPosition(value)}
          onChange={(event) => onChange(spec.slider.toValue(Number(event.target.value)))}
          className="h-4 min-w-0 flex-1 cursor-pointer accent-brand-600"
        />
        <div className="w-32 shrink-0">
          <input
            id={id}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={text}
            aria-invalid={Boolean(message)}
            aria-describedby={describedBy}
            className={cn(inputClass, 'py-1 text-right tabular-nums')}
            onChange={(event) => {
              setText(event.target.value);
              const parsed = parseNumberText(event.target.value);
              if (parsed === undefined) {
                setTypingError(`${spec.label} must be a number`);
                return;
              }
              setTypingError(null);
              setShownValue(parsed);
              onChange(parsed);
            }}
            onBlur={() => {
              if (!typingError) setText(formatCount(value));
            }}
          />
        </div>
        <span className="w-11 shrink-0 text-xs text-slate-500" aria-hidden>
          {spec.shortUnit ?? spec.unit}
        </span>
      </div>
      {message ? (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {message}
        </p>
      ) : (
        spec.help && (
          <p id={`${id}-help`} className="text-xs text-slate-500">
            {spec.help}
          </p>
        )
      )}
    </div>
  );
}
