'use client';

import { BaseEdge, EdgeLabelRenderer, Handle, Position, type Edge, type EdgeProps, type Node, type NodeProps } from '@xyflow/react';
import { cn } from '@/components/ui/cn';
import { EDGE_STYLE, EDGE_WIDTH, STATE_STATUS_STYLE, TAKEN_EDGE_WIDTH } from '@/lib/sfn/status-style';
import type { ExecutionGraphEdgeDto, ExecutionGraphNodeDto } from '@/lib/sfn/dto';

// Custom @xyflow/react nodes and edges for the execution graph. Positions come precomputed from ELK;
// handles exist only because xyflow draws an edge between handles (they are invisible).

export type StateNodeData = { node: ExecutionGraphNodeDto; isSelected: boolean };
export type StateFlowNode = Node<StateNodeData>;
export type ElkFlowEdge = Edge<{ edge: ExecutionGraphEdgeDto }>;

const hiddenHandle = { opacity: 0, width: 1, height: 1, minWidth: 0, minHeight: 0, border: 0 };

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Top} style={hiddenHandle} isConnectable={false} />
      <Handle type="source" position={Position.Bottom} style={hiddenHandle} isConnectable={false} />
    </>
  );
}

const TYPE_ICON: Record<string, string> = { Task: '⚙', Pass: '→', Choice: '◇', Wait: '⏱', Succeed: '✓', Fail: '✕', Parallel: '⫴', Map: '⟳', Unknown: '?' };

/** A state box, filled by status; not-run states are faded so the path taken stands out. */
export function StateNode({ data }: NodeProps<StateFlowNode>) {
  const { node, isSelected } = data;
  const style = STATE_STATUS_STYLE[node.status];
  return (
    <div
      data-testid="sfn-node"
      data-node-id={node.id}
      data-state-name={node.name}
      data-status={node.status}
      title={`${node.name} · ${node.type} · ${style.label}${node.visitCount > 1 ? ` · ran ${node.visitCount} times` : ''}${node.comment ? `\n${node.comment}` : ''}`}
      className={cn(
        'relative flex h-full w-full cursor-pointer items-center gap-1 rounded-md border-[1.5px] px-1.5 text-left shadow-sm',
        isSelected && 'ring-2 ring-brand-500 ring-offset-2',
      )}
      style={{
        background: style.fill,
        borderColor: style.stroke,
        color: style.text,
        opacity: style.opacity,
        borderStyle: node.status === 'notRun' ? 'dashed' : 'solid',
      }}
    >
      <Handles />
      <span aria-hidden className="w-3.5 shrink-0 text-center text-[11px] opacity-70">
        {TYPE_ICON[node.type] ?? '?'}
      </span>
      <span className="min-w-0 flex-1 truncate text-center text-xs font-medium">{node.name}</span>
      {node.visitCount > 1 && (
        // A corner badge, so the count never takes room from the name.
        <span
          className="absolute -right-2 -top-2 rounded-full border bg-white px-1.5 text-[10px] font-semibold leading-4 shadow-sm"
          style={{ borderColor: style.stroke }}
          aria-label={`ran ${node.visitCount} times`}
        >
          ×{node.visitCount}
        </span>
      )}
    </div>
  );
}

/** A Parallel or Map frame around its branches or iteration states. */
export function ContainerNode({ data }: NodeProps<StateFlowNode>) {
  const { node, isSelected } = data;
  const style = STATE_STATUS_STYLE[node.status];
  return (
    <div
      data-testid="sfn-node"
      data-node-id={node.id}
      data-state-name={node.name}
      data-status={node.status}
      className={cn('h-full w-full cursor-pointer rounded-xl border-[1.5px] border-dashed', isSelected && 'ring-2 ring-brand-500 ring-offset-2')}
      style={{ borderColor: style.stroke, background: node.status === 'notRun' ? 'rgba(248,250,252,0.6)' : `${style.fill}66` }}
    >
      <Handles />
      <span className="absolute left-2.5 top-1.5 flex max-w-[90%] items-center gap-1.5 truncate text-[11px] font-semibold" style={{ color: style.text }}>
        <span className="inline-block h-2 w-2 shrink-0 rounded-full" style={{ background: style.stroke }} aria-hidden />
        {node.type}
        {node.mapMode === 'distributed' ? ' (distributed)' : ''} · {node.name}
        {node.visitCount > 1 && <span className="font-normal">×{node.visitCount}</span>}
      </span>
    </div>
  );
}

/** Start and End pills around the top level. */
export function MarkerNode({ data }: NodeProps<StateFlowNode>) {
  const style = STATE_STATUS_STYLE[data.node.status];
  return (
    <div
      className="flex h-full w-full items-center justify-center rounded-full border text-[11px] font-medium"
      style={{ borderColor: style.stroke, background: data.node.status === 'notRun' ? '#fff' : style.fill, color: style.text }}
      data-marker={data.node.name}
    >
      <Handles />
      {data.node.name}
    </div>
  );
}

/** Follows ELK's route; Catch edges left out of the layout (big machines) are drawn straight. */
export function ElkEdge({ id, data, sourceX, sourceY, targetX, targetY, markerEnd }: EdgeProps<ElkFlowEdge>) {
  const edge = data?.edge;
  if (!edge) return null;
  const points =
    edge.points.length >= 2
      ? edge.points
      : [
          { x: sourceX, y: sourceY },
          { x: targetX, y: targetY },
        ];
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
  const style = EDGE_STYLE[edge.kind];
  const label = edge.label ? (edge.label.length > 48 ? `${edge.label.slice(0, 47)}…` : edge.label) : null;
  const at = edge.labelPosition ?? points[Math.floor(points.length / 2)]!;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{ stroke: edge.taken ? style.takenStroke : style.stroke, strokeWidth: edge.taken ? TAKEN_EDGE_WIDTH : EDGE_WIDTH, strokeDasharray: style.dash }}
      />
      {label && (
        <EdgeLabelRenderer>
          <div
            className={cn(
              'nodrag nopan pointer-events-none absolute rounded border bg-white px-1 text-[10px] leading-4',
              edge.taken ? 'border-slate-400 font-medium text-slate-800' : 'border-slate-200 text-slate-500',
              edge.kind === 'catch' && 'border-orange-300 text-orange-800',
            )}
            style={{ transform: `translate(${at.x}px, ${at.y}px)` }}
            data-edge-label={edge.kind}
            data-taken={edge.taken}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

// Not named `group` (React Flow's built-in type with its own frame).
export const nodeTypes = { sfnState: StateNode, sfnContainer: ContainerNode, sfnMarker: MarkerNode };
export const edgeTypes = { elk: ElkEdge };
