import { describe, expect, it } from 'vitest';

import type { ArchitectureGraphDto, GraphEdgeKind } from '@/lib/blueprints/types';

import { fitScale, layoutArchitecture, pickLayout, type ArchitectureLayout } from './architecture-layout';
import { buildDiagramLayoutInput, resourceNodeHeight } from './architecture-view';

/** blueprints/sqs-batch-lambda's graph, as the server builds it. */
const sqsBatchGraph: ArchitectureGraphDto = {
  nodes: [
    { id: 'DeadLetterQueue', type: 'AWS::SQS::Queue', service: 'SQS', label: 'DeadLetterQueue' },
    { id: 'WorkQueue', type: 'AWS::SQS::Queue', service: 'SQS', label: 'WorkQueue' },
    { id: 'ConsumerRole', type: 'AWS::IAM::Role', service: 'IAM', label: 'ConsumerRole' },
    { id: 'ConsumerFunction', type: 'AWS::Lambda::Function', service: 'Lambda', label: 'ConsumerFunction' },
    { id: 'WorkQueueMapping', type: 'AWS::Lambda::EventSourceMapping', service: 'Lambda', label: 'WorkQueueMapping' },
  ],
  edges: [
    { id: 'event:WorkQueue->DeadLetterQueue', source: 'WorkQueue', target: 'DeadLetterQueue', kind: 'event', label: 'dead-letter' },
    { id: 'permission:ConsumerRole->WorkQueue', source: 'ConsumerRole', target: 'WorkQueue', kind: 'permission', label: 'Policies' },
    { id: 'permission:ConsumerFunction->ConsumerRole', source: 'ConsumerFunction', target: 'ConsumerRole', kind: 'permission', label: 'Role' },
    { id: 'event:WorkQueue->WorkQueueMapping', source: 'WorkQueue', target: 'WorkQueueMapping', kind: 'event' },
    { id: 'invoke:WorkQueueMapping->ConsumerFunction', source: 'WorkQueueMapping', target: 'ConsumerFunction', kind: 'invoke' },
  ],
};
const ALL_KINDS = new Set<GraphEdgeKind>(['event', 'invoke', 'reference', 'dependsOn', 'permission']);

/** Absolute boxes of the laid-out nodes. */
function boxes(layout: ArchitectureLayout) {
  const byId = new Map(layout.nodes.map((node) => [node.id, node]));
  const absolute = (id: string): { x: number; y: number } => {
    const node = byId.get(id)!;
    const parent = node.parentId ? absolute(node.parentId) : { x: 0, y: 0 };
    return { x: parent.x + node.x, y: parent.y + node.y };
  };
  return new Map(layout.nodes.map((node) => [node.id, { ...absolute(node.id), width: node.width, height: node.height }]));
}

describe('buildDiagramLayoutInput', () => {
  it('frames resources by service and sizes each box for its whole wrapped name', () => {
    const input = buildDiagramLayoutInput(
      {
        nodes: [
          {
            id: 'EnrichmentStateMachineWithAVeryLongName',
            type: 'AWS::StepFunctions::StateMachine',
            service: 'Step Functions',
            label: 'EnrichmentStateMachineWithAVeryLongName',
          },
        ],
        edges: [],
      },
      ALL_KINDS,
    );
    expect(input.nodes).toEqual([
      { id: 'group::Step Functions', parentId: undefined },
      { id: 'EnrichmentStateMachineWithAVeryLongName', width: 200, height: resourceNodeHeight(2), parentId: 'group::Step Functions' },
    ]);
    const info = input.info.get('EnrichmentStateMachineWithAVeryLongName');
    expect(info?.kind === 'resource' && info.lines.join('')).toBe('EnrichmentStateMachineWithAVeryLongName');
  });

  it('lays out only the edge kinds shown', () => {
    const input = buildDiagramLayoutInput(sqsBatchGraph, new Set<GraphEdgeKind>(['event', 'invoke']));
    expect(input.edges.map((edge) => edge.id)).toEqual([
      'event:WorkQueue->DeadLetterQueue',
      'event:WorkQueue->WorkQueueMapping',
      'invoke:WorkQueueMapping->ConsumerFunction',
    ]);
  });
});

describe('layoutArchitecture', () => {
  it.each(['RIGHT', 'DOWN'] as const)('starts every route on its own source’s border and ends it on its target’s (%s)', async (direction) => {
    const { nodes, edges } = buildDiagramLayoutInput(sqsBatchGraph, ALL_KINDS);
    const layout = await layoutArchitecture(nodes, edges, direction);
    const box = boxes(layout);
    expect(layout.edges).toHaveLength(5);
    const onBorder = (point: { x: number; y: number }, id: string, side: 'out' | 'in') => {
      const b = box.get(id)!;
      const tolerance = 2;
      if (direction === 'RIGHT') {
        const x = side === 'out' ? b.x + b.width : b.x;
        return Math.abs(point.x - x) <= tolerance && point.y >= b.y && point.y <= b.y + b.height;
      }
      const y = side === 'out' ? b.y + b.height : b.y;
      return Math.abs(point.y - y) <= tolerance && point.x >= b.x && point.x <= b.x + b.width;
    };
    for (const edge of layout.edges) {
      expect(edge.points.length, edge.id).toBeGreaterThanOrEqual(2);
      expect(onBorder(edge.points[0]!, edge.source, 'out'), `${edge.id} starts at ${edge.source}`).toBe(true);
      expect(onBorder(edge.points.at(-1)!, edge.target, 'in'), `${edge.id} ends at ${edge.target}`).toBe(true);
    }
  });

  it('keeps the dead-letter route apart from the queue’s route to its consumer', async () => {
    const { nodes, edges } = buildDiagramLayoutInput(sqsBatchGraph, ALL_KINDS);
    const layout = await layoutArchitecture(nodes, edges, 'RIGHT');
    const start = (id: string) => layout.edges.find((edge) => edge.id === id)!.points[0]!;
    const deadLetter = start('event:WorkQueue->DeadLetterQueue');
    const toMapping = start('event:WorkQueue->WorkQueueMapping');
    // Two ports on the same queue: two distinct starting points.
    expect(deadLetter).not.toEqual(toMapping);
    // Nothing starts inside the dead-letter queue's box.
    const dlq = boxes(layout).get('DeadLetterQueue')!;
    for (const edge of layout.edges.filter((candidate) => candidate.source !== 'DeadLetterQueue')) {
      const [first] = edge.points;
      const inside = first!.x > dlq.x && first!.x < dlq.x + dlq.width && first!.y > dlq.y && first!.y < dlq.y + dlq.height;
      expect(inside, edge.id).toBe(false);
    }
    expect(layout.edges.find((edge) => edge.label === 'dead-letter')?.labelPosition).toBeDefined();
  });

  it('draws the same layout every time', async () => {
    const { nodes, edges } = buildDiagramLayoutInput(sqsBatchGraph, ALL_KINDS);
    expect(await layoutArchitecture(nodes, edges)).toEqual(await layoutArchitecture(nodes, edges));
  });
});

describe('fitScale / pickLayout', () => {
  const wide = { direction: 'RIGHT' as const, nodes: [], edges: [], width: 2000, height: 300 };
  const tall = { direction: 'DOWN' as const, nodes: [], edges: [], width: 700, height: 900 };

  it('never enlarges and shrinks to the tighter of width and height', () => {
    expect(fitScale({ width: 400, height: 200 }, 1000, 600)).toBe(1);
    expect(fitScale(wide, 1000, 600)).toBe(0.5);
    expect(fitScale(tall, 1000, 600)).toBeCloseTo(0.667, 3);
  });

  it('picks the direction that can be drawn largest, left to right on a tie', () => {
    expect(pickLayout([wide, tall], 1000, 600).direction).toBe('DOWN');
    expect(pickLayout([{ ...wide, width: 900 }, tall], 1000, 600).direction).toBe('RIGHT');
  });
});

describe('layoutArchitecture across frames', () => {
  it('routes edges between resources in different frames and nested stacks with straight, orthogonal segments only', async () => {
    const graph: ArchitectureGraphDto = {
      nodes: [
        { id: 'Api', type: 'AWS::CloudFormation::Stack', service: 'CloudFormation', label: 'Api' },
        { id: 'Api/Method', type: 'AWS::ApiGateway::Method', service: 'API Gateway', label: 'Method', parent: 'Api' },
        { id: 'Queue', type: 'AWS::SQS::Queue', service: 'SQS', label: 'Queue' },
        { id: 'Machine', type: 'AWS::StepFunctions::StateMachine', service: 'Step Functions', label: 'Machine' },
        { id: 'Bus', type: 'AWS::Events::EventBus', service: 'EventBridge', label: 'Bus' },
        { id: 'Rule', type: 'AWS::Events::Rule', service: 'EventBridge', label: 'Rule' },
      ],
      edges: [
        { id: 'contains:Api->Api/Method', source: 'Api', target: 'Api/Method', kind: 'contains' },
        { id: 'invoke:Api/Method->Queue', source: 'Api/Method', target: 'Queue', kind: 'invoke' },
        { id: 'event:Rule->Machine', source: 'Rule', target: 'Machine', kind: 'event' },
        { id: 'invoke:Machine->Bus', source: 'Machine', target: 'Bus', kind: 'invoke' },
        { id: 'event:Bus->Rule', source: 'Bus', target: 'Rule', kind: 'event' },
      ],
    };
    for (const direction of ['RIGHT', 'DOWN'] as const) {
      const { nodes, edges } = buildDiagramLayoutInput(graph, ALL_KINDS);
      const layout = await layoutArchitecture(nodes, edges, direction);
      expect(layout.edges).toHaveLength(4);
      for (const edge of layout.edges) {
        for (let index = 1; index < edge.points.length; index++) {
          const [a, b] = [edge.points[index - 1]!, edge.points[index]!];
          expect(a.x === b.x || a.y === b.y, `${direction} ${edge.id} segment ${index}`).toBe(true);
        }
      }
    }
  });
});
