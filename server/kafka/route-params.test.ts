import { describe, expect, it } from 'vitest';
import { consumerGroupParam } from './route-params';

describe('consumerGroupParam', () => {
  it('passes any group id Kafka accepts', () => {
    expect(consumerGroupParam({ id: 'c1', group: 'lambda consumer · orders' })).toBe('lambda consumer · orders');
    expect(consumerGroupParam({ group: 'g'.repeat(32_767) })).toHaveLength(32_767);
  });

  it('refuses what Kafka refuses with a 422 naming the group', () => {
    for (const group of ['', 'é'.repeat(16_384)]) {
      let error: unknown;
      try {
        consumerGroupParam({ group });
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'VALIDATION', fields: { group: [expect.stringMatching(/^A consumer group id/)] } });
    }
  });
});
