import 'server-only';
import { isAppError } from '@/server/errors';
import { getDataProtectionPolicy, listTopicArns } from '@/server/aws/sns';
import { getLaunchDetail } from '@/server/launches/read';
import { resolveSfnTarget } from '@/server/sfn/access';
import { accessFor } from '@/server/tenancy/ownership';
import { parseTopicArn, resolveTopicOwners } from '@/server/sns/access';
import { parseDataProtectionPolicy } from '@/lib/sns/policy';
import type { SnsTopicListDto, TopicPolicyStateDto } from '@/lib/sns/dto';
import type { SnsTopicsQuery } from '@/lib/schemas/sns';
import type { AwsTargetRef } from '@/server/aws/clients';
import type { Actor } from '@/server/auth/actor';
import type { StackOutputDto, StackResourceDto } from '@/lib/launches/dto';
import { mapWithConcurrency } from '@/server/concurrency';

// The Topics page: topics of a target and region (or of one launch) that carry a data protection
// policy, a page at a time. SNS has no "topics with a policy" call, so every topic's policy is read
// (a few at once) and the list is filtered and paged here.

/** GetDataProtectionPolicy calls in flight at once. */
const CONCURRENCY = 6;

/** The SNS topics a launch created (their physical id is the ARN) or its outputs name. */
export function topicArnsOfLaunch(launch: { resources: StackResourceDto[]; outputs: StackOutputDto[] }): Set<string> {
  const candidates = [
    ...launch.resources.filter((r) => r.resourceType === 'AWS::SNS::Topic').map((r) => r.physicalId ?? ''),
    ...launch.outputs.map((o) => o.value),
  ];
  return new Set(candidates.filter((value) => parseTopicArn(value) !== null));
}

async function readPolicyState(ref: AwsTargetRef, arn: string): Promise<TopicPolicyStateDto | null> {
  let document: string | null;
  try {
    document = await getDataProtectionPolicy(ref, arn);
  } catch (err) {
    // One topic that cannot be read should not hide the others; an unreachable AWS hides them all.
    if (isAppError(err) && err.code === 'UNAVAILABLE') throw err;
    return { status: 'unreadable', message: err instanceof Error ? err.message : String(err) };
  }
  if (document === null) return null;
  const parsed = parseDataProtectionPolicy(document);
  if (!parsed.ok) {
    const first = parsed.problems[0]!;
    return { status: 'unreadable', message: `The policy is not one Slipway can read: ${first.field} ${first.message}.` };
  }
  const { policy } = parsed;
  return {
    status: 'attached',
    name: policy.name,
    statements: policy.statements.length,
    inbound: policy.statements.filter((s) => s.direction === 'Inbound').length,
    outbound: policy.statements.filter((s) => s.direction === 'Outbound').length,
    audits: policy.statements.some((s) => s.operation.kind === 'audit'),
    denies: policy.statements.some((s) => s.operation.kind === 'deny'),
  };
}

/** One page of the topics with a data protection policy in a target and region, or of one launch. */
export async function listTopicsWithPolicies(actor: Actor, query: SnsTopicsQuery): Promise<SnsTopicListDto> {
  let wanted: Set<string> | null = null;
  let launch: SnsTopicListDto['launch'];
  let target;
  if (query.launch) {
    const detail = await getLaunchDetail(actor, query.launch);
    wanted = topicArnsOfLaunch(detail);
    target = await resolveSfnTarget(actor, { target: detail.target.id, region: detail.region });
    launch = { id: detail.id, stackName: detail.stackName };
  } else {
    target = await resolveSfnTarget(actor, query);
  }
  const all = await listTopicArns(target.ref);
  const chosen = (wanted ? all.filter((a) => wanted.has(a)) : all).sort((a, b) => parseTopicArn(a)!.name.localeCompare(parseTopicArn(b)!.name));
  const states = await mapWithConcurrency(chosen, CONCURRENCY, (arn) => readPolicyState(target.ref, arn));
  const withPolicy = chosen.flatMap((arn, i) => (states[i] ? [{ arn, policy: states[i] }] : []));
  const pageItems = withPolicy.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const owners = await resolveTopicOwners(
    target,
    pageItems.map((t) => t.arn),
  );
  return {
    target: target.summary,
    topics: pageItems.map(({ arn, policy }) => {
      const owner = owners.get(arn)!;
      return { arn, name: parseTopicArn(arn)!.name, owner, access: accessFor(actor, owner), policy };
    }),
    page: query.page,
    pageSize: query.pageSize,
    total: withPolicy.length,
    scanned: chosen.length,
    ...(launch ? { launch } : {}),
  };
}
