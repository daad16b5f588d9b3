// Estimator inputs the specs share: the pricing post's Lambda workload (add invocationsPerMonth)
// and an SQS batch workload with feasible and infeasible batch sizes.

export const postWorkload = {
  architecture: 'x86_64',
  region: 'us-east-1',
  memoryMb: 2048,
  durationMs: 60_000,
  ephemeralStorageMb: 512,
  includeFreeTier: false,
};

export const sqsInput = {
  messagesPerDay: 10_000_000,
  batchSizes: [10, 100, 2000, 20_000],
  baseMemoryMb: 256,
  batchMemoryOverheadMb: 128,
  batchIncrement: 300,
  warmLatencyMs: 20,
  perMessageMs: 10,
  messageSizeKb: 4,
  batchingWindowS: 1,
  architecture: 'x86_64',
  region: 'us-east-1',
  includeFreeTier: true,
};
