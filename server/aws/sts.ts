import 'server-only';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { createAwsClient, createAwsClientWithCredentials, createBaseAwsClient, type AwsTargetRef } from '@/server/aws/clients';

type CallerIdentity = { accountId: string | null; arn: string | null };

/** Who the target's credentials are (STS GetCallerIdentity): the cheapest proof that the account answers. */
export async function getCallerIdentity(target: AwsTargetRef, options: { abortSignal?: AbortSignal } = {}): Promise<CallerIdentity> {
  const out = await createAwsClient(STSClient, target).send(new GetCallerIdentityCommand({}), { abortSignal: options.abortSignal });
  return { accountId: out.Account ?? null, arn: out.Arn ?? null };
}

/**
 * Assumes the target's role now, with its external id, from the portal's own credentials: not the
 * cached provider the other calls share, so a test says what AWS answers to the stored settings today.
 */
export async function assumeTargetRole(
  target: AwsTargetRef & { roleArn: string },
  options: { abortSignal?: AbortSignal; sessionName?: string } = {},
): Promise<AwsCredentialIdentity> {
  const out = await createBaseAwsClient(STSClient, target).send(
    new AssumeRoleCommand({
      RoleArn: target.roleArn,
      RoleSessionName: options.sessionName ?? 'slipway-connection-test',
      ...(target.externalId ? { ExternalId: target.externalId } : {}),
      DurationSeconds: 900,
    }),
    { abortSignal: options.abortSignal },
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole answered without credentials');
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}

/** GetCallerIdentity signed with the credentials given (an assumed role's). */
export async function getCallerIdentityWith(
  target: AwsTargetRef,
  credentials: AwsCredentialIdentity,
  options: { abortSignal?: AbortSignal } = {},
): Promise<CallerIdentity> {
  const out = await createAwsClientWithCredentials(STSClient, target, credentials).send(new GetCallerIdentityCommand({}), { abortSignal: options.abortSignal });
  return { accountId: out.Account ?? null, arn: out.Arn ?? null };
}
