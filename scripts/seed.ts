// Seeds the demo data (idempotent): `npm run db:seed`.
import { seedDemoData } from '@/server/seed';
import { db } from '@/server/db';

try {
  await seedDemoData();
} finally {
  await db.$disconnect();
}
