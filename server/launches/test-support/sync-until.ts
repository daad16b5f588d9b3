import { db } from '@/server/db';
import { syncLaunch } from '@/server/launches/sync';

/** Syncs a launch until `done` says so (the worker's job, done here so a test needs no worker). */
export async function syncLaunchUntil(id: string, done: (status: string) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.launch.findUniqueOrThrow({ where: { id } });
    await syncLaunch(row);
    const fresh = await db.launch.findUniqueOrThrow({ where: { id } });
    if (done(fresh.status)) return fresh;
    if (Date.now() > deadline) throw new Error(`launch ${id} still ${fresh.status}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
