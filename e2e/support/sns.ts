import { expect, type APIRequestContext } from '@playwright/test';
import { CreateTopicCommand, PutDataProtectionPolicyCommand, SNSClient } from '@aws-sdk/client-sns';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CLINIC_POLICY } from '../../lib/sns/clinic-policy';
import { REGION, sandboxConfig, uid } from './sfn';

export interface SandboxTopic {
  arn: string;
  name: string;
  logGroup: string;
  /** Whether the sandbox stored the topic's data protection policy (moto alone answers PutDataProtectionPolicy with 500). */
  hasPolicy: boolean;
}

/**
 * A topic in the sandbox that an admin assigns to `team` (by its ARN), with the clinic policy whose
 * audit statement writes to a fresh /aws/vendedlogs/ group, when the sandbox supports data protection.
 */
export async function createAssignedTopic(admin: APIRequestContext, targetId: string, team: string): Promise<SandboxTopic> {
  const name = `clinic-${uid()}`;
  const sns = new SNSClient(sandboxConfig());
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: name }));
  const arn = TopicArn!;
  const logGroup = `/aws/vendedlogs/${name}`;
  await new CloudWatchLogsClient(sandboxConfig()).send(new CreateLogGroupCommand({ logGroupName: logGroup }));
  const assigned = await admin.post(`/api/v1/targets/${targetId}/assignments`, { data: { team, kind: 'arn-pattern', pattern: arn } });
  expect(assigned.status(), await assigned.text()).toBe(201);
  const policy = structuredClone(CLINIC_POLICY) as { Statement: { Operation: { Audit?: Record<string, unknown> } }[] };
  policy.Statement[0]!.Operation.Audit!.FindingsDestination = { CloudWatchLogs: { LogGroup: logGroup } };
  let hasPolicy = true;
  try {
    await sns.send(new PutDataProtectionPolicyCommand({ ResourceArn: arn, DataProtectionPolicy: JSON.stringify(policy) }));
  } catch {
    hasPolicy = false;
  }
  return { arn, name, logGroup, hasPolicy };
}

export const topicPath = (arn: string, rest = '') => `/api/v1/sns/topics/${encodeURIComponent(arn)}${rest}`;
export { REGION };
