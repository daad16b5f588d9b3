/**
 * The one place prices live. Edit this table (and bump `id` and `effectiveDate`) when AWS changes a
 * rate; every estimate reports the table it used, so old results stay explainable.
 *
 * Rates are decimal strings, not numbers, so they are read exactly (see `decimal.ts`).
 */

export const ARCHITECTURES = ['x86_64', 'arm64'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/**
 * One band of Lambda duration tiering. Usage up to `upToGbSeconds` (cumulative per region and
 * architecture; null = no ceiling) is billed at the architecture's base rate less `discountPercent`.
 * The discounted rate is base × (1 − discount) exactly: the tiered-pricing post's worked examples only
 * add up that way ($0.00001500003, not the $0.0000150000 that AWS's price list rounds it to).
 */
export interface LambdaDurationTier {
  readonly upToGbSeconds: string | null;
  readonly discountPercent: string;
}

export interface LambdaArchitecturePrices {
  /** First-tier price per GB-second of compute. */
  readonly ratePerGbSecond: string;
  readonly tiers: readonly LambdaDurationTier[];
}

export interface LambdaRegionPrices {
  readonly requestsPerMillion: string;
  /** Price per GB-second of ephemeral storage configured above the free 512 MB. */
  readonly ephemeralStoragePerGbSecond: string;
  readonly architectures: Readonly<Record<Architecture, LambdaArchitecturePrices>>;
}

/** One band of SQS request pricing: requests up to `upToRequests` (null = no ceiling) at this price. */
export interface SqsRequestTier {
  readonly upToRequests: string | null;
  readonly perMillion: string;
}

export interface SqsRegionPrices {
  readonly standardRequestTiers: readonly SqsRequestTier[];
}

export interface RegionPrices {
  readonly name: string;
  readonly lambda: LambdaRegionPrices;
  readonly sqs: SqsRegionPrices;
}

export interface PriceTable {
  readonly id: string;
  /** ISO date from which these prices are taken to apply. */
  readonly effectiveDate: string;
  readonly currency: 'USD';
  /** Where the figures came from, for whoever updates them next. */
  readonly source: string;
  /** Monthly Lambda free tier, per account, shared by both architectures and all regions. */
  readonly lambdaFreeTier: { readonly gbSeconds: string; readonly requests: string };
  /** Monthly SQS free tier, per account, shared by standard and FIFO queues. */
  readonly sqsFreeTierRequests: string;
  readonly regions: Readonly<Record<string, RegionPrices>>;
}

// Tier thresholds are the same in every region; usage is bucketed separately per region and
// architecture ("Introducing tiered pricing for AWS Lambda").
const X86_64_DURATION_TIERS: readonly LambdaDurationTier[] = [
  { upToGbSeconds: '6000000000', discountPercent: '0' },
  { upToGbSeconds: '15000000000', discountPercent: '10' },
  { upToGbSeconds: null, discountPercent: '20' },
];

// arm64 thresholds are the x86_64 ones scaled by 1.25, so both tiers start at the same dollar spend.
const ARM64_DURATION_TIERS: readonly LambdaDurationTier[] = [
  { upToGbSeconds: '7500000000', discountPercent: '0' },
  { upToGbSeconds: '18750000000', discountPercent: '10' },
  { upToGbSeconds: null, discountPercent: '20' },
];

const STANDARD_LAMBDA_ARCHITECTURES: Readonly<Record<Architecture, LambdaArchitecturePrices>> = {
  x86_64: { ratePerGbSecond: '0.0000166667', tiers: X86_64_DURATION_TIERS },
  arm64: { ratePerGbSecond: '0.0000133334', tiers: ARM64_DURATION_TIERS },
};

const STANDARD_SQS_PRICES: SqsRegionPrices = {
  standardRequestTiers: [
    { upToRequests: '100000000000', perMillion: '0.40' },
    { upToRequests: '200000000000', perMillion: '0.30' },
    { upToRequests: null, perMillion: '0.24' },
  ],
};

export const PRICE_TABLE: PriceTable = {
  id: 'aws-public-2025-01',
  effectiveDate: '2025-01-01',
  currency: 'USD',
  source:
    'Lambda: aws.amazon.com/lambda/pricing (compute, requests, ephemeral storage per region; the ' +
    'regional ephemeral-storage rates match the AWS Pricing Calculator metered-unit map for Lambda) ' +
    'and the AWS Compute Blog post "Introducing tiered pricing for AWS Lambda" (tier thresholds and ' +
    'discounts). SQS: aws.amazon.com/sqs/pricing (standard queue requests; each 64 KB chunk is one ' +
    'request; first 1 million requests a month free). Re-check against the live pages before quoting.',
  lambdaFreeTier: { gbSeconds: '400000', requests: '1000000' },
  sqsFreeTierRequests: '1000000',
  regions: {
    'us-east-1': {
      name: 'US East (N. Virginia)',
      lambda: {
        requestsPerMillion: '0.20',
        ephemeralStoragePerGbSecond: '0.0000000309',
        architectures: STANDARD_LAMBDA_ARCHITECTURES,
      },
      sqs: STANDARD_SQS_PRICES,
    },
    'us-west-2': {
      name: 'US West (Oregon)',
      lambda: {
        requestsPerMillion: '0.20',
        ephemeralStoragePerGbSecond: '0.0000000309',
        architectures: STANDARD_LAMBDA_ARCHITECTURES,
      },
      sqs: STANDARD_SQS_PRICES,
    },
    'eu-west-1': {
      name: 'Europe (Ireland)',
      lambda: {
        requestsPerMillion: '0.20',
        ephemeralStoragePerGbSecond: '0.0000000340',
        architectures: STANDARD_LAMBDA_ARCHITECTURES,
      },
      sqs: STANDARD_SQS_PRICES,
    },
    'eu-central-1': {
      name: 'Europe (Frankfurt)',
      lambda: {
        requestsPerMillion: '0.20',
        ephemeralStoragePerGbSecond: '0.0000000367',
        architectures: STANDARD_LAMBDA_ARCHITECTURES,
      },
      sqs: STANDARD_SQS_PRICES,
    },
    'ap-southeast-2': {
      name: 'Asia Pacific (Sydney)',
      lambda: {
        requestsPerMillion: '0.20',
        ephemeralStoragePerGbSecond: '0.0000000370',
        architectures: STANDARD_LAMBDA_ARCHITECTURES,
      },
      sqs: STANDARD_SQS_PRICES,
    },
  },
};

/** Regions the current table prices, in table order (for select boxes and schema messages). */
export const PRICED_REGIONS = Object.keys(PRICE_TABLE.regions);

/** Whether `region` has prices in `table` (own keys only, so "constructor" is not a region). */
export function isPricedRegion(region: string, table: PriceTable = PRICE_TABLE): boolean {
  return Object.hasOwn(table.regions, region);
}
