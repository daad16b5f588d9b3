import 'server-only';
import type { Actor } from '@/server/auth/actor';
import type { StoredGroupPrefix } from '@/server/tenancy/queries';
import type { ResourceOwnerDto, TeamRefDto } from '@/lib/tenancy/dto';

// Consumer groups on a shared cluster belong to the team whose group-id prefix matches (prefixes of
// different teams never overlap, so at most one team matches); on a team's own cluster, groups no
// prefix names are that team's; on the every-team sandbox cluster they belong to nobody. Anyone who
// reads the cluster sees every group and its owner; only the owner's developers reset offsets, and
// groups nobody owns only platform admins.

/** The owner of a group id given the cluster's prefixes and its own team (null: every team). */
export function groupOwnerFrom(
  groupId: string,
  prefixes: readonly Pick<StoredGroupPrefix, 'prefix' | 'team'>[],
  clusterTeam: TeamRefDto | null,
): ResourceOwnerDto {
  let best: Pick<StoredGroupPrefix, 'prefix' | 'team'> | undefined;
  for (const p of prefixes) if (groupId.startsWith(p.prefix) && (!best || p.prefix.length > best.prefix.length)) best = p;
  if (best) return { kind: 'team', team: best.team, prefix: best.prefix };
  if (clusterTeam) return { kind: 'team', team: clusterTeam, prefix: null };
  return { kind: 'unowned' };
}

/** True when two prefixes could both match one group id (one starts the other). */
export function prefixesOverlap(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** True when the actor may reset at least one group on the cluster (for links and forms). */
export function canResetSomeGroup(actor: Actor, clusterTeamId: string | null, prefixes: readonly Pick<StoredGroupPrefix, 'team'>[]): boolean {
  if (actor.isPlatformAdmin) return true;
  const developerTeams = new Set(actor.teams.filter((t) => t.role !== 'viewer').map((t) => t.id));
  return (clusterTeamId !== null && developerTeams.has(clusterTeamId)) || prefixes.some((p) => developerTeams.has(p.team.id));
}
