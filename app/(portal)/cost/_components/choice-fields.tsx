'use client';

import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

/** A row of radio buttons styled as a segmented control (arrow keys move between options). */
export function SegmentedChoice<Value extends string>({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  options: readonly { value: Value; label: string }[];
  value: Value;
  onChange: (value: Value) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-800">{legend}</legend>
      <div className="flex rounded-md bg-slate-100 p-0.5 ring-1 ring-inset ring-slate-200">
        {options.map((option) => (
          <label
            key={option.value}
            className={cn(
              'flex flex-1 cursor-pointer items-center justify-center rounded px-2 py-1 text-center text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500',
              option.value === value ? 'bg-white font-medium text-brand-700 shadow-sm ring-1 ring-slate-200' : 'text-slate-600 hover:text-slate-900',
            )}
          >
            <input type="radio" name={name} value={option.value} checked={option.value === value} onChange={() => onChange(option.value)} className="sr-only" />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A labelled checkbox with a line of help under it. */
export function CheckboxField({
  id,
  label,
  help,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  help?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={help ? `${id}-help` : undefined}
        className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {help && (
          <p id={`${id}-help`} className="text-xs text-slate-500">
            {help}
          </p>
        )}
      </div>
    </div>
  );
}
