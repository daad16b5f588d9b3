'use client';

import { Background, Controls, MarkerType, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { EDGE_STYLE, STATE_STATUS_STYLE } from '@/lib/sfn/status-style';
import { readableViewport } from '@/lib/sfn/viewport';
import type { ExecutionGraphDto } from '@/lib/sfn/dto';
import { Button } from '@/components/ui/button';
import { edgeTypes, nodeTypes, type ElkFlowEdge, type StateFlowNode } from './graph-nodes';
import { downloadGraphPng, downloadGraphSvg } from './graph-export';
import { GraphLegend } from './graph-legend';

/** Above this many nodes only the states in view are drawn. */
const LARGE_GRAPH_NODES = 80;

export interface FocusRequest {
  nodeId: string;
  /** Changes on every request, so asking for the same node twice centres it again. */
  nonce: number;
}

interface ExecutionGraphProps {
  graph: ExecutionGraphDto;
  selectedNodeId: string | null;
  onSelect?: (nodeId: string) => void;
  focus?: FocusRequest | null;
  height: number;
  /** For the export files' title and subtitle. */
  exportName?: string;
  exportSubtitle?: string;
  showLegend?: boolean;
  /** Keep the whole graph in view, refitting when the canvas resizes (side-by-side panes); otherwise open at a readable zoom. */
  fit?: boolean;
  /** False for a definition with no execution on it: states are not announced as "not run". */
  withStatuses?: boolean;
}

function toFlowNodes(graph: ExecutionGraphDto, selectedNodeId: string | null, withStatuses: boolean): StateFlowNode[] {
  return graph.nodes.map((node) => ({
    id: node.id,
    type: node.kind === 'container' ? 'sfnContainer' : node.kind === 'marker' ? 'sfnMarker' : 'sfnState',
    position: node.position,
    ...(node.parentId ? { parentId: node.parentId } : {}),
    width: node.width,
    height: node.height,
    style: { width: node.width, height: node.height },
    data: { node, isSelected: node.id === selectedNodeId },
    draggable: false,
    connectable: false,
    selectable: node.kind !== 'marker',
    focusable: node.kind !== 'marker',
    ariaLabel:
      node.kind === 'marker'
        ? undefined
        : withStatuses
          ? `${node.name}, ${node.type}, ${STATE_STATUS_STYLE[node.status].label}${node.visitCount > 1 ? `, ran ${node.visitCount} times` : ''}`
          : `${node.name}, ${node.type}`,
    zIndex: node.kind === 'container' ? 0 : 1,
  }));
}

function toFlowEdges(graph: ExecutionGraphDto): ElkFlowEdge[] {
  return graph.edges.map((edge) => {
    const style = EDGE_STYLE[edge.kind];
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      type: 'elk',
      data: { edge },
      selectable: false,
      focusable: false,
      // Taken edges over the others where they share a route.
      zIndex: edge.taken ? 2 : 1,
      markerEnd: { type: MarkerType.ArrowClosed, color: edge.taken ? style.takenStroke : style.stroke, width: 14, height: 14 },
    };
  });
}

function Canvas({ graph, selectedNodeId, onSelect, focus, height, fit = false, withStatuses = true }: ExecutionGraphProps) {
  const flow = useReactFlow();
  const nodes = useMemo(() => toFlowNodes(graph, selectedNodeId, withStatuses), [graph, selectedNodeId, withStatuses]);
  const edges = useMemo(() => toFlowEdges(graph), [graph]);
  const wrapper = useRef<HTMLDivElement>(null);
  // Until the reader pans or zooms, the view follows the canvas size (the step panel opening beside
  // it): the focused state stays centred, or the graph stays at its opening view.
  const hasMoved = useRef(false);
  const focused = useRef<string | null>(null);
  const frameView = useCallback(
    (duration: number) => {
      const element = wrapper.current;
      if (!element) return;
      if (focused.current) void flow.fitView({ nodes: [{ id: focused.current }], duration, padding: 1.2, maxZoom: 1.25 });
      else if (fit) void flow.fitView({ duration, padding: 0.05, maxZoom: 1.1 });
      else void flow.setViewport(readableViewport(graph, { width: element.clientWidth, height: element.clientHeight }), { duration });
    },
    [flow, graph, fit],
  );
  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    let last = { width: element.clientWidth, height: element.clientHeight };
    const observer = new ResizeObserver(() => {
      // A fitted graph follows its pane both ways; the readable opening view only cares about width.
      if (element.clientWidth === last.width && (!fit || element.clientHeight === last.height)) return;
      last = { width: element.clientWidth, height: element.clientHeight };
      if (!hasMoved.current) frameView(200);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [frameView, fit]);

  useEffect(() => {
    if (!focus) return;
    focused.current = focus.nodeId;
    hasMoved.current = false;
    // Wait a frame: after a tab switch the canvas has only just been measured.
    const frame = requestAnimationFrame(() => frameView(400));
    return () => cancelAnimationFrame(frame);
  }, [focus, frameView]);

  return (
    <div ref={wrapper} style={{ height }} className="rounded-lg border border-slate-200 bg-white" data-testid="execution-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onInit={() => frameView(0)}
        // Large machines open zoomed in on their start: drawing only what is in view keeps the first
        // frame and every pan cheap (a 200-state graph is mostly off screen).
        onlyRenderVisibleElements={graph.nodes.length > LARGE_GRAPH_NODES}
        minZoom={0.1}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        // Tall workflows open at a readable zoom: the wheel scrolls through them, Ctrl/⌘ + wheel or pinch zooms.
        panOnScroll
        zoomOnScroll={false}
        zoomActivationKeyCode={['Meta', 'Control']}
        onNodeClick={(_, node) => onSelect?.(node.id)}
        onNodesChange={(changes) => {
          // Nodes are controlled, so selection arrives as changes: this is how Enter/Space on a focused
          // node (keyboard users tab through the states) opens it, like a click does.
          const picked = changes.find((c) => c.type === 'select' && c.selected);
          if (picked && 'id' in picked && picked.id !== selectedNodeId && graph.nodes.some((n) => n.id === picked.id && n.kind !== 'marker'))
            onSelect?.(picked.id);
        }}
        onMove={(event) => {
          // Only the reader's own pans and zooms count: fitView and focus moves come without an event,
          // and a click that does not move the view fires no move at all.
          if (event) hasMoved.current = true;
        }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} color="#e2e8f0" />
        <Controls showInteractive={false} position="top-left" />
        {graph.nodes.length > 30 && (
          <MiniMap
            pannable
            zoomable
            nodeColor={(n) => STATE_STATUS_STYLE[(n.data as { node: { status: keyof typeof STATE_STATUS_STYLE } }).node.status].stroke}
          />
        )}
      </ReactFlow>
    </div>
  );
}

/** The definition drawn with ELK's positions, coloured by status, the path taken highlighted; zoom, fit, export. */
export function ExecutionGraph(props: ExecutionGraphProps) {
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const name = props.exportName ?? 'execution';
  const subtitle = props.exportSubtitle ?? '';
  const toolbar = props.exportName ? (
    <div className="flex shrink-0 items-center gap-1.5" role="group" aria-label="Export the graph">
      <Button variant="secondary" className="shrink-0 px-2 py-1 text-xs" onClick={() => downloadGraphSvg(props.graph, name, subtitle)}>
        Export SVG
      </Button>
      <Button
        variant="secondary"
        className="shrink-0 px-2 py-1 text-xs"
        disabled={exporting}
        onClick={() => {
          setExporting(true);
          setExportError(null);
          downloadGraphPng(props.graph, name, subtitle)
            .catch((err: Error) => setExportError(err.message))
            .finally(() => setExporting(false));
        }}
      >
        {exporting ? 'Exporting…' : 'Export PNG'}
      </Button>
    </div>
  ) : undefined;
  return (
    <div className="space-y-2">
      {(props.showLegend !== false || toolbar) && (
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0 flex-1">{props.showLegend !== false && <GraphLegend />}</div>
          {toolbar}
        </div>
      )}
      {exportError && (
        <p role="alert" className="text-xs text-red-700">
          {exportError}
        </p>
      )}
      {props.graph.problems.length > 0 && (
        <p className="text-xs text-amber-700" role="status">
          The definition has problems the graph draws around: {props.graph.problems.join('; ')}
        </p>
      )}
      <ReactFlowProvider>
        <Canvas {...props} />
      </ReactFlowProvider>
    </div>
  );
}
