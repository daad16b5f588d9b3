'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './button';

/**
 * Asks before something that cannot be undone. A native modal <dialog>: the browser keeps focus inside
 * it, makes the page behind it inert, closes it on Escape and gives focus back to what opened it.
 * Focus starts on Cancel, so Enter on a stray key press does nothing harmful.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pendingLabel,
  isPending = false,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Shown on the confirm button while the action runs. */
  pendingLabel?: string;
  isPending?: boolean;
  /** Why the action failed, shown in the dialog (which stays open). */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const ids = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-body`}
      // Escape: let React's state close it, so `open` and the element never disagree.
      onCancel={(e) => {
        e.preventDefault();
        if (!isPending) onCancel();
      }}
      className="w-[28rem] max-w-[calc(100vw-2rem)] rounded-lg p-0 text-slate-800 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40"
    >
      <div className="space-y-3 p-5">
        <h2 id={`${ids}-title`} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        <div id={`${ids}-body`} className="text-sm text-slate-600">
          {children}
        </div>
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onCancel} disabled={isPending} autoFocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={onConfirm} disabled={isPending}>
            {isPending && pendingLabel ? pendingLabel : confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
