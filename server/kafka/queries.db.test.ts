import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/server/db';
import type { Actor } from '@/server/auth/actor';
import { canManageCluster, listClustersForActor, requireReadableCluster } from './clusters';
import { createClusterHealthTracker } from './cluster-health';
import { buildLagRetentionPolicies } from './history';
import { compactLagHistory } from './lag-monitor';
import type { GroupLagPoint, PartitionLagSample } from './lag-sample';
import {
  prismaClusterHealthStore,
  deleteClusterWithHistory,
  findCluster,
  insertCluster,
  findLatestRoundAt,
  listClusterPoints,
  listClusters,
  prismaLagSampleStore,
  readClusterSecrets,
  SANDBOX_CLUSTER_NAME,
  upsertSandboxCluster,
} from './queries';
import { createInMemoryLagSampleStore, type GroupState, type LagRound } from './sample-store';

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

function state(groupId: string, sampledAt: number, extra: Partial<GroupState> = {}): GroupState {
  return {
    groupId,
    sampledAt,
    status: 'STALL',
    severity: 'error',
    statusReason: `partition orders-0 of ${groupId} stalled`,
    timeLagSeconds: 12.5,
    timeLagUnknownPartitionCount: 1,
    timeLagEstimated: true,
    totalLag: BEYOND_2_53,
    maxPartitionLag: BEYOND_2_53,
    partitionCount: 2,
    unknownLagPartitionCount: 1,
    aheadPartitionCount: 0,
    dataLostPartitionCount: 0,
    topics: ['orders'],
    state: 'Stable',
    memberCount: 3,
    partitions: [
      {
        topic: 'orders',
        partition: 0,
        logStartOffset: 1n,
        logEndOffset: 2n * BEYOND_2_53,
        committedOffset: BEYOND_2_53,
        status: 'STALL',
        statusReason: 'stalled',
        timeLagSeconds: 12.5,
        timeLagEstimated: true,
      },
      {
        topic: 'orders',
        partition: 1,
        logStartOffset: 0n,
        logEndOffset: 9n,
        committedOffset: null,
        status: 'UNKNOWN',
        statusReason: null,
        timeLagSeconds: null,
        timeLagEstimated: false,
      },
    ],
    ...extra,
  };
}

const round = (r: Partial<LagRound>): LagRound => ({ states: [], points: [], samples: [], ...r });

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
      states: [],
      samples: [
        sample(at, 'billing', 0, BEYOND_2_53, BEYOND_2_53 + 42n, { logStartOffset: BEYOND_2_53 - 5n, hasActiveOwner: true }),
        sample(at, 'billing', 1, null, BEYOND_2_53, { hasActiveOwner: false }),
        sample(at, 'billing', 2, 10n, 10n),
      ],
      points: [{ ...point(at, 'billing', 42n), maxPartitionLag: null, peakTotalLag: BEYOND_2_53, status: 'WARN', timeLagSeconds: 1.25 }],
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
    expect(stored).toMatchObject({ at, totalLag: 42n, peakTotalLag: BEYOND_2_53, maxPartitionLag: null, status: 'WARN', timeLagSeconds: 1.25 });
    expect(await prismaLagSampleStore.listGroupIds(cluster.id)).toEqual(['billing']);
  });

  it('reads ranges with since inclusive and until exclusive, per cluster and group', async () => {
    const cluster = await newCluster('ranges', teams.falcon);
    const other = await newCluster('ranges-other', teams.falcon);
    const t0 = Date.UTC(2026, 10, 27, 12);
    for (const at of [t0, t0 + MINUTE, t0 + 2 * MINUTE]) {
      await prismaLagSampleStore.appendRound(
        cluster.id,
        round({ samples: [sample(at, 'g', 0, 1n, 2n), sample(at, 'h', 0, 1n, 2n)], points: [point(at, 'g', 1n)] }),
      );
    }
    await prismaLagSampleStore.appendRound(other.id, round({ samples: [sample(t0, 'g', 0, 1n, 2n)], points: [point(t0, 'g', 1n)] }));

    const got = await prismaLagSampleStore.listGroupSamples(cluster.id, 'g', { since: t0 + MINUTE, until: t0 + 2 * MINUTE });
    expect(got.map((s) => s.at)).toEqual([t0 + MINUTE]);
    expect((await prismaLagSampleStore.listGroupPoints(cluster.id, 'g', { since: t0 })).map((p) => p.at)).toEqual([t0, t0 + MINUTE, t0 + 2 * MINUTE]);
    expect(await prismaLagSampleStore.listGroupIds(cluster.id)).toEqual(['g', 'h']);
  });

  it("stores each group's latest state (replaced every round), reads it with or without partitions, and expires unseen groups", async () => {
    const cluster = await newCluster('group-states', teams.falcon);
    const t0 = Date.UTC(2026, 10, 27, 13);
    await prismaLagSampleStore.appendRound(
      cluster.id,
      round({ states: ['a', 'b', 'c'].map((g) => state(g, t0)), points: ['a', 'b', 'c'].map((g) => point(t0, g, 1n)) }),
    );
    // the next round no longer sees c; a and b are replaced, not added
    const later = { status: 'OK' as const, severity: 'ok' as const, statusReason: 'all 2 partitions are OK', timeLagSeconds: 0, timeLagEstimated: false };
    await prismaLagSampleStore.appendRound(cluster.id, round({ states: ['a', 'b'].map((g) => state(g, t0 + MINUTE, later)) }));

    const full = await prismaLagSampleStore.listGroupStates(cluster.id, { withPartitions: true });
    expect(full.map((s) => [s.groupId, s.sampledAt - t0, s.status])).toEqual([
      ['a', MINUTE, 'OK'],
      ['b', MINUTE, 'OK'],
      ['c', 0, 'STALL'],
    ]);
    expect(full[2]).toEqual(state('c', t0));
    expect(full[0]!.partitions[0]!.committedOffset).toBe(1152921504606846983n);
    expect((await prismaLagSampleStore.listGroupStates(cluster.id, { groupIds: ['b'] })).map((s) => [s.groupId, s.partitions])).toEqual([['b', []]]);
    expect((await prismaLagSampleStore.listGroupStates(cluster.id, { sampledAt: t0 + MINUTE })).map((s) => s.groupId)).toEqual(['a', 'b']);
    expect(await findLatestRoundAt(cluster.id)).toBe(t0 + MINUTE);
    expect(await findLatestRoundAt(cluster.id, 'c')).toBe(t0);
    expect((await listClusterPoints(cluster.id, { since: t0 }, ['b'])).map((p) => p.groupId)).toEqual(['b']);
    expect(await listClusterPoints(cluster.id, { since: t0 }, [])).toEqual([]);

    // windows: a round replaces the windows it persists and leaves the others; expiry deletes them
    await prismaLagSampleStore.appendRound(
      cluster.id,
      round({
        windows: new Map([
          ['a', '{"v":1}'],
          ['c', '{"v":1,"c":1}'],
        ]),
      }),
    );
    await prismaLagSampleStore.appendRound(cluster.id, round({ windows: new Map([['a', '{"v":1,"a":2}']]) }));
    expect(await prismaLagSampleStore.loadGroupWindows(cluster.id)).toEqual(
      new Map([
        ['a', '{"v":1,"a":2}'],
        ['c', '{"v":1,"c":1}'],
      ]),
    );

    expect(await prismaLagSampleStore.expireGroupStates(cluster.id, t0)).toEqual([]);
    expect(await prismaLagSampleStore.expireGroupStates(cluster.id, t0 + 1)).toEqual(['c']);
    expect(await prismaLagSampleStore.loadGroupWindows(cluster.id)).toEqual(new Map([['a', '{"v":1,"a":2}']]));
    expect((await prismaLagSampleStore.listGroupStates(cluster.id)).map((s) => s.groupId)).toEqual(['a', 'b']);
  });

  it('rolls history up and expires it exactly as the in-memory store does, with configured retention', async () => {
    const cluster = await newCluster('compaction', teams.falcon);
    const memory = createInMemoryLagSampleStore();
    const now = Date.UTC(2026, 10, 27, 18);
    const policies = buildLagRetentionPolicies({ groupRawHours: 1, group5MinDays: 0.25, groupHourlyDays: 30, partition5MinHours: 2, partitionHourlyDays: 1 });
    const both = async (r: LagRound) => {
      await prismaLagSampleStore.appendRound(cluster.id, r);
      await memory.appendRound(cluster.id, r);
    };
    // Eight hours of one-minute group points and 5-minute partition samples, as the worker writes them.
    for (let at = now - 8 * HOUR; at <= now; at += MINUTE) {
      const i = BigInt((at - (now - 8 * HOUR)) / MINUTE);
      const samples = i % 5n === 0n ? [sample(at, 'billing', 0, BEYOND_2_53 + i, BEYOND_2_53 + 2n * i, { resolutionMs: 5 * MINUTE })] : [];
      await both(round({ samples, points: [point(at, 'billing', i)] }));
    }
    // A deleted group's history: partition detail older than a day, points older than 30 days, and points still kept.
    await both(round({ samples: [sample(now - 2 * 24 * HOUR, 'gone', 0, 1n, 2n)], points: [point(now - 31 * 24 * HOUR, 'gone', 9n)] }));
    await both(round({ points: [point(now - 20 * 24 * HOUR, 'kept', 9n)] }));

    const result = await compactLagHistory(prismaLagSampleStore, cluster.id, now, policies);
    expect(result).toEqual(await compactLagHistory(memory, cluster.id, now, policies));
    expect(result.removed).toBeGreaterThan(0);

    const strip = <T extends { id: string }>(rows: T[]) => rows.map(({ id: _id, ...rest }) => rest);
    const dbSamples = await prismaLagSampleStore.listGroupSamples(cluster.id, 'billing', { since: 0 });
    expect(strip(dbSamples)).toEqual(strip(await memory.listGroupSamples(cluster.id, 'billing', { since: 0 })));
    const dbPoints = await prismaLagSampleStore.listGroupPoints(cluster.id, 'billing', { since: 0 });
    expect(strip(dbPoints)).toEqual(strip(await memory.listGroupPoints(cluster.id, 'billing', { since: 0 })));

    // Group points: raw for the last hour, 5-minute buckets to 6 h, hourly beyond, each bucket its last total and its peak.
    expect(dbPoints.filter((p) => p.at > now - HOUR).every((p) => p.resolutionMs === 0)).toBe(true);
    expect(dbPoints.filter((p) => p.at > now - HOUR)).toHaveLength(60);
    expect(dbPoints.filter((p) => p.resolutionMs === 5 * MINUTE).length).toBeGreaterThanOrEqual(59);
    const hourly = dbPoints.filter((p) => p.resolutionMs === HOUR);
    expect(hourly.length).toBeGreaterThanOrEqual(2);
    expect(hourly.every((p) => p.peakTotalLag === p.totalLag)).toBe(true);
    // Partition samples: 5-minute ones for 2 h, hourly buckets beyond that keep the exact big offsets.
    expect(dbSamples.filter((s) => s.at > now - 2 * HOUR).every((s) => s.resolutionMs === 5 * MINUTE)).toBe(true);
    const hourlySamples = dbSamples.filter((s) => s.resolutionMs === HOUR);
    expect(hourlySamples.length).toBeGreaterThanOrEqual(5);
    expect(hourlySamples.every((s) => s.committedOffset! > BEYOND_2_53)).toBe(true);
    expect(dbSamples.length).toBeLessThan(24 + 8);

    // The deleted group's history is gone once it outlived the retention; younger history stays.
    expect(await prismaLagSampleStore.listGroupIds(cluster.id)).toEqual(['billing', 'kept']);

    // Idempotent: a second pass finds nothing to do.
    expect(await compactLagHistory(prismaLagSampleStore, cluster.id, now, policies)).toEqual({ removed: 0, inserted: 0 });
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
    await prismaLagSampleStore.appendRound(
      cluster.id,
      round({ samples: [sample(1, 'g', 0, 1n, 2n)], points: [point(1, 'g', 1n)], states: [state('g', 1)], windows: new Map([['g', '{}']]) }),
    );
    await deleteClusterWithHistory(cluster.id);
    expect(await db.kafkaGroupState.count({ where: { clusterId: cluster.id } })).toBe(0);
    expect(await db.kafkaGroupWindow.count({ where: { clusterId: cluster.id } })).toBe(0);
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
