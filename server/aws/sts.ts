import 'server-only';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createAwsClient, type AwsTargetRef } from '@/server/aws/clients';

/** Who the target's credentials are (STS GetCallerIdentity): the cheapest proof that the account answers. */
export async function getCallerIdentity(
  target: AwsTargetRef,
  options: { abortSignal?: AbortSignal } = {},
): Promise<{ accountId: string | null; arn: string | null }> {
  const out = await createAwsClient(STSClient, target).send(new GetCallerIdentityCommand({}), { abortSignal: options.abortSignal });
  return { accountId: out.Account ?? null, arn: out.Arn ?? null };
}
