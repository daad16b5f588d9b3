import { describe, expect, it } from 'vitest';

import { wrapLabel } from './wrap-label';

describe('wrapLabel', () => {
  it('keeps a short label on one line', () => {
    expect(wrapLabel('WorkQueue', 24)).toEqual(['WorkQueue']);
    expect(wrapLabel('', 24)).toEqual(['']);
  });

  it('breaks long logical ids between their words and loses nothing', () => {
    expect(wrapLabel('EnrichmentStateMachine', 16)).toEqual(['EnrichmentState', 'Machine']);
    expect(wrapLabel('ApiIntegrationsStack/OrdersQueueMapping', 24)).toEqual(['ApiIntegrationsStack/', 'OrdersQueueMapping']);
    expect(wrapLabel('SQSQueuePolicy2', 8)).toEqual(['SQSQueue', 'Policy2']);
    const long = 'SalesforceEventBridgeBidirectionalIntegrationRole';
    expect(wrapLabel(long, 24).join('')).toBe(long);
    expect(wrapLabel(long, 24).every((line) => line.length <= 24)).toBe(true);
  });

  it('cuts a single word longer than a line', () => {
    expect(wrapLabel('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});
