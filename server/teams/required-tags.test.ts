import { describe, expect, it } from 'vitest';
import { parseRequiredTags, serializeRequiredTags } from './required-tags';

describe('parseRequiredTags', () => {
  it('reads the old object form as rules, in its order, "" meaning no default', () => {
    expect(parseRequiredTags('{"project-name":"falcon","cost-center":"CC-1001","owner":""}')).toEqual([
      { key: 'project-name', default: 'falcon' },
      { key: 'cost-center', default: 'CC-1001' },
      { key: 'owner' },
    ]);
    expect(parseRequiredTags('{}')).toEqual([]);
  });

  it('reads the list form back exactly as written', () => {
    const rules = [{ key: 'env', allowedValues: ['dev', 'prod'], default: 'dev' }, { key: 'cost-center', pattern: 'CC-\\d{4}' }, { key: 'owner' }];
    expect(parseRequiredTags(serializeRequiredTags(rules))).toEqual(rules);
    expect(parseRequiredTags('[]')).toEqual([]);
  });

  it('leaves out empty defaults so a rule without one reads the same either way', () => {
    expect(serializeRequiredTags([{ key: 'owner', default: '' }])).toBe('[{"key":"owner"}]');
  });

  it('fails loudly on a value that is neither form', () => {
    expect(() => parseRequiredTags('"x"')).toThrow();
    expect(() => parseRequiredTags('{"k":1}')).toThrow();
  });
});
