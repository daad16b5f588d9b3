// DynamoDB access for the products table. The SDK client is traced, so each call is a subsegment.
import { DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';

import { tracer } from './powertools.mjs';

const client = tracer.captureAWSv3Client(new DynamoDBClient({}));
const TableName = process.env.TABLE_NAME;

const toProduct = (item) => ({ id: item.id.S, name: item.name.S, price: Number(item.price.N) });

export async function listProducts() {
  const result = await client.send(new ScanCommand({ TableName, Limit: 100 }));
  return (result.Items ?? []).map(toProduct);
}

export async function getProduct(id) {
  const result = await client.send(new GetItemCommand({ TableName, Key: { id: { S: id } } }));
  return result.Item ? toProduct(result.Item) : undefined;
}

export async function putProduct(product) {
  await client.send(
    new PutItemCommand({
      TableName,
      Item: { id: { S: product.id }, name: { S: product.name }, price: { N: String(product.price) } },
    }),
  );
}

export async function deleteProduct(id) {
  await client.send(new DeleteItemCommand({ TableName, Key: { id: { S: id } } }));
}
