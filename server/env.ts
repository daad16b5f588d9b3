import 'server-only';
import path from 'node:path';
import { z } from 'zod';
import { GroupRuleError, parseGroupRules, type GroupRule } from '@/server/auth/group-rules';

// Environment is parsed once; everything else reads settings from here, never from process.env.
const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['true', '1', 'yes', 'on'].includes(v)));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SLIPWAY_DATA_DIR: z.string().default('.data'),
  DATABASE_URL: z.string().optional(),
  /** `sandbox` (the local moto account), `aws` (real AWS), or `auto` (aws when credentials are configured). */
  SLIPWAY_AWS_MODE: z.enum(['auto', 'sandbox', 'aws']).default('auto'),
  SANDBOX_AWS_ENDPOINT: z.url().default('http://127.0.0.1:4566'),
  SANDBOX_KAFKA_BROKERS: z.string().default('127.0.0.1:9092'),
  SANDBOX_DEFAULT_REGION: z.string().default('us-east-1'),
  /** How often the worker samples consumer lag on every Kafka cluster (ms); tests set a few seconds. */
  /** A running job's lease: a worker that dies mid-run loses the job after this long. */
  SLIPWAY_JOB_LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(15_000),
  KAFKA_LAG_SAMPLE_INTERVAL_MS: z.coerce.number().int().min(500).max(3_600_000).default(30_000),
  /**
   * Lag history retention (server/kafka/lag-retention.ts): group series (total, max and time lag, status)
   * at full resolution for RAW hours, in 5-minute buckets for 5MIN days, hourly for HOURLY days;
   * per-partition series in 5-minute buckets for PARTITION_5MIN hours, hourly for PARTITION_HOURLY days.
   */
  KAFKA_LAG_GROUP_RAW_HOURS: z.coerce.number().min(0.1).max(168).default(2),
  KAFKA_LAG_GROUP_5MIN_DAYS: z.coerce.number().min(0.1).max(90).default(2),
  KAFKA_LAG_GROUP_HOURLY_DAYS: z.coerce.number().min(1).max(3_650).default(90),
  KAFKA_LAG_PARTITION_5MIN_HOURS: z.coerce.number().min(0.1).max(720).default(6),
  KAFKA_LAG_PARTITION_HOURLY_DAYS: z.coerce.number().min(0.1).max(365).default(2),
  /** A group the sampler has not seen for this long leaves the groups list's stored state (hours). */
  KAFKA_LAG_GROUP_EXPIRY_HOURS: z.coerce.number().min(0.01).max(8_760).default(24),
  /** How often the worker persists its in-memory window of offsets (ms; the latest state is written every round). */
  KAFKA_LAG_WINDOW_PERSIST_MS: z.coerce.number().int().min(0).max(3_600_000).default(300_000),
  /**
   * Audit entries older than this many days are deleted by the worker's audit-pruner (server/audit/retention.ts).
   * Compliance data: at least 30 days, default 400 (a year and a margin for the yearly review).
   */
  SLIPWAY_AUDIT_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a whole number of days, at least 30' })
    .int('must be a whole number of days, at least 30')
    .min(30, 'must be at least 30 days: audit entries are compliance records')
    .max(36_500, 'must be at most 36500 days (100 years)')
    .default(400),
  /** A launch or update preview nobody confirmed for this long has its change set deleted (minutes, up to a week). */
  SLIPWAY_PREVIEW_TTL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  /**
   * Let registered Kafka clusters use loopback and private addresses (RFC 1918, 100.64.0.0/10, fc00::/7).
   * Off by default: a team admin must not be able to point the portal at the hosts around it. The
   * sandbox cluster (operator-configured) and MSK (brokers from AWS) do not need it.
   */
  SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS: boolish,
  /** Built function artefacts kept under `<data dir>/builds/artefacts`; the least recently used beyond this are removed. */
  SLIPWAY_BUILD_CACHE_ENTRIES: z.coerce.number().int().min(1).max(100_000).default(200),
  /** Python whose pip installs Python functions' requirements; default the sandbox venv's, else python3. */
  SLIPWAY_BUILD_PYTHON: z.string().min(1).optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default('Single sign-on'),
  /** E-mail addresses (comma-separated) that are platform admins when they sign in with OIDC. */
  SLIPWAY_PLATFORM_ADMINS: z.string().optional(),
  /** IdP groups (comma-separated) whose members are platform admins. */
  SLIPWAY_PLATFORM_ADMIN_GROUPS: z.string().optional(),
  /** The ID token / userinfo claim that lists a person's groups. */
  SLIPWAY_OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  /** How groups become team memberships (server/auth/group-rules.ts). */
  SLIPWAY_OIDC_GROUP_RULES: z.string().optional(),
  /** Demo sign-in is on when no OIDC provider is configured, unless turned off explicitly. */
  SLIPWAY_DEMO_AUTH: boolish,
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  NEXTAUTH_URL: z.url().optional(),
  /** The address users open (scheme, host, port); cookie-authenticated writes must come from this origin. */
  SLIPWAY_PUBLIC_URL: z.url().optional(),
  /** A reverse proxy is in front: trust its X-Forwarded-* headers (client address for rate limits). */
  SLIPWAY_TRUST_PROXY: boolish,
  /** 32-byte key (base64) that encrypts secrets at rest; generated into the data folder when unset. */
  SLIPWAY_ENCRYPTION_KEY: z.string().optional(),
  /** Retired encryption keys (base64, comma-separated): they still decrypt what they sealed, never encrypt. */
  SLIPWAY_ENCRYPTION_PREVIOUS_KEYS: z.string().optional(),
  SLIPWAY_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_PROFILE: z.string().optional(),
  AWS_WEB_IDENTITY_TOKEN_FILE: z.string().optional(),
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: z.string().optional(),
  AWS_CONTAINER_CREDENTIALS_FULL_URI: z.string().optional(),
});

export type Env = z.infer<typeof envSchema> & {
  dataDir: string;
  databaseUrl: string;
  isPostgres: boolean;
  awsMode: 'sandbox' | 'aws';
  isDemoAuth: boolean;
  isOidcConfigured: boolean;
  /** Origin of the public URL, e.g. `http://localhost:3000`. */
  publicOrigin: string;
  isHttps: boolean;
  trustProxy: boolean;
  /** SLIPWAY_PLATFORM_ADMINS, lower-cased. */
  platformAdminEmails: string[];
  /** SLIPWAY_PLATFORM_ADMIN_GROUPS. */
  platformAdminGroups: string[];
  /** SLIPWAY_OIDC_GROUP_RULES, parsed. */
  groupRules: GroupRule[];
};

// next-auth's own default when NEXTAUTH_URL is unset, so the two never disagree.
const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

function loadEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), e.SLIPWAY_DATA_DIR);
  const databaseUrl = e.DATABASE_URL || `file:${path.join(dataDir, 'slipway.db')}`;
  const hasAwsCredentials = Boolean(
    e.AWS_ACCESS_KEY_ID || e.AWS_PROFILE || e.AWS_WEB_IDENTITY_TOKEN_FILE || e.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || e.AWS_CONTAINER_CREDENTIALS_FULL_URI,
  );
  const awsMode = e.SLIPWAY_AWS_MODE === 'auto' ? (hasAwsCredentials ? 'aws' : 'sandbox') : e.SLIPWAY_AWS_MODE;
  const isOidcConfigured = Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
  const publicUrl = new URL(e.SLIPWAY_PUBLIC_URL ?? e.NEXTAUTH_URL ?? DEFAULT_PUBLIC_URL);
  if (e.NEXTAUTH_URL && new URL(e.NEXTAUTH_URL).origin !== publicUrl.origin) {
    throw new Error(
      `Invalid environment: SLIPWAY_PUBLIC_URL (${publicUrl.origin}) and NEXTAUTH_URL (${new URL(e.NEXTAUTH_URL).origin}) name different origins`,
    );
  }
  // next-auth builds its callback and redirect URLs from NEXTAUTH_URL, read from process.env itself.
  if (!e.NEXTAUTH_URL && e.SLIPWAY_PUBLIC_URL) source.NEXTAUTH_URL = publicUrl.origin;
  return {
    ...e,
    dataDir,
    databaseUrl,
    isPostgres: /^postgres(ql)?:/.test(databaseUrl),
    awsMode,
    isOidcConfigured,
    isDemoAuth: e.SLIPWAY_DEMO_AUTH ?? !isOidcConfigured,
    publicOrigin: publicUrl.origin,
    isHttps: publicUrl.protocol === 'https:',
    trustProxy: e.SLIPWAY_TRUST_PROXY ?? false,
    platformAdminEmails: (e.SLIPWAY_PLATFORM_ADMINS ?? '')
      .split(',')
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
    platformAdminGroups: (e.SLIPWAY_PLATFORM_ADMIN_GROUPS ?? '')
      .split(',')
      .map((group) => group.trim())
      .filter(Boolean),
    groupRules: parseRulesOrExplain(e.SLIPWAY_OIDC_GROUP_RULES),
  };
}

function parseRulesOrExplain(text: string | undefined): GroupRule[] {
  try {
    return parseGroupRules(text);
  } catch (err) {
    if (err instanceof GroupRuleError) throw new Error(`Invalid environment: SLIPWAY_OIDC_GROUP_RULES: ${err.message}`);
    throw err;
  }
}

let cached: Env | undefined;

/** The parsed environment (parsed on first use). */
export function env(): Env {
  cached ??= loadEnv(process.env);
  return cached;
}

/** For tests: re-read the environment after changing process.env. */
export function resetEnvForTests(): void {
  cached = undefined;
}
