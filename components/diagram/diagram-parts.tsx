'use client';

import { BaseEdge, Handle, Position, type Edge, type EdgeProps, type Node, type NodeProps } from '@xyflow/react';
import { cn } from '@/components/ui/cn';
import type { GraphEdgeKind } from '@/lib/blueprints/types';
import { edgeLabelSize, type Point } from '@/lib/diagram/architecture-layout';
import { serviceColor } from '@/lib/diagram/service-colors';

// React Flow nodes and edges of the architecture diagram. Positions and edge routes come from ELK;
// the handles exist only because React Flow attaches an edge to handles (they are invisible).

export type ResourceNodeData = {
  id: string;
  label: string;
  lines: string[];
  type: string;
  service: string;
  isSelected: boolean;
  onSelect: (id: string) => void;
};
export type GroupNodeData = { label: string; service?: string };
export type RoutedEdgeData = { kind: GraphEdgeKind; points: Point[]; label?: string; labelPosition?: Point; isHighlighted: boolean };
export type RoutedFlowEdge = Edge<RoutedEdgeData>;

export const EDGE_KIND_STYLE: Record<GraphEdgeKind, { stroke: string; dash?: string; label: string }> = {
  event: { stroke: '#e7157b', label: 'event flow' },
  invoke: { stroke: '#ed7100', label: 'invokes' },
  reference: { stroke: '#64748b', label: 'references' },
  dependsOn: { stroke: '#94a3b8', dash: '2 4', label: 'depends on' },
  permission: { stroke: '#dd344c', dash: '6 4', label: 'permission' },
  contains: { stroke: '#cbd5e1', dash: '1 3', label: 'contains' },
};

const hiddenHandle = { opacity: 0, width: 1, height: 1, minWidth: 0, minHeight: 0, border: 0 };

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Left} style={hiddenHandle} isConnectable={false} />
      <Handle type="source" position={Position.Right} style={hiddenHandle} isConnectable={false} />
    </>
  );
}

/** A resource: its whole logical id (wrapped between words) and type; a button that opens its details. */
function ResourceNode({ data }: NodeProps<Node<ResourceNodeData>>) {
  const shortType = data.type.replace(/^AWS::/, '');
  return (
    <button
      type="button"
      onClick={() => data.onSelect(data.id)}
      title={`${data.label}\n${data.type}`}
      aria-label={`${data.label}, ${data.type}`}
      aria-pressed={data.isSelected}
      data-testid="diagram-node"
      data-node-id={data.id}
      className={cn(
        'flex h-full w-full cursor-pointer flex-col justify-center rounded-md border bg-white px-2 text-left shadow-sm outline-none',
        'focus-visible:ring-2 focus-visible:ring-brand-500',
        data.isSelected && 'ring-2 ring-brand-500 ring-offset-1',
      )}
      style={{ borderColor: serviceColor(data.service), borderLeftWidth: 5 }}
    >
      <Handles />
      <span className="text-xs font-semibold leading-4 text-slate-800">
        {data.lines.map((line, index) => (
          <span key={index} className="block whitespace-nowrap">
            {line}
          </span>
        ))}
      </span>
      <span className="truncate text-[10px] leading-4 text-slate-500">{shortType}</span>
    </button>
  );
}

/** A frame around one service's resources (or a nested stack's). */
function GroupNode({ data }: NodeProps<Node<GroupNodeData>>) {
  return (
    <div
      className="h-full w-full rounded-lg border border-dashed bg-slate-50/60"
      style={{ borderColor: data.service ? serviceColor(data.service) : '#94a3b8' }}
    >
      <Handles />
      <span className="absolute left-2 top-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-600">{data.label}</span>
    </div>
  );
}

/** Follows ELK's orthogonal route from the source's own port to the target's. */
function RoutedEdge({ id, data, markerEnd }: EdgeProps<RoutedFlowEdge>) {
  if (!data || data.points.length < 2) return null;
  const style = EDGE_KIND_STYLE[data.kind];
  const path = data.points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x},${point.y}`).join(' ');
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{ stroke: style.stroke, strokeWidth: data.isHighlighted ? 2.5 : 1.5, strokeDasharray: style.dash }}
      />
      {data.label && data.labelPosition && (
        // In the edge's own SVG, so it sits above the service frames like its line does.
        <g transform={`translate(${data.labelPosition.x} ${data.labelPosition.y})`} data-edge-label={id} className="pointer-events-none">
          <rect {...edgeLabelSize(data.label)} rx={3} fill="#ffffff" stroke="#cbd5e1" />
          <text x={4} y={10.5} fontSize={10} fill="#334155">
            {data.label}
          </text>
        </g>
      )}
    </>
  );
}

// Not named `group`: that is React Flow's built-in type, with its own frame.
export const nodeTypes = { resource: ResourceNode, serviceGroup: GroupNode };
export const edgeTypes = { routed: RoutedEdge };
