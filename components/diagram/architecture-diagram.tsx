'use client';

import { Background, Controls, MarkerType, ReactFlow, useReactFlow, type Node, type Viewport } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ArchitectureGraphDto, GraphEdgeKind, GraphResourceDetailDto } from '@/lib/blueprints/types';
import { fitScale, layoutArchitecture, pickLayout, type ArchitectureLayout } from '@/lib/diagram/architecture-layout';
import { buildDiagramLayoutInput, type DiagramNodeInfo } from '@/lib/diagram/architecture-view';
import { EDGE_KIND_STYLE, edgeTypes, nodeTypes, type GroupNodeData, type ResourceNodeData, type RoutedFlowEdge } from './diagram-parts';
import { ResourcePanel } from './resource-panel';

/** Tallest the diagram frame grows before it shrinks the drawing instead. */
const MAX_FRAME_HEIGHT = 720;
/** Room for the details panel, which opens over the frame's right side. */
const MIN_FRAME_HEIGHT = 360;
/** Room around the drawing inside the frame. */
const FRAME_MARGIN = 16;
/** Below this the names are too small to read: a larger drawing opens at it, and the reader pans. */
const MIN_READABLE_ZOOM = 0.7;
/** The details panel's width (w-[22rem]) plus its gap, to keep a selected resource out from under it. */
const PANEL_SPACE = 22 * 16 + 24;

interface Layouts {
  key: string;
  info: Map<string, DiagramNodeInfo>;
  candidates: ArchitectureLayout[];
}

/**
 * The architecture diagram generated from a template, with the selected resource's details beside it.
 * The drawing is laid out both left to right and top to bottom, and the one that can be drawn largest in
 * the frame is shown, never larger than life; the frame is as tall as that drawing needs.
 */
export function ArchitectureDiagram({ graph, resources }: { graph: ArchitectureGraphDto; resources: Record<string, GraphResourceDetailDto> }) {
  const [hidden, setHidden] = useState<ReadonlySet<GraphEdgeKind>>(new Set(['dependsOn', 'permission']));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [layouts, setLayouts] = useState<Layouts | null>(null);
  const [frameWidth, setFrameWidth] = useState<number | null>(null);
  const frame = useRef<HTMLDivElement>(null);

  const kindsPresent = useMemo(() => [...new Set(graph.edges.map((edge) => edge.kind))].filter((kind) => kind !== 'contains'), [graph.edges]);
  const visibleKinds = useMemo(() => new Set(kindsPresent.filter((kind) => !hidden.has(kind))), [kindsPresent, hidden]);
  const layoutKey = [...visibleKinds].sort().join(',');

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = () => setFrameWidth(Math.round(element.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    let cancelled = false;
    const { nodes, edges, info } = buildDiagramLayoutInput(graph, visibleKinds);
    void Promise.all([layoutArchitecture(nodes, edges, 'RIGHT'), layoutArchitecture(nodes, edges, 'DOWN')]).then((candidates) => {
      if (!cancelled) setLayouts({ key: layoutKey, info, candidates });
    });
    return () => {
      cancelled = true;
    };
    // visibleKinds is derived from layoutKey's kinds; the key is the stable dependency.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [graph, layoutKey]);

  const select = useCallback((id: string | null) => setSelectedId((current) => (id === current ? null : id)), []);
  const view = layouts && frameWidth ? frameLayout(layouts.candidates, frameWidth) : null;
  const chosen = view?.layout ?? null;

  const flowNodes = useMemo<Node[]>(() => {
    if (!chosen || !layouts) return [];
    return chosen.nodes.map((placed) => {
      const info = layouts.info.get(placed.id)!;
      const common = {
        id: placed.id,
        position: { x: placed.x, y: placed.y },
        ...(placed.parentId ? { parentId: placed.parentId, extent: 'parent' as const } : {}),
        style: { width: placed.width, height: placed.height },
        width: placed.width,
        height: placed.height,
        draggable: false,
        selectable: false,
        focusable: false,
      };
      if (info.kind === 'group') {
        return { ...common, type: 'serviceGroup', zIndex: 0, data: { label: info.label, service: info.service } satisfies GroupNodeData };
      }
      const data: ResourceNodeData = { ...info, id: placed.id, isSelected: placed.id === selectedId, onSelect: select };
      // React Flow lets clicks through unselectable nodes; the button inside takes them instead.
      return { ...common, style: { ...common.style, pointerEvents: 'all' as const }, type: 'resource', zIndex: 1, data };
    });
  }, [chosen, layouts, selectedId, select]);

  const flowEdges = useMemo<RoutedFlowEdge[]>(() => {
    if (!chosen) return [];
    const kindOf = new Map(graph.edges.map((edge) => [edge.id, edge.kind]));
    return chosen.edges.map((route) => {
      const kind = kindOf.get(route.id) ?? 'reference';
      const color = EDGE_KIND_STYLE[kind].stroke;
      return {
        id: route.id,
        source: route.source,
        target: route.target,
        type: 'routed',
        zIndex: 2,
        selectable: false,
        focusable: false,
        markerEnd: { type: MarkerType.ArrowClosed, color, width: 16, height: 16 },
        data: {
          kind,
          points: route.points,
          ...(route.label ? { label: route.label } : {}),
          ...(route.labelPosition ? { labelPosition: route.labelPosition } : {}),
          isHighlighted: selectedId !== null && (route.source === selectedId || route.target === selectedId),
        },
      };
    });
  }, [chosen, graph.edges, selectedId]);

  const isReady = view !== null && layouts?.key === layoutKey;
  return (
    <div>
      <div className="min-w-0">
        <div className="mb-2 flex flex-wrap items-center gap-3 text-xs text-slate-600" role="group" aria-label="Edge kinds">
          {kindsPresent.map((kind) => (
            <label key={kind} className="inline-flex items-center gap-1">
              <input
                type="checkbox"
                checked={!hidden.has(kind)}
                onChange={() => setHidden((current) => new Set(current.has(kind) ? [...current].filter((k) => k !== kind) : [...current, kind]))}
              />
              <span className="inline-block h-0.5 w-5" style={{ background: EDGE_KIND_STYLE[kind].stroke }} aria-hidden />
              {EDGE_KIND_STYLE[kind].label}
            </label>
          ))}
        </div>
        <div
          ref={frame}
          style={{ height: view?.height ?? MIN_FRAME_HEIGHT }}
          className="relative rounded-lg border border-slate-200 bg-white"
          data-testid="architecture-diagram"
          data-layout={isReady ? `done ${view.layout.direction}` : 'pending'}
        >
          {isReady ? (
            <ReactFlow
              // A new layout or frame size is framed afresh: the view is worked out from ELK's whole
              // drawing (routes and their labels included), which React Flow's fitView would not see.
              key={`${layoutKey}|${view.layout.direction}|${frameWidth}|${view.height}`}
              nodes={flowNodes}
              edges={flowEdges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              defaultViewport={view.viewport}
              minZoom={0.1}
              maxZoom={2}
              proOptions={{ hideAttribution: true }}
              nodesDraggable={false}
              nodesConnectable={false}
              nodesFocusable={false}
              edgesFocusable={false}
              elementsSelectable={false}
              onPaneClick={() => setSelectedId(null)}
            >
              <Background gap={16} />
              <Controls showInteractive={false} fitViewOptions={{ padding: 0.05, maxZoom: 1 }} />
              <KeepInView nodeId={selectedId} frameWidth={frameWidth!} />
            </ReactFlow>
          ) : (
            <p className="p-4 text-sm text-slate-500">Laying out the diagram…</p>
          )}
          {selectedId && (
            <div className="absolute inset-y-2 right-2 z-10 w-[22rem] max-w-[calc(100%-1rem)] overflow-y-auto rounded-lg bg-white shadow-lg">
              <ResourcePanel resource={resources[selectedId]} graph={graph} onSelect={setSelectedId} />
            </div>
          )}
        </div>
        <p className="mt-1 text-xs text-slate-500">
          {graph.nodes.length} resources, {graph.edges.length} connections. Click a resource for its properties and template lines; drag to pan, scroll to zoom.
        </p>
      </div>
    </div>
  );
}

/**
 * The layout to show in a frame `frameWidth` wide, the frame's height and the opening view: the
 * direction that can be drawn largest, never above life size nor below a readable zoom, centred.
 */
function frameLayout(candidates: readonly ArchitectureLayout[], frameWidth: number): { layout: ArchitectureLayout; height: number; viewport: Viewport } {
  const room = { width: frameWidth - 2 * FRAME_MARGIN, height: MAX_FRAME_HEIGHT - 2 * FRAME_MARGIN };
  const layout = pickLayout(candidates, room.width, room.height);
  const zoom = Math.max(MIN_READABLE_ZOOM, fitScale(layout, room.width, room.height));
  const drawn = { width: layout.width * zoom, height: layout.height * zoom };
  const height = Math.round(Math.min(MAX_FRAME_HEIGHT, Math.max(MIN_FRAME_HEIGHT, drawn.height + 2 * FRAME_MARGIN)));
  const offset = (space: number, size: number) => (size + 2 * FRAME_MARGIN <= space ? (space - size) / 2 : FRAME_MARGIN);
  return { layout, height, viewport: { x: Math.round(offset(frameWidth, drawn.width)), y: Math.round(offset(height, drawn.height)), zoom } };
}

/** Pans the selected resource out from under the details panel when it opens over it. */
function KeepInView({ nodeId, frameWidth }: { nodeId: string | null; frameWidth: number }) {
  const flow = useReactFlow();
  useEffect(() => {
    if (!nodeId) return;
    const node = flow.getInternalNode(nodeId);
    if (!node) return;
    const { x, y, zoom } = flow.getViewport();
    const right = (node.internals.positionAbsolute.x + (node.measured.width ?? 0)) * zoom + x;
    const limit = frameWidth - PANEL_SPACE;
    if (right > limit) void flow.setViewport({ x: x - (right - limit), y, zoom }, { duration: 200 });
  }, [flow, nodeId, frameWidth]);
  return null;
}
