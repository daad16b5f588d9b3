import 'server-only';
import { db, isUniqueViolation } from '@/server/db';
import type { MatrixFunction, MatrixPrincipal } from '@/server/abac/matrix';

// The stored ABAC inventories: one row per target and region holding the latest read (a new read
// replaces it, so retention is "the latest per target and region" by the primary key). The pages use
// it when the process has none in memory; the worker keeps the stored ones fresh.

/** A target and region's inventory as stored. */
export type StoredAbacInventory = { targetId: string; region: string; readAt: string; principals: MatrixPrincipal[]; functions: MatrixFunction[] };

/** Stores a target and region's inventory in place of the one read before. */
export async function saveAbacSnapshot(inventory: StoredAbacInventory): Promise<void> {
  const data = JSON.stringify({ principals: inventory.principals, functions: inventory.functions });
  const readAt = new Date(inventory.readAt);
  const { targetId, region } = inventory;
  // A slower read that started earlier must not replace a newer one: update only an older row, create when there is none.
  const updated = await db.abacInventorySnapshot.updateMany({ where: { targetId, region, readAt: { lte: readAt } }, data: { readAt, data } });
  if (updated.count > 0) return;
  try {
    await db.abacInventorySnapshot.create({ data: { targetId, region, readAt, data } });
  } catch (err) {
    // The row exists and is newer than this read (or another read created it first).
    if (!isUniqueViolation(err)) throw err;
  }
}

/** The stored inventory of a target and region, or null (none, or not readable as stored). */
export async function getAbacSnapshot(targetId: string, region: string): Promise<StoredAbacInventory | null> {
  const row = await db.abacInventorySnapshot.findUnique({ where: { targetId_region: { targetId, region } } });
  if (!row) return null;
  try {
    const data = JSON.parse(row.data) as { principals?: MatrixPrincipal[]; functions?: MatrixFunction[] };
    if (!Array.isArray(data.principals) || !Array.isArray(data.functions)) return null;
    return { targetId, region, readAt: row.readAt.toISOString(), principals: data.principals, functions: data.functions };
  } catch {
    return null;
  }
}

/** Every stored target and region read before `before`, oldest first, with the target's name. */
export async function listStaleAbacSnapshots(before: Date): Promise<{ targetId: string; targetName: string; region: string; readAt: Date }[]> {
  const rows = await db.abacInventorySnapshot.findMany({
    where: { readAt: { lt: before } },
    select: { targetId: true, region: true, readAt: true, target: { select: { name: true } } },
    orderBy: { readAt: 'asc' },
  });
  return rows.map((r) => ({ targetId: r.targetId, targetName: r.target.name, region: r.region, readAt: r.readAt }));
}
