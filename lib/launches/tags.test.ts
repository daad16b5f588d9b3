import { describe, expect, it } from 'vitest';
import { checkTagPattern, mergeTags, tagRuleProblem, type RequiredTagRule } from './tags';

const required: RequiredTagRule[] = [{ key: 'project-name', default: 'falcon' }, { key: 'cost-center', default: 'CC-1001' }, { key: 'owner' }];

describe('mergeTags', () => {
  it('applies required tags, defaults the owner, and keeps extras', () => {
    const r = mergeTags(required, { env: 'dev' }, { owner: 'farah@example.com' });
    expect(r.errors).toEqual({});
    expect(r.tags).toEqual({ 'project-name': 'falcon', 'cost-center': 'CC-1001', owner: 'farah@example.com', env: 'dev' });
  });

  it('lets the launcher set a required tag but not blank it', () => {
    expect(mergeTags(required, { 'cost-center': 'CC-9' }, { owner: 'o' }).tags['cost-center']).toBe('CC-9');
    expect(mergeTags(required, { 'cost-center': '' }, { owner: 'o' }).tags['cost-center']).toBe('CC-1001');
    expect(mergeTags([{ key: 'team' }], {}).errors).toEqual({ 'tags.team': 'tags.team is required by your team' });
  });

  it('refuses reserved and malformed keys and long values', () => {
    const r = mergeTags([], { 'aws:x': '1', ['k'.repeat(128)]: '1', ok: 'v'.repeat(256) });
    expect(Object.keys(r.errors).sort()).toEqual(['tags.aws:x', `tags.${'k'.repeat(128)}`, 'tags.ok'].sort());
  });

  it('keeps tags named like built-in object properties', () => {
    const r = mergeTags(required, { constructor: 'c', toString: 't', hasOwnProperty: 'h' }, { owner: 'o' });
    expect(r.errors).toEqual({});
    expect(r.tags).toMatchObject({ constructor: 'c', toString: 't', hasOwnProperty: 'h' });
  });

  it('holds a required tag to its allowed values, default included, naming the field and the rule', () => {
    const rules: RequiredTagRule[] = [{ key: 'env', allowedValues: ['dev', 'prod'], default: 'dev' }];
    expect(mergeTags(rules, {}).tags.env).toBe('dev');
    expect(mergeTags(rules, { env: 'prod' }).errors).toEqual({});
    expect(mergeTags(rules, { env: 'test' }).errors).toEqual({ 'tags.env': 'tags.env must be one of dev, prod (a rule of your team)' });
  });

  it('matches a pattern against the whole value', () => {
    const rules: RequiredTagRule[] = [{ key: 'cost-center', pattern: 'CC-\\d{4}' }];
    expect(mergeTags(rules, { 'cost-center': 'CC-1001' }).errors).toEqual({});
    expect(mergeTags(rules, { 'cost-center': 'xCC-1001' }).errors).toEqual({
      'tags.cost-center': 'tags.cost-center must match the pattern CC-\\d{4} (a rule of your team)',
    });
    expect(mergeTags(rules, { 'cost-center': 'CC-10011' }).errors['tags.cost-center']).toMatch(/must match/);
    // A pattern with an alternation still has to match all of the value.
    expect(tagRuleProblem({ key: 'k', pattern: 'a|b' }, 'ab')).toMatch(/must match/);
    expect(tagRuleProblem({ key: 'k', pattern: 'a|b' }, 'b')).toBeNull();
  });

  it('checks the owner default against the rule as well', () => {
    const rules: RequiredTagRule[] = [{ key: 'owner', pattern: '[^@]+@example\\.com' }];
    expect(mergeTags(rules, {}, { owner: 'farah@example.com' }).errors).toEqual({});
    expect(mergeTags(rules, {}, { owner: 'farah@elsewhere.org' }).errors['tags.owner']).toMatch(/must match the pattern/);
  });

  it('refuses patterns that are not regular expressions or repeat a repeating group', () => {
    expect(checkTagPattern('CC-\\d{4}')).toBeNull();
    expect(checkTagPattern('(dev|prod)')).toBeNull();
    expect(checkTagPattern('[')).toBe('is not a valid regular expression');
    for (const bad of ['(a+)+', '(\\w*)*$', '(x|y+){2,}', '(a{1,3})*']) expect(checkTagPattern(bad), bad).toMatch(/must not repeat a group/);
  });
});
