import { EDGE_STYLE, STATE_STATUS_ORDER, STATE_STATUS_STYLE } from '@/lib/sfn/status-style';
import type { AslEdgeKind } from '@/lib/sfn/asl-graph';

/** What the colours and lines of the graph mean. */
export function GraphLegend() {
  const kinds: AslEdgeKind[] = ['next', 'default', 'catch'];
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Legend" role="group" data-testid="graph-legend">
      {STATE_STATUS_ORDER.map((status) => {
        const style = STATE_STATUS_STYLE[status];
        return (
          <span key={status} className="inline-flex items-center gap-1.5">
            <span
              aria-hidden
              className="inline-block h-3 w-3 rounded-sm border-[1.5px]"
              style={{ background: style.fill, borderColor: style.stroke, opacity: style.opacity, borderStyle: status === 'notRun' ? 'dashed' : 'solid' }}
            />
            {style.label}
          </span>
        );
      })}
      <span className="mx-1 h-3 w-px bg-slate-300" aria-hidden />
      <span className="inline-flex items-center gap-1.5">
        <svg width="22" height="6" aria-hidden>
          <line x1="0" y1="3" x2="22" y2="3" stroke={EDGE_STYLE.next.takenStroke} strokeWidth="2.5" />
        </svg>
        Path taken
      </span>
      {kinds.map((kind) => (
        <span key={kind} className="inline-flex items-center gap-1.5">
          <svg width="22" height="6" aria-hidden>
            <line
              x1="0"
              y1="3"
              x2="22"
              y2="3"
              stroke={kind === 'catch' ? EDGE_STYLE.catch.takenStroke : '#94a3b8'}
              strokeWidth="1.5"
              strokeDasharray={EDGE_STYLE[kind].dash}
            />
          </svg>
          {kind === 'next' ? 'Transition' : EDGE_STYLE[kind].label}
        </span>
      ))}
    </div>
  );
}
