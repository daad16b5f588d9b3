import 'server-only';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, RetryStrategyV2 } from '@smithy/types';
import { createSandboxRetryStrategy } from '@/server/aws/sandbox-retry';
import { env } from '@/server/env';

/** Where SDK calls go: a registered target (account + role) in one region. */
export type AwsTargetRef = {
  id: string;
  name: string;
  accountId: string;
  region: string;
  roleArn: string | null;
  /** CloudFormation service role for stacks in this target (null: CloudFormation uses the caller's rights). */
  serviceRoleArn?: string | null;
  externalId: string | null;
  isSandbox: boolean;
};

export const SANDBOX_ACCOUNT_ID = '123456789012';
const USER_AGENT = 'slipway/0.1';

/** True when calls for this target go to the local sandbox (moto) instead of AWS. */
export function usesSandbox(target: Pick<AwsTargetRef, 'isSandbox'>): boolean {
  return target.isSandbox || env().awsMode === 'sandbox';
}

const providers = new Map<string, AwsCredentialIdentityProvider>();
const clients = new Map<string, unknown>();

/**
 * Credentials for a target, resolved once and shared by all its clients (and by MSK IAM token
 * signing); the SDK providers cache and refresh them (assumed-role sessions renew before expiry).
 */
export function getAwsCredentialsProvider(target: AwsTargetRef): AwsCredentialIdentityProvider {
  if (usesSandbox(target)) {
    return async () => ({ accessKeyId: 'sandbox', secretAccessKey: 'sandbox' });
  }
  const key = `${target.id}|${target.roleArn ?? ''}|${target.externalId ?? ''}`;
  let provider = providers.get(key);
  if (!provider) {
    provider = target.roleArn
      ? fromTemporaryCredentials({
          params: {
            RoleArn: target.roleArn,
            RoleSessionName: 'slipway',
            ...(target.externalId ? { ExternalId: target.externalId } : {}),
            DurationSeconds: 3600,
          },
          masterCredentials: fromNodeProviderChain(),
          clientConfig: { region: target.region, customUserAgent: USER_AGENT },
        })
      : fromNodeProviderChain();
    providers.set(key, provider);
  }
  return provider;
}

type ClientConfig = {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  endpoint?: string;
  maxAttempts?: number;
  retryMode?: string;
  retryStrategy?: RetryStrategyV2;
  customUserAgent: string;
  forcePathStyle?: boolean;
};

/**
 * The only place SDK clients are built: `createAwsClient(SFNClient, target)`.
 * Clients are cached per client class, target and region.
 */
export function createAwsClient<C>(Client: new (config: ClientConfig) => C, target: AwsTargetRef): C {
  const sandbox = usesSandbox(target);
  const key = `${Client.name}|${target.id}|${target.region}|${sandbox ? 'sandbox' : 'aws'}`;
  const existing = clients.get(key);
  if (existing) return existing as C;
  const config: ClientConfig = {
    region: target.region,
    credentials: getAwsCredentialsProvider(target),
    customUserAgent: USER_AGENT,
    // The sandbox answers unimplemented calls with HTTP 500, which a retry cannot fix: against it
    // only throttling (which it does on request, as AWS does under load) is retried.
    ...(sandbox ? { retryStrategy: createSandboxRetryStrategy() } : { maxAttempts: 5, retryMode: 'adaptive' }),
    ...(sandbox ? { endpoint: env().SANDBOX_AWS_ENDPOINT } : {}),
    // Virtual-host bucket names do not resolve against a local endpoint.
    ...(sandbox && Client.name === 'S3Client' ? { forcePathStyle: true } : {}),
  };
  const client = new Client(config);
  clients.set(key, client);
  return client;
}

/**
 * A client for the target's region with the portal's own credentials (the default chain, or the
 * sandbox's), not the target's role: what AssumeRole is called with when a role is tested. Cached
 * per client class and region.
 */
export function createBaseAwsClient<C>(Client: new (config: ClientConfig) => C, target: AwsTargetRef): C {
  return createAwsClient(Client, { ...target, id: `base:${usesSandbox(target) ? 'sandbox' : 'aws'}`, roleArn: null, externalId: null });
}

/** A client that signs with the credentials given (an assumed role's, for the connection test); never cached. */
export function createAwsClientWithCredentials<C>(Client: new (config: ClientConfig) => C, target: AwsTargetRef, credentials: AwsCredentialIdentity): C {
  const sandbox = usesSandbox(target);
  return new Client({
    region: target.region,
    credentials: async () => credentials,
    customUserAgent: USER_AGENT,
    ...(sandbox ? { retryStrategy: createSandboxRetryStrategy(), endpoint: env().SANDBOX_AWS_ENDPOINT } : { maxAttempts: 3, retryMode: 'standard' }),
  });
}

/** For tests: forget cached clients and credentials (e.g. after changing the sandbox endpoint). */
export function resetAwsClientsForTests(): void {
  clients.clear();
  providers.clear();
}
