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

// SAM resource types, by the service their expansion creates.
const SAM_SERVICES: Readonly<Record<string, string>> = {
  'AWS::Serverless::Api': 'API Gateway',
  'AWS::Serverless::Application': 'CloudFormation',
  'AWS::Serverless::Connector': 'IAM',
  'AWS::Serverless::Function': 'Lambda',
  'AWS::Serverless::GraphQLApi': 'AppSync',
  'AWS::Serverless::HttpApi': 'API Gateway',
  'AWS::Serverless::LayerVersion': 'Lambda',
  'AWS::Serverless::SimpleTable': 'DynamoDB',
  'AWS::Serverless::StateMachine': 'Step Functions',
};

/** The service a resource type belongs to, from its prefix: `AWS::Lambda::Function` → `Lambda`. */
export function serviceOfType(type: string): string {
  const sam = SAM_SERVICES[type];
  if (sam) return sam;
  const [vendor, service] = type.split('::');
  if (vendor === 'Custom' || type.startsWith('AWS::CloudFormation::CustomResource')) return 'Custom resource';
  if (!service) return type;
  return SERVICE_NAMES[service] ?? service;
}
