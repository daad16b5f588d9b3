import type { EventSourceMappingConfiguration } from '@aws-sdk/client-lambda';

/**
 * `ListEventSourceMappings` entries as the AWS SDK v3 returns them (dates deserialised), shaped after
 * real MSK, self-managed Kafka and SQS mappings. The sandbox cannot produce Kafka ones (moto rejects
 * them), so the mapping logic is tested against these.
 */

export const MSK_CLUSTER_ARN = 'arn:aws:kafka:eu-west-1:111122223333:cluster/orders-prod/5e8f3c1a-1b2c-4d5e-9f00-0a1b2c3d4e5f-3';

/** What the msk-custom-consumer-group blueprint creates: an MSK mapping with a custom consumer group. */
export const mskMapping: EventSourceMappingConfiguration = {
  UUID: '9f2d6c1e-7a4b-4b0e-8c3d-2e1f0a9b8c7d',
  StartingPosition: 'TRIM_HORIZON',
  BatchSize: 100,
  MaximumBatchingWindowInSeconds: 0,
  EventSourceArn: MSK_CLUSTER_ARN,
  FunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:orders-replay-ConsumerFunction-Xy12AbCd',
  LastModified: new Date('2026-11-20T09:14:03.000Z'),
  LastProcessingResult: 'OK',
  State: 'Enabled',
  StateTransitionReason: 'USER_INITIATED',
  Topics: ['orders'],
  AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'orders-replay-2026-11' },
  EventSourceMappingArn: 'arn:aws:lambda:eu-west-1:111122223333:event-source-mapping:9f2d6c1e-7a4b-4b0e-8c3d-2e1f0a9b8c7d',
};

/** A self-managed Kafka mapping (SASL/SCRAM), starting from a timestamp, still being created. */
export const selfManagedMapping: EventSourceMappingConfiguration = {
  UUID: '0c4b7e2a-3d5f-4a6b-9c8d-7e6f5a4b3c2d',
  StartingPosition: 'AT_TIMESTAMP',
  StartingPositionTimestamp: new Date('2026-11-01T00:00:00.000Z'),
  BatchSize: 500,
  FunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:payments-audit:live',
  LastModified: new Date('2026-11-21T17:40:00.000Z'),
  LastProcessingResult: 'No records processed',
  State: 'Creating',
  StateTransitionReason: 'USER_INITIATED',
  Topics: ['payments'],
  SourceAccessConfigurations: [{ Type: 'SASL_SCRAM_512_AUTH', URI: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:kafka-payments-AbCdEf' }],
  SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ['kafka-1.internal.example.com:9096', 'kafka-2.internal.example.com:9096'] } },
  SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: 'payments-audit' },
};

/** A self-managed mapping created without a consumer group id, bootstrap list in one entry. */
export const selfManagedWithoutGroup: EventSourceMappingConfiguration = {
  UUID: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
  StartingPosition: 'LATEST',
  BatchSize: 100,
  FunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:clickstream',
  LastModified: new Date('2026-11-22T08:00:00.000Z'),
  State: 'Disabled',
  StateTransitionReason: 'USER_INITIATED',
  Topics: ['clicks'],
  SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ['10.0.1.10:9092,10.0.1.11:9092'] } },
};

/** Not Kafka: filtered out. */
export const sqsMapping: EventSourceMappingConfiguration = {
  UUID: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  BatchSize: 10,
  MaximumBatchingWindowInSeconds: 0,
  EventSourceArn: 'arn:aws:sqs:eu-west-1:111122223333:orders-queue',
  FunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:orders-worker',
  LastModified: new Date('2026-11-19T10:00:00.000Z'),
  State: 'Enabled',
  StateTransitionReason: 'USER_INITIATED',
  FunctionResponseTypes: ['ReportBatchItemFailures'],
};

/** One page of `ListEventSourceMappings` for the region. */
export const listEventSourceMappingsPage = [mskMapping, sqsMapping, selfManagedMapping, selfManagedWithoutGroup];
