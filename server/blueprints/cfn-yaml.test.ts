import { describe, expect, it } from 'vitest';

import { CfnYamlError, findResourceLines, parseCfnYaml } from './cfn-yaml';

/** Parses `value: <yaml>` and returns the parsed value. */
function parseValue(yaml: string): unknown {
  return parseCfnYaml(`value: ${yaml}\n`).value;
}

describe('parseCfnYaml', () => {
  it.each([
    ['!Ref MyBucket', { Ref: 'MyBucket' }],
    ['!Ref AWS::Region', { Ref: 'AWS::Region' }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ['!GetAtt Queue.Arn', { 'Fn::GetAtt': ['Queue', 'Arn'] }],
    ['!GetAtt [Queue, Arn]', { 'Fn::GetAtt': ['Queue', 'Arn'] }],
    ['!GetAtt Db.Outputs.TableName', { 'Fn::GetAtt': ['Db', 'Outputs.TableName'] }],
    ['!Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' }],
    ['!Join [",", [a, b]]', { 'Fn::Join': [',', ['a', 'b']] }],
    ['!Select [1, [a, b]]', { 'Fn::Select': [1, ['a', 'b']] }],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!FindInMap [Map, Key, Sub]', { 'Fn::FindInMap': ['Map', 'Key', 'Sub'] }],
    ['!Base64 hello', { 'Fn::Base64': 'hello' }],
    ['!Cidr ["10.0.0.0/16", 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
    ['!ImportValue shared-vpc-id', { 'Fn::ImportValue': 'shared-vpc-id' }],
    ['!GetAZs ""', { 'Fn::GetAZs': '' }],
    ['!GetAZs', { 'Fn::GetAZs': '' }],
    ['!Equals [a, b]', { 'Fn::Equals': ['a', 'b'] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Not [!Condition A]', { 'Fn::Not': [{ Condition: 'A' }] }],
    ['!If [IsProd, big, small]', { 'Fn::If': ['IsProd', 'big', 'small'] }],
  ])('turns %s into its long form', (yaml, expected) => {
    expect(parseValue(yaml)).toEqual(expected);
  });

  it('parses the list form of !Sub with intrinsic variables', () => {
    const parsed = parseCfnYaml(['value: !Sub', '  - "${Name}-${AWS::Region}"', '  - Name: !GetAtt Table.Arn', ''].join('\n'));
    expect(parsed.value).toEqual({ 'Fn::Sub': ['${Name}-${AWS::Region}', { Name: { 'Fn::GetAtt': ['Table', 'Arn'] } }] });
  });

  it('parses intrinsics nested inside each other and in long form', () => {
    expect(parseValue('!Select [0, !GetAZs ""]')).toEqual({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] });
    expect(parseValue('{ "Fn::GetAZs": !Ref AWS::Region }')).toEqual({ 'Fn::GetAZs': { Ref: 'AWS::Region' } });
    expect(parseValue('!Base64 { "Fn::Sub": "echo ${X}" }')).toEqual({ 'Fn::Base64': { 'Fn::Sub': 'echo ${X}' } });
    expect(parseValue('{ "Fn::If": [C, !Ref A, !Ref AWS::NoValue] }')).toEqual({
      'Fn::If': ['C', { Ref: 'A' }, { Ref: 'AWS::NoValue' }],
    });
  });

  it('keeps block scalars such as inline code and state machine definitions intact', () => {
    const parsed = parseCfnYaml(['value: !Sub |', '  {"Resource": "${Fn.Arn}"}', '  line two', ''].join('\n'));
    expect(parsed.value).toEqual({ 'Fn::Sub': '{"Resource": "${Fn.Arn}"}\nline two\n' });
  });

  it('keeps unquoted template dates as strings', () => {
    expect(parseCfnYaml('AWSTemplateFormatVersion: 2010-09-09\n').AWSTemplateFormatVersion).toBe('2010-09-09');
  });

  it('accepts JSON templates', () => {
    expect(parseCfnYaml('{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}')).toEqual({
      Resources: { Q: { Type: 'AWS::SQS::Queue' } },
    });
  });

  it('reports syntax errors with their line', () => {
    const attempt = () => parseCfnYaml('Resources:\n  Q:\n    Type: [unclosed\n');
    expect(attempt).toThrow(CfnYamlError);
    try {
      attempt();
    } catch (error) {
      expect((error as CfnYamlError).line).toBeGreaterThan(0);
    }
  });

  it('rejects two short forms on one node, as CloudFormation does', () => {
    expect(() => parseCfnYaml('value: !GetAZs !Ref AWS::Region\n')).toThrow(CfnYamlError);
  });

  it('rejects duplicate keys and non-mapping documents', () => {
    expect(() => parseCfnYaml('A: 1\nA: 2\n')).toThrow(CfnYamlError);
    expect(() => parseCfnYaml('- a\n- b\n')).toThrow('mapping');
  });
});

describe('findResourceLines', () => {
  it('finds the first and last line of each resource, block scalars and intrinsics included', () => {
    const source = [
      'Resources:', // 1
      '  Queue:', // 2
      '    Type: AWS::SQS::Queue', // 3
      '    Properties:', // 4
      '      RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn }', // 5
      '', // 6
      '  Fn:', // 7
      '    Type: AWS::Lambda::Function', // 8
      '    Properties:', // 9
      '      Code:', // 10
      '        ZipFile: |', // 11
      '          def handler(event, context):', // 12
      '              return event', // 13
      '', // 14
      '  Dlq: { Type: AWS::SQS::Queue }', // 15
      'Outputs:', // 16
      '  Url: { Value: !Ref Queue }', // 17
    ].join('\n');
    expect(findResourceLines(source)).toEqual({ Queue: { start: 2, end: 5 }, Fn: { start: 7, end: 13 }, Dlq: { start: 15, end: 15 } });
  });

  it('answers nothing for a source without resources or one that does not parse', () => {
    expect(findResourceLines('Outputs: {}\n')).toEqual({});
    expect(findResourceLines('Resources: [oops\n')).toEqual({});
  });
});
