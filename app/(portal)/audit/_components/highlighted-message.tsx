'use client';

import { highlightRuns } from '@/lib/sns/highlight';
import { identifierColor } from '@/lib/sns/colors';

/** A message with each detected span marked in its identifier's colour (title and label name it). */
export function HighlightedMessage({ message, spans }: { message: string; spans: { identifier: string; start: number; end: number }[] }) {
  const runs = highlightRuns(message, spans);
  return (
    <pre
      className="whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-mono text-sm text-slate-900 ring-1 ring-slate-200"
      data-testid="highlighted-message"
    >
      {runs.map((run) =>
        run.identifiers.length ? (
          <mark
            key={run.start}
            title={`${run.identifiers.join(', ')} (characters ${run.start}–${run.start + run.text.length - 1})`}
            aria-label={`${run.identifiers.join(', ')}: ${run.text}`}
            data-identifier={run.identifiers.join(' ')}
            className="rounded-sm px-0.5"
            style={{ backgroundColor: `${identifierColor(run.identifiers[0]!)}33`, boxShadow: `inset 0 -2px 0 ${identifierColor(run.identifiers[0]!)}` }}
          >
            {run.text}
          </mark>
        ) : (
          <span key={run.start}>{run.text}</span>
        ),
      )}
    </pre>
  );
}
