import { describe, expect, it } from 'vitest';
import { recordedExecutions } from './__fixtures__';
import { buildAslGraph } from './asl-graph';
import { absoluteNodePositions, buildDefinitionGraph, buildExecutionGraph, takenEdgeIds } from './execution-graph';
import { deriveExecutionView } from '@/server/sfn/history';
import { layoutAslGraph } from '@/server/sfn/asl-layout';
import { END_MARKER_ID, START_MARKER_ID } from './layout-types';

async function graphOf(scenario: keyof typeof recordedExecutions) {
  const recorded = recordedExecutions[scenario];
  const graph = buildAslGraph(recorded.definition);
  const layout = await layoutAslGraph(graph);
  const view = deriveExecutionView(recorded.events, { graph, now: 0 });
  return { graph, layout, view, dto: buildExecutionGraph(graph, layout, view) };
}

describe('buildDefinitionGraph', () => {
  it('draws every state of the definition, none run and no edge taken', async () => {
    const { graph, layout, dto: executed } = await graphOf('ec2EnrichmentUnnamed');
    const dto = buildDefinitionGraph(graph, layout);
    expect(dto.nodes.map((n) => n.id)).toEqual(executed.nodes.map((n) => n.id));
    expect(dto.nodes.filter((n) => n.status !== 'notRun')).toEqual([]);
    expect(dto.nodes.every((n) => n.visitCount === 0)).toBe(true);
    expect(dto.edges.filter((e) => e.taken)).toEqual([]);
    expect(dto.nodes.find((n) => n.name === 'Emit enriched event')).toMatchObject({ kind: 'state', type: 'Task' });
  });
});

describe('buildExecutionGraph', () => {
  it('colours the caught lookup and the fallback path, and fades the branch that never ran (EC2 without a Name tag)', async () => {
    const { dto } = await graphOf('ec2EnrichmentUnnamed');
    const node = (name: string) => dto.nodes.find((n) => n.name === name)!;
    expect(node('Get instance name from Tag').status).toBe('caughtError');
    expect(node('Get default name from Parameter Store').status).toBe('succeeded');
    expect(node('Emit enriched event').status).toBe('succeeded');
    const notRun = dto.nodes.filter((n) => n.kind === 'state' && n.status === 'notRun').map((n) => n.name);
    expect(notRun.length).toBeGreaterThan(0);
    expect(notRun).not.toContain('Emit enriched event');

    const taken = dto.edges.filter((e) => e.taken);
    const lookup = 'Get instance name from Tag';
    expect(taken.find((e) => e.source === lookup)).toMatchObject({ kind: 'catch' });
    expect(dto.edges.find((e) => e.source === lookup && e.kind === 'next')?.taken).toBe(false);
    expect(taken.map((e) => e.id)).toContain(`${START_MARKER_ID}->Remove problem characters from input`);
    expect(taken.map((e) => e.id)).toContain(`Emit enriched event->${END_MARKER_ID}`);
    expect(dto.nodes.find((n) => n.id === END_MARKER_ID)?.status).toBe('succeeded');
  });

  it('marks edges inside Map iterations, and both Choice exits when iterations went different ways', async () => {
    const { dto, view } = await graphOf('mapInline');
    const taken = new Set(dto.edges.filter((e) => e.taken).map((e) => `${e.source} -> ${e.target}`));
    expect(taken).toContain('Process items/items/Label item -> Process items/items/Check quantity');
    const choiceTargets = [...taken].filter((t) => t.startsWith('Process items/items/Check quantity ->'));
    const kinds = new Set(view.visits.filter((v) => v.name === 'Bulk item' || v.name === 'Single item').map((v) => v.name));
    expect(choiceTargets).toHaveLength(kinds.size);
    expect(dto.nodes.find((n) => n.id === 'Process items')).toMatchObject({ kind: 'container', status: 'succeeded' });
    expect(dto.nodes.find((n) => n.id === 'Process items/items/Label item')).toMatchObject({ parentId: 'Process items', visitCount: 3 });
  });

  it('marks the loop edge of a Choice that went round again, and the failed end of a failed execution', async () => {
    const loop = await graphOf('choiceLoop');
    expect(loop.dto.edges.find((e) => e.source === 'Enough?' && e.target === 'Increment')?.taken).toBe(true);
    expect(loop.dto.edges.find((e) => e.source === 'Enough?' && e.target === 'Finished')?.taken).toBe(true);

    const failed = await graphOf('retryThenFail');
    expect(failed.dto.nodes.find((n) => n.id === END_MARKER_ID)?.status).toBe('failed');
    expect(failed.dto.edges.find((e) => e.id === `Report failure->${END_MARKER_ID}`)?.taken).toBe(true);
    expect(failed.dto.edges.find((e) => e.source === 'Read missing parameter' && e.kind === 'catch')?.taken).toBe(true);
  });

  it('places children inside their container in absolute coordinates', async () => {
    const { dto } = await graphOf('parallelTwoBranches');
    const at = absoluteNodePositions(dto.nodes);
    const container = dto.nodes.find((n) => n.kind === 'container')!;
    for (const child of dto.nodes.filter((n) => n.parentId === container.id)) {
      expect(at.get(child.id)!.x).toBeGreaterThanOrEqual(at.get(container.id)!.x);
      expect(at.get(child.id)!.y + child.height).toBeLessThanOrEqual(at.get(container.id)!.y + container.height);
    }
  });
});

describe('takenEdgeIds', () => {
  it('is empty before anything ran', () => {
    expect(takenEdgeIds([{ id: 'a->next', source: 'a', target: 'b', kind: 'next' }], { visits: [], status: 'RUNNING' }).size).toBe(0);
  });
});
