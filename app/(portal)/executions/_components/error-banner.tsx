import type { ExecutionErrorBanner } from '@/lib/sfn/history-types';
import { Button } from '@/components/ui/button';

const VERB: Record<ExecutionErrorBanner['status'], string> = { FAILED: 'failed', TIMED_OUT: 'timed out', ABORTED: 'was stopped' };

/** Names the state an execution failed (or stopped) in, with its error and cause, and jumps to it. */
export function ErrorBanner({ banner, onShowState }: { banner: ExecutionErrorBanner; onShowState: (nodeId: string, visitId?: number) => void }) {
  const tone = banner.status === 'ABORTED' ? 'border-slate-300 bg-slate-50 text-slate-900' : 'border-red-200 bg-red-50 text-red-950';
  return (
    <div role="alert" className={`flex flex-wrap items-start justify-between gap-3 rounded-md border px-4 py-3 text-sm ${tone}`} data-testid="error-banner">
      <div className="min-w-0">
        <p className="font-semibold">
          The execution {VERB[banner.status]}
          {banner.stateName ? (
            <>
              {' '}
              in <span data-testid="error-banner-state">{banner.stateName}</span>
            </>
          ) : null}
          {banner.error ? `: ${banner.error}` : '.'}
        </p>
        {banner.cause && <p className="mt-1 max-h-24 overflow-y-auto whitespace-pre-wrap break-words text-xs">{banner.cause}</p>}
      </div>
      {banner.nodeId && (
        <Button variant="secondary" onClick={() => onShowState(banner.nodeId!, banner.visitId)}>
          Show {banner.status === 'ABORTED' ? 'the state' : 'the failing state'}
        </Button>
      )}
    </div>
  );
}
