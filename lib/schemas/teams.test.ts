import { describe, expect, it } from 'vitest';
import { memberAddSchema, requiredTagsInputSchema, teamCreateSchema } from './teams';

const problems = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.map(String).join('.'), i.message]));

describe('team schemas', () => {
  it('takes slugs URLs and tags can carry, and names without control characters', () => {
    expect(teamCreateSchema.safeParse({ slug: 'heron-2', name: 'Heron' }).success).toBe(true);
    expect(problems(teamCreateSchema.safeParse({ slug: 'Heron', name: 'x' }))).toHaveProperty('slug');
    expect(problems(teamCreateSchema.safeParse({ slug: 'heron-', name: 'x' }))).toHaveProperty('slug');
    expect(problems(teamCreateSchema.safeParse({ slug: 'heron', name: 'a\u202eb' }))).toHaveProperty('name');
    expect(problems(teamCreateSchema.safeParse({ slug: 'heron', name: 'x', extra: 1 }))).toHaveProperty('');
  });

  it('lower-cases e-mails and names the role rule', () => {
    expect(memberAddSchema.parse({ email: ' Farah@Example.com ', role: 'viewer' })).toEqual({ email: 'farah@example.com', role: 'viewer' });
    expect(problems(memberAddSchema.safeParse({ email: 'farah@example.com', role: 'owner' }))).toEqual({ role: 'role must be viewer, developer or admin' });
  });

  it('takes allowed values or a pattern, not both, and a default the rule accepts', () => {
    const ok = { tags: [{ key: 'env', allowedValues: ['dev', 'prod'], default: 'dev' }, { key: 'cc', pattern: 'CC-\\d{4}' }, { key: 'owner' }] };
    expect(requiredTagsInputSchema.parse(ok)).toEqual(ok);
    expect(problems(requiredTagsInputSchema.safeParse({ tags: [{ key: 'env', allowedValues: ['dev'], pattern: 'dev' }] }))).toEqual({
      'tags.0.pattern': 'give allowed values or a pattern, not both',
    });
    expect(problems(requiredTagsInputSchema.safeParse({ tags: [{ key: 'env', allowedValues: ['dev'], default: 'prod' }] }))).toEqual({
      'tags.0.default': 'default must be one of dev',
    });
    expect(problems(requiredTagsInputSchema.safeParse({ tags: [{ key: 'cc', pattern: 'CC-\\d{4}', default: 'X' }] }))).toEqual({
      'tags.0.default': 'default must match the pattern CC-\\d{4}',
    });
  });

  it('refuses broken or runaway patterns, reserved and repeated keys', () => {
    expect(problems(requiredTagsInputSchema.safeParse({ tags: [{ key: 'a', pattern: '(' }] }))).toEqual({
      'tags.0.pattern': 'pattern is not a valid regular expression',
    });
    expect(problems(requiredTagsInputSchema.safeParse({ tags: [{ key: 'a', pattern: '(a+)+' }] }))['tags.0.pattern']).toMatch(/must not repeat a group/);
    expect(problems(requiredTagsInputSchema.safeParse({ tags: [{ key: 'aws:x' }] }))).toEqual({
      'tags.0.key': 'key must not start with aws: (reserved by AWS)',
    });
    expect(problems(requiredTagsInputSchema.safeParse({ tags: [{ key: 'a' }, { key: 'a' }] }))).toEqual({ 'tags.1.key': 'key a is listed twice' });
  });
});
