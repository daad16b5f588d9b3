import 'server-only';
import { db } from '@/server/db';

/** Asks the database the smallest question there is; throws when it does not answer. */
export async function pingDatabase(): Promise<void> {
  await db.$queryRawUnsafe('SELECT 1');
}
