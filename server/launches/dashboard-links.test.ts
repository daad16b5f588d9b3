import { describe, expect, it } from 'vitest';

import { kafkaDashboardQuery } from './dashboard-links';

describe('kafkaDashboardQuery', () => {
  it('names the MSK cluster and the group', () => {
    expect(kafkaDashboardQuery('arn:aws:kafka:us-east-1:123456789012:cluster/c/1', 'specificTimeCG')).toBe(
      '?clusterArn=arn%3Aaws%3Akafka%3Aus-east-1%3A123456789012%3Acluster%2Fc%2F1&group=specificTimeCG',
    );
  });

  it('names the group alone for a self-managed source, which has no cluster ARN', () => {
    expect(kafkaDashboardQuery('', 'specificTimeCG')).toBe('?group=specificTimeCG');
  });

  it('is empty when the launch names neither', () => {
    expect(kafkaDashboardQuery(undefined, undefined)).toBe('');
  });
});
