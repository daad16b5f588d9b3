import { describe, expect, it } from 'vitest';

import { listTaskReferences } from './state-machine-tasks';

const names = (properties: Record<string, unknown>) =>
  listTaskReferences(properties as never).map((task) => [task.state, task.references.map((r) => r.name).filter((n) => !n.startsWith('AWS::'))]);

describe('listTaskReferences', () => {
  it('reads Fn::Sub definitions, including unquoted placeholders', () => {
    const text = JSON.stringify({
      StartAt: 'Put',
      States: {
        Put: { Type: 'Task', Resource: 'arn:${AWS::Partition}:states:::dynamodb:putItem', Parameters: { TableName: '${Table}' }, Next: 'Call' },
        Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${Fn.Arn}', Timeout: '@@N@@' }, End: true },
      },
    }).replace('"@@N@@"', '${TimeoutSeconds}');
    expect(names({ DefinitionString: { 'Fn::Sub': text } })).toEqual([
      ['Put', ['Table']],
      ['Call', ['Fn']],
    ]);
  });

  it('resolves placeholders through DefinitionSubstitutions for object definitions', () => {
    const properties = {
      Definition: {
        StartAt: 'Send',
        States: {
          Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: '${QueueUrl}' }, Next: 'Publish' },
          Publish: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: { Ref: 'Topic' } }, End: true },
        },
      },
      DefinitionSubstitutions: { QueueUrl: { Ref: 'Queue' } },
    };
    expect(names(properties)).toEqual([
      ['Send', ['Queue']],
      ['Publish', ['Topic']],
    ]);
  });

  it('finds tasks inside Parallel branches and Map processors', () => {
    const definition = {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'A', States: { A: { Type: 'Task', Resource: '${FnA}', End: true } } }],
          Next: 'Each',
        },
        Each: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'B', States: { B: { Type: 'Task', Resource: '${FnB}', End: true } } },
          Iterator: { StartAt: 'C', States: { C: { Type: 'Task', Resource: '${FnC}', End: true } } },
          End: true,
        },
      },
    };
    expect(names({ DefinitionString: { 'Fn::Sub': JSON.stringify(definition) } })).toEqual([
      ['A', ['FnA']],
      ['B', ['FnB']],
      ['C', ['FnC']],
    ]);
  });

  it('reads Fn::Join definitions and Fn::Sub list variables', () => {
    const joined = { 'Fn::Join': ['', ['{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"', { 'Fn::GetAtt': ['Fn', 'Arn'] }, '","End":true}}}']] };
    expect(names({ DefinitionString: joined })).toEqual([['T', ['Fn']]]);
    const sub = { 'Fn::Sub': ['{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"${Target}","End":true}}}', { Target: { Ref: 'Worker' } }] };
    expect(names({ DefinitionString: sub })).toEqual([['T', ['Worker']]]);
  });

  it('keeps every reference when the definition text is not JSON', () => {
    expect(names({ DefinitionString: { 'Fn::Sub': 'not json ${Fn}' } })).toEqual([['definition', ['Fn']]]);
  });

  it('ignores Pass states and missing definitions', () => {
    expect(names({ DefinitionString: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}' })).toEqual([]);
    expect(names({})).toEqual([]);
  });
});
