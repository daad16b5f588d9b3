// Who owns a resource and what the signed-in person may do with it: shown next to every state
// machine, execution and consumer group (server/tenancy decides; the browser only displays).

export interface TeamRefDto {
  id: string;
  slug: string;
  name: string;
}

export type ResourceOwnerDto =
  /** Created by a launch: the launch's team owns it. */
  | { kind: 'launch'; team: TeamRefDto; launch: { id: string; stackName: string } }
  /** No launch created it; an admin assigned it (ARN pattern or tag rule) to these teams. */
  | { kind: 'assigned'; teams: TeamRefDto[] }
  /** Consumer groups: the team whose group-id prefix matches (or the cluster's own team). */
  | { kind: 'team'; team: TeamRefDto; prefix: string | null }
  /** Nobody: listed to the target's (or cluster's) teams, its data for platform admins only. */
  | { kind: 'unowned' };

export interface ResourceAccessDto {
  /** May read the resource's data (execution input and output, history, logs). */
  canRead: boolean;
  /** May act on it (start and stop executions, reset offsets). */
  canOperate: boolean;
}

/** A short label for the owner ("falcon", "falcon, eagle", "nobody"). */
export function ownerLabel(owner: ResourceOwnerDto): string {
  switch (owner.kind) {
    case 'launch':
    case 'team':
      return owner.team.slug;
    case 'assigned':
      return owner.teams.map((t) => t.slug).join(', ');
    case 'unowned':
      return 'nobody';
  }
}

/** Resource assignment rules, as Settings lists them. */
export interface ResourceAssignmentDto {
  id: string;
  targetId: string;
  team: TeamRefDto;
  kind: 'arn-pattern' | 'tag';
  /** arn-pattern: the pattern; tag: the key. */
  pattern: string;
  /** tag only. */
  tagValue: string | null;
  createdAt: string;
  canDelete: boolean;
}

export interface KafkaGroupPrefixDto {
  id: string;
  clusterId: string;
  team: TeamRefDto;
  prefix: string;
  createdAt: string;
  canDelete: boolean;
}
