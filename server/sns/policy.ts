import 'server-only';
import { AppError } from '@/server/errors';
import { getDataProtectionPolicy } from '@/server/aws/sns';
import { requireTopicRead } from '@/server/sns/access';
import { parseDataProtectionPolicy, undetectableIdentifiers } from '@/lib/sns/policy';
import type { SnsTopicPolicyDto } from '@/lib/sns/dto';
import type { Actor } from '@/server/auth/actor';

/** A topic's data protection policy, parsed statement by statement; NOT_FOUND when it has none. */
export async function getTopicPolicy(actor: Actor, topicArn: string): Promise<SnsTopicPolicyDto> {
  const topic = await requireTopicRead(actor, topicArn, 'read its data protection policy');
  const document = await getDataProtectionPolicy(topic.ref, topicArn);
  if (document === null) throw new AppError('NOT_FOUND', `Topic ${topic.topicName} has no data protection policy.`);
  const parsed = parseDataProtectionPolicy(document);
  if (!parsed.ok) {
    const problems = parsed.problems.map((p) => `${p.field} ${p.message}`).join('; ');
    throw new AppError('UPSTREAM', `SNS returned a data protection policy for ${topic.topicName} that Slipway cannot read: ${problems}.`);
  }
  return {
    topic: { arn: topicArn, name: topic.topicName, target: topic.summary, owner: topic.owner },
    policy: parsed.policy,
    document,
    undetectable: undetectableIdentifiers(parsed.policy),
  };
}
