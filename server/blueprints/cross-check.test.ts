import { describe, expect, it } from 'vitest';

import { parseCfnYaml } from './cfn-yaml';
import { crossCheckBlueprint } from './cross-check';
import { blueprintMetadataSchema } from './schema';

const TEMPLATE = parseCfnYaml(`
Parameters:
  Memory: { Type: Number, Default: 128 }
  Email: { Type: String }
Resources:
  Q: { Type: AWS::SQS::Queue }
Outputs:
  QueueUrl: { Value: !Ref Q }
  StateMachineArn: { Value: x }
`);

function metadata(overrides: Record<string, unknown> = {}) {
  return blueprintMetadataSchema.parse({
    slug: 'demo',
    version: '1.0.0',
    changelog: [{ version: '1.0.0', date: '2024-01-01', changes: ['First.'] }],
    title: 'Demo pattern',
    summary: 'A pattern used to test the cross-checks.',
    source: { title: 'Post', authors: ['A. Author'] },
    services: ['Amazon SQS'],
    category: 'messaging',
    level: 100,
    tags: ['demo'],
    outputs: { QueueUrl: { meaning: 'Where to send.' }, StateMachineArn: { meaning: 'The workflow.' } },
    cost: { kind: 'lambda', memoryMb: 128, durationMs: 10, invocationsPerMonth: 1, architecture: 'arm64', parameterMap: { memoryMb: 'Memory' } },
    sandbox: { deployable: true },
    sandboxParameters: { Email: 'a@example.com' },
    ...overrides,
  });
}

const fields = (overrides: Record<string, unknown> = {}) => crossCheckBlueprint('demo', metadata(overrides), TEMPLATE).map((issue) => `${issue.file}#${issue.field}`);

describe('crossCheckBlueprint', () => {
  it('passes consistent metadata', () => {
    expect(fields()).toEqual([]);
  });

  it('reads parameter rules and flags the parameters they name that the template lacks', () => {
    const rule = (left: unknown) => ({ when: { left: 'Memory', op: '>', right: 10 }, require: { left, op: '<=', right: 100 }, message: 'A rule across parameters.' });
    expect(fields({ parameters: { fields: {}, rules: [rule({ product: ['Memory', 2] })] } })).toEqual([]);
    expect(fields({ parameters: { fields: {}, rules: [rule({ product: ['Memory', 'Timeout'] })] } })).toEqual(['blueprint.yaml#parameters.rules.0.require']);
    expect(() => metadata({ parameters: { fields: {}, rules: [{ require: { left: 'Memory', op: '=>', right: 1 }, message: 'A broken operator.' }] } })).toThrow();
  });

  it('flags parameters named in fields, groups, cost map and sandbox values that the template lacks', () => {
    expect(
      fields({
        parameters: { fields: { Colour: { help: 'x' } }, groups: [{ label: 'G', parameters: ['Memory', 'Size'] }] },
        cost: { kind: 'lambda', memoryMb: 128, durationMs: 10, invocationsPerMonth: 1, architecture: 'arm64', parameterMap: { memoryMb: 'Mem' } },
        sandboxParameters: { Email: 'a@example.com', Region: 'x' },
      }),
    ).toEqual([
      'blueprint.yaml#parameters.fields.Colour',
      'blueprint.yaml#parameters.groups.0.parameters.1',
      'blueprint.yaml#cost.parameterMap.memoryMb',
      'blueprint.yaml#sandboxParameters.Region',
    ]);
  });

  it('flags promised outputs that do not exist and template outputs without a meaning', () => {
    expect(fields({ outputs: { QueueUrl: { meaning: 'Where to send.' }, TopicArn: { meaning: 'Not there at all.' } } })).toEqual([
      'blueprint.yaml#outputs.TopicArn',
      'template.yaml#Outputs.StateMachineArn',
    ]);
  });

  it('flags dashboards pointing at unknown outputs or parameters', () => {
    expect(
      fields({
        dashboards: [
          { kind: 'stepfunctions', stateMachineArnOutput: 'StateMachineArn' },
          { kind: 'sns-audit', topicArnOutput: 'TopicArn' },
          { kind: 'kafka', clusterArnParameter: 'ClusterArn', consumerGroupIdParameter: 'Memory' },
          { kind: 'abac', roleArnOutputs: ['RoleArn'], functionArnOutputs: [], tagKeys: ['team'] },
          { kind: 'cost', functionNameOutputs: ['FunctionName'] },
        ],
      }),
    ).toEqual([
      'blueprint.yaml#dashboards.1.topicArnOutput',
      'blueprint.yaml#dashboards.2.clusterArnParameter',
      'blueprint.yaml#dashboards.3.roleArnOutputs.0',
      'blueprint.yaml#dashboards.4.functionNameOutputs.0',
    ]);
  });

  it('requires sandbox values for parameters without defaults only when the blueprint is sandbox-deployable', () => {
    expect(fields({ sandboxParameters: undefined })).toEqual(['blueprint.yaml#sandboxParameters']);
    expect(fields({ sandboxParameters: undefined, sandbox: { deployable: false, reason: 'Needs a real cluster.' } })).toEqual([]);
  });
});
