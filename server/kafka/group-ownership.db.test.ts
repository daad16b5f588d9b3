import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/server/db';
import type { Actor } from '@/server/auth/actor';
import { listClustersForActor } from './clusters';
import { addClusterGroupPrefix, listClusterGroupPrefixes, loadGroupOwnership, removeClusterGroupPrefix } from './group-ownership';
import { deleteClusterWithHistory, findCluster, insertCluster } from './queries';

// Consumer group ownership against the real database: prefixes decide the owner on a shared cluster,
// the cluster's team owns the rest of its own cluster, nobody owns the rest of a shared one; prefixes
// of two teams never overlap; only admins edit their own team's prefixes.

const run = randomUUID().slice(0, 8);
const teams = { falcon: { id: '', slug: `falcon-${run}`, name: 'Falcon' }, eagle: { id: '', slug: `eagle-${run}`, name: 'Eagle' } };
const clusterIds: string[] = [];

const actor = (memberships: { team: { id: string; slug: string }; role: 'viewer' | 'developer' | 'admin' }[], isPlatformAdmin = false): Actor => ({
  userId: `user-${run}`,
  email: `user-${run}@example.com`,
  name: 'Test',
  isPlatformAdmin,
  via: 'session',
  teams: memberships.map((m) => ({ id: m.team.id, slug: m.team.slug, name: m.team.slug, role: m.role })),
});

async function newCluster(name: string, teamId: string | null) {
  const cluster = await insertCluster({
    name: `${name}-${run}`,
    settings: { kind: 'plaintext', brokers: ['127.0.0.1:9'] },
    secrets: {},
    targetId: null,
    teamId,
  });
  clusterIds.push(cluster.id);
  return cluster;
}

beforeAll(async () => {
  for (const t of Object.values(teams)) t.id = (await db.team.create({ data: { slug: t.slug, name: t.name } })).id;
});

afterAll(async () => {
  for (const id of clusterIds) if (await findCluster(id)) await deleteClusterWithHistory(id);
  await db.auditLog.deleteMany({ where: { resourceType: 'kafka-group-prefix' } });
  await db.team.deleteMany({ where: { id: { in: [teams.falcon.id, teams.eagle.id] } } });
});

describe('consumer group ownership', () => {
  it('on a shared cluster: the matching prefix owns, the longest wins, the rest is nobody’s; only owners reset', async () => {
    const shared = await newCluster('shared', null);
    const platformAdmin = actor([], true);
    const falconAdmin = actor([{ team: teams.falcon, role: 'admin' }]);
    const eagleAdmin = actor([{ team: teams.eagle, role: 'admin' }]);
    await addClusterGroupPrefix(falconAdmin, shared.id, { team: teams.falcon.slug, prefix: 'demo-' });
    await addClusterGroupPrefix(eagleAdmin, shared.id, { team: teams.eagle.id, prefix: 'billing-' });

    const falconDev = await loadGroupOwnership(actor([{ team: teams.falcon, role: 'developer' }]), shared);
    const falconViewer = await loadGroupOwnership(actor([{ team: teams.falcon, role: 'viewer' }]), shared);
    const eagleDev = await loadGroupOwnership(actor([{ team: teams.eagle, role: 'developer' }]), shared);
    const admin = await loadGroupOwnership(platformAdmin, shared);

    expect(falconDev('demo-billing').owner).toMatchObject({ kind: 'team', team: { id: teams.falcon.id }, prefix: 'demo-' });
    expect(falconDev('demo-billing').access).toEqual({ canRead: true, canOperate: true });
    expect(falconViewer('demo-billing').access).toEqual({ canRead: true, canOperate: false });
    expect(eagleDev('demo-billing').access.canOperate).toBe(false);
    expect(eagleDev('billing-eu').access.canOperate).toBe(true);
    expect(falconDev('billing-eu').access.canOperate).toBe(false);
    expect(falconDev('orders-consumer').owner).toEqual({ kind: 'unowned' });
    expect(falconDev('orders-consumer').access.canOperate).toBe(false);
    expect(admin('orders-consumer').access.canOperate).toBe(true);

    // The cluster's list says who may reset something here: owners of a prefix, not others.
    const [forEagleViewer] = (await listClustersForActor(actor([{ team: teams.eagle, role: 'viewer' }]))).filter((c) => c.id === shared.id);
    const [forEagleDev] = (await listClustersForActor(actor([{ team: teams.eagle, role: 'developer' }]))).filter((c) => c.id === shared.id);
    expect(forEagleViewer?.permissions.canResetOffsets).toBe(false);
    expect(forEagleDev?.permissions.canResetOffsets).toBe(true);
  });

  it('on a team’s own cluster: groups without a prefix belong to that team', async () => {
    const own = await newCluster('falcon-own', teams.falcon.id);
    const ownerOf = await loadGroupOwnership(actor([{ team: teams.falcon, role: 'developer' }]), own);
    expect(ownerOf('anything').owner).toMatchObject({ kind: 'team', team: { id: teams.falcon.id }, prefix: null });
    expect(ownerOf('anything').access.canOperate).toBe(true);
    // Another team cannot own groups on a team's cluster, even through a platform admin.
    await expect(addClusterGroupPrefix(actor([], true), own.id, { team: teams.eagle.slug, prefix: 'x-' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { team: ['must be the team that owns the cluster'] },
    });
  });

  it('refuses overlapping prefixes of another team, duplicates, and editing other teams’ prefixes', async () => {
    const shared = await newCluster('overlap', null);
    const falconAdmin = actor([{ team: teams.falcon, role: 'admin' }]);
    const eagleAdmin = actor([{ team: teams.eagle, role: 'admin' }]);
    const created = await addClusterGroupPrefix(falconAdmin, shared.id, { team: teams.falcon.slug, prefix: 'demo-' });

    await expect(addClusterGroupPrefix(eagleAdmin, shared.id, { team: teams.eagle.slug, prefix: 'demo-billing' })).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: { prefix: [expect.stringContaining('demo-')] },
    });
    await expect(addClusterGroupPrefix(eagleAdmin, shared.id, { team: teams.eagle.slug, prefix: 'dem' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(addClusterGroupPrefix(falconAdmin, shared.id, { team: teams.falcon.slug, prefix: 'demo-' })).rejects.toMatchObject({ code: 'CONFLICT' });
    // A team admin may not give prefixes to, or take them from, another team; developers not at all.
    await expect(addClusterGroupPrefix(eagleAdmin, shared.id, { team: teams.falcon.slug, prefix: 'other-' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      addClusterGroupPrefix(actor([{ team: teams.falcon, role: 'developer' }]), shared.id, { team: teams.falcon.slug, prefix: 'dev-' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(removeClusterGroupPrefix(eagleAdmin, shared.id, created.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const listed = await listClusterGroupPrefixes(eagleAdmin, shared.id);
    expect(listed).toEqual([expect.objectContaining({ prefix: 'demo-', team: expect.objectContaining({ id: teams.falcon.id }), canDelete: false })]);
    await removeClusterGroupPrefix(falconAdmin, shared.id, created.id);
    expect(await listClusterGroupPrefixes(falconAdmin, shared.id)).toEqual([]);
    const audit = await db.auditLog.findMany({ where: { resourceId: created.id }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['kafka.group-prefix.create', 'kafka.group-prefix.delete']);
  });
});
