import 'server-only';
import { cookies } from 'next/headers';
import { listTargetsForActor } from '@/server/targets/queries';
import type { Actor } from '@/server/auth/actor';
import type { TargetDto } from '@/lib/schemas/targets';

export const TARGET_COOKIE = 'slipway-target';

export type CurrentTarget = { target: TargetDto; region: string; targets: TargetDto[] };

/** The target and region chosen in the switcher (a cookie), falling back to the first usable one. */
export async function getCurrentTarget(actor: Actor): Promise<CurrentTarget | null> {
  const targets = await listTargetsForActor(actor);
  const [first] = targets;
  if (!first) return null;
  const [id, region] = ((await cookies()).get(TARGET_COOKIE)?.value ?? '').split('|');
  const target = targets.find((t) => t.id === id) ?? first;
  const chosenRegion = region && target.regions.includes(region) ? region : (target.regions[0] ?? 'us-east-1');
  return { target, region: chosenRegion, targets };
}
