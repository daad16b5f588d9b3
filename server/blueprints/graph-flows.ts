import 'server-only';

import type { GraphEdgeKind } from '@/lib/blueprints/types';

import { collectReferences, type Reference } from './intrinsics';
import { isJsonObject, objectOrEmpty, scalarToString, type JsonObject } from './json';
import { listTaskReferences } from './state-machine-tasks';

/** One end of a flow: the resource itself, or whatever a property value points at. */
export type FlowEnd = { self: true } | { references: Reference[] };

/** Data or control that moves between resources at run time (not just a configuration reference). */
export interface Flow {
  from: FlowEnd;
  to: FlowEnd;
  kind: Extract<GraphEdgeKind, 'event' | 'invoke'>;
  label?: string;
}

const SELF: FlowEnd = { self: true };
const refs = (value: unknown): FlowEnd => ({ references: collectReferences(value) });
const list = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isJsonObject) : []);

type FlowReader = (properties: JsonObject) => Flow[];

// Per resource type, the run-time flows its properties describe.
const FLOW_READERS: Readonly<Record<string, FlowReader>> = {
  'AWS::Events::Rule': (p) => [
    ...(p.EventBusName === undefined ? [] : [{ from: refs(p.EventBusName), to: SELF, kind: 'event' as const }]),
    ...list(p.Targets).flatMap((target) => [
      { from: SELF, to: refs(target.Arn), kind: 'event' as const, label: scalarToString(target.Id) },
      ...(isJsonObject(target.DeadLetterConfig)
        ? [{ from: SELF, to: refs(target.DeadLetterConfig.Arn), kind: 'event' as const, label: 'dead-letter' }]
        : []),
    ]),
  ],
  'AWS::SNS::Subscription': (p) => [
    { from: refs(p.TopicArn), to: SELF, kind: 'event' },
    { from: SELF, to: refs(p.Endpoint), kind: 'event', label: scalarToString(p.Protocol) },
  ],
  'AWS::SNS::Topic': (p) =>
    list(p.Subscription).map((subscription) => ({
      from: SELF,
      to: refs(subscription.Endpoint),
      kind: 'event' as const,
      label: scalarToString(subscription.Protocol),
    })),
  'AWS::Lambda::EventSourceMapping': (p) => [
    { from: refs(p.EventSourceArn), to: SELF, kind: 'event' },
    { from: SELF, to: refs(p.FunctionName), kind: 'invoke' },
    {
      from: SELF,
      to: refs(objectOrEmpty(objectOrEmpty(p.DestinationConfig).OnFailure).Destination),
      kind: 'event',
      label: 'on-failure',
    },
  ],
  'AWS::Lambda::Function': (p) => [
    { from: SELF, to: refs(objectOrEmpty(p.DeadLetterConfig).TargetArn), kind: 'event', label: 'dead-letter' },
  ],
  'AWS::Lambda::EventInvokeConfig': (p) => {
    const destinations = objectOrEmpty(p.DestinationConfig);
    return [
      { from: refs(p.FunctionName), to: refs(objectOrEmpty(destinations.OnSuccess).Destination), kind: 'event', label: 'on-success' },
      { from: refs(p.FunctionName), to: refs(objectOrEmpty(destinations.OnFailure).Destination), kind: 'event', label: 'on-failure' },
    ];
  },
  'AWS::SQS::Queue': (p) => [
    { from: SELF, to: refs(objectOrEmpty(p.RedrivePolicy).deadLetterTargetArn), kind: 'event', label: 'dead-letter' },
  ],
  'AWS::S3::Bucket': (p) => {
    const notifications = objectOrEmpty(p.NotificationConfiguration);
    const to = (configs: unknown, key: string): Flow[] =>
      list(configs).map((config) => ({
        from: SELF,
        to: refs(config[key]),
        kind: 'event' as const,
        label: scalarToString(config.Event),
      }));
    return [
      ...to(notifications.LambdaConfigurations, 'Function'),
      ...to(notifications.QueueConfigurations, 'Queue'),
      ...to(notifications.TopicConfigurations, 'Topic'),
    ];
  },
  'AWS::StepFunctions::StateMachine': (p) => readStateMachineTasks(p),
  // SAM's state machine takes the same Definition and DefinitionSubstitutions, plus Events.
  'AWS::Serverless::StateMachine': (p) => [...readStateMachineTasks(p), ...readSamEvents(p)],
  'AWS::Serverless::Function': (p) => readSamFunctionFlows(p),
  'AWS::ApiGateway::Method': (p) => {
    const integration = objectOrEmpty(p.Integration);
    // Credentials is the role API Gateway assumes: a permission, not where requests go.
    return [{ from: SELF, to: refs([integration.Uri, integration.RequestTemplates]), kind: 'invoke', label: scalarToString(p.HttpMethod) }];
  },
  'AWS::ApiGateway::Authorizer': (p) => [{ from: SELF, to: refs(p.AuthorizerUri), kind: 'invoke', label: 'authorizer' }],
  'AWS::ApiGatewayV2::Integration': (p) => [{ from: SELF, to: refs(p.IntegrationUri), kind: 'invoke' }],
  'AWS::ElasticLoadBalancingV2::Listener': (p) => [
    { from: refs(p.LoadBalancerArn), to: SELF, kind: 'invoke' },
    ...list(p.DefaultActions).map((action) => ({ from: SELF, to: refs(action.TargetGroupArn), kind: 'invoke' as const })),
  ],
  'AWS::ElasticLoadBalancingV2::TargetGroup': (p) =>
    list(p.Targets).map((target) => ({ from: SELF, to: refs(target.Id), kind: 'invoke' as const })),
  'AWS::ECS::Service': (p) =>
    list(p.LoadBalancers).map((lb) => ({ from: refs(lb.TargetGroupArn), to: SELF, kind: 'invoke' as const })),
  'AWS::CloudFront::Distribution': (p) =>
    list(objectOrEmpty(p.DistributionConfig).Origins).map((origin) => ({
      from: SELF,
      to: refs(origin.DomainName),
      kind: 'invoke' as const,
      label: scalarToString(origin.Id),
    })),
  'AWS::KinesisFirehose::DeliveryStream': (p) => [
    { from: SELF, to: refs(objectOrEmpty(p.ExtendedS3DestinationConfiguration).BucketARN), kind: 'event', label: 'delivery' },
    { from: SELF, to: refs(objectOrEmpty(p.S3DestinationConfiguration).BucketARN), kind: 'event', label: 'delivery' },
  ],
};

// Where each SAM event type's events come from (the property naming the source), and whether the
// source calls the function (API requests) or hands it events. Schedules have no source resource.
const SAM_EVENT_SOURCES: Readonly<Record<string, { property: string; kind: Flow['kind'] }>> = {
  SQS: { property: 'Queue', kind: 'event' },
  SNS: { property: 'Topic', kind: 'event' },
  Kinesis: { property: 'Stream', kind: 'event' },
  DynamoDB: { property: 'Stream', kind: 'event' },
  MSK: { property: 'Stream', kind: 'event' },
  MQ: { property: 'Broker', kind: 'event' },
  DocumentDB: { property: 'Cluster', kind: 'event' },
  S3: { property: 'Bucket', kind: 'event' },
  EventBridgeRule: { property: 'EventBusName', kind: 'event' },
  CloudWatchEvent: { property: 'EventBusName', kind: 'event' },
  CloudWatchLogs: { property: 'LogGroupName', kind: 'event' },
  IoTRule: { property: 'Sql', kind: 'event' },
  Api: { property: 'RestApiId', kind: 'invoke' },
  HttpApi: { property: 'ApiId', kind: 'invoke' },
};

/** A SAM function's or state machine's Events, each drawn from its source to the resource. */
function readSamEvents(p: JsonObject): Flow[] {
  return Object.entries(objectOrEmpty(p.Events)).flatMap(([name, raw]) => {
    const event = objectOrEmpty(raw);
    const source = SAM_EVENT_SOURCES[scalarToString(event.Type) ?? ''];
    if (!source) return [];
    const properties = objectOrEmpty(event.Properties);
    const route = [scalarToString(properties.Method)?.toUpperCase(), scalarToString(properties.Path)].filter(Boolean).join(' ');
    return [{ from: refs(properties[source.property]), to: SELF, kind: source.kind, label: route || name }];
  });
}

const readSamFunctionFlows: FlowReader = (p) => {
  const destinations = objectOrEmpty(objectOrEmpty(p.EventInvokeConfig).DestinationConfig);
  return [
    ...readSamEvents(p),
    { from: SELF, to: refs(objectOrEmpty(p.DeadLetterQueue).TargetArn), kind: 'event', label: 'dead-letter' },
    { from: SELF, to: refs(objectOrEmpty(destinations.OnSuccess).Destination), kind: 'event', label: 'on-success' },
    { from: SELF, to: refs(objectOrEmpty(destinations.OnFailure).Destination), kind: 'event', label: 'on-failure' },
  ];
};

const readStateMachineTasks: FlowReader = (p) =>
  listTaskReferences(p).map((task) => ({ from: SELF, to: { references: task.references }, kind: 'invoke' as const, label: task.state }));

// CloudFormation invokes a custom resource's provider (its ServiceToken) on create, update and delete.
const readCustomResourceFlows: FlowReader = (p) => [{ from: SELF, to: refs(p.ServiceToken), kind: 'invoke', label: 'provider' }];

/** The event and invoke flows a resource of this type declares in its properties. */
export function readFlows(type: string, properties: JsonObject): Flow[] {
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') return readCustomResourceFlows(properties);
  return FLOW_READERS[type]?.(properties) ?? [];
}
