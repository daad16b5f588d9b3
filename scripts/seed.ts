// Seeds the demo data (idempotent): `npm run db:seed`. With `--showcase` (what `npm run demo` passes
// when the sandbox runs) it also launches blueprints, runs a workflow and makes a lagging consumer group.
import { seedDemoData } from '@/server/seed';
import { seedShowcase } from '@/server/seed/showcase';
import { disconnectDatabase } from '@/server/db';

try {
  await seedDemoData();
  if (process.argv.includes('--showcase')) {
    try {
      await seedShowcase();
    } catch (err) {
      // The portal still starts; the pages say what is missing.
      console.warn(`The demo showcase could not be built: ${(err as Error).message}`);
    }
  }
} finally {
  await disconnectDatabase();
}
