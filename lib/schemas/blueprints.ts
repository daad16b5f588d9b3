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
});
