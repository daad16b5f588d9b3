import 'server-only';
import { env } from '@/server/env';

/** How often the Kafka pages poll: about once per sampling round, between 5 and 30 seconds. */
export function listRefreshMs(): number {
  return Math.min(30_000, Math.max(5_000, env().KAFKA_LAG_SAMPLE_INTERVAL_MS));
}
