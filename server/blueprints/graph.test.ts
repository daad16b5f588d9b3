import { describe, expect, it } from 'vitest';

import type { GraphEdgeDto } from '@/lib/blueprints/types';

import { parseCfnYaml } from './cfn-yaml';
import { buildArchitectureGraph } from './graph';
import { getBlueprint, loadBlueprintLibrary } from './load';

const graphOf = (yaml: string, nested: Record<string, string> = {}) =>
  buildArchitectureGraph({
    template: parseCfnYaml(yaml),
    nestedTemplates: Object.fromEntries(Object.entries(nested).map(([file, source]) => [file, parseCfnYaml(source)])),
  });

/** Edges as `kind source->target` strings, for compact assertions. */
const edgeList = (edges: GraphEdgeDto[]) => edges.map((edge) => `${edge.kind} ${edge.source}->${edge.target}`);

describe('buildArchitectureGraph: references', () => {
  const graph = graphOf(`
Resources:
  Table: { Type: AWS::DynamoDB::Table }
  Bucket: { Type: AWS::S3::Bucket }
  Queue: { Type: AWS::SQS::Queue }
  Role: { Type: AWS::IAM::Role }
  Fn:
    Type: AWS::Lambda::Function
    DependsOn: [Queue]
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          TABLE: !Ref Table
          BUCKET_ARN: !Sub '\${Bucket.Arn}/*'
          REGION: !Sub '\${AWS::Region}'
  Policy:
    Type: AWS::IAM::Policy
    Properties:
      Roles: [!Ref Role]
      PolicyDocument: { Statement: [{ Resource: !GetAtt Table.Arn }] }
`);

  it('makes one node per resource with its service', () => {
    expect(graph.nodes).toContainEqual({ id: 'Fn', type: 'AWS::Lambda::Function', service: 'Lambda', label: 'Fn' });
    expect(graph.nodes).toHaveLength(6);
  });

  it('draws reference edges for Ref, GetAtt and Sub (${X} and ${X.Attr}), labelled with the property', () => {
    expect(graph.edges).toContainEqual({ id: 'reference:Fn->Table', source: 'Fn', target: 'Table', kind: 'reference', label: 'Environment' });
    expect(edgeList(graph.edges)).toContain('reference Fn->Bucket');
  });

  it('draws DependsOn edges and types edges to and from IAM as permissions', () => {
    expect(edgeList(graph.edges)).toEqual(
      expect.arrayContaining(['dependsOn Fn->Queue', 'permission Fn->Role', 'permission Policy->Role', 'permission Policy->Table']),
    );
    expect(edgeList(graph.edges)).not.toContain('reference Fn->Role');
  });
});

describe('buildArchitectureGraph: event flows', () => {
  it('follows an EventBridge rule from its bus to its targets and dead-letter queue', () => {
    const graph = graphOf(`
Resources:
  Bus: { Type: AWS::Events::EventBus, Properties: { Name: b } }
  Dlq: { Type: AWS::SQS::Queue }
  Machine: { Type: AWS::StepFunctions::StateMachine }
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: !Ref Bus
      Targets:
        - Id: workflow
          Arn: !Ref Machine
          DeadLetterConfig: { Arn: !GetAtt Dlq.Arn }
`);
    expect(graph.edges).toContainEqual({ id: 'event:Rule->Machine', source: 'Rule', target: 'Machine', kind: 'event', label: 'workflow' });
    expect(edgeList(graph.edges)).toEqual(expect.arrayContaining(['event Bus->Rule', 'event Rule->Dlq']));
    // The plain references behind those flows are not repeated.
    expect(edgeList(graph.edges).filter((edge) => edge.startsWith('reference'))).toEqual([]);
  });

  it('follows SNS subscriptions (resource and inline) to their endpoints', () => {
    const graph = graphOf(`
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Subscription: [{ Protocol: lambda, Endpoint: !GetAtt Fn.Arn }]
  Fn: { Type: AWS::Lambda::Function }
  Queue: { Type: AWS::SQS::Queue }
  Sub:
    Type: AWS::SNS::Subscription
    Properties: { TopicArn: !Ref Topic, Protocol: sqs, Endpoint: !GetAtt Queue.Arn }
`);
    expect(edgeList(graph.edges)).toEqual(expect.arrayContaining(['event Topic->Fn', 'event Topic->Sub', 'event Sub->Queue']));
  });

  it('follows an event source mapping from the queue to the function, and S3 notifications to their targets', () => {
    const graph = graphOf(`
Resources:
  Queue: { Type: AWS::SQS::Queue }
  Fn: { Type: AWS::Lambda::Function }
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { EventSourceArn: !GetAtt Queue.Arn, FunctionName: !Ref Fn }
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        QueueConfigurations: [{ Event: 's3:ObjectCreated:*', Queue: !GetAtt Queue.Arn }]
`);
    expect(edgeList(graph.edges)).toEqual(['event Queue->Mapping', 'invoke Mapping->Fn', 'event Bucket->Queue']);
    expect(graph.edges.at(-1)?.label).toBe('s3:ObjectCreated:*');
  });

  it('follows state machine tasks through Fn::Sub and DefinitionSubstitutions', () => {
    const graph = graphOf(`
Resources:
  Fn: { Type: AWS::Lambda::Function }
  Topic: { Type: AWS::SNS::Topic }
  Table: { Type: AWS::DynamoDB::Table }
  Queue: { Type: AWS::SQS::Queue }
  SubMachine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Sub '{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"\${Fn.Arn}"},"Next":"Tell"},"Tell":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"TopicArn":"\${Topic}"},"End":true}}}'
  SubstitutionMachine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        StartAt: Save
        States:
          Save: { Type: Task, Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: '\${TableName}' }, Next: Send }
          Send: { Type: Task, Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: '\${QueueUrl}' }, End: true }
      DefinitionSubstitutions:
        TableName: !Ref Table
        QueueUrl: !Ref Queue
`);
    expect(graph.edges.filter((edge) => edge.kind === 'invoke').map((edge) => `${edge.source}->${edge.target} (${edge.label})`)).toEqual([
      'SubMachine->Fn (Call)',
      'SubMachine->Topic (Tell)',
      'SubstitutionMachine->Table (Save)',
      'SubstitutionMachine->Queue (Send)',
    ]);
  });

  it('follows load balancers to their listeners and targets, and custom resources to their provider', () => {
    const graph = graphOf(`
Resources:
  Provider: { Type: AWS::Lambda::Function }
  Thing:
    Type: Custom::Thing
    Properties: { ServiceToken: !GetAtt Provider.Arn }
  Lb: { Type: AWS::ElasticLoadBalancingV2::LoadBalancer }
  Tg: { Type: AWS::ElasticLoadBalancingV2::TargetGroup }
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      DefaultActions: [{ Type: forward, TargetGroupArn: !Ref Tg }]
  Service:
    Type: AWS::ECS::Service
    Properties:
      LoadBalancers: [{ TargetGroupArn: !Ref Tg, ContainerPort: 3000 }]
`);
    expect(edgeList(graph.edges)).toEqual(['invoke Thing->Provider', 'invoke Lb->Listener', 'invoke Listener->Tg', 'invoke Tg->Service']);
  });

  it('follows API Gateway integrations and authorizers to Lambda, SQS and Step Functions', () => {
    const graph = graphOf(`
Resources:
  Fn: { Type: AWS::Lambda::Function }
  Queue: { Type: AWS::SQS::Queue }
  Machine: { Type: AWS::StepFunctions::StateMachine }
  Role: { Type: AWS::IAM::Role }
  Proxy:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: GET
      Integration: { Type: AWS_PROXY, Uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations' }
  ToQueue:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: POST
      Integration:
        Type: AWS
        Credentials: !GetAtt Role.Arn
        Uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:sqs:path/\${AWS::AccountId}/\${Queue.QueueName}'
  ToWorkflow:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: PUT
      Integration:
        Type: AWS
        Uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:states:action/StartExecution'
        RequestTemplates:
          application/json: !Sub '{"stateMachineArn": "\${Machine}", "input": "$util.escapeJavaScript($input.body)"}'
  Authorizer:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      AuthorizerUri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations'
  HttpIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties: { IntegrationUri: !GetAtt Fn.Arn }
`);
    expect(edgeList(graph.edges)).toEqual(
      expect.arrayContaining([
        'invoke Proxy->Fn',
        'invoke ToQueue->Queue',
        'permission ToQueue->Role',
        'invoke ToWorkflow->Machine',
        'invoke Authorizer->Fn',
        'invoke HttpIntegration->Fn',
      ]),
    );
    expect(edgeList(graph.edges)).not.toContain('invoke ToQueue->Role');
  });
});

describe('buildArchitectureGraph: nested stacks', () => {
  const graph = graphOf(
    `
Resources:
  Data:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: ./stacks/data.yaml }
  Compute:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./stacks/compute.yaml
      Parameters: { TableName: !GetAtt Data.Outputs.TableName }
  Remote:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: https://example.com/remote.yaml }
`,
    {
      'stacks/data.yaml': `
Resources:
  Table: { Type: AWS::DynamoDB::Table }
Outputs:
  TableName: { Value: !Ref Table }
`,
      'stacks/compute.yaml': `
Parameters:
  TableName: { Type: String }
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Environment: { Variables: { TABLE: !Ref TableName } }
`,
    },
  );

  it('makes nested stacks group nodes holding their template resources', () => {
    expect(graph.nodes).toContainEqual({ id: 'Data/Table', type: 'AWS::DynamoDB::Table', service: 'DynamoDB', label: 'Table', parent: 'Data' });
    expect(graph.nodes.find((node) => node.id === 'Compute')?.service).toBe('CloudFormation');
    expect(edgeList(graph.edges)).toEqual(expect.arrayContaining(['contains Data->Data/Table', 'contains Compute->Compute/Fn']));
    expect(graph.nodes.some((node) => node.parent === 'Remote')).toBe(false);
  });

  it('follows parameters and outputs across stacks to the real resources', () => {
    expect(edgeList(graph.edges)).toContain('reference Compute/Fn->Data/Table');
    expect(edgeList(graph.edges)).not.toContain('reference Compute->Data/Table');
  });
});

describe('graphs of the real blueprints', () => {
  it('blueprint 1 flows rule -> state machine -> bus -> rule -> topic -> subscription', async () => {
    const blueprint = await getBlueprint('ec2-state-change-enrichment');
    const edges = edgeList(blueprint?.graph.edges ?? []);
    expect(edges).toEqual(
      expect.arrayContaining([
        'event Ec2StateChangeRule->EnrichmentStateMachine',
        'invoke EnrichmentStateMachine->ApplicationEventBus',
        'invoke EnrichmentStateMachine->DefaultNameParameter',
        'event ApplicationEventBus->EnrichedEventRule',
        'event EnrichedEventRule->OperatorTopic',
        'event OperatorTopic->OperatorSubscription',
      ]),
    );
  });

  it('blueprint 8 connects the API in one nested stack to the queue in another', async () => {
    const blueprint = await getBlueprint('orders-nested-stacks');
    expect(edgeList(blueprint?.graph.edges ?? [])).toEqual(
      expect.arrayContaining([
        'invoke ApiStack/PostOrderMethod->ApiIntegrationsStack/OrdersQueue',
        // The SAM function's SQS event, drawn from the queue.
        'event ApiIntegrationsStack/OrdersQueue->ApiIntegrationsStack/StartWorkflowFunction',
        'invoke WorkflowStack/OrderWorkflow->DbStack/OrdersTable',
        'invoke WorkflowStack/OrderWorkflow->WorkflowStack/CompleteOrderFunction',
      ]),
    );
  });

  it('every edge of every blueprint connects existing nodes', async () => {
    for (const slug of (await loadBlueprintLibrary()).blueprints.keys()) {
      const graph = (await getBlueprint(slug))?.graph;
      const ids = new Set(graph?.nodes.map((node) => node.id));
      for (const edge of graph?.edges ?? []) {
        expect(ids.has(edge.source) && ids.has(edge.target), `${slug}: ${edge.id}`).toBe(true);
      }
      // Blueprints with a run-time flow must show it; IAM-only, queue-only and externally invoked ones have none.
      expect(graph?.edges.some((edge) => edge.kind === 'event' || edge.kind === 'invoke'), slug).toBe(
        !['lambda-abac', 'lambda-console-code-suggestions', 'lambda-db2-ibm-i', 'lambda-from-kubernetes-ack', 'sqs-managed-encryption'].includes(slug),
      );
    }
  });
});
