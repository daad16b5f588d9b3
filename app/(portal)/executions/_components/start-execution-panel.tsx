'use client';

import { useState } from 'react';
import type { RecentInputDto } from '@/lib/sfn/dto';
import { Button } from '@/components/ui/button';
import { StartExecutionForm } from './start-execution-form';

/** The Start execution form behind a toggle, so the list stays in view until it is wanted. */
export function StartExecutionPanel({
  stateMachineArn,
  isExpress,
  recentInputs,
  initiallyOpen,
}: {
  stateMachineArn: string;
  isExpress: boolean;
  recentInputs: RecentInputDto[];
  initiallyOpen: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <section className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <header className="flex items-center justify-between gap-4 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-800">Start execution</h2>
        <Button variant={open ? 'ghost' : 'primary'} aria-expanded={open} aria-controls="start-execution" onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide' : 'Start execution…'}
        </Button>
      </header>
      {open && (
        <div id="start-execution" className="border-t border-slate-100 p-4">
          <StartExecutionForm stateMachineArn={stateMachineArn} isExpress={isExpress} recentInputs={recentInputs} />
        </div>
      )}
    </section>
  );
}
