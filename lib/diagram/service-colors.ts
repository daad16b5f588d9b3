// One colour per AWS service family, so diagrams read the same on every page.
const palette: Record<string, string> = {
  Lambda: '#ed7100',
  'Step Functions': '#e7157b',
  EventBridge: '#e7157b',
  SNS: '#e7157b',
  SQS: '#e7157b',
  'API Gateway': '#8c4fff',
  DynamoDB: '#c925d1',
  S3: '#7aa116',
  IAM: '#dd344c',
  KMS: '#dd344c',
  'Secrets Manager': '#dd344c',
  CloudWatch: '#e7157b',
  'CloudWatch Logs': '#e7157b',
  SSM: '#e7157b',
  CloudFormation: '#e7157b',
  EC2: '#ed7100',
  ECS: '#ed7100',
  ECR: '#ed7100',
  CloudFront: '#8c4fff',
  MSK: '#8c4fff',
};

export function serviceColor(service: string): string {
  return palette[service] ?? '#64748b';
}
