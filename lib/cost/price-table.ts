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

/** One band of Express workflow duration: GB-seconds up to `upToGbSeconds` (null = no ceiling) at this rate. */
export interface ExpressDurationTier {
  readonly upToGbSeconds: string | null;
  readonly perGbSecond: string;
}

export interface StepFunctionsRegionPrices {
  /** Standard workflows: price per state transition. */
  readonly perStateTransition: string;
  /** Express workflows; null where this table has no checked Express rates for the region. */
  readonly express: { readonly requestsPerMillion: string; readonly durationTiers: readonly ExpressDurationTier[] } | null;
}

export interface RegionPrices {
  readonly name: string;
  readonly lambda: LambdaRegionPrices;
  readonly sqs: SqsRegionPrices;
  readonly stepFunctions: StepFunctionsRegionPrices;
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
  /** Monthly Step Functions free tier (Standard workflows), per account. */
  readonly stepFunctionsFreeTierTransitions: string;
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

// $0.025 per 1,000 state transitions in every region priced here (the pricing page's table).
const STANDARD_STATE_TRANSITION = '0.000025';

// Express in the US regions: $1.00 per million requests; duration $0.00001667 per GB-second for the
// first 1,000 GB-hours (3,600,000 GB-s), $0.00000833 for the next 4,000, $0.00000456 beyond.
const US_STEP_FUNCTIONS: StepFunctionsRegionPrices = {
  perStateTransition: STANDARD_STATE_TRANSITION,
  express: {
    requestsPerMillion: '1.00',
    durationTiers: [
      { upToGbSeconds: '3600000', perGbSecond: '0.00001667' },
      { upToGbSeconds: '18000000', perGbSecond: '0.00000833' },
      { upToGbSeconds: null, perGbSecond: '0.00000456' },
    ],
  },
};

// Outside the US the Express rates differ by region and are not in this table yet.
const STANDARD_ONLY_STEP_FUNCTIONS: StepFunctionsRegionPrices = { perStateTransition: STANDARD_STATE_TRANSITION, express: null };

export const PRICE_TABLE: PriceTable = {
  id: 'aws-public-2025-01',
  effectiveDate: '2025-01-01',
  currency: 'USD',
  source:
    'Lambda: aws.amazon.com/lambda/pricing (compute, requests, ephemeral storage per region; the ' +
    'regional ephemeral-storage rates match the AWS Pricing Calculator metered-unit map for Lambda) ' +
    'and the AWS Compute Blog post "Introducing tiered pricing for AWS Lambda" (tier thresholds and ' +
    'discounts). SQS: aws.amazon.com/sqs/pricing (standard queue requests; each 64 KB chunk is one ' +
    'request; first 1 million requests a month free). Step Functions: aws.amazon.com/step-functions/pricing ' +
    '(state transitions per region, 4,000 free a month; Express requests and duration in 64 MB and 100 ms ' +
    'steps). Re-check against the live pages before quoting.',
  lambdaFreeTier: { gbSeconds: '400000', requests: '1000000' },
  sqsFreeTierRequests: '1000000',
  stepFunctionsFreeTierTransitions: '4000',
  regions: {
    'us-east-1': {
      name: 'US East (N. Virginia)',
      lambda: {
        requestsPerMillion: '0.20',
        ephemeralStoragePerGbSecond: '0.0000000309',
        architectures: STANDARD_LAMBDA_ARCHITECTURES,
      },
      sqs: STANDARD_SQS_PRICES,
      stepFunctions: US_STEP_FUNCTIONS,
    },
    'us-west-2': {
      name: 'US West (Oregon)',
      lambda: {
        requestsPerMillion: '0.20',
        ephemeralStoragePerGbSecond: '0.0000000309',
        architectures: STANDARD_LAMBDA_ARCHITECTURES,
      },
      sqs: STANDARD_SQS_PRICES,
      stepFunctions: US_STEP_FUNCTIONS,
    },
    'eu-west-1': {
      name: 'Europe (Ireland)',
      lambda: {
        requestsPerMillion: '0.20',
        ephemeralStoragePerGbSecond: '0.0000000340',
        architectures: STANDARD_LAMBDA_ARCHITECTURES,
      },
      sqs: STANDARD_SQS_PRICES,
      stepFunctions: STANDARD_ONLY_STEP_FUNCTIONS,
    },
    'eu-central-1': {
      name: 'Europe (Frankfurt)',
      lambda: {
        requestsPerMillion: '0.20',
        ephemeralStoragePerGbSecond: '0.0000000367',
        architectures: STANDARD_LAMBDA_ARCHITECTURES,
      },
      sqs: STANDARD_SQS_PRICES,
      stepFunctions: STANDARD_ONLY_STEP_FUNCTIONS,
    },
    'ap-southeast-2': {
      name: 'Asia Pacific (Sydney)',
      lambda: {
        requestsPerMillion: '0.20',
        ephemeralStoragePerGbSecond: '0.0000000370',
        architectures: STANDARD_LAMBDA_ARCHITECTURES,
      },
      sqs: STANDARD_SQS_PRICES,
      stepFunctions: STANDARD_ONLY_STEP_FUNCTIONS,
    },
  },
};

/** Regions the current table prices, in table order (for select boxes and schema messages). */
export const PRICED_REGIONS = Object.keys(PRICE_TABLE.regions);

/** Whether `region` has prices in `table` (own keys only, so "constructor" is not a region). */
export function isPricedRegion(region: string, table: PriceTable = PRICE_TABLE): boolean {
  return Object.hasOwn(table.regions, region);
}
