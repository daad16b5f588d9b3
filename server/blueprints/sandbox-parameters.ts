import 'server-only';

import { env } from '@/server/env';

/**
 * Stands in a blueprint's `sandboxParameters` for the sandbox broker's address, which is only known
 * when the portal runs (each sandbox, a test run's included, listens on its own port).
 */
export const SANDBOX_KAFKA_BROKERS_TOKEN = '{{sandbox:kafka-brokers}}';

/** The sandbox's own addresses that sandbox launch values may name. */
export interface SandboxAddresses {
  kafkaBrokers: string;
}

/** The addresses of the sandbox this portal runs against (`SANDBOX_KAFKA_BROKERS`). */
export function currentSandboxAddresses(): SandboxAddresses {
  return { kafkaBrokers: env().SANDBOX_KAFKA_BROKERS };
}

/** A blueprint's sandbox launch values with the sandbox's addresses filled in. */
export function resolveSandboxParameters(
  values: Readonly<Record<string, string>> | undefined,
  sandbox: SandboxAddresses = currentSandboxAddresses(),
): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([name, value]) => [name, value.replaceAll(SANDBOX_KAFKA_BROKERS_TOKEN, sandbox.kafkaBrokers)]));
}
