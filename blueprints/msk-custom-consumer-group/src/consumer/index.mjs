// Writes every record of an MSK batch to DynamoDB. The AWS SDK v3 ships with the Node.js runtime,
// so this folder needs no dependencies of its own.
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

const dynamodb = new DynamoDBClient({});
const TABLE_NAME = process.env.TABLE_NAME;
const MAX_ITEMS_PER_BATCH_WRITE = 25;

export const handler = async (event) => {
  // Records arrive grouped by "topic-partition"; flatten them in delivery order.
  const records = Object.values(event.records).flat();
  const items = records.map(toItem);
  for (let start = 0; start < items.length; start += MAX_ITEMS_PER_BATCH_WRITE) {
    await writeAll(items.slice(start, start + MAX_ITEMS_PER_BATCH_WRITE));
  }
  console.log(JSON.stringify({ stored: items.length }));
};

function toItem(record) {
  const value = record.value ? Buffer.from(record.value, 'base64').toString('utf8') : '';
  return {
    // topic, partition and offset identify a record, so a redelivered batch overwrites instead of duplicating.
    pk: { S: `${record.topic}-${record.partition}-${record.offset}` },
    topic: { S: record.topic },
    partition: { N: String(record.partition) },
    offset: { N: String(record.offset) },
    timestamp: { N: String(record.timestamp) },
    value: { S: value },
  };
}

async function writeAll(items) {
  let pending = items.map((item) => ({ PutRequest: { Item: item } }));
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt === 5) throw new Error(`${pending.length} records could not be written after 5 attempts`);
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    const result = await dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [TABLE_NAME]: pending } }));
    pending = result.UnprocessedItems?.[TABLE_NAME] ?? [];
  }
}
