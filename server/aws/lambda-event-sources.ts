import 'server-only';
import { LambdaClient, paginateListEventSourceMappings, type EventSourceMappingConfiguration } from '@aws-sdk/client-lambda';
import { createAwsClient, type AwsTargetRef } from '@/server/aws/clients';

/** One Lambda event source mapping as ListEventSourceMappings returns it. */
export type EventSourceMapping = EventSourceMappingConfiguration;

/** Every Lambda event source mapping of a target's region (all pages). */
export async function listEventSourceMappings(target: AwsTargetRef): Promise<EventSourceMappingConfiguration[]> {
  const client = createAwsClient(LambdaClient, target);
  const mappings: EventSourceMappingConfiguration[] = [];
  for await (const page of paginateListEventSourceMappings({ client, pageSize: 100 }, {})) mappings.push(...(page.EventSourceMappings ?? []));
  return mappings;
}
