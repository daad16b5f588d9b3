import { describe, expect, it } from 'vitest';

import type { GraphEdgeDto } from '@/lib/blueprints/types';

import { findLocalArtefactPaths } from './artefact-paths';
import { parseCfnYaml } from './cfn-yaml';
import { buildArchitectureGraph, listGraphResources } from './graph';
import { getBlueprint } from './load';
import { declaredTransforms } from './sam';
import { extractTemplateModel, requiredCapabilities } from './template';

const SAM_APP = `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    MemorySize: 512
    Environment: { Variables: { STAGE: prod, TABLE: global } }
Resources:
  Orders: { Type: AWS::DynamoDB::Table }
  Inbox: { Type: AWS::SQS::Queue }
  Alerts: { Type: AWS::SNS::Topic }
  Api: { Type: AWS::Serverless::Api, Properties: { StageName: prod } }
  Bus: { Type: AWS::Events::EventBus }
  Failures: { Type: AWS::SQS::Queue }
  CreateOrder:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/create_order
      Handler: app.handler
      MemorySize: 1024
      Environment: { Variables: { TABLE: !Ref Orders } }
      DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt Failures.Arn }
      Events:
        FromInbox: { Type: SQS, Properties: { Queue: !GetAtt Inbox.Arn } }
        FromAlerts: { Type: SNS, Properties: { Topic: !Ref Alerts } }
        PostOrder: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /orders, Method: post } }
        OnBus: { Type: EventBridgeRule, Properties: { EventBusName: !Ref Bus, Pattern: { source: [shop] } } }
        Nightly: { Type: Schedule, Properties: { Schedule: rate(1 day) } }
    Connectors:
      AlertWrite:
        Properties:
          Destination: { Id: Alerts }
          Permissions: [Write]
  OrdersWriter:
    Type: AWS::Serverless::Connector
    Properties:
      Source: { Id: CreateOrder }
      Destination: { Id: Orders }
      Permissions: [Read, Write]
  Payments:
    Type: AWS::Serverless::Application
    Properties:
      Location: apps/payments.yaml
      Parameters: { OrdersTable: !Ref Orders }
`;

const PAYMENTS = `
Transform: AWS::Serverless-2016-10-31
Parameters:
  OrdersTable: { Type: String }
Resources:
  Charge:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: exports.handler = async () => 1;
      Environment: { Variables: { TABLE: !Ref OrdersTable } }
`;

const edgeList = (edges: GraphEdgeDto[]) => edges.map((edge) => `${edge.kind} ${edge.source}->${edge.target}${edge.label ? ` ${edge.label}` : ''}`);

const graph = () =>
  buildArchitectureGraph({ template: parseCfnYaml(SAM_APP), nestedTemplates: { 'apps/payments.yaml': parseCfnYaml(PAYMENTS) } });

describe('SAM templates: the architecture graph', () => {
  it('draws each function event from its source, with the route for API events', () => {
    expect(edgeList(graph().edges)).toEqual(
      expect.arrayContaining([
        'event Inbox->CreateOrder FromInbox',
        'event Alerts->CreateOrder FromAlerts',
        'invoke Api->CreateOrder POST /orders',
        'event Bus->CreateOrder OnBus',
        'event CreateOrder->Failures dead-letter',
      ]),
    );
    // A schedule has no resource to come from.
    expect(graph().edges.filter((edge) => edge.label === 'Nightly')).toEqual([]);
  });

  it('draws what a SAM function’s Policies name as permissions', () => {
    const { edges } = buildArchitectureGraph({
      template: parseCfnYaml(
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  T: { Type: AWS::SNS::Topic }\n  F: { Type: AWS::Serverless::Function, Properties: { InlineCode: x, Policies: [{ SNSPublishMessagePolicy: { TopicName: !GetAtt T.TopicName } }] } }\n',
      ),
    });
    expect(edgeList(edges)).toEqual(['permission F->T Policies']);
  });

  it('draws connectors as permission edges from source to destination, not as nodes', () => {
    const { nodes, edges } = graph();
    expect(nodes.map((node) => node.id)).not.toContain('OrdersWriter');
    expect(edgeList(edges)).toEqual(
      expect.arrayContaining(['permission CreateOrder->Orders Read, Write', 'permission CreateOrder->Alerts Write']),
    );
  });

  it('draws an AWS::Serverless::Application with a local Location as a nested stack', () => {
    const { nodes, edges } = graph();
    expect(nodes.find((node) => node.id === 'Payments/Charge')).toMatchObject({ parent: 'Payments', service: 'Lambda' });
    expect(nodes.find((node) => node.id === 'Payments')).toMatchObject({ service: 'CloudFormation' });
    // The child's parameter is followed back to the table in the parent.
    expect(edgeList(edges)).toEqual(expect.arrayContaining(['contains Payments->Payments/Charge', 'reference Payments/Charge->Orders Environment']));
    expect(listGraphResources({ template: parseCfnYaml(SAM_APP), nestedTemplates: { 'apps/payments.yaml': parseCfnYaml(PAYMENTS) } }).map((r) => r.id)).toContain(
      'Payments/Charge',
    );
  });
});

describe('SAM templates: the template model', () => {
  it('applies Globals to functions: own values win, maps merge', () => {
    const model = extractTemplateModel(parseCfnYaml(SAM_APP));
    const fn = model.resources.find((resource) => resource.logicalId === 'CreateOrder');
    expect(fn).toMatchObject({ service: 'Lambda', properties: { Runtime: 'python3.12', MemorySize: 1024 } });
    expect(fn?.properties.Environment).toEqual({ Variables: { STAGE: 'prod', TABLE: { Ref: 'Orders' } } });
    // Globals apply to functions only, not to the table.
    expect(model.resources.find((resource) => resource.logicalId === 'Orders')?.properties).toEqual({});
  });

  it('needs CAPABILITY_IAM for generated roles and connector policies, and AUTO_EXPAND for the transform', () => {
    expect(requiredCapabilities([parseCfnYaml(SAM_APP)])).toEqual(['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND']);
    const withRole = parseCfnYaml(
      'Transform: AWS::Serverless-2016-10-31\nGlobals: { Function: { Role: arn:aws:iam::1:role/r } }\nResources:\n  F: { Type: AWS::Serverless::Function, Properties: { InlineCode: x } }\n',
    );
    expect(requiredCapabilities([withRole])).toEqual(['CAPABILITY_AUTO_EXPAND']);
  });

  it('lists SAM code, definitions and application templates as local artefacts', () => {
    expect(findLocalArtefactPaths(parseCfnYaml(SAM_APP)).map((local) => `${local.logicalId}.${local.property}:${local.kind}`)).toEqual([
      'CreateOrder.CodeUri:lambda-code',
      'Payments.Location:nested-template',
    ]);
  });

  it('reads Transform as one name or a list', () => {
    expect(declaredTransforms(parseCfnYaml('Resources: {}\n'))).toEqual([]);
    expect(declaredTransforms(parseCfnYaml('Transform: AWS::Serverless-2016-10-31\nResources: {}\n'))).toEqual(['AWS::Serverless-2016-10-31']);
    expect(declaredTransforms(parseCfnYaml('Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\nResources: {}\n'))).toHaveLength(2);
  });
});

describe('SAM blueprints in the catalog', () => {
  it('image moderation: the connectors are the state machine’s permission edges, next to its task flows', async () => {
    const blueprint = await getBlueprint('image-moderation-least-privilege');
    expect(blueprint?.model.capabilities).toEqual(['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND']);
    expect(edgeList(blueprint?.graph.edges ?? [])).toEqual(
      expect.arrayContaining([
        'permission ImageCatalogStateMachine->IngestionBucket Read',
        'permission ImageCatalogStateMachine->CatalogTable Write',
        'permission ImageCatalogStateMachine->ModeratorTopic Write',
        'invoke ImageCatalogStateMachine->CatalogTable Add to catalog',
        'invoke ImageCatalogStateMachine->ModeratorTopic Alert moderators',
      ]),
    );
  });
});
