'use client';

import { Background, Controls, Handle, MarkerType, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useState } from 'react';
import { layoutGraph, type LayoutNode } from '@/lib/diagram/elk-layout';
import { serviceColor } from '@/lib/diagram/service-colors';
import type { ArchitectureGraphDto, GraphEdgeKind } from '@/lib/blueprints/types';

type ResourceData = { label: string; type: string; service: string };
type GroupData = { label: string; service?: string };

const NODE_W = 190;
const NODE_H = 48;

// Edges attach to handles; these are invisible (the diagram is read-only).
const hiddenHandle = { opacity: 0, width: 1, height: 1, minWidth: 0, minHeight: 0, border: 0 };

function ResourceNode({ data }: NodeProps<Node<ResourceData>>) {
  return (
    <div
      className="flex h-full w-full flex-col justify-center rounded-md border bg-white px-2 text-left shadow-sm"
      style={{ borderColor: serviceColor(data.service), borderLeftWidth: 5 }}
      title={data.type}
    >
      <Handle type="target" position={Position.Left} style={hiddenHandle} isConnectable={false} />
      <span className="truncate text-xs font-semibold text-slate-800">{data.label}</span>
      <span className="truncate text-[10px] text-slate-500">{data.type}</span>
      <Handle type="source" position={Position.Right} style={hiddenHandle} isConnectable={false} />
    </div>
  );
}

function GroupNode({ data }: NodeProps<Node<GroupData>>) {
  return (
    <div
      className="h-full w-full rounded-lg border border-dashed bg-slate-50/60"
      style={{ borderColor: data.service ? serviceColor(data.service) : '#94a3b8' }}
    >
      <Handle type="target" position={Position.Left} style={hiddenHandle} isConnectable={false} />
      <Handle type="source" position={Position.Right} style={hiddenHandle} isConnectable={false} />
      <span className="absolute left-2 top-1 text-[11px] font-semibold uppercase tracking-wide text-slate-600">{data.label}</span>
    </div>
  );
}

// Not named `group`: that is React Flow's built-in type, with its own frame.
const nodeTypes = { resource: ResourceNode, serviceGroup: GroupNode };

const edgeStyle: Record<GraphEdgeKind, { stroke: string; dash?: string; animated?: boolean; label: string }> = {
  event: { stroke: '#e7157b', animated: true, label: 'event flow' },
  invoke: { stroke: '#ed7100', label: 'invokes' },
  reference: { stroke: '#64748b', label: 'references' },
  dependsOn: { stroke: '#94a3b8', dash: '2 4', label: 'depends on' },
  permission: { stroke: '#dd344c', dash: '6 4', label: 'permission' },
  contains: { stroke: '#cbd5e1', dash: '1 3', label: 'contains' },
};

/** Groups resources by service (inside their nested stack, if any) for the layout. */
function toLayoutInput(graph: ArchitectureGraphDto) {
  const stacks = new Set(graph.nodes.filter((n) => graph.nodes.some((c) => c.parent === n.id)).map((n) => n.id));
  const groups = new Map<string, { id: string; label: string; service: string; parentId?: string }>();
  const layoutNodes: LayoutNode[] = [];
  const flowMeta = new Map<string, { kind: 'resource' | 'serviceGroup'; data: ResourceData | GroupData }>();
  for (const n of graph.nodes) {
    if (stacks.has(n.id)) {
      layoutNodes.push({ id: n.id, width: 0, height: 0 });
      flowMeta.set(n.id, { kind: 'serviceGroup', data: { label: `nested stack ${n.label}` } });
    }
  }
  for (const n of graph.nodes) {
    if (stacks.has(n.id)) continue;
    const groupId = `group:${n.parent ?? ''}:${n.service}`;
    if (!groups.has(groupId)) {
      groups.set(groupId, { id: groupId, label: n.service, service: n.service, parentId: n.parent });
      layoutNodes.push({ id: groupId, width: 0, height: 0, parentId: n.parent });
      flowMeta.set(groupId, { kind: 'serviceGroup', data: { label: n.service, service: n.service } });
    }
    layoutNodes.push({ id: n.id, width: NODE_W, height: NODE_H, parentId: groupId });
    flowMeta.set(n.id, { kind: 'resource', data: { label: n.label, type: n.type, service: n.service } });
  }
  return { layoutNodes, flowMeta };
}

export function ArchitectureDiagram({ graph, height = 560 }: { graph: ArchitectureGraphDto; height?: number }) {
  const [nodes, setNodes] = useState<Node[] | null>(null);
  const [hidden, setHidden] = useState<Set<GraphEdgeKind>>(new Set(['dependsOn', 'permission']));
  const edges = useMemo<Edge[]>(
    () =>
      graph.edges
        .filter((e) => !hidden.has(e.kind))
        .map((e) => {
          const s = edgeStyle[e.kind];
          return {
            id: e.id,
            source: e.source,
            target: e.target,
            label: e.label,
            animated: s.animated,
            style: { stroke: s.stroke, strokeDasharray: s.dash, strokeWidth: 1.5 },
            markerEnd: { type: MarkerType.ArrowClosed, color: s.stroke },
            labelStyle: { fontSize: 10 },
          };
        }),
    [graph.edges, hidden],
  );

  useEffect(() => {
    let cancelled = false;
    const { layoutNodes, flowMeta } = toLayoutInput(graph);
    const layoutEdges = graph.edges.filter((e) => e.kind !== 'contains').map((e) => ({ id: e.id, source: e.source, target: e.target }));
    void layoutGraph(layoutNodes, layoutEdges, { direction: 'RIGHT' }).then((placed) => {
      if (cancelled) return;
      setNodes(
        placed.map((p) => {
          const meta = flowMeta.get(p.id)!;
          return {
            id: p.id,
            type: meta.kind,
            position: { x: p.x, y: p.y },
            data: meta.data,
            parentId: p.parentId,
            extent: p.parentId ? ('parent' as const) : undefined,
            style: { width: p.width, height: p.height },
            draggable: false,
            selectable: meta.kind === 'resource',
            zIndex: meta.kind === 'serviceGroup' ? 0 : 1,
          } satisfies Node;
        }),
      );
    });
    return () => {
      cancelled = true;
    };
  }, [graph]);

  const kindsPresent = [...new Set(graph.edges.map((e) => e.kind))];
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-3 text-xs text-slate-600" role="group" aria-label="Edge kinds">
        {kindsPresent.map((k) => (
          <label key={k} className="inline-flex items-center gap-1">
            <input type="checkbox" checked={!hidden.has(k)} onChange={() => setHidden((h) => new Set(h.has(k) ? [...h].filter((x) => x !== k) : [...h, k]))} />
            <span className="inline-block h-0.5 w-5" style={{ background: edgeStyle[k].stroke }} aria-hidden />
            {edgeStyle[k].label}
          </label>
        ))}
      </div>
      <div style={{ height }} className="rounded-lg border border-slate-200 bg-white" data-testid="architecture-diagram">
        {nodes ? (
          <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} fitView minZoom={0.2} proOptions={{ hideAttribution: true }} nodesConnectable={false}>
            <Background gap={16} />
            <Controls showInteractive={false} />
          </ReactFlow>
        ) : (
          <p className="p-4 text-sm text-slate-500">Laying out the diagram…</p>
        )}
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {graph.nodes.length} resources, {graph.edges.length} connections. Drag to pan, scroll to zoom.
      </p>
    </div>
  );
}
