import { describe, expect, it } from 'vitest';

import { isKafkaEventSourceMapping, matchCluster, toKafkaEventSourceMappingDto, type MatchableCluster } from './event-source-mappings';
import {
  listEventSourceMappingsPage,
  MSK_CLUSTER_ARN,
  mskMapping,
  selfManagedMapping,
  selfManagedWithoutGroup,
  sqsMapping,
} from './__fixtures__/event-source-mappings';

const clusters: MatchableCluster[] = [
  { id: 'c-msk', name: 'orders-prod', settings: { kind: 'msk-iam', clusterArn: MSK_CLUSTER_ARN, network: 'private' } },
  { id: 'c-payments', name: 'payments', settings: { kind: 'sasl-scram-sha-512', brokers: ['KAFKA-2.internal.example.com:9096'], username: 'lag', tls: true } },
  { id: 'c-clicks', name: 'clicks', settings: { kind: 'plaintext', brokers: ['10.0.1.11:9092'] } },
];

describe('Kafka event source mappings', () => {
  it('keeps MSK and self-managed Kafka mappings and drops the rest', () => {
    expect(listEventSourceMappingsPage.filter(isKafkaEventSourceMapping).map((m) => m.UUID)).toEqual([
      mskMapping.UUID,
      selfManagedMapping.UUID,
      selfManagedWithoutGroup.UUID,
    ]);
    expect(isKafkaEventSourceMapping(sqsMapping)).toBe(false);
  });

  it('maps an MSK mapping: custom consumer group, state, starting position, cluster and lag link', () => {
    const launches = new Map([[mskMapping.UUID!, { id: 'launch-1', stackName: 'orders-replay' }]]);
    expect(toKafkaEventSourceMappingDto(mskMapping, clusters, launches)).toEqual({
      uuid: '9f2d6c1e-7a4b-4b0e-8c3d-2e1f0a9b8c7d',
      functionName: 'orders-replay-ConsumerFunction-Xy12AbCd',
      functionArn: mskMapping.FunctionArn,
      state: 'Enabled',
      stateReason: 'USER_INITIATED',
      startingPosition: 'TRIM_HORIZON',
      startingPositionTimestamp: null,
      topics: ['orders'],
      consumerGroupId: 'orders-replay-2026-11',
      source: { kind: 'msk', clusterArn: MSK_CLUSTER_ARN },
      batchSize: 100,
      lastModified: '2026-11-20T09:14:03.000Z',
      cluster: { id: 'c-msk', name: 'orders-prod' },
      lagHref: '/kafka/c-msk/groups/orders-replay-2026-11',
      launch: { id: 'launch-1', stackName: 'orders-replay' },
    });
  });

  it('maps a self-managed mapping by any shared bootstrap broker (case-insensitive), with its timestamp and alias-qualified function', () => {
    const dto = toKafkaEventSourceMappingDto(selfManagedMapping, clusters);
    expect(dto).toMatchObject({
      functionName: 'payments-audit',
      state: 'Creating',
      startingPosition: 'AT_TIMESTAMP',
      startingPositionTimestamp: '2026-11-01T00:00:00.000Z',
      consumerGroupId: 'payments-audit',
      source: { kind: 'self-managed', bootstrapServers: ['kafka-1.internal.example.com:9096', 'kafka-2.internal.example.com:9096'] },
      cluster: { id: 'c-payments', name: 'payments' },
      lagHref: '/kafka/c-payments/groups/payments-audit',
      launch: null,
    });
  });

  it('splits a comma-separated bootstrap entry; without a consumer group id there is no lag link', () => {
    const dto = toKafkaEventSourceMappingDto(selfManagedWithoutGroup, clusters);
    expect(dto.source).toEqual({ kind: 'self-managed', bootstrapServers: ['10.0.1.10:9092', '10.0.1.11:9092'] });
    expect(dto.cluster).toEqual({ id: 'c-clicks', name: 'clicks' });
    expect(dto.consumerGroupId).toBeNull();
    expect(dto.lagHref).toBeNull();
  });

  it('finds no cluster for an unregistered ARN, and does not match MSK ARNs against broker lists', () => {
    expect(matchCluster({ ...mskMapping, EventSourceArn: MSK_CLUSTER_ARN.replace('orders-prod', 'other') }, clusters)).toBeNull();
    expect(toKafkaEventSourceMappingDto({ ...mskMapping, EventSourceArn: 'arn:aws:kafka:eu-west-1:111122223333:cluster/x/y' }, clusters).lagHref).toBeNull();
  });

  it('encodes group ids in the lag link', () => {
    const dto = toKafkaEventSourceMappingDto({ ...mskMapping, AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'team/a b' } }, clusters);
    expect(dto.lagHref).toBe('/kafka/c-msk/groups/team%2Fa%20b');
  });
});
