'use client';

import { Button } from '@/components/ui/button';

/** The "Show the calculation" button; the panel it controls carries `controls` as its id. */
export function CalculationToggle({ open, controls, onToggle }: { open: boolean; controls: string; onToggle: () => void }) {
  return (
    <Button variant="secondary" aria-expanded={open} aria-controls={controls} onClick={onToggle}>
      {open ? 'Hide the calculation' : 'Show the calculation'}
    </Button>
  );
}

/** "Log axes" switch for charts whose values span several orders of magnitude. */
export function LogAxesToggle({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="inline-flex cursor-pointer items-center gap-1.5 rounded px-2 py-1 text-xs text-slate-700 hover:bg-slate-100">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} className="h-3.5 w-3.5 accent-brand-600" />
      Log axes
    </label>
  );
}
