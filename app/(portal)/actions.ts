'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { requirePageActor } from '@/server/auth/session';
import { getTargetForActor } from '@/server/targets/queries';
import { TARGET_COOKIE } from '@/server/targets/current';

const switchSchema = z.object({ targetId: z.string().min(1), region: z.string().min(1) });

/** Remembers the target switcher's choice (validated against what the actor may use). */
export async function switchTarget(input: { targetId: string; region: string }): Promise<{ error?: string }> {
  const actor = await requirePageActor();
  const { targetId, region } = switchSchema.parse(input);
  const target = await getTargetForActor(actor, targetId).catch(() => null);
  if (!target) return { error: 'You may not use that target.' };
  if (!target.regions.includes(region)) return { error: `Region ${region} is not allowed for ${target.name}.` };
  (await cookies()).set(TARGET_COOKIE, `${target.id}|${region}`, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 60 * 60 * 24 * 365 });
  return {};
}
