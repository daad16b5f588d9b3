import 'server-only';

import kafkajs, { type Admin, Kafka, type KafkaConfig } from 'kafkajs';
import type { KafkaConnectionTestDto } from '@/lib/kafka/dto';

// Node's ESM loader cannot see this export of the CommonJS package (tsx scripts); the default import can.
const { ConfigResourceTypes } = kafkajs;

import { log } from '@/server/log';

import { REFUSED_ADDRESS_CODE } from './broker-guard';
import { readMskKafkaVersion, type MskControlPlane } from '@/server/aws/msk';
import { type ConsumerGroupDescription, toConsumerGroupDescription } from './group-members';
import type { GroupLagInput, PartitionOffsetsInput } from './lag';
import { partitionKey } from './offset';
import { createTopicOffsetsReader, type TopicOffsetsReader } from './topic-offsets';
import { mapWithConcurrency } from '@/server/concurrency';
import { processWide } from '@/server/process-wide';

/** A connected admin for one cluster plus the batched offsets reader built from the same config. */
export interface ClusterAdmin {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly topicOffsets: TopicOffsetsReader;
  close(): Promise<void>;
}

// --- one memoised admin per cluster -------------------------------------------------------------

// One per process (and kept across Next's dev reloads, which would otherwise leak a connection each).
const registry = processWide('kafka.clusterAdmins', () => new Map<string, Promise<ClusterAdmin>>());

/** Connects a new admin for a config (not memoised; prefer `getClusterAdmin`). */
export async function connectClusterAdmin(config: KafkaConfig): Promise<ClusterAdmin> {
  const kafka = new Kafka(config);
  const admin = kafka.admin();
  await admin.connect();
  const topicOffsets = createTopicOffsetsReader(kafka, admin);
  return {
    kafka,
    admin,
    topicOffsets,
    async close() {
      await Promise.allSettled([admin.disconnect(), topicOffsets.close()]);
    },
  };
}

/**
 * The cluster's admin, connected once and shared. `buildConfig` runs only when a connection is made
 * (e.g. `() => buildKafkaConfig(settings, secrets, { msk })`). Call `closeClusterAdmin` when the
 * cluster's settings change.
 */
export function getClusterAdmin(clusterId: string, buildConfig: () => Promise<KafkaConfig>): Promise<ClusterAdmin> {
  let entry = registry.get(clusterId);
  if (!entry) {
    entry = buildConfig().then(connectClusterAdmin);
    registry.set(clusterId, entry);
    // A failed connect must not stay memoised: the next call tries again.
    entry.catch(() => {
      if (registry.get(clusterId) === entry) registry.delete(clusterId);
    });
  }
  return entry;
}

/** Disconnects and forgets a cluster's admin (settings changed, cluster removed, or it broke). */
export async function closeClusterAdmin(clusterId: string): Promise<void> {
  const entry = registry.get(clusterId);
  registry.delete(clusterId);
  const client = await entry?.catch(() => null);
  await client?.close();
}

/** Disconnects every memoised admin (worker shutdown, test teardown). */
export async function closeAllClusterAdmins(): Promise<void> {
  await Promise.all([...registry.keys()].map(closeClusterAdmin));
}

/**
 * Runs `fn` with the cluster's admin. On a connection-level failure the admin is dropped so the next
 * call reconnects; with `retryOnConnectionError` (reads only) `fn` is retried once on a fresh one.
 */
export async function withClusterAdmin<T>(
  clusterId: string,
  buildConfig: () => Promise<KafkaConfig>,
  fn: (client: ClusterAdmin) => Promise<T>,
  options: { retryOnConnectionError?: boolean } = {},
): Promise<T> {
  try {
    return await fn(await getClusterAdmin(clusterId, buildConfig));
  } catch (error) {
    if (!isConnectionError(error)) throw error;
    await closeClusterAdmin(clusterId);
    if (!options.retryOnConnectionError) throw error;
    return fn(await getClusterAdmin(clusterId, buildConfig));
  }
}

const CONNECTION_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSSASLAuthenticationError',
  'KafkaJSLockTimeout',
]);

/** True for errors that mean the connection (not the request) is bad, looking through retry wrappers. */
export function isConnectionError(error: unknown): boolean {
  for (let e = error as { name?: string; code?: string; originalError?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if ((e.name && CONNECTION_ERRORS.has(e.name)) || e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET' || e.code === 'ENOTFOUND') {
      return true;
    }
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return false;
}

// --- lag snapshot ---------------------------------------------------------------------------------

export interface GroupSnapshot extends ConsumerGroupDescription {
  /** Input for `computeGroupLag`: every partition of every topic the group commits to or is assigned. */
  lagInput: GroupLagInput;
  /** Topics the group has offsets for that no longer exist. */
  missingTopics: string[];
}

export interface LagSnapshot {
  /** epoch ms when reading started */
  takenAt: number;
  durationMs: number;
  groups: GroupSnapshot[];
  /** 'batched' unless kafkajs internals were unavailable. */
  offsetsMethod: 'batched' | 'per-topic';
}

export interface ReadLagSnapshotOptions {
  /** Only these groups (default: every consumer group on the cluster). */
  groupIds?: readonly string[];
  /** Parallel OffsetFetch requests (one per group: kafkajs speaks OffsetFetch ≤ v4, one group each). */
  concurrency?: number;
  now?: () => number;
}

/**
 * Everything needed to compute lag for many groups in few requests: ListGroups (one per broker),
 * DescribeGroups (one per coordinator), OffsetFetch (one per group, in parallel), then log start and
 * end offsets once per topic for all groups together (one Metadata + two ListOffsets per leader).
 * Never uses `resolveOffsets` (it would commit).
 */
export async function readLagSnapshot(client: ClusterAdmin, options: ReadLagSnapshotOptions = {}): Promise<LagSnapshot> {
  const now = options.now ?? Date.now;
  const takenAt = now();
  const { admin } = client;

  const groupIds = options.groupIds ? [...options.groupIds] : await listConsumerGroupIds(admin);
  // Membership and commits are independent reads: fetch them side by side.
  const [descriptions, committed] = await Promise.all([
    describeConsumerGroups(admin, groupIds),
    mapWithConcurrency(groupIds, options.concurrency ?? 16, async (groupId) => ({
      groupId,
      topics: await admin.fetchOffsets({ groupId }),
    })),
  ]);
  // Dead = no such group (named explicitly but gone, or deleted since ListGroups).
  const live = descriptions.filter((g) => g.state !== 'Dead');

  const topicsByGroup = new Map<string, Set<string>>();
  for (const group of live) {
    const topics = new Set<string>();
    for (const member of group.members) for (const a of member.assignments) topics.add(a.topic);
    topicsByGroup.set(group.groupId, topics);
  }
  const committedByGroup = new Map<string, Map<string, string>>();
  for (const { groupId, topics } of committed) {
    const offsets = new Map<string, string>();
    for (const { topic, partitions } of topics) {
      topicsByGroup.get(groupId)?.add(topic);
      for (const { partition, offset } of partitions) offsets.set(partitionKey(topic, partition), offset);
    }
    committedByGroup.set(groupId, offsets);
  }

  const allTopics = [...new Set([...topicsByGroup.values()].flatMap((t) => [...t]))].sort();
  const log = await client.topicOffsets.read(allTopics);
  const missing = new Set(log.missingTopics);

  const groups = live.map((group): GroupSnapshot => {
    const offsets = committedByGroup.get(group.groupId) ?? new Map<string, string>();
    const topics = [...(topicsByGroup.get(group.groupId) ?? [])].sort();
    const partitions: PartitionOffsetsInput[] = [];
    for (const topic of topics) {
      for (const partition of log.partitionsByTopic.get(topic) ?? []) {
        const key = partitionKey(topic, partition);
        const logOffsets = log.offsets.get(key);
        if (!logOffsets) continue;
        partitions.push({ ...logOffsets, committedOffset: offsets.get(key) ?? null });
      }
    }
    return {
      ...group,
      lagInput: { groupId: group.groupId, partitions },
      missingTopics: topics.filter((t) => missing.has(t)),
    };
  });

  return { takenAt, durationMs: now() - takenAt, groups, offsetsMethod: log.method };
}

/** Ids of consumer groups (protocol type `consumer`, or empty for groups that only hold commits). */
export async function listConsumerGroupIds(admin: Admin): Promise<string[]> {
  const { groups } = await admin.listGroups();
  return groups
    .filter((g) => g.protocolType === 'consumer' || g.protocolType === '')
    .map((g) => g.groupId)
    .sort();
}

/** State and members (client id, host, assigned partitions) of groups, one request per coordinator. */
export async function describeConsumerGroups(admin: Admin, groupIds: readonly string[]): Promise<ConsumerGroupDescription[]> {
  if (groupIds.length === 0) return [];
  const { groups } = await admin.describeGroups([...groupIds]);
  return groups.map(toConsumerGroupDescription);
}

// --- connection test ------------------------------------------------------------------------------

/** What "test connection" reports; the same shape the API returns. */
export type ConnectionReport = KafkaConnectionTestDto;

/** A failing connection test answers after this long, whatever failed (a working cluster answers at once). */
const CONNECTION_TEST_DEADLINE_MS = 10_000;

/**
 * The one answer for every way of not reaching a broker: a closed port, a filtered one, another
 * protocol, a listener that is not Kafka. Telling them apart would make the test a port scanner.
 */
export const UNREACHABLE_MESSAGE =
  'Could not reach a Kafka broker: check the addresses, ports and security protocol, and that the portal can reach their network.';

export interface TestConnectionOptions {
  /** For MSK: the control plane and ARN, to report the exact Kafka version AWS runs. */
  msk?: { client: MskControlPlane; clusterArn: string };
  now?: () => number;
  /** Default CONNECTION_TEST_DEADLINE_MS; tests shorten it. */
  failureDeadlineMs?: number;
}

/**
 * Connects with a (possibly unsaved) config and reports brokers, controller and version. Never throws
 * for cluster problems. A failure answers after exactly `failureDeadlineMs`, and says "could not reach
 * a Kafka broker" unless a Kafka broker answered (authentication failed, or it returned a Kafka error)
 * or the address policy refused the address; neither the timing nor the words tell ports apart.
 */
export async function testConnection(config: KafkaConfig, options: TestConnectionOptions = {}): Promise<ConnectionReport> {
  const deadlineMs = options.failureDeadlineMs ?? CONNECTION_TEST_DEADLINE_MS;
  const startedAt = Date.now();
  // One retry and no step longer than the deadline: the form wants a verdict in seconds, and work
  // left running after the answer is only load.
  const kafka = new Kafka({
    ...config,
    connectionTimeout: Math.min(config.connectionTimeout ?? 1_000, deadlineMs),
    authenticationTimeout: Math.min(config.authenticationTimeout ?? 10_000, deadlineMs),
    requestTimeout: Math.min(config.requestTimeout ?? 30_000, deadlineMs),
    retry: { ...config.retry, retries: 1 },
  });
  const admin = kafka.admin();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<ConnectionReport>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: 'unreachable', message: UNREACHABLE_MESSAGE }), deadlineMs);
  });
  const report = await Promise.race([probeCluster(admin, config, options), deadline]);
  clearTimeout(timer);
  const closing = admin.disconnect().catch(() => undefined);
  if (report.ok) {
    await closing;
    return report;
  }
  // Not awaiting `closing`: how long a socket takes to close must not show in the answer either.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadlineMs - (Date.now() - startedAt))));
  return report;
}

async function probeCluster(admin: Admin, config: KafkaConfig, options: TestConnectionOptions): Promise<ConnectionReport> {
  const now = options.now ?? Date.now;
  const started = now();
  let authenticated = false;
  try {
    await admin.connect();
    authenticated = true;
    const cluster = await admin.describeCluster();
    const topics = await admin.listTopics();
    const version = await readKafkaVersion(admin, cluster.controller ?? cluster.brokers[0]?.nodeId, options.msk);
    return {
      ok: true,
      clusterId: cluster.clusterId,
      controllerId: cluster.controller,
      brokers: [...cluster.brokers].sort((a, b) => a.nodeId - b.nodeId),
      ...version,
      topicCount: topics.filter((t) => !t.startsWith('__')).length,
      latencyMs: now() - started,
    };
  } catch (error) {
    const failure = describeTestFailure(error, { authenticated, oauthBearer: config.sasl?.mechanism === 'oauthbearer' });
    log.info('Kafka connection test failed', { reason: failure.reason, errors: errorChain(error).map((e) => [e.name, e.code].filter(Boolean).join(' ')) });
    return failure;
  }
}

type ChainedError = { name?: string; code?: string; message?: string; originalError?: unknown; cause?: unknown };

/** An error and the errors it wraps (kafkajs retry wrappers keep the socket error as originalError or cause). */
function errorChain(error: unknown): ChainedError[] {
  const chain: ChainedError[] = [];
  for (let e = error as ChainedError | undefined; e && chain.length < 6; e = (e.originalError ?? e.cause) as ChainedError | undefined) chain.push(e);
  return chain;
}

function describeTestFailure(error: unknown, context: { authenticated: boolean; oauthBearer: boolean }): Extract<ConnectionReport, { ok: false }> {
  const chain = errorChain(error);
  const message = chain[0]?.message ?? String(error);
  const refused = chain.find((e) => e.code === REFUSED_ADDRESS_CODE)?.message;
  if (refused) return { ok: false, reason: 'error', message: refused.slice(Math.max(0, refused.indexOf('Refused to connect'))) };
  // Only a Kafka broker gets as far as SASL or answers with a Kafka error code: saying so reveals no port.
  if (chain.some((e) => /SASL|Authentication/i.test(`${e.name ?? ''} ${e.code ?? ''}`))) return { ok: false, reason: 'authentication', message };
  // kafkajs does not read the broker's OAUTHBEARER error challenge, so a rejected token looks like a
  // successful login followed by the broker hanging up on the first request.
  if (context.authenticated && context.oauthBearer && isConnectionError(error)) {
    return {
      ok: false,
      reason: 'authentication',
      message: `The broker closed the connection right after OAUTHBEARER authentication, so it most likely rejected the token (${message})`,
    };
  }
  if (chain.some((e) => e.name === 'KafkaJSProtocolError')) return { ok: false, reason: 'error', message };
  return { ok: false, reason: 'unreachable', message: UNREACHABLE_MESSAGE };
}

async function readKafkaVersion(
  admin: Admin,
  nodeId: number | undefined,
  msk: TestConnectionOptions['msk'],
): Promise<{ kafkaVersion: string | null; versionSource: 'msk' | 'inter.broker.protocol.version' | 'unknown' }> {
  if (msk) {
    const version = await readMskKafkaVersion(msk.client, msk.clusterArn);
    if (version) return { kafkaVersion: version, versionSource: 'msk' };
  }
  // Kafka's protocol has no "server version"; the broker's protocol-version config is the closest
  // readable hint (and may be denied by ACLs or IAM, hence optional).
  if (nodeId !== undefined) {
    const version = await admin
      .describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.BROKER, name: String(nodeId), configNames: ['inter.broker.protocol.version'] }],
      })
      .then((out) => out.resources[0]?.configEntries.find((e) => e.configName === 'inter.broker.protocol.version')?.configValue ?? null)
      .catch(() => null);
    if (version) return { kafkaVersion: version, versionSource: 'inter.broker.protocol.version' };
  }
  return { kafkaVersion: null, versionSource: 'unknown' };
}
