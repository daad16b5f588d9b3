import { describe, expect, it } from 'vitest';

import { parseConsumerGroupTable } from './consumer-group-command';

describe('parseConsumerGroupTable', () => {
  it('reads every group table, with "-" as null', () => {
    const stdout = `
Consumer group 'billing' has no active members.

GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID
billing         orders          1          7               10              3               -               -               -
billing         orders          0          4               10              6               -               -               -

GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID                                      HOST            CLIENT-ID
audit           orders          2          -               10              -               audit-worker-2b8c1b1e-5d7a-4d0e-9c63-0c5c7f1b2d11 /127.0.0.1      audit-worker
`;
    expect(parseConsumerGroupTable(stdout)).toEqual([
      { group: 'billing', topic: 'orders', partition: 1, currentOffset: '7', logEndOffset: '10', lag: '3', consumerId: null, host: null, clientId: null },
      { group: 'billing', topic: 'orders', partition: 0, currentOffset: '4', logEndOffset: '10', lag: '6', consumerId: null, host: null, clientId: null },
      {
        group: 'audit',
        topic: 'orders',
        partition: 2,
        currentOffset: null,
        logEndOffset: '10',
        lag: null,
        consumerId: 'audit-worker-2b8c1b1e-5d7a-4d0e-9c63-0c5c7f1b2d11',
        host: '/127.0.0.1',
        clientId: 'audit-worker',
      },
    ]);
  });
});
