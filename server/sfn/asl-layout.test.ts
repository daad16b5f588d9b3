import type { Edge, Node } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { recordedExecutions } from '@/lib/sfn/__fixtures__';
import { buildAslGraph } from '@/lib/sfn/asl-graph';
import { layoutAslGraph } from './asl-layout';
import { END_MARKER_ID, START_MARKER_ID, type GraphLayout } from '@/lib/sfn/layout-types';
import { generateLargeDefinition } from '@/server/sfn/synthetic/large-definition';

function absolutePositions(layout: GraphLayout) {
  const absolute = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const node of layout.nodes) {
    const parent = node.parentId ? absolute.get(node.parentId) : undefined;
    absolute.set(node.id, {
      x: (parent?.x ?? 0) + node.position.x,
      y: (parent?.y ?? 0) + node.position.y,
      width: node.width,
      height: node.height,
    });
  }
  return absolute;
}

describe('layoutAslGraph', () => {
  it('lays out the Parallel fixture top-down, with branches inside the container and side by side', async () => {
    const graph = buildAslGraph(recordedExecutions.parallelTwoBranches.definition);
    const layout = await layoutAslGraph(graph);
    const at = absolutePositions(layout);

    // xyflow needs parents before children.
    const order = layout.nodes.map((n) => n.id);
    for (const node of layout.nodes) if (node.parentId) expect(order.indexOf(node.parentId)).toBeLessThan(order.indexOf(node.id));

    const container = at.get('Fan out')!;
    for (const id of ['Fan out/branch-0/Build message', 'Fan out/branch-1/Summarise', 'Fan out/branch-1/Mark summarised']) {
      const child = at.get(id)!;
      expect(child.x).toBeGreaterThanOrEqual(container.x);
      expect(child.y).toBeGreaterThanOrEqual(container.y);
      expect(child.x + child.width).toBeLessThanOrEqual(container.x + container.width);
      expect(child.y + child.height).toBeLessThanOrEqual(container.y + container.height);
    }
    expect(at.get('Fan out/branch-0/Build message')!.x).not.toBe(at.get('Fan out/branch-1/Summarise')!.x);
    expect(at.get('Fan out/branch-0/Build message')!.y).toBeLessThan(at.get('Fan out/branch-0/Send to queue')!.y);
    expect(at.get(START_MARKER_ID)!.y).toBeLessThan(container.y);
    expect(at.get('Done')!.y).toBeGreaterThan(container.y + container.height - 1);
    expect(at.get(END_MARKER_ID)!.y).toBeGreaterThan(at.get('Done')!.y);

    expect(layout.nodes.find((n) => n.id === 'Fan out')).toMatchObject({
      type: 'container',
      data: { state: { type: 'Parallel' } },
    });
    expect(layout.nodes.find((n) => n.id === START_MARKER_ID)).toMatchObject({
      type: 'marker',
      data: { marker: 'start' },
    });
  });

  it('routes every edge, in absolute coordinates, from its source to its target', async () => {
    const graph = buildAslGraph(recordedExecutions.ec2EnrichmentNamed.definition);
    const layout = await layoutAslGraph(graph);
    const at = absolutePositions(layout);
    expect(layout.edges).toHaveLength(graph.edges.length + 2);
    for (const edge of layout.edges) {
      expect(edge.points.length).toBeGreaterThanOrEqual(2);
      const source = at.get(edge.source)!;
      const start = edge.points[0]!;
      expect(start.x).toBeGreaterThanOrEqual(source.x - 1);
      expect(start.x).toBeLessThanOrEqual(source.x + source.width + 1);
    }
    const catchEdge = layout.edges.find((e) => e.kind === 'catch')!;
    expect(catchEdge).toMatchObject({ source: 'Get instance name from Tag', label: 'States.ALL' });
    expect(catchEdge.labelPosition).toBeDefined();
  });

  it('produces nodes and edges @xyflow/react accepts as they are', async () => {
    const layout = await layoutAslGraph(buildAslGraph(recordedExecutions.mapInline.definition));
    // Type-level: this file does not compile if the DTOs drift from xyflow's Node/Edge.
    const nodes: Node[] = layout.nodes;
    const edges: Edge[] = layout.edges;
    expect(nodes.find((n) => n.id === 'Process items/items/Label item')?.parentId).toBe('Process items');
    expect(edges.length).toBeGreaterThan(0);
  });

  it('can leave Catch edges to the UI: they come back without a route', async () => {
    const graph = buildAslGraph(recordedExecutions.ec2EnrichmentNamed.definition);
    const layout = await layoutAslGraph(graph, { routeCatchEdges: false });
    expect(layout.edges.find((e) => e.kind === 'catch')).toMatchObject({ points: [], label: 'States.ALL' });
    expect(layout.edges.filter((e) => e.kind !== 'catch').every((e) => e.points.length >= 2)).toBe(true);
  });

  it('still lays out a definition whose StartAt names no state', async () => {
    const graph = buildAslGraph({ StartAt: 'Missing', States: { A: { Type: 'Succeed' } } });
    const layout = await layoutAslGraph(graph);
    expect(layout.nodes.map((n) => n.id)).toEqual([START_MARKER_ID, 'A', END_MARKER_ID]);
  });

  it('can leave the Start/End markers out', async () => {
    const layout = await layoutAslGraph(buildAslGraph(recordedExecutions.waitOneSecond.definition), { markers: false });
    expect(layout.nodes.map((n) => n.id)).toEqual(['Prepare', 'Pause', 'Finish']);
  });

  it('handles the generated 200-state definition (loops, Catch to a shared handler, nested containers)', async () => {
    const graph = buildAslGraph(generateLargeDefinition(200));
    expect(graph.nodes).toHaveLength(200);
    expect(graph.problems).toEqual([]);
    const layout = await layoutAslGraph(graph);
    expect(layout.nodes).toHaveLength(202);
    expect(layout.nodes.every((n) => Number.isFinite(n.position.x) && Number.isFinite(n.position.y))).toBe(true);
    // Past CATCH_ROUTING_STATE_LIMIT states, Catch edges are overlays by default.
    const catches = layout.edges.filter((e) => e.kind === 'catch');
    expect(catches.length).toBeGreaterThan(10);
    expect(catches.every((e) => e.points.length === 0)).toBe(true);
  });
});
