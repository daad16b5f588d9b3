import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/server/db';
import type { Actor } from '@/server/auth/actor';
import { canManageCluster, listClustersForActor, requireReadableCluster } from './clusters';
import { createClusterHealthTracker } from './cluster-health';
import { compactLagHistory } from './lag-monitor';
import type { GroupLagPoint, PartitionLagSample } from './lag-sample';
import {
  prismaClusterHealthStore,
  deleteClusterWithHistory,
  findCluster,
  insertCluster,
  listClusterPoints,
  listClusterSamples,
  listClusters,
  prismaLagSampleStore,
  readClusterSecrets,
  SANDBOX_CLUSTER_NAME,
  upsertSandboxCluster,
} from './queries';
import { createInMemoryLagSampleStore } from './sample-store';

/**
 * The Kafka queries against the real database (SQLite, and PostgreSQL in the PostgreSQL pass): BigInt
 * offsets survive the round trip, compaction behaves as in memory, secrets are sealed, and team
 * scoping holds.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const BEYOND_2_53 = 2n ** 60n + 7n; // 1152921504606846983: a JS number cannot hold it exactly

const run = randomUUID().slice(0, 8);
const teams: { falcon: string; eagle: string } = { falcon: '', eagle: '' };
const clusterIds: string[] = [];

function sample(
  at: number,
  groupId: string,
  partition: number,
  committed: bigint | null,
  end: bigint,
  extra: Partial<PartitionLagSample> = {},
): PartitionLagSample {
  const lag = committed === null ? null : end - committed;
  return {
    at,
    groupId,
    topic: 'orders',
    partition,
    logStartOffset: 0n,
    logEndOffset: end,
    committedOffset: committed,
    lag,
    maxLag: lag,
    resolutionMs: 0,
    ...extra,
  };
}

function point(at: number, groupId: string, totalLag: bigint): GroupLagPoint {
  return {
    at,
    groupId,
    totalLag,
    peakTotalLag: totalLag,
    maxPartitionLag: totalLag,
    partitionCount: 1,
    unknownLagPartitionCount: 0,
    dataLostPartitionCount: 0,
    resolutionMs: 0,
  };
}

async function newCluster(name: string, teamId: string | null, secrets: { password?: string } = {}) {
  const cluster = await insertCluster({
    name: `${name}-${run}`,
    settings: secrets.password
      ? { kind: 'sasl-scram-sha-512', brokers: ['b-1.example.com:9096'], username: 'svc-lag', tls: true }
      : { kind: 'plaintext', brokers: ['127.0.0.1:9'] },
    secrets,
    targetId: null,
    teamId,
  });
  clusterIds.push(cluster.id);
  return cluster;
}

const actorIn = (memberships: { teamId: string; role: 'viewer' | 'developer' | 'admin' }[]): Actor => ({
  userId: `user-${run}`,
  email: `user-${run}@example.com`,
  name: 'Test',
  isPlatformAdmin: false,
  via: 'session',
  teams: memberships.map((m) => ({ id: m.teamId, slug: m.teamId, name: m.teamId, role: m.role })),
});

beforeAll(async () => {
  teams.falcon = (await db.team.create({ data: { slug: `falcon-${run}`, name: `Falcon ${run}` } })).id;
  teams.eagle = (await db.team.create({ data: { slug: `eagle-${run}`, name: `Eagle ${run}` } })).id;
});

afterAll(async () => {
  for (const id of clusterIds) {
    if (await findCluster(id)) await deleteClusterWithHistory(id);
  }
  await db.auditLog.deleteMany({ where: { resourceType: 'kafka-cluster', resourceId: { in: clusterIds } } });
  await db.team.deleteMany({ where: { id: { in: [teams.falcon, teams.eagle] } } });
});

describe('the Prisma LagSampleStore', () => {
  it('round-trips offsets beyond 2^53 exactly, nulls, owners and times', async () => {
    const cluster = await newCluster('bigint', teams.falcon);
    const at = Date.UTC(2026, 10, 27, 12, 0, 0, 123);
    await prismaLagSampleStore.appendRound(cluster.id, {
      samples: [
        sample(at, 'billing', 0, BEYOND_2_53, BEYOND_2_53 + 42n, { logStartOffset: BEYOND_2_53 - 5n, hasActiveOwner: true }),
        sample(at, 'billing', 1, null, BEYOND_2_53, { hasActiveOwner: false }),
        sample(at, 'billing', 2, 10n, 10n),
      ],
      points: [{ ...point(at, 'billing', 42n), maxPartitionLag: null, peakTotalLag: BEYOND_2_53 }],
    });

    const samples = await prismaLagSampleStore.listGroupSamples(cluster.id, 'billing', { since: at, until: at + 1 });
    expect(samples.map(({ id: _id, ...s }) => s)).toEqual([
      sample(at, 'billing', 0, BEYOND_2_53, BEYOND_2_53 + 42n, { logStartOffset: BEYOND_2_53 - 5n, hasActiveOwner: true }),
      sample(at, 'billing', 1, null, BEYOND_2_53, { hasActiveOwner: false }),
      sample(at, 'billing', 2, 10n, 10n),
    ]);
    expect(samples[0]!.committedOffset).toBe(1152921504606846983n);
    expect(typeof samples[0]!.lag).toBe('bigint');

    const [stored] = await prismaLagSampleStore.listGroupPoints(cluster.id, 'billing', { since: 0 });
    expect(stored).toMatchObject({ at, totalLag: 42n, peakTotalLag: BEYOND_2_53, maxPartitionLag: null });
    expect(await prismaLagSampleStore.listGroupIds(cluster.id)).toEqual(['billing']);
  });

  it('reads ranges with since inclusive and until exclusive, per cluster and group', async () => {
    const cluster = await newCluster('ranges', teams.falcon);
    const other = await newCluster('ranges-other', teams.falcon);
    const t0 = Date.UTC(2026, 10, 27, 12);
    for (const at of [t0, t0 + MINUTE, t0 + 2 * MINUTE]) {
      await prismaLagSampleStore.appendRound(cluster.id, { samples: [sample(at, 'g', 0, 1n, 2n), sample(at, 'h', 0, 1n, 2n)], points: [point(at, 'g', 1n)] });
    }
    await prismaLagSampleStore.appendRound(other.id, { samples: [sample(t0, 'g', 0, 1n, 2n)], points: [point(t0, 'g', 1n)] });

    const got = await prismaLagSampleStore.listGroupSamples(cluster.id, 'g', { since: t0 + MINUTE, until: t0 + 2 * MINUTE });
    expect(got.map((s) => s.at)).toEqual([t0 + MINUTE]);
    expect((await prismaLagSampleStore.listGroupPoints(cluster.id, 'g', { since: t0 })).map((p) => p.at)).toEqual([t0, t0 + MINUTE, t0 + 2 * MINUTE]);
    expect(await prismaLagSampleStore.listGroupIds(cluster.id)).toEqual(['g', 'h']);
  });

  it("reads a whole cluster's samples and points, or only some groups' (a page of the group list), oldest first", async () => {
    const cluster = await newCluster('page-of-groups', teams.falcon);
    const t0 = Date.UTC(2026, 10, 27, 13);
    for (const at of [t0, t0 + MINUTE]) {
      await prismaLagSampleStore.appendRound(cluster.id, {
        samples: ['a', 'b', 'c'].map((g) => sample(at, g, 0, 1n, 2n)),
        points: ['a', 'b', 'c'].map((g) => point(at, g, 1n)),
      });
    }
    const key = (r: { at: number; groupId: string }) => `${r.at - t0}:${r.groupId}`;
    expect((await listClusterSamples(cluster.id, { since: t0 })).map(key).sort()).toEqual(['0:a', '0:b', '0:c', '60000:a', '60000:b', '60000:c']);
    const some = await listClusterSamples(cluster.id, { since: t0 }, ['a', 'c']);
    expect(some.map(key)).toEqual(expect.arrayContaining(['0:a', '0:c', '60000:a', '60000:c']));
    expect(some).toHaveLength(4);
    expect(some.map((s) => s.at)).toEqual([...some.map((s) => s.at)].sort((x, y) => x - y));
    expect((await listClusterPoints(cluster.id, { since: t0 + MINUTE }, ['b'])).map(key)).toEqual(['60000:b']);
    expect(await listClusterPoints(cluster.id, { since: t0 }, [])).toEqual([]);
  });

  it('applies compaction exactly as the in-memory store does', async () => {
    const cluster = await newCluster('compaction', teams.falcon);
    const memory = createInMemoryLagSampleStore();
    const now = Date.UTC(2026, 10, 27, 18);
    // Three hours of one-minute rounds, then a stale point beyond the group retention.
    for (let at = now - 3 * HOUR; at <= now; at += MINUTE) {
      const i = BigInt((at - (now - 3 * HOUR)) / MINUTE);
      const round = { samples: [sample(at, 'billing', 0, BEYOND_2_53 + i, BEYOND_2_53 + 2n * i)], points: [point(at, 'billing', i)] };
      await prismaLagSampleStore.appendRound(cluster.id, round);
      await memory.appendRound(cluster.id, round);
    }
    const stale = { samples: [sample(now - 3 * 24 * HOUR, 'billing', 0, 1n, 2n)], points: [point(now - 100 * 24 * HOUR, 'billing', 9n)] };
    await prismaLagSampleStore.appendRound(cluster.id, stale);
    await memory.appendRound(cluster.id, stale);

    const result = await compactLagHistory(prismaLagSampleStore, cluster.id, now);
    expect(result).toEqual(await compactLagHistory(memory, cluster.id, now));
    expect(result.removed).toBeGreaterThan(0);

    const strip = <T extends { id: string }>(rows: T[]) => rows.map(({ id: _id, ...rest }) => rest);
    const dbSamples = await prismaLagSampleStore.listGroupSamples(cluster.id, 'billing', { since: 0 });
    expect(strip(dbSamples)).toEqual(strip(await memory.listGroupSamples(cluster.id, 'billing', { since: 0 })));
    expect(strip(await prismaLagSampleStore.listGroupPoints(cluster.id, 'billing', { since: 0 }))).toEqual(
      strip(await memory.listGroupPoints(cluster.id, 'billing', { since: 0 })),
    );

    // The last hour stays raw; older samples became 5-minute buckets that keep the exact big offsets.
    expect(dbSamples.filter((s) => s.at > now - HOUR).every((s) => s.resolutionMs === 0)).toBe(true);
    const buckets = dbSamples.filter((s) => s.resolutionMs === 5 * MINUTE);
    expect(buckets.length).toBeGreaterThan(20);
    expect(buckets.every((s) => s.committedOffset! > BEYOND_2_53)).toBe(true);
    expect(dbSamples.some((s) => s.at === now - 3 * 24 * HOUR)).toBe(false);

    // Idempotent: a second pass finds nothing to do.
    expect(await compactLagHistory(prismaLagSampleStore, cluster.id, now)).toEqual({ removed: 0, inserted: 0 });
  });
});

describe('registered clusters', () => {
  it('stores secrets encrypted, bound to the cluster, and gives them back only on request', async () => {
    const password = `s3cret-${randomUUID()}`;
    const cluster = await newCluster('sealed', teams.falcon, { password });
    const row = await db.kafkaCluster.findUniqueOrThrow({ where: { id: cluster.id } });
    expect(row.secretsEncrypted).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain(password);
    expect(row.settings).not.toContain(password);
    expect(readClusterSecrets(cluster)).toEqual({ password });
    // Sealed for this id: copied onto another row it does not open.
    expect(() => readClusterSecrets({ id: 'another-cluster', secretsEncrypted: row.secretsEncrypted })).toThrow();

    const dto = (await listClustersForActor(actorIn([{ teamId: teams.falcon, role: 'admin' }]))).find((c) => c.id === cluster.id);
    expect(dto).toMatchObject({ hasSecrets: true, connection: { kind: 'sasl-scram-sha-512', username: 'svc-lag' } });
    expect(JSON.stringify(dto)).not.toContain(password);
  });

  it('scopes clusters to teams: own team and every-team clusters are listed, another team is FORBIDDEN', async () => {
    const falcon = await newCluster('falcon-only', teams.falcon);
    const eagle = await newCluster('eagle-only', teams.eagle);
    const everyone = await newCluster('everyone', null);
    const falconDev = actorIn([{ teamId: teams.falcon, role: 'developer' }]);

    const ids = (await listClusters({ teamIds: [teams.falcon] })).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([falcon.id, everyone.id]));
    expect(ids).not.toContain(eagle.id);
    expect((await listClusters({ teamIds: null })).map((c) => c.id)).toEqual(expect.arrayContaining([falcon.id, eagle.id, everyone.id]));

    expect((await listClustersForActor(falconDev)).map((c) => c.id)).not.toContain(eagle.id);
    await expect(requireReadableCluster(falconDev, eagle.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(requireReadableCluster(falconDev, 'no-such-cluster')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await requireReadableCluster(falconDev, everyone.id)).id).toBe(everyone.id);

    expect(canManageCluster(falconDev, falcon)).toBe(false);
    expect(canManageCluster(actorIn([{ teamId: teams.falcon, role: 'admin' }]), falcon)).toBe(true);
    expect(canManageCluster(actorIn([{ teamId: teams.falcon, role: 'admin' }]), everyone)).toBe(false);
  });

  it('refuses a second cluster with the same name, naming the field', async () => {
    const first = await newCluster('twice', teams.falcon);
    await expect(
      insertCluster({ name: first.name, settings: { kind: 'plaintext', brokers: ['x:1'] }, secrets: {}, targetId: null, teamId: null }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: { name: ['is already taken'] },
    });
  });

  it('deletes a cluster together with its history', async () => {
    const cluster = await newCluster('doomed', teams.eagle);
    await prismaLagSampleStore.appendRound(cluster.id, { samples: [sample(1, 'g', 0, 1n, 2n)], points: [point(1, 'g', 1n)] });
    await deleteClusterWithHistory(cluster.id);
    expect(await findCluster(cluster.id)).toBeNull();
    expect(await db.kafkaLagSample.count({ where: { clusterId: cluster.id } })).toBe(0);
    expect(await db.kafkaGroupLagPoint.count({ where: { clusterId: cluster.id } })).toBe(0);
    // A second removal (another admin a moment later) finds nothing to remove: NOT_FOUND, not a database error.
    await expect(deleteClusterWithHistory(cluster.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('registers the sandbox cluster idempotently, following the brokers it is given', async () => {
    const before = await db.kafkaCluster.findUnique({ where: { name: SANDBOX_CLUSTER_NAME } });
    const first = await upsertSandboxCluster(['127.0.0.1:19092']);
    const second = await upsertSandboxCluster(['127.0.0.1:29092']);
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ isSandbox: true, teamId: null, settings: { kind: 'plaintext', brokers: ['127.0.0.1:29092'] } });
    expect(await db.kafkaCluster.count({ where: { name: SANDBOX_CLUSTER_NAME } })).toBe(1);
    if (before) await db.kafkaCluster.update({ where: { id: before.id }, data: { settings: before.settings } });
    else clusterIds.push(first.id);
  });
});

describe('cluster health in the database', () => {
  it('writes only changes, and a new tracker picks up where the stored state left off', async () => {
    const cluster = await newCluster('health', teams.falcon);
    const ref = { id: cluster.id, name: cluster.name, teamId: cluster.teamId };
    const tracker = createClusterHealthTracker(prismaClusterHealthStore);
    const t0 = Date.UTC(2026, 10, 27, 9);
    expect(await tracker.markReachable(ref, t0)).toBe('became-reachable');
    expect(await tracker.markUnreachable(ref, t0 + MINUTE, 'Connection error: connect ECONNREFUSED 127.0.0.1:9')).toBe('became-unreachable');
    expect(await tracker.markUnreachable(ref, t0 + 2 * MINUTE, 'still down')).toBe('unchanged');

    const stored = (await prismaClusterHealthStore.read([cluster.id])).get(cluster.id);
    expect(stored).toEqual({ state: 'unreachable', since: t0 + MINUTE, lastError: 'Connection error: connect ECONNREFUSED 127.0.0.1:9' });

    const restarted = createClusterHealthTracker(prismaClusterHealthStore);
    expect(await restarted.markUnreachable(ref, t0 + 3 * MINUTE, 'still down')).toBe('unchanged');
    expect(await restarted.markReachable(ref, t0 + 4 * MINUTE)).toBe('became-reachable');
    const rows = await db.kafkaClusterHealth.findMany({ where: { clusterId: cluster.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'reachable', lastError: null, since: new Date(t0 + 4 * MINUTE) });
  });
});
