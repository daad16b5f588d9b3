import 'server-only';

import { type KafkaConfig, logLevel, type SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';

import type { KafkaConnectionSecrets, KafkaConnectionSettings } from '@/lib/schemas/kafka';
import { parseMskClusterArn } from '@/lib/schemas/kafka';
import { lookupMskBootstrapBrokers, type MskControlPlane } from '@/server/aws/msk';
import { AppError } from '@/server/errors';
import type { OutboundAddressPolicy } from '@/server/net/address-policy';

import { createGuardedSocketFactory } from './broker-guard';
import { createRedactingLogCreator, type KafkaLogSink } from './kafka-logger';
import { type AwsCredentialsProvider, createMskIamTokenProvider, type OauthBearerProvider } from './msk-iam-token';

/** How to reach AWS for an MSK cluster; the integrator binds these to the cluster's registered target. */
export interface MskAccess {
  /** e.g. `() => mskControlPlane(target)` */
  getMskClient: () => MskControlPlane;
  /** Credentials of the same target, for signing IAM auth tokens. */
  getAwsCredentials: () => AwsCredentialsProvider;
  /** Test hook: replaces the IAM token provider. */
  createTokenProvider?: (options: { region: string; credentials: AwsCredentialsProvider }) => OauthBearerProvider;
}

export interface BuildKafkaConfigOptions {
  clientId?: string;
  /** Required for `msk-iam`. */
  msk?: MskAccess;
  logSink?: KafkaLogSink;
  /** kafkajs logs below this level are dropped (default WARN: connection chatter is noise in the portal). */
  logLevel?: logLevel;
  /** Which broker addresses every connection may reach (default: no loopback or private ones). */
  addressPolicy?: OutboundAddressPolicy;
}

const DEFAULT_CLIENT_ID = 'slipway-portal';

/**
 * kafkajs client config for a stored cluster: brokers, TLS, SASL, a log creator that redacts
 * secrets and a socket factory that refuses addresses the policy forbids. For MSK IAM the bootstrap
 * brokers are looked up from the cluster ARN.
 */
export async function buildKafkaConfig(
  settings: KafkaConnectionSettings,
  secrets: KafkaConnectionSecrets,
  options: BuildKafkaConfigOptions = {},
): Promise<KafkaConfig> {
  const knownSecrets = [secrets.password, secrets.clientKeyPem].filter((s): s is string => Boolean(s));
  const common: Omit<KafkaConfig, 'brokers'> = {
    clientId: options.clientId ?? DEFAULT_CLIENT_ID,
    // MSK across a VPC and TLS handshakes need more than kafkajs's 1 s default.
    connectionTimeout: 10_000,
    authenticationTimeout: 10_000,
    requestTimeout: 30_000,
    retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 5_000 },
    logLevel: options.logLevel ?? logLevel.WARN,
    logCreator: createRedactingLogCreator(options.logSink, knownSecrets),
    // Every socket, bootstrap or advertised broker, is checked against the policy as it is opened.
    socketFactory: createGuardedSocketFactory(options.addressPolicy ?? { allowPrivateNetworks: false }),
  };

  switch (settings.kind) {
    case 'plaintext':
      return { ...common, brokers: settings.brokers, ssl: false };
    case 'tls':
      return { ...common, brokers: settings.brokers, ssl: tlsOptions(settings.caCertPem, settings.clientCertPem, secrets.clientKeyPem) };
    case 'sasl-scram-sha-512':
    case 'sasl-plain': {
      const password = requirePassword(secrets);
      const sasl: SASLOptions =
        settings.kind === 'sasl-plain'
          ? { mechanism: 'plain', username: settings.username, password }
          : { mechanism: 'scram-sha-512', username: settings.username, password };
      return { ...common, brokers: settings.brokers, ssl: settings.tls ? tlsOptions(settings.caCertPem) : false, sasl };
    }
    case 'msk-iam': {
      const msk = options.msk;
      if (!msk) throw new AppError('INTERNAL', 'MSK IAM clusters need AWS access wired in (options.msk)');
      const { region } = parseMskClusterArn(settings.clusterArn);
      const brokers = await lookupMskBootstrapBrokers(msk.getMskClient(), settings.clusterArn, settings.network);
      const credentials = msk.getAwsCredentials();
      const createTokenProvider = msk.createTokenProvider ?? createMskIamTokenProvider;
      return {
        ...common,
        brokers,
        ssl: true,
        sasl: { mechanism: 'oauthbearer', oauthBearerProvider: createTokenProvider({ region, credentials }) },
      };
    }
  }
}

function tlsOptions(caCertPem?: string, clientCertPem?: string, clientKeyPem?: string): true | ConnectionOptions {
  if (!caCertPem && !clientCertPem) return true;
  return {
    ...(caCertPem ? { ca: [caCertPem] } : {}),
    ...(clientCertPem && clientKeyPem ? { cert: clientCertPem, key: clientKeyPem } : {}),
  };
}

function requirePassword(secrets: KafkaConnectionSecrets): string {
  if (!secrets.password) throw new AppError('VALIDATION', 'This cluster needs a SASL password', { fields: { password: ['Required'] } });
  return secrets.password;
}
