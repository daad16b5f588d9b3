import { SANDBOX_ACCOUNT_ID, type AwsTargetRef } from '@/server/aws/clients';

/** A target reference to the sandbox account (SANDBOX_AWS_ENDPOINT) for tests that need no database row. */
export function sandboxTargetRef(id: string, region = 'us-east-1'): AwsTargetRef {
  return { id, name: 'Sandbox', accountId: SANDBOX_ACCOUNT_ID, region, roleArn: null, externalId: null, isSandbox: true };
}
