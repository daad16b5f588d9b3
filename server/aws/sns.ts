import 'server-only';
import { GetDataProtectionPolicyCommand, ListTagsForResourceCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { createAwsClient, usesSandbox, type AwsTargetRef } from '@/server/aws/clients';
import { toSfnError } from '@/server/aws/sfn-errors';
import { AppError } from '@/server/errors';

// SNS reads for the data protection dashboard: topics, their data protection policies and tags.

const client = (ref: AwsTargetRef) => createAwsClient(SNSClient, ref);

function toSnsError(err: unknown, ref: AwsTargetRef, action: string): AppError {
  const name = (err as { name?: string } | null)?.name;
  if (name === 'NotFoundException' || name === 'NotFound')
    return new AppError('NOT_FOUND', `No such SNS topic in ${ref.isSandbox ? 'the sandbox account' : `target ${ref.name}`}.`);
  return toSfnError(err, { action, targetName: ref.name, isSandbox: usesSandbox(ref) });
}

/** Every topic ARN in the target's region (all ListTopics pages). */
export async function listTopicArns(ref: AwsTargetRef): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await client(ref).send(new ListTopicsCommand({ NextToken: nextToken }));
      for (const t of page.Topics ?? []) if (t.TopicArn) arns.push(t.TopicArn);
      nextToken = page.NextToken;
    } while (nextToken);
  } catch (err) {
    throw toSnsError(err, ref, 'list SNS topics');
  }
  return arns;
}

/** A topic's data protection policy as SNS stores it (JSON text), or null when it has none. */
export async function getDataProtectionPolicy(ref: AwsTargetRef, topicArn: string): Promise<string | null> {
  try {
    const out = await client(ref).send(new GetDataProtectionPolicyCommand({ ResourceArn: topicArn }));
    return out.DataProtectionPolicy?.trim() ? out.DataProtectionPolicy : null;
  } catch (err) {
    throw toSnsError(err, ref, 'read the data protection policy of the SNS topic (GetDataProtectionPolicy)');
  }
}

/** A topic's tags (for ownership rules by tag). */
export async function listTopicTags(ref: AwsTargetRef, topicArn: string): Promise<Record<string, string>> {
  try {
    const out = await client(ref).send(new ListTagsForResourceCommand({ ResourceArn: topicArn }));
    return Object.fromEntries((out.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  } catch (err) {
    throw toSnsError(err, ref, 'read the tags of the SNS topic');
  }
}
