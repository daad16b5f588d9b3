import { z } from 'zod';
import { displayNameSchema } from '@/lib/schemas/names';
import { checkTagPattern, isReservedTagKey, TAG_KEY_CHARS, TAG_VALUE_CHARS, tagRuleProblem, type RequiredTagRule } from '@/lib/launches/tags';

// Teams administration (platform admins create, rename and archive teams; team admins manage their
// own team's local members and required launch tags).

const ROLES = ['viewer', 'developer', 'admin'] as const;
const roleSchema = z.enum(ROLES, { error: 'role must be viewer, developer or admin' });

/** A team's slug: what URLs, tags and IdP group rules name it by, so it never changes once created. */
export const teamSlugSchema = z
  .string({ error: 'slug is required' })
  .min(2, 'slug must be 2 to 40 characters')
  .max(40, 'slug must be 2 to 40 characters')
  .regex(/^[a-z][a-z0-9-]*[a-z0-9]$/, 'slug must be lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen');

export const teamCreateSchema = z.strictObject({ slug: teamSlugSchema, name: displayNameSchema('name', { max: 80 }) });
export type TeamCreateInput = z.infer<typeof teamCreateSchema>;

export const teamRenameSchema = z.strictObject({ name: displayNameSchema('name', { max: 80 }) });
export type TeamRenameInput = z.infer<typeof teamRenameSchema>;

export const teamListQuerySchema = z.strictObject({
  includeArchived: z.enum(['true', 'false'], { error: 'includeArchived must be true or false' }).optional(),
});

export const memberAddSchema = z.strictObject({
  email: z
    .string({ error: 'email is required' })
    .trim()
    .toLowerCase()
    .max(254, 'email must be at most 254 characters')
    .email('email must be an e-mail address'),
  role: roleSchema,
});
export type MemberAddInput = z.infer<typeof memberAddSchema>;

export const memberRoleSchema = z.strictObject({ role: roleSchema });
export type MemberRoleInput = z.infer<typeof memberRoleSchema>;

const tagValueSchema = (field: string) =>
  z.string().max(255, `${field} must be at most 255 characters`).regex(TAG_VALUE_CHARS, `${field} may use letters, digits, spaces and _ . : / = + - @`);

/** One required tag as an admin writes it: a key, then allowed values or a pattern (not both), and a default. */
export const requiredTagRuleSchema: z.ZodType<RequiredTagRule> = z
  .strictObject({
    key: z
      .string({ error: 'key is required' })
      .trim()
      .min(1, 'key is required')
      .max(127, 'key must be at most 127 characters')
      .regex(TAG_KEY_CHARS, 'key may use letters, digits, spaces and _ . : / = + - @')
      .refine((k) => !isReservedTagKey(k), 'key must not start with aws: (reserved by AWS)'),
    allowedValues: z
      .array(tagValueSchema('allowedValues').min(1, 'allowedValues must not contain an empty value'))
      .min(1, 'allowedValues must list at least one value')
      .max(100, 'allowedValues may list at most 100 values')
      .optional(),
    pattern: z
      .string()
      .min(1, 'pattern must not be empty')
      .max(200, 'pattern must be at most 200 characters')
      .superRefine((pattern, ctx) => {
        const problem = checkTagPattern(pattern);
        if (problem) ctx.addIssue({ code: 'custom', message: `pattern ${problem}` });
      })
      .optional(),
    default: tagValueSchema('default').optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.allowedValues && rule.pattern !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'give allowed values or a pattern, not both' });
      return;
    }
    if (rule.allowedValues && new Set(rule.allowedValues).size !== rule.allowedValues.length) {
      ctx.addIssue({ code: 'custom', path: ['allowedValues'], message: 'allowedValues lists a value twice' });
    }
    if (rule.default) {
      const problem = tagRuleProblem(rule, rule.default);
      if (problem) ctx.addIssue({ code: 'custom', path: ['default'], message: `default ${problem}` });
    }
  });

export const requiredTagsInputSchema = z
  .strictObject({ tags: z.array(requiredTagRuleSchema).max(40, 'tags may list at most 40 required tags') })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.tags.forEach((rule, i) => {
      if (seen.has(rule.key)) ctx.addIssue({ code: 'custom', path: ['tags', i, 'key'], message: `key ${rule.key} is listed twice` });
      seen.add(rule.key);
    });
  });
export type RequiredTagsInput = z.infer<typeof requiredTagsInputSchema>;

/** A team as lists show it; `archivedAt` is null for a team in use. */
export type TeamDto = { id: string; slug: string; name: string; requiredTags: RequiredTagRule[]; archivedAt: string | null };

/** One membership on the team's admin page. */
export type TeamMemberDto = {
  id: string;
  userId: string;
  email: string;
  name: string;
  role: (typeof ROLES)[number];
  /** local: an admin's assignment, editable here; idp: from the identity provider, replaced at each sign-in. */
  source: 'local' | 'idp';
  idpGroup: string | null;
};

/** A launch that keeps a team from being archived. */
export type LiveLaunchRefDto = { id: string; stackName: string; status: string };
