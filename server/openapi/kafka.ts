import 'server-only';
import { awsErrors, registerOperations } from '@/server/openapi/registry';
import {
  consumerGroupListQuerySchema,
  eventSourceMappingsQuerySchema,
  groupHistoryQuerySchema,
  kafkaClusterRegistrationSchema,
  offsetResetBodySchema,
} from '@/lib/schemas/kafka';

// The Kafka consumer lag dashboard's operations (app/api/v1/kafka/...). Offsets and lag are decimal
// strings (64-bit); an unknown lag (no committed offset) is null.
registerOperations(
  {
    operationId: 'listKafkaClusters',
    method: 'GET',
    path: '/api/v1/kafka/clusters',
    summary:
      "Kafka clusters the caller's teams may read (the sandbox cluster is everyone's), with the lag sampler's health (reachable, or unreachable since when and why)",
    tag: 'kafka',
  },
  {
    operationId: 'registerKafkaCluster',
    method: 'POST',
    path: '/api/v1/kafka/clusters',
    summary:
      'Register a cluster: MSK with IAM auth (cluster ARN + AWS target) or self-managed (brokers; PLAINTEXT, TLS, SASL/SCRAM-SHA-512 or SASL/PLAIN). Platform admins for any team or every team (teamId null); team admins for their own team. Secrets are stored encrypted and never returned',
    tag: 'kafka',
    body: kafkaClusterRegistrationSchema,
    bodyExample: {
      name: 'orders-scram',
      teamId: 'cm3k9x1qa0001sl8w2h7d4f5e',
      settings: {
        kind: 'sasl-scram-sha-512',
        brokers: ['b-1.orders.example.com:9096', 'b-2.orders.example.com:9096'],
        username: 'slipway-lag-reader',
        tls: true,
      },
      secrets: { password: 'use-a-real-secret' },
    },
    responses: { 201: 'Registered' },
    errors: {
      409: 'The name is taken (`fields.name`)',
      422: 'Invalid input, or a broker address the portal does not dial (`fields["settings.brokers.<i>"]` names the rule: metadata, link-local, unspecified, multicast always; loopback and private unless SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS)',
    },
  },
  {
    operationId: 'getKafkaCluster',
    method: 'GET',
    path: '/api/v1/kafka/clusters/{id}',
    summary: 'One cluster with its health (readers of the cluster)',
    tag: 'kafka',
  },
  {
    operationId: 'deleteKafkaCluster',
    method: 'DELETE',
    path: '/api/v1/kafka/clusters/{id}',
    summary: 'Remove a cluster and its lag history (platform admins; admins of the owning team). The sandbox cluster cannot be removed',
    tag: 'kafka',
    errors: { 409: 'The sandbox cluster is built in and cannot be removed' },
  },
  {
    operationId: 'testKafkaClusterConnection',
    method: 'POST',
    path: '/api/v1/kafka/clusters/{id}/test',
    summary:
      'Connect now and report brokers, controller, Kafka version and topic count; a failure is a 200 with `ok: false`, a reason and a message (once brokers are dialled, always after the same 10 s): `unreachable` ("Could not reach a Kafka broker", the same for a closed or filtered port, another protocol or a listener that is not Kafka), `authentication` (a broker refused the credentials) or `error` (a Kafka error, a refused address, or no way to build the connection)',
    tag: 'kafka',
  },
  {
    operationId: 'listConsumerGroups',
    method: 'GET',
    path: '/api/v1/kafka/clusters/{id}/groups',
    summary:
      'One page of consumer groups (`pageSize`, default 50, at most 200), filtered by `q` (part of a group id or topic name, any case) and sorted on the server by `sort` (default `totalLag`; `order` defaults to descending for numbers and status, worst first, ascending for names); `total` counts the groups matching `q` on every page. Each group: state, members, topics, total and max partition lag, time lag, Burrow-style status with its reason, one-hour sparkline (peak total lag per minute). Every offset and lag is a decimal string (64-bit); time lag is seconds as a number, or null when unknown (any partition that may be behind without an estimate); `timeLagEstimated` says it is a lower bound (an unread record predates the stored history; it is not extrapolated). `source` says where the offsets come from: `worker` (the worker’s latest round, while it samples the cluster: no broker call, fast at thousands of groups), `live` (read for this request, when no recent round exists) or `history` (the newest stored round, when the cluster cannot be reached); `asOf` is when they were read',
    tag: 'kafka',
    query: consumerGroupListQuerySchema,
    queryExample: { page: 2, pageSize: 25, sort: 'status', order: 'desc', q: 'orders' },
    responseExample: {
      clusterId: 'cm3k9x1qa0001sl8w2h7d4f5e',
      source: 'worker',
      asOf: '2026-12-05T19:48:21.842Z',
      liveError: null,
      health: { state: 'reachable', since: '2026-12-05T08:00:02.000Z', lastError: null, lastSampledAt: '2026-12-05T19:48:00.000Z' },
      total: 27,
      page: 2,
      pageSize: 25,
      sort: 'status',
      order: 'desc',
      q: 'orders',
      groups: [
        {
          groupId: 'orders-archiver',
          state: 'Stable',
          memberCount: 2,
          topics: ['orders'],
          totalLag: '0',
          maxPartitionLag: '0',
          partitionCount: 6,
          unknownLagPartitionCount: 0,
          aheadPartitionCount: 0,
          dataLostPartitionCount: 0,
          timeLagSeconds: 0,
          timeLagUnknownPartitionCount: 0,
          timeLagEstimated: false,
          status: 'OK',
          severity: 'ok',
          statusReason: 'all 6 partitions are OK',
          sparkline: [
            { at: '2026-12-05T19:47:00.000Z', totalLag: '3' },
            { at: '2026-12-05T19:48:00.000Z', totalLag: '0' },
          ],
          owner: { kind: 'unowned' },
          canReset: false,
        },
      ],
    },
  },
  {
    operationId: 'getConsumerGroup',
    method: 'GET',
    path: '/api/v1/kafka/clusters/{id}/groups/{group}',
    summary:
      'One group: { state, members, status, statusReason, totalLag, timeLagSeconds, topics, partitions: [{ topic, partition, logStartOffset, logEndOffset, lastStableOffset, committedOffset, lag, readCommittedLag, aheadOfLogEnd, dataLostToRetention, status, timeLagSeconds }] }; lag is log end (high watermark) − committed as kafka-consumer-groups prints it (transaction markers and open transactions count), readCommittedLag what a read_committed consumer still has (last stable offset − committed); offsets and lag as decimal strings, unknown lag as null, a commit ahead of the log end as a negative lag (as kafka-consumer-groups prints it; `aheadOfLogEnd`, status AHEAD, left out of totalLag)',
    tag: 'kafka',
    responses: { 200: 'The group' },
    errors: { 404: 'No such cluster, or no such group (and no stored history of it)' },
  },
  {
    operationId: 'getConsumerGroupLagHistory',
    method: 'GET',
    path: '/api/v1/kafka/clusters/{id}/groups/{group}/history',
    summary:
      'Total lag (with the peak per bucket) and per-partition lag between from and to (ISO 8601; default the last hour, at most 90 days), bucketed to a few hundred points. Per-partition detail is kept for 2 days, totals for 90',
    tag: 'kafka',
    query: groupHistoryQuerySchema,
  },
  {
    operationId: 'resetConsumerGroupOffsets',
    method: 'POST',
    path: '/api/v1/kafka/clusters/{id}/groups/{group}/reset',
    summary:
      'Plan (dryRun, the default) or execute an offset reset: earliest, latest, to-datetime, to-offset or shift-by, for chosen topics and partitions; answers current → new offset and the lag afterwards per partition. Needs developer in the owning team (any team on the sandbox cluster). Executing requires the group to be Empty; executions are audited',
    tag: 'kafka',
    body: offsetResetBodySchema,
    bodyExample: { topics: [{ topic: 'orders', partitions: [0, 1] }], strategy: { kind: 'to-datetime', at: '2026-11-27T08:00:00Z' }, dryRun: true },
    responses: { 200: 'The plan (executed: false) or the executed reset' },
    errors: {
      404: 'No such cluster, group or topic',
      409: 'The group has active members; the message names them',
      503: 'The cluster cannot be reached',
    },
  },
  {
    operationId: 'listKafkaEventSourceMappings',
    method: 'GET',
    path: '/api/v1/kafka/event-source-mappings',
    summary:
      "Lambda event source mappings reading from MSK or self-managed Kafka in a target's region: consumer group id, state, starting position, and a link to the group's lag page when its cluster is registered. The sandbox (moto) rejects Kafka mappings, so there it is always empty",
    tag: 'kafka',
    query: eventSourceMappingsQuerySchema,
    errors: { 404: 'No such target that your teams may use', ...awsErrors },
  },
);
