'use server';

import { cookies, headers } from 'next/headers';
import { z } from 'zod';
import { requirePageActor } from '@/server/auth/session';
import { getTargetForActor } from '@/server/targets/queries';
import { TARGET_COOKIE } from '@/server/targets/current';
import { baseCookieOptions } from '@/server/security/cookies';
import { hasSameOriginProof } from '@/server/security/same-origin';

const switchSchema = z.object({ targetId: z.string().min(1), region: z.string().min(1) });

// Next.js refuses a server action whose Origin host differs from X-Forwarded-Host (or Host), but
// lets one without any Origin through and compares hosts only. X-Forwarded-Host cannot be forged
// here: proxy.ts drops client-sent X-Forwarded-* unless SLIPWAY_TRUST_PROXY says a proxy sets them.
// That would suffice for a browser; the same proof as the API's is asked for anyway, so a
// cookie-authenticated write has one rule wherever it arrives.

/** Remembers the target switcher's choice (validated against what the actor may use). */
export async function switchTarget(input: { targetId: string; region: string }): Promise<{ error?: string }> {
  if (!hasSameOriginProof(await headers())) return { error: 'Cross-site request refused.' };
  const actor = await requirePageActor();
  const { targetId, region } = switchSchema.parse(input);
  const target = await getTargetForActor(actor, targetId).catch(() => null);
  if (!target) return { error: 'You may not use that target.' };
  if (!target.regions.includes(region)) return { error: `Region ${region} is not allowed for ${target.name}.` };
  (await cookies()).set(TARGET_COOKIE, `${target.id}|${region}`, { ...baseCookieOptions(), maxAge: 60 * 60 * 24 * 365 });
  return {};
}
