import { z } from 'zod';
import { BLUEPRINT_CATEGORIES, DASHBOARD_KINDS } from '@/lib/blueprints/types';

export const blueprintSearchSchema = z.strictObject({
  q: z.string().max(200, 'q must be at most 200 characters').optional(),
  service: z.string().max(80).optional(),
  category: z.enum(BLUEPRINT_CATEGORIES, { error: `category must be one of ${BLUEPRINT_CATEGORIES.join(', ')}` }).optional(),
  dashboard: z.enum(DASHBOARD_KINDS, { error: `dashboard must be one of ${DASHBOARD_KINDS.join(', ')}` }).optional(),
  sandboxReady: z
    .enum(['true', 'false'], { error: 'sandboxReady must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce
    .number({ error: 'limit must be a whole number from 1 to 500' })
    .int('limit must be a whole number from 1 to 500')
    .min(1, 'limit must be a whole number from 1 to 500')
    .max(500, 'limit must be a whole number from 1 to 500')
    .default(100),
  offset: z.coerce
    .number({ error: 'offset must be a whole number of at least 0' })
    .int('offset must be a whole number of at least 0')
    .min(0, 'offset must be a whole number of at least 0')
    .default(0),
});
