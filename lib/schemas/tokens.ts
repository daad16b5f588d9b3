import { z } from 'zod';
import { displayNameSchema } from '@/lib/schemas/names';

export const createTokenSchema = z.strictObject({
  name: displayNameSchema('name', { max: 80 }),
  expiresInDays: z
    .number()
    .int('expiresInDays must be a whole number')
    .min(1, 'expiresInDays must be at least 1')
    .max(365, 'expiresInDays must be at most 365')
    .optional(),
});

/** What the browser sees of a token: never its value or hash. */
export type ApiTokenDto = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};
