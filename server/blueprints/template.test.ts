import { describe, expect, it } from 'vitest';

import { parseCfnYaml } from './cfn-yaml';
import { extractTemplateModel, requiredCapabilities } from './template';

const TEMPLATE = parseCfnYaml(`
AWSTemplateFormatVersion: '2010-09-09'
Description: Demo
Metadata:
  AWS::CloudFormation::Interface:
    ParameterGroups:
      - Label: { default: Function }
        Parameters: [Memory, Mode]
    ParameterLabels:
      Memory: { default: Memory (MB) }
Parameters:
  Memory:
    Type: Number
    Default: 128
    MinValue: 128
    MaxValue: '10240'
    ConstraintDescription: from 128 to 10240
    Description: Function memory.
  Mode:
    Type: String
    Default: fast
    AllowedValues: [fast, cheap]
  Secret:
    Type: String
    NoEcho: true
    MinLength: 8
    MaxLength: 64
    AllowedPattern: '^[A-Za-z0-9]+$'
  Subnets:
    Type: List<AWS::EC2::Subnet::Id>
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  Fn:
    Type: AWS::Lambda::Function
    DependsOn: Role
    Condition: Always
    Properties:
      Role: !GetAtt Role.Arn
Outputs:
  FunctionArn:
    Description: The function.
    Value: !GetAtt Fn.Arn
    Export:
      Name: !Sub '\${AWS::StackName}-fn'
`);

describe('extractTemplateModel', () => {
  const model = extractTemplateModel(TEMPLATE, {
    parameters: { fields: { Secret: { label: 'API secret', help: 'Never logged.' } } },
    outputs: { FunctionArn: { meaning: 'Invoke it.' } },
  });

  it('extracts parameter types, defaults and constraints', () => {
    expect(model.parameters.find((p) => p.name === 'Memory')).toEqual({
      name: 'Memory',
      type: 'Number',
      label: 'Memory (MB)',
      group: 'Function',
      help: 'Function memory.',
      description: 'Function memory.',
      default: '128',
      minValue: 128,
      maxValue: 10240,
      constraintDescription: 'from 128 to 10240',
      noEcho: false,
      required: false,
    });
    expect(model.parameters.find((p) => p.name === 'Mode')).toMatchObject({ allowedValues: ['fast', 'cheap'], group: 'Function' });
    expect(model.parameters.find((p) => p.name === 'Secret')).toMatchObject({
      label: 'API secret',
      help: 'Never logged.',
      noEcho: true,
      required: true,
      minLength: 8,
      maxLength: 64,
      allowedPattern: '^[A-Za-z0-9]+$',
    });
    expect(model.parameters.find((p) => p.name === 'Subnets')).toMatchObject({ type: 'List<AWS::EC2::Subnet::Id>', label: 'Subnets', required: true });
  });

  it('uses the interface groups unless blueprint.yaml defines its own', () => {
    expect(model.parameterGroups).toEqual([{ label: 'Function', parameters: ['Memory', 'Mode'] }]);
    const overridden = extractTemplateModel(TEMPLATE, {
      parameters: { groups: [{ label: 'Security', parameters: ['Secret'] }], fields: {} },
      outputs: {},
    });
    expect(overridden.parameterGroups).toEqual([{ label: 'Security', parameters: ['Secret'] }]);
    expect(overridden.parameters.find((p) => p.name === 'Secret')?.group).toBe('Security');
    expect(overridden.parameters.find((p) => p.name === 'Memory')?.group).toBeUndefined();
  });

  it('extracts outputs with their meaning and resources with DependsOn and Condition', () => {
    expect(model.outputs).toEqual([
      { name: 'FunctionArn', description: 'The function.', meaning: 'Invoke it.', exportName: { 'Fn::Sub': '${AWS::StackName}-fn' } },
    ]);
    expect(model.resources[1]).toMatchObject({ logicalId: 'Fn', type: 'AWS::Lambda::Function', service: 'Lambda', dependsOn: ['Role'], condition: 'Always' });
    expect(model.description).toBe('Demo');
    expect(model.capabilities).toEqual(['CAPABILITY_IAM']);
  });
});

describe('requiredCapabilities', () => {
  const resources = (definitions: Record<string, unknown>) => parseCfnYaml(JSON.stringify({ Resources: definitions }));

  it('needs nothing for templates without IAM resources, nested stacks or transforms', () => {
    expect(requiredCapabilities([resources({ Q: { Type: 'AWS::SQS::Queue' } })])).toEqual([]);
  });

  it('needs CAPABILITY_NAMED_IAM for custom-named IAM resources', () => {
    expect(requiredCapabilities([resources({ R: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'x' } } })])).toEqual([
      'CAPABILITY_IAM',
      'CAPABILITY_NAMED_IAM',
    ]);
    expect(requiredCapabilities([resources({ P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'p' } } })])).toContain(
      'CAPABILITY_NAMED_IAM',
    );
  });

  it('needs CAPABILITY_AUTO_EXPAND for nested stacks and transforms, and IAM found in nested templates', () => {
    const root = resources({ Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: './child.yaml' } } });
    const child = resources({ P: { Type: 'AWS::IAM::Policy' } });
    expect(requiredCapabilities([root, child])).toEqual(['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND']);
    expect(requiredCapabilities([parseCfnYaml('Transform: AWS::Serverless-2016-10-31\nResources: {}\n')])).toEqual(['CAPABILITY_AUTO_EXPAND']);
  });
});
