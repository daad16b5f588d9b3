// Topics for the Kafka benchmarks on a throwaway broker: created in batches, then polled until every
// partition has a leader (kafkajs's waitForLeaders asks too early for fresh topics on a busy single node).
import type { Admin } from 'kafkajs';

/** Creates the topics that do not exist yet; returns those it created. */
export async function ensureBenchTopics(admin: Admin, topics: readonly string[], partitions: number, maxWaitMs = 120_000): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  for (let i = 0; i < missing.length; i += 50) {
    await admin.createTopics({ waitForLeaders: false, topics: missing.slice(i, i + 50).map((topic) => ({ topic, numPartitions: partitions })) });
  }
  const wanted = new Set(topics);
  for (const deadline = Date.now() + maxWaitMs; ;) {
    const { topics: described } = await admin.fetchTopicMetadata();
    const ready = described.filter((t) => wanted.has(t.name) && t.partitions.length === partitions && t.partitions.every((p) => p.leader >= 0));
    if (ready.length === topics.length) return missing;
    if (Date.now() > deadline) throw new Error(`only ${ready.length} of ${topics.length} topics got leaders`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
