import 'server-only';

import type { KafkaConfig } from 'kafkajs';

import { closeAllClusterAdmins, closeClusterAdmin, readLagSnapshot, withClusterAdmin, type LagSnapshot } from './admin';
import { describeClusterError, type ClusterHealthTracker } from './cluster-health';
import { compactLagHistory, recordLagSnapshot } from './lag-monitor';
import type { LagSampleStore } from './sample-store';

/**
 * One sampling round over every registered cluster: a batched snapshot per cluster, stored as one
 * round; history compacted every ~15 minutes. A cluster that cannot be read stores nothing, and its
 * health record says since when and why; the next successful round flips it back. Clusters are read
 * side by side so one slow cluster does not delay the others' samples.
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
  log?: (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>) => void;
}

export type ClusterRoundResult =
  | { clusterId: string; ok: true; groups: number; durationMs: number; compacted: { removed: number; inserted: number } | null }
  | { clusterId: string; ok: false; error: string };

const FIFTEEN_MINUTES = 15 * 60_000;

/** A sampler with its own memory of admins, compaction times and health; `close()` on shutdown. */
export function createLagSampler<C extends SampledCluster>(deps: LagSamplerDeps<C>) {
  const now = deps.now ?? Date.now;
  const compactEveryMs = deps.compactEveryMs ?? FIFTEEN_MINUTES;
  const readTimeoutMs = deps.readTimeoutMs ?? 25_000;
  const log = deps.log ?? (() => undefined);
  const lastCompactedAt = new Map<string, number>();
  const sampledIds = new Set<string>();

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

    await recordLagSnapshot(deps.store, cluster.id, snapshot);
    if ((await deps.health.markReachable(cluster, snapshot.takenAt)) === 'became-reachable') {
      log('info', 'Kafka cluster reachable', { cluster: cluster.name, groups: snapshot.groups.length });
    }
    let compacted: { removed: number; inserted: number } | null = null;
    if (now() - (lastCompactedAt.get(cluster.id) ?? 0) >= compactEveryMs) {
      compacted = await compactLagHistory(deps.store, cluster.id, now());
      lastCompactedAt.set(cluster.id, now());
    }
    return { clusterId: cluster.id, ok: true, groups: snapshot.groups.length, durationMs: snapshot.durationMs, compacted };
  }

  return {
    /** Samples every cluster once; resolves when all are done (storage errors are reported per cluster). */
    async runRound(): Promise<ClusterRoundResult[]> {
      const clusters = await deps.listClusters();
      const current = new Set(clusters.map((c) => c.id));
      for (const id of sampledIds) {
        if (current.has(id)) continue;
        // Removed since the last round: let go of its connection and memory.
        sampledIds.delete(id);
        lastCompactedAt.delete(id);
        deps.health.forget(id);
        await closeClusterAdmin(id);
      }
      const results = await Promise.allSettled(
        clusters.map((cluster) => {
          sampledIds.add(cluster.id);
          return sampleCluster(cluster);
        }),
      );
      return results.map((result, i) => {
        if (result.status === 'fulfilled') return result.value;
        const error = describeClusterError(result.reason);
        log('error', 'Kafka lag sampling failed', { cluster: clusters[i]!.name, error });
        return { clusterId: clusters[i]!.id, ok: false, error };
      });
    },
    /** Disconnects every admin this process opened. */
    async close(): Promise<void> {
      await closeAllClusterAdmins();
    },
  };
}

export type LagSampler = ReturnType<typeof createLagSampler>;
