// Links from a stack resource to its page in the AWS console (real accounts only).
import 'server-only';

const base = (region: string) => `https://${region}.console.aws.amazon.com`;

/** The console page of a resource, or null when we do not know one (or there is no console). */
export function consoleUrl(resourceType: string, physicalId: string | null, region: string, stackId?: string | null): string | null {
  if (!physicalId) return null;
  const id = encodeURIComponent(physicalId);
  switch (resourceType) {
    case 'AWS::CloudFormation::Stack':
      return `${base(region)}/cloudformation/home?region=${region}#/stacks/stackinfo?stackId=${id}`;
    case 'AWS::Lambda::Function':
      return `${base(region)}/lambda/home?region=${region}#/functions/${id}`;
    case 'AWS::StepFunctions::StateMachine':
      return `${base(region)}/states/home?region=${region}#/statemachines/view/${id}`;
    case 'AWS::S3::Bucket':
      return `https://s3.console.aws.amazon.com/s3/buckets/${id}?region=${region}`;
    case 'AWS::SQS::Queue':
      return `${base(region)}/sqs/v3/home?region=${region}#/queues/${id}`;
    case 'AWS::SNS::Topic':
      return `${base(region)}/sns/v3/home?region=${region}#/topic/${id}`;
    case 'AWS::DynamoDB::Table':
      return `${base(region)}/dynamodbv2/home?region=${region}#table?name=${id}`;
    case 'AWS::IAM::Role':
      return `https://console.aws.amazon.com/iam/home#/roles/${id}`;
    case 'AWS::Events::Rule':
      return `${base(region)}/events/home?region=${region}#/rules`;
    case 'AWS::Logs::LogGroup':
      return `${base(region)}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${encodeURIComponent(id)}`;
    default:
      return stackId ? `${base(region)}/cloudformation/home?region=${region}#/stacks/resources?stackId=${encodeURIComponent(stackId)}` : null;
  }
}

/** What to do about a resource that stopped a stack from being deleted. */
export function deletionFix(resourceType: string, physicalId: string | null, reason: string): string {
  if (resourceType === 'AWS::S3::Bucket' && /not empty|BucketNotEmpty/i.test(reason)) {
    return `Empty the bucket first (aws s3 rm s3://${physicalId ?? '<bucket>'} --recursive, and delete old versions if versioning is on), then delete again — or delete again keeping the bucket.`;
  }
  if (/DELETE_SKIPPED|Retain/i.test(reason))
    return 'Kept on purpose (DeletionPolicy: Retain, or kept when the delete was retried). It still exists and may still cost money: delete it yourself when you no longer need it.';
  if (/DependencyViolation|has dependent object|in use/i.test(reason))
    return 'Something outside this stack still uses it. Remove that dependency, then delete again — or delete again keeping this resource.';
  if (/AccessDenied|not authorized/i.test(reason))
    return 'The role Slipway uses may not delete it. Grant the delete permission it names, or delete it yourself and retry keeping it.';
  return 'Fix what the reason says, then delete again — or delete again keeping this resource.';
}
