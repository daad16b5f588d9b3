import 'server-only';

/**
 * The Kafka page's query for a launch: the MSK cluster by ARN (the page opens it when registered) and
 * the group; without an ARN (a self-managed source, such as the sandbox broker) the group alone, which
 * the page highlights among the event source mappings.
 */
export function kafkaDashboardQuery(clusterArn: string | undefined, group: string | undefined | false): string {
  const params = new URLSearchParams();
  if (clusterArn) params.set('clusterArn', clusterArn);
  if (group) params.set('group', group);
  const query = params.toString();
  return query ? `?${query}` : '';
}
