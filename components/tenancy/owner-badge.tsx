import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { ownerLabel, type ResourceOwnerDto } from '@/lib/tenancy/dto';

/** Who owns a resource: its team (with the launch that created it), the assigned teams, or nobody. */
export function OwnerBadge({ owner, withLaunch = true }: { owner: ResourceOwnerDto; withLaunch?: boolean }) {
  const title =
    owner.kind === 'launch'
      ? `Created by launch ${owner.launch.stackName} of team ${owner.team.slug}`
      : owner.kind === 'assigned'
        ? 'Assigned by an admin (Settings → Resource ownership)'
        : owner.kind === 'team'
          ? owner.prefix
            ? `Group ids starting with "${owner.prefix}" belong to team ${owner.team.slug}`
            : `The cluster belongs to team ${owner.team.slug}`
          : 'No launch created it and no assignment names it';
  return (
    <span className="inline-flex flex-wrap items-center gap-1" data-testid="owner">
      <Badge tone={owner.kind === 'unowned' ? 'warn' : 'neutral'} className="whitespace-nowrap">
        <span title={title}>{owner.kind === 'unowned' ? 'no owner' : ownerLabel(owner)}</span>
      </Badge>
      {withLaunch && owner.kind === 'launch' && (
        <Link href={`/launches/${owner.launch.id}`} className="text-xs text-brand-700 underline-offset-2 hover:underline">
          {owner.launch.stackName}
        </Link>
      )}
    </span>
  );
}
