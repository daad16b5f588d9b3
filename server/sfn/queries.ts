import 'server-only';
import { db } from '@/server/db';
import type { RecentInputDto } from '@/lib/sfn/dto';

// The inputs a person last started a state machine with, offered again in the Start execution form.

/** How many recent inputs are kept per person and state machine. */
export const RECENT_INPUTS_KEPT = 5;

/** The actor's last inputs for a state machine, newest first. */
export async function listRecentInputs(userId: string, stateMachineArn: string): Promise<RecentInputDto[]> {
  const rows = await db.sfnRecentInput.findMany({
    where: { userId, stateMachineArn },
    orderBy: { usedAt: 'desc' },
    take: RECENT_INPUTS_KEPT,
  });
  return rows.map((r) => ({ input: r.input, usedAt: r.usedAt.toISOString() }));
}

/** Remembers an input (the same text again only moves to the top) and keeps the newest five. */
export async function rememberRecentInput(userId: string, stateMachineArn: string, input: string, usedAt = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.sfnRecentInput.deleteMany({ where: { userId, stateMachineArn, input } });
    await tx.sfnRecentInput.create({ data: { userId, stateMachineArn, input, usedAt } });
    const stale = await tx.sfnRecentInput.findMany({
      where: { userId, stateMachineArn },
      orderBy: { usedAt: 'desc' },
      skip: RECENT_INPUTS_KEPT,
      select: { id: true },
    });
    if (stale.length) await tx.sfnRecentInput.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
  });
}
