import 'server-only';
import { env } from '@/server/env';
import { log } from '@/server/log';
import { expireAbandonedPreviews } from '@/server/launches/expire-previews';
import type { Job } from '@/server/jobs/types';

/** Deletes the change sets of previews left unconfirmed for SLIPWAY_PREVIEW_TTL_MINUTES (default 60). */
export const previewExpiryJob: Job = {
  name: 'preview-expiry',
  intervalMs: 60_000,
  run: async () => {
    const expired = await expireAbandonedPreviews(env().SLIPWAY_PREVIEW_TTL_MINUTES);
    if (expired.discarded || expired.updatesDropped) log.info('expired abandoned previews', expired);
  },
};
