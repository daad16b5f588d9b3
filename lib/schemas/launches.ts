import { z } from 'zod';
import { awsRegionSchema } from '@/lib/schemas/targets';

// CloudFormation parameters are strings; numbers, booleans and lists are accepted for convenience
// and turned into CloudFormation's text form (lists comma-separated). Numbers beyond 2^53 - 1 would
// reach CloudFormation rounded (2^64 becomes 18446744073709552000), so those must come as text.
const parameterNumber = z
  .number()
  .min(-Number.MAX_SAFE_INTEGER, 'numbers must be within ±9007199254740991 (send larger ones as text)')
  .max(Number.MAX_SAFE_INTEGER, 'numbers must be within ±9007199254740991 (send larger ones as text)');
/** CloudFormation's quota for one parameter value. */
const MAX_PARAMETER_VALUE_BYTES = 4096;
const parameterValue = z
  .union([z.string(), parameterNumber, z.boolean(), z.array(z.union([z.string(), parameterNumber]))], { error: 'must be a string, number, boolean or list' })
  .transform((v) => (Array.isArray(v) ? v.join(',') : String(v)))
  .refine((v) => new TextEncoder().encode(v).length <= MAX_PARAMETER_VALUE_BYTES, `must be at most ${MAX_PARAMETER_VALUE_BYTES} bytes, CloudFormation's limit`);

const parametersSchema = z.record(z.string().min(1).max(255), parameterValue).default({});

const tagsSchema = z
  .record(
    z.string().min(1, 'tag keys must not be empty').max(127, 'tag keys must be at most 127 characters'),
    z.string().max(255, 'tag values must be at most 255 characters'),
  )
  .default({});

const semver = z.string().regex(/^\d+\.\d+\.\d+$/, 'version must be a semantic version such as 1.2.0');

export const launchRequestSchema = z.strictObject({
  blueprint: z.string().min(1, 'blueprint is required').max(100),
  version: semver.optional(),
  /** A target's id or name; `sandbox` names the Sandbox target. */
  target: z.string().min(1, 'target is required').max(100),
  region: awsRegionSchema,
  stackName: z.string({ error: 'stackName is required' }).min(1, 'stackName is required').max(128, 'stackName must be at most 128 characters'),
  parameters: parametersSchema,
  tags: tagsSchema,
  /** The team that owns the launch (id or slug); needed only when you launch for several teams. */
  team: z.string().min(1).max(100).optional(),
  /** Executes this preview's change set instead of creating a new one. */
  previewId: z.string().min(1).max(100).optional(),
});
export type LaunchRequest = z.infer<typeof launchRequestSchema>;

/** Which stack's preview builds to follow: the launch request's own target, region and stack name. */
export const launchBuildProgressSchema = launchRequestSchema.pick({ target: true, region: true, stackName: true });
export type LaunchBuildProgressQuery = z.infer<typeof launchBuildProgressSchema>;

export const launchUpdateSchema = z.strictObject({
  /** Parameters to change; secret (NoEcho) ones left out keep their previous value. */
  parameters: parametersSchema,
  tags: tagsSchema.optional(),
  /** Move to this blueprint version (default: stay on the current one; `latest` for the newest). */
  version: z.union([semver, z.literal('latest')]).optional(),
  /** Only compute the change-set preview. */
  dryRun: z.boolean().default(false),
});
export type LaunchUpdateRequest = z.infer<typeof launchUpdateSchema>;

export const LAUNCH_PAGE_SIZE_DEFAULT = 50;
export const LAUNCH_PAGE_SIZE_MAX = 200;

export const launchListSchema = z.strictObject({
  scope: z.enum(['mine', 'team', 'all'], { error: 'scope must be mine, team or all' }).default('team'),
  blueprint: z.string().max(100).optional(),
  status: z.string().max(60).optional(),
  target: z.string().max(100).optional(),
  includeDeleted: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Launches per page, newest first (by creation time, then id). */
  limit: z.coerce
    .number({ error: `limit must be a whole number from 1 to ${LAUNCH_PAGE_SIZE_MAX}` })
    .int(`limit must be a whole number from 1 to ${LAUNCH_PAGE_SIZE_MAX}`)
    .min(1, `limit must be a whole number from 1 to ${LAUNCH_PAGE_SIZE_MAX}`)
    .max(LAUNCH_PAGE_SIZE_MAX, `limit must be at most ${LAUNCH_PAGE_SIZE_MAX}`)
    .default(LAUNCH_PAGE_SIZE_DEFAULT),
  /** The `nextCursor` of the page before; opaque. */
  cursor: z
    .string()
    .max(200, 'cursor must be the nextCursor of an earlier page')
    .regex(/^[A-Za-z0-9_-]+$/, 'cursor must be the nextCursor of an earlier page')
    .optional(),
});
export type LaunchListQuery = z.infer<typeof launchListSchema>;

export const teardownSchema = z.strictObject({
  /** Resources to keep when a previous delete failed on them (CloudFormation RetainResources). */
  retainResources: z.array(z.string().min(1).max(255)).max(200).optional(),
});
