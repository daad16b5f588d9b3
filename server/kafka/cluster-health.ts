import 'server-only';

/**
 * Whether the lag sampler can reach each cluster, shared with the web process through the database so
 * the pages can say "unreachable since …". Only changes are written: a cluster that stays down for a
 * day costs one row, not 2,880.
 *
 * Storage: `prismaClusterHealthStore` (queries.ts), one KafkaClusterHealth row per cluster.
 */

export interface ClusterHealthRecord {
  state: 'reachable' | 'unreachable';
  /** epoch ms the state began */
  since: number;
  /** What went wrong (secrets scrubbed); null while reachable. */
  lastError: string | null;
}

export interface ClusterHealthStore {
  /** The newest record of each cluster that has one. */
  read(clusterIds: string[]): Promise<Map<string, ClusterHealthRecord>>;
  /** Appends (or replaces) a cluster's record. */
  write(cluster: { id: string; name: string; teamId: string | null }, record: ClusterHealthRecord): Promise<void>;
}

/** A ClusterHealthStore in memory, for tests. */
export function createInMemoryClusterHealthStore(): ClusterHealthStore & { records: Map<string, ClusterHealthRecord[]> } {
  const records = new Map<string, ClusterHealthRecord[]>();
  return {
    records,
    async read(clusterIds) {
      const out = new Map<string, ClusterHealthRecord>();
      for (const id of clusterIds) {
        const last = records.get(id)?.at(-1);
        if (last) out.set(id, last);
      }
      return out;
    },
    async write(cluster, record) {
      records.set(cluster.id, [...(records.get(cluster.id) ?? []), record]);
    },
  };
}

type ClusterRef = { id: string; name: string; teamId: string | null };

/** Outcome of one observation, for the sampler's log. */
export type HealthChange = 'became-reachable' | 'became-unreachable' | 'unchanged';

/**
 * Remembers each cluster's last verdict and writes to the store only when it changes. The first
 * observation of a cluster reads its stored record, so a restarted worker neither repeats "unreachable"
 * nor misses the recovery of a cluster that went down before the restart.
 */
export function createClusterHealthTracker(store: ClusterHealthStore) {
  const known = new Map<string, ClusterHealthRecord | null>();

  async function current(cluster: ClusterRef): Promise<ClusterHealthRecord | null> {
    if (!known.has(cluster.id)) known.set(cluster.id, (await store.read([cluster.id])).get(cluster.id) ?? null);
    return known.get(cluster.id) ?? null;
  }

  async function observe(cluster: ClusterRef, next: ClusterHealthRecord): Promise<HealthChange> {
    const previous = await current(cluster);
    if (previous?.state === next.state) return 'unchanged';
    await store.write(cluster, next);
    known.set(cluster.id, next);
    return next.state === 'reachable' ? 'became-reachable' : 'became-unreachable';
  }

  return {
    /** A round succeeded at `at`. */
    markReachable: (cluster: ClusterRef, at: number) => observe(cluster, { state: 'reachable', since: at, lastError: null }),
    /** A round failed at `at` with `error` (already scrubbed of secrets). */
    markUnreachable: (cluster: ClusterRef, at: number, error: string) => observe(cluster, { state: 'unreachable', since: at, lastError: error }),
    /** The tracker's view of a cluster (null: nothing observed or stored). */
    current,
    /** Drops clusters that were deleted. */
    forget(clusterId: string) {
      known.delete(clusterId);
    },
  };
}

export type ClusterHealthTracker = ReturnType<typeof createClusterHealthTracker>;

/** An error as one line for people: message only, secrets replaced, at most 500 characters. */
export function describeClusterError(error: unknown, secrets: readonly string[] = []): string {
  const message = error instanceof Error ? `${error.message}${causeSuffix(error)}` : String(error);
  const scrubbed = secrets.filter((s) => s.length >= 4).reduce((text, secret) => text.split(secret).join('[redacted]'), message);
  return scrubbed.length > 500 ? `${scrubbed.slice(0, 497)}...` : scrubbed;
}

function causeSuffix(error: Error): string {
  // kafkajs wraps the socket error (ECONNREFUSED ...) in a retry error whose own message is generic.
  const inner = (error as { originalError?: unknown }).originalError ?? error.cause;
  return inner instanceof Error && inner.message && !error.message.includes(inner.message) ? ` (${inner.message})` : '';
}
