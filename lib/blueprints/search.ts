// Catalog search: the server filters and ranks the catalog for the catalog page and the API.
import type { BlueprintSearchQuery, BlueprintSummaryDto } from '@/lib/blueprints/types';

/** A catalog row with its text precomputed for matching (lower-cased once, at load time). */
export interface SearchEntry {
  summary: BlueprintSummaryDto;
  title: string;
  keywords: string;
  text: string;
  services: Set<string>;
}

/**
 * Other names people search a catalog service by, keyed by its name as the blueprints list it (less
 * the Amazon/AWS prefix, lower-case): SDK and CLI names, abbreviations, what it is better known for.
 * Every service also matches its name run together or dashed ("stepfunctions", "step-functions").
 */
export const SERVICE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'step functions': ['sfn', 'states', 'state machine', 'workflow'],
  lambda: ['functions', 'serverless'],
  eventbridge: ['events', 'event bus', 'cloudwatch events'],
  sqs: ['queue', 'simple queue service'],
  sns: ['notifications', 'topic', 'simple notification service'],
  msk: ['kafka', 'managed streaming for apache kafka'],
  'api gateway': ['apigw', 'rest api', 'http api'],
  dynamodb: ['ddb', 'dynamo'],
  s3: ['bucket', 'simple storage service'],
  'secrets manager': ['secrets'],
  iam: ['identity and access management', 'roles', 'policies'],
  kms: ['key management service', 'encryption keys'],
  cloudwatch: ['logs', 'metrics', 'alarms'],
  'systems manager': ['ssm', 'parameter store'],
  'x-ray': ['tracing'],
  cloudformation: ['cfn', 'stacks'],
  'elastic load balancing': ['elb', 'alb', 'nlb', 'load balancer'],
  'kinesis data firehose': ['firehose', 'kinesis'],
  eks: ['kubernetes', 'k8s'],
  'controllers for kubernetes': ['ack', 'kubernetes', 'k8s'],
  ecs: ['containers', 'elastic container service'],
  ecr: ['container registry', 'docker images'],
  fargate: ['containers'],
  ec2: ['instances', 'virtual machines'],
  vpc: ['network', 'subnets'],
  codewhisperer: ['code suggestions', 'q developer'],
};

// "sfn" and "Step Functions" are one service when filtering; an alias two services share ("containers") names neither.
const CANONICAL_SERVICE = (() => {
  const owners = new Map<string, Set<string>>();
  for (const [service, aliases] of Object.entries(SERVICE_ALIASES))
    for (const alias of [...aliases, ...spellingsOf(service)]) owners.set(alias, (owners.get(alias) ?? new Set()).add(service));
  return new Map([...owners].filter(([, services]) => services.size === 1).map(([alias, services]) => [alias, [...services][0]!]));
})();

/** A service's name run together and dashed, as SDKs and URLs write it. */
function spellingsOf(service: string): string[] {
  return [service.replace(/[\s-]+/g, ''), service.replace(/\s+/g, '-')];
}

/** Every name a service answers to in a search: its own, its spellings and its aliases. */
export function serviceSearchNames(service: string): string[] {
  const name = normaliseService(service);
  return [...new Set([name, ...spellingsOf(name), ...(SERVICE_ALIASES[name] ?? [])])];
}

/** Builds the search entry of a catalog row. */
export function toSearchEntry(summary: BlueprintSummaryDto): SearchEntry {
  const title = summary.title.toLowerCase();
  const serviceNames = summary.services.flatMap(serviceSearchNames);
  const keywords = [...summary.services, ...serviceNames, ...summary.tags, summary.category, summary.slug].join(' ').toLowerCase();
  return {
    summary,
    title,
    keywords,
    text: `${title} ${keywords} ${summary.summary.toLowerCase()}`,
    services: new Set(summary.services.map(normaliseService)),
  };
}

/** "Amazon SQS", "sqs", "SQS" (and an alias such as "sfn" for Step Functions) are the same service to a person filtering the catalog. */
export function normaliseService(service: string): string {
  const name = service.toLowerCase().replace(/^(amazon|aws)\s+/, '').trim();
  return CANONICAL_SERVICE.get(name) ?? name;
}

/**
 * Filters and ranks the catalog: every word of `q` must occur in the title, summary, services or tags;
 * title matches rank above service and tag matches, which rank above summary matches.
 */
export function filterBlueprints(entries: readonly SearchEntry[], query: BlueprintSearchQuery): BlueprintSummaryDto[] {
  const terms = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const service = query.service ? normaliseService(query.service) : undefined;
  const scored: { entry: SearchEntry; score: number }[] = [];
  for (const entry of entries) {
    const { summary } = entry;
    if (service && !entry.services.has(service)) continue;
    if (query.category && summary.category !== query.category) continue;
    if (query.dashboard && !summary.dashboards.includes(query.dashboard)) continue;
    if (query.sandboxReady !== undefined && summary.sandboxReady !== query.sandboxReady) continue;
    if (!terms.every((term) => entry.text.includes(term))) continue;
    const score = terms.reduce((sum, term) => sum + (entry.title.includes(term) ? 3 : entry.keywords.includes(term) ? 2 : 1), 0);
    scored.push({ entry, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.entry.title.localeCompare(b.entry.title))
    .map(({ entry }) => entry.summary);
}
