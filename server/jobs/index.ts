import 'server-only';
import { abacInventoryRefresherJob } from '@/server/jobs/abac-inventory-refresher';
import { auditPrunerJob } from '@/server/jobs/audit-pruner';
import { kafkaLagSamplerJob } from '@/server/jobs/kafka-lag-sampler';
import { launchPollerJob } from '@/server/jobs/launch-poller';
import { previewExpiryJob } from '@/server/jobs/preview-expiry';
import { rateLimitPrunerJob } from '@/server/jobs/rate-limit-pruner';
import type { Job } from '@/server/jobs/types';

/** Every job the worker runs. Features register theirs here. */
export const jobs: Job[] = [launchPollerJob, previewExpiryJob, kafkaLagSamplerJob, rateLimitPrunerJob, auditPrunerJob, abacInventoryRefresherJob];
