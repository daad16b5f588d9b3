import 'server-only';
import { seedDemoUsers } from '@/server/seed/demo-users';
import { ensureSandboxTarget } from '@/server/targets/queries';
import { ensureSandboxKafkaCluster } from '@/server/kafka/clusters';
import { ensureGroupPrefix } from '@/server/tenancy/queries';

/** Steps that give the demo something to show; each is idempotent. Later features add theirs. */
const steps: { name: string; run: () => Promise<void> }[] = [
  { name: 'demo teams and users', run: seedDemoUsers },
  { name: 'sandbox target', run: ensureSandboxTarget },
  { name: 'sandbox Kafka cluster', run: async () => void (await ensureSandboxKafkaCluster()) },
  { name: 'consumer groups demo-* on the sandbox cluster belong to falcon', run: seedDemoGroupPrefix },
];

/** On the shared sandbox cluster, falcon owns the demo's consumer groups (`demo-billing`). */
async function seedDemoGroupPrefix(): Promise<void> {
  const cluster = await ensureSandboxKafkaCluster();
  await ensureGroupPrefix(cluster.id, 'falcon', 'demo-');
}

/** Runs every seed step in order, reporting each. */
export async function seedDemoData(log: (line: string) => void = console.log): Promise<void> {
  for (const step of steps) {
    await step.run();
    log(`seeded ${step.name}`);
  }
}
