import { describe, expect, it } from 'vitest';

import { getBlueprint } from './load';

describe('describeGraphResources (through getBlueprint)', () => {
  it('gives each resource its type, properties and the highlighted lines that declare it', async () => {
    const blueprint = await getBlueprint('sqs-batch-lambda');
    const queue = blueprint?.resources.WorkQueue;
    expect(queue).toMatchObject({
      id: 'WorkQueue',
      logicalId: 'WorkQueue',
      type: 'AWS::SQS::Queue',
      service: 'SQS',
      file: 'template.yaml',
      dependsOn: [],
      properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] }, maxReceiveCount: { Ref: 'MaxReceiveCount' } } },
    });
    const source = blueprint!.templateSource.split('\n');
    const { start, end } = queue!.lines!;
    expect(source[start - 1]).toBe('  WorkQueue:');
    expect(source[end - 1]).toContain('maxReceiveCount: !Ref MaxReceiveCount');
    expect(queue!.sourceLines).toHaveLength(end - start + 1);
    expect(queue!.sourceLines.join('\n')).toContain('deadLetterTargetArn');
    expect(queue!.sourceLines.join('')).not.toMatch(/<script/);
    // Every node of the graph has its details.
    expect(Object.keys(blueprint!.resources).sort()).toEqual(blueprint!.graph.nodes.map((node) => node.id).sort());
  });

  it('finds a nested stack’s resources in their own template file', async () => {
    const blueprint = await getBlueprint('orders-nested-stacks');
    const queue = blueprint?.resources['ApiIntegrationsStack/OrdersQueue'];
    expect(queue).toMatchObject({ logicalId: 'OrdersQueue', file: 'stacks/api-integrations.yaml', lines: { start: 17 } });
  });
});
