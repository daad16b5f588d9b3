import 'server-only';

import type { KafkaConfig } from 'kafkajs';

import { closeAllClusterAdmins, closeClusterAdmin, readLagSnapshot, withClusterAdmin, type LagSnapshot } from './admin';
import { describeClusterError, type ClusterHealthTracker } from './cluster-health';
import { compactLagHistory, createLagMonitor, type CompactionPolicies, type LagMonitorOptions } from './lag-monitor';
import type { LagSampleStore } from './sample-store';

/**
 * Sampling rounds over every registered cluster: a batched snapshot per cluster, judged and stored by
 * the lag monitor; history compacted and groups not seen for a while expired every ~15 minutes. A
 * cluster that cannot be read stores nothing, and its health record says since when and why; the next
 * successful round flips it back. Each cluster's round is its own promise: `tick()` starts a round for
 * every cluster that is not still busy with its previous one, so a hung or unreachable cluster (up to
 * the read timeout) never delays the others.
 */

export interface SampledCluster {
  id: string;
  name: string;
  teamId: string | null;
}

export interface LagSamplerDeps<C extends SampledCluster> {
  listClusters: () => Promise<C[]>;
  /** kafkajs config for a cluster (called only when a connection is made). */
  buildConfig: (cluster: C) => () => Promise<KafkaConfig>;
  /** Strings to scrub from error messages (passwords, keys). */
  secretsOf?: (cluster: C) => string[];
  store: LagSampleStore;
  health: ClusterHealthTracker;
  now?: () => number;
  /** Default 15 minutes. */
  compactEveryMs?: number;
  /** A cluster's read is abandoned (and counted as unreachable) after this long; default 25 s. */
  readTimeoutMs?: number;
  /** Windows, partition buckets and persistence (lag-monitor.ts). */
  monitor?: LagMonitorOptions;
  retention?: CompactionPolicies;
  /** A group not seen for this long leaves the stored state (default 24 h). */
  groupExpiryMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>) => void;
}

export type ClusterRoundResult =
  | {
      clusterId: string;
      ok: true;
      groups: number;
      durationMs: number;
      /** Judging and storing the round, ms (the snapshot read is durationMs). */
      computeMs: number;
      storeMs: number;
      compacted: { removed: number; inserted: number; expiredGroups: string[] } | null;
    }
  | { clusterId: string; ok: false; error: string };

const FIFTEEN_MINUTES = 15 * 60_000;

/** A sampler with its own memory of admins, compaction times and health; `close()` on shutdown. */
export function createLagSampler<C extends SampledCluster>(deps: LagSamplerDeps<C>) {
  const now = deps.now ?? Date.now;
  const compactEveryMs = deps.compactEveryMs ?? FIFTEEN_MINUTES;
  const readTimeoutMs = deps.readTimeoutMs ?? 25_000;
  const log = deps.log ?? (() => undefined);
  const groupExpiryMs = deps.groupExpiryMs ?? 24 * 60 * 60_000;
  const monitor = createLagMonitor(deps.store, deps.monitor);
  const lastCompactedAt = new Map<string, number>();
  const sampledIds = new Set<string>();
  const inFlight = new Map<string, Promise<ClusterRoundResult>>();

  async function readSnapshot(cluster: C): Promise<LagSnapshot> {
    const read = withClusterAdmin(cluster.id, deps.buildConfig(cluster), (client) => readLagSnapshot(client, { now }), { retryOnConnectionError: true });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(readTimeoutMs / 1000)} s`)), readTimeoutMs);
    });
    try {
      return await Promise.race([read, timeout]);
    } finally {
      clearTimeout(timer);
      read.catch(() => undefined); // an abandoned read must not surface as an unhandled rejection
    }
  }

  async function sampleCluster(cluster: C): Promise<ClusterRoundResult> {
    const startedAt = now();
    let snapshot: LagSnapshot;
    try {
      snapshot = await readSnapshot(cluster);
    } catch (error) {
      // Drop the connection so the next round starts clean (new metadata, new sockets).
      await closeClusterAdmin(cluster.id);
      const message = describeClusterError(error, deps.secretsOf?.(cluster) ?? []);
      if ((await deps.health.markUnreachable(cluster, startedAt, message)) === 'became-unreachable') {
        log('warn', 'Kafka cluster unreachable', { cluster: cluster.name, error: message });
      }
      return { clusterId: cluster.id, ok: false, error: message };
    }

    const recorded = await monitor.recordSnapshot(cluster.id, snapshot);
    if ((await deps.health.markReachable(cluster, snapshot.takenAt)) === 'became-reachable') {
      log('info', 'Kafka cluster reachable', { cluster: cluster.name, groups: snapshot.groups.length });
    }
    let compacted: { removed: number; inserted: number; expiredGroups: string[] } | null = null;
    if (now() - (lastCompactedAt.get(cluster.id) ?? 0) >= compactEveryMs) {
      const expiredGroups = await deps.store.expireGroupStates(cluster.id, now() - groupExpiryMs);
      compacted = { ...(await compactLagHistory(deps.store, cluster.id, now(), deps.retention)), expiredGroups };
      lastCompactedAt.set(cluster.id, now());
    }
    return {
      clusterId: cluster.id,
      ok: true,
      groups: snapshot.groups.length,
      durationMs: snapshot.durationMs,
      computeMs: recorded.computeMs,
      storeMs: recorded.storeMs,
      compacted,
    };
  }

  /** The cluster's running round, or a new one; a failure (storage, say) becomes its result. */
  function roundOf(cluster: C): Promise<ClusterRoundResult> {
    const running = inFlight.get(cluster.id);
    if (running) return running;
    sampledIds.add(cluster.id);
    const round = sampleCluster(cluster)
      .catch((reason: unknown): ClusterRoundResult => {
        const error = describeClusterError(reason);
        log('error', 'Kafka lag sampling failed', { cluster: cluster.name, error });
        return { clusterId: cluster.id, ok: false, error };
      })
      .finally(() => inFlight.delete(cluster.id));
    inFlight.set(cluster.id, round);
    return round;
  }

  async function currentClusters(): Promise<C[]> {
    const clusters = await deps.listClusters();
    const current = new Set(clusters.map((c) => c.id));
    for (const id of sampledIds) {
      if (current.has(id)) continue;
      // Removed since the last round: let go of its connection and memory.
      sampledIds.delete(id);
      lastCompactedAt.delete(id);
      monitor.forget(id);
      deps.health.forget(id);
      await closeClusterAdmin(id);
    }
    return clusters;
  }

  return {
    /**
     * Starts a round on every cluster that has none running and returns without waiting: what the
     * worker calls every interval. A cluster still busy (a read waiting for its timeout) is skipped.
     */
    async tick(): Promise<{ started: string[]; busy: string[] }> {
      const started: string[] = [];
      const busy: string[] = [];
      for (const cluster of await currentClusters()) {
        if (inFlight.has(cluster.id)) busy.push(cluster.id);
        else {
          void roundOf(cluster);
          started.push(cluster.id);
        }
      }
      return { started, busy };
    },
    /** Samples every cluster once and waits for all (a cluster's running round counts as its round). */
    async runRound(): Promise<ClusterRoundResult[]> {
      return Promise.all((await currentClusters()).map((cluster) => roundOf(cluster)));
    },
    /** Waits for running rounds, then disconnects every admin this process opened. */
    async close(): Promise<void> {
      await Promise.allSettled([...inFlight.values()]);
      await closeAllClusterAdmins();
    },
  };
}

export type LagSampler = ReturnType<typeof createLagSampler>;
