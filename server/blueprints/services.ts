import 'server-only';

// Type prefixes whose second segment is not how people name the service.
const SERVICE_NAMES: Readonly<Record<string, string>> = {
  ApiGateway: 'API Gateway',
  ApiGatewayV2: 'API Gateway',
  CloudFormation: 'CloudFormation',
  CloudFront: 'CloudFront',
  CloudWatch: 'CloudWatch',
  DynamoDB: 'DynamoDB',
  EC2: 'EC2',
  ECR: 'ECR',
  ECS: 'ECS',
  ElasticLoadBalancingV2: 'Elastic Load Balancing',
  Events: 'EventBridge',
  IAM: 'IAM',
  KinesisFirehose: 'Data Firehose',
  KMS: 'KMS',
  Logs: 'CloudWatch Logs',
  MSK: 'MSK',
  S3: 'S3',
  SecretsManager: 'Secrets Manager',
  SNS: 'SNS',
  SQS: 'SQS',
  SSM: 'Systems Manager',
  StepFunctions: 'Step Functions',
};

/** The service a resource type belongs to, from its prefix: `AWS::Lambda::Function` → `Lambda`. */
export function serviceOfType(type: string): string {
  const [vendor, service] = type.split('::');
  if (vendor === 'Custom' || type.startsWith('AWS::CloudFormation::CustomResource')) return 'Custom resource';
  if (!service) return type;
  return SERVICE_NAMES[service] ?? service;
}
