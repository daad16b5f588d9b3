import 'server-only';

import type { Admin, Kafka } from 'kafkajs';

import { partitionKey } from './offset';

/** Log start, end (high watermark) and last stable offset of one partition, as kafkajs strings. */
export interface PartitionLogOffsets {
  topic: string;
  partition: number;
  logStartOffset: string;
  /** The high watermark (READ_UNCOMMITTED): kafka-consumer-groups' LOG-END-OFFSET. */
  logEndOffset: string;
  /**
   * The last stable offset (READ_COMMITTED): the first offset of the oldest open transaction, or the
   * high watermark when none is open. A read_committed consumer reads no further.
   */
  lastStableOffset: string;
}

export interface TopicOffsetsResult {
  /** By `partitionKey(topic, partition)`. */
  offsets: Map<string, PartitionLogOffsets>;
  /** Partition ids per existing topic. */
  partitionsByTopic: Map<string, number[]>;
  /** Requested topics the cluster does not have (deleted, or never existed). */
  missingTopics: string[];
  /** How the offsets were read, for diagnostics and the benchmark. */
  method: 'batched' | 'per-topic';
}

/** Reads log start/end offsets for many topics. */
export interface TopicOffsetsReader {
  read(topics: readonly string[]): Promise<TopicOffsetsResult>;
  close(): Promise<void>;
}

// ListOffsets special timestamps and isolation levels (Kafka protocol constants).
const LATEST = -1;
const EARLIEST = -2;
// READ_UNCOMMITTED answers with the high watermark, which is what kafka-consumer-groups calls
// LOG-END-OFFSET; READ_COMMITTED with the last stable offset, which is what kafkajs's admin asks.
const READ_UNCOMMITTED = 0;
const READ_COMMITTED = 1;

/**
 * The fast reader: one Metadata request for all topics, then one ListOffsets request per leader broker
 * for the ends and one for the starts — independent of how many topics and groups there are. kafkajs's
 * public `fetchTopicOffsets` costs a metadata refresh plus two requests per topic and per leader, and
 * remembers every topic it was asked about (a deleted one then breaks later refreshes).
 *
 * This uses kafkajs 2.2.4 internals (its Cluster/Broker objects, built from the client's own config);
 * when they are not there, it falls back to the public per-topic reader.
 */
export function createTopicOffsetsReader(kafka: Kafka, admin: Admin): TopicOffsetsReader {
  const cluster = createInternalCluster(kafka);
  return cluster ? createBatchedReader(cluster) : createPerTopicReader(admin);
}

// --- batched, on kafkajs internals -----------------------------------------------------------------

interface InternalPartitionMetadata {
  partitionId: number;
  leader: number;
}
interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  isConnected(): boolean;
  refreshMetadata(): Promise<void>;
  metadata(): Promise<{ topicMetadata: { topic: string; partitionMetadata: InternalPartitionMetadata[] }[] }>;
  findBroker(args: { nodeId: string }): Promise<InternalBroker>;
}
interface InternalBroker {
  listOffsets(request: {
    isolationLevel: number;
    topics: { topic: string; partitions: { partition: number; timestamp: number }[] }[];
  }): Promise<{ responses: { topic: string; partitions: { partition: number; offset: string }[] }[] }>;
}

function createInternalCluster(kafka: Kafka): InternalCluster | null {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  const create = symbol ? (kafka as unknown as Record<symbol, unknown>)[symbol] : undefined;
  if (typeof create !== 'function') return null;
  const cluster = create.call(kafka, { allowAutoTopicCreation: false, isolationLevel: READ_UNCOMMITTED }) as Partial<InternalCluster>;
  const looksRight = ['connect', 'disconnect', 'isConnected', 'refreshMetadata', 'metadata', 'findBroker'].every(
    (method) => typeof (cluster as Record<string, unknown>)[method] === 'function',
  );
  return looksRight ? (cluster as InternalCluster) : null;
}

function createBatchedReader(cluster: InternalCluster): TopicOffsetsReader {
  let connecting: Promise<void> | null = null;
  const ensureConnected = async () => {
    if (cluster.isConnected()) return;
    connecting ??= cluster.connect().finally(() => {
      connecting = null;
    });
    await connecting;
  };

  const readOnce = async (topics: readonly string[]): Promise<TopicOffsetsResult> => {
    await ensureConnected();
    // Metadata for every topic (a null topic list) never fails on a deleted topic, unlike kafkajs's
    // target-topic metadata, and gives each partition's leader.
    const { topicMetadata } = await cluster.metadata();
    const wanted = new Set(topics);
    const partitionsByTopic = new Map<string, number[]>();
    const byLeader = new Map<number, Map<string, number[]>>();
    for (const { topic, partitionMetadata } of topicMetadata) {
      if (!wanted.has(topic)) continue;
      partitionsByTopic.set(
        topic,
        partitionMetadata.map((p) => p.partitionId).sort((a, b) => a - b),
      );
      for (const { partitionId, leader } of partitionMetadata) {
        if (leader < 0) throw new Error(`Partition ${topic}-${partitionId} has no leader`);
        const topicsOfLeader = byLeader.get(leader) ?? new Map<string, number[]>();
        topicsOfLeader.set(topic, [...(topicsOfLeader.get(topic) ?? []), partitionId]);
        byLeader.set(leader, topicsOfLeader);
      }
    }

    const offsets = new Map<string, PartitionLogOffsets>();
    await Promise.all(
      [...byLeader].map(async ([leader, topicsOfLeader]) => {
        const broker = await cluster.findBroker({ nodeId: String(leader) });
        const request = (timestamp: number, isolationLevel = READ_UNCOMMITTED) => ({
          isolationLevel,
          topics: [...topicsOfLeader].map(([topic, partitions]) => ({ topic, partitions: partitions.map((partition) => ({ partition, timestamp })) })),
        });
        const [ends, starts, stables] = await Promise.all([
          broker.listOffsets(request(LATEST)),
          broker.listOffsets(request(EARLIEST)),
          broker.listOffsets(request(LATEST, READ_COMMITTED)),
        ]);
        const byKey = (response: typeof starts) => {
          const map = new Map<string, string>();
          for (const { topic, partitions } of response.responses) {
            for (const { partition, offset } of partitions) map.set(partitionKey(topic, partition), offset);
          }
          return map;
        };
        const startByKey = byKey(starts);
        const stableByKey = byKey(stables);
        for (const { topic, partitions } of ends.responses) {
          for (const { partition, offset } of partitions) {
            const key = partitionKey(topic, partition);
            const logStartOffset = startByKey.get(key);
            const lastStableOffset = stableByKey.get(key);
            if (logStartOffset === undefined || lastStableOffset === undefined) throw new Error(`No log start or stable offset for ${topic}-${partition}`);
            offsets.set(key, { topic, partition, logStartOffset, logEndOffset: offset, lastStableOffset });
          }
        }
      }),
    );
    return { offsets, partitionsByTopic, missingTopics: topics.filter((t) => !partitionsByTopic.has(t)), method: 'batched' };
  };

  return {
    async read(topics) {
      if (topics.length === 0) return { offsets: new Map(), partitionsByTopic: new Map(), missingTopics: [], method: 'batched' };
      try {
        return await readOnce(topics);
      } catch {
        // Leadership moved or a broker went away between metadata and ListOffsets: refresh once and retry.
        await cluster.refreshMetadata().catch(() => undefined);
        return readOnce(topics);
      }
    },
    async close() {
      await cluster.disconnect();
    },
  };
}

// --- per topic, public API -------------------------------------------------------------------------

/**
 * kafkajs's public admin lists offsets READ_COMMITTED only, so this reader sees the last stable offset
 * and not the high watermark: it reports the stable offset for both. It agrees with the batched reader
 * on `lastStableOffset` (and so on read_committed lag) always, and on `logEndOffset` whenever no
 * transaction is open; with one open, its log end stops at the transaction's first record.
 */
function createPerTopicReader(admin: Admin): TopicOffsetsReader {
  return {
    async read(topics) {
      const existing = new Set(await admin.listTopics());
      const present = topics.filter((t) => existing.has(t));
      const offsets = new Map<string, PartitionLogOffsets>();
      const partitionsByTopic = new Map<string, number[]>();
      for (const topic of present) {
        const partitions = await admin.fetchTopicOffsets(topic);
        partitionsByTopic.set(
          topic,
          partitions.map((p) => p.partition).sort((a, b) => a - b),
        );
        for (const p of partitions) {
          offsets.set(partitionKey(topic, p.partition), {
            topic,
            partition: p.partition,
            logStartOffset: p.low,
            logEndOffset: p.high,
            lastStableOffset: p.high,
          });
        }
      }
      return { offsets, partitionsByTopic, missingTopics: topics.filter((t) => !existing.has(t)), method: 'per-topic' };
    },
    async close() {},
  };
}

/** The public-API reader, exported so tests can check both readers agree. */
export const createPublicApiTopicOffsetsReader = createPerTopicReader;
