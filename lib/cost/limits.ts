/**
 * AWS service limits the cost model and its input schemas check against. They are quotas, not
 * prices, so they live apart from the dated price table.
 */

/** Lambda memory is configurable from 128 MB to 10,240 MB in 1 MB steps. */
export const MIN_MEMORY_MB = 128;
export const MAX_MEMORY_MB = 10_240;

/** Ephemeral storage (/tmp) ranges from the free 512 MB to 10,240 MB. */
export const MIN_EPHEMERAL_STORAGE_MB = 512;
export const MAX_EPHEMERAL_STORAGE_MB = 10_240;

/** A function times out after at most 15 minutes. */
export const MAX_DURATION_MS = 900_000;

/** Synchronous invoke payload limit (the SQS event source invokes synchronously): 6 MB. */
export const MAX_INVOKE_PAYLOAD_KB = 6 * 1024;

/** Largest batch an SQS event source mapping accepts for a standard queue. */
export const MAX_SQS_BATCH_SIZE = 10_000;

/** Batches above 10 messages need MaximumBatchingWindowInSeconds of at least 1 s. */
export const MAX_BATCH_SIZE_WITHOUT_WINDOW = 10;
export const MIN_BATCHING_WINDOW_FOR_LARGE_BATCHES_S = 1;

/** The event source mapping's batching window can be at most 5 minutes. */
export const MAX_BATCHING_WINDOW_S = 300;

/** SQS bills every 64 KB chunk of a request's payload as one request. */
export const SQS_REQUEST_CHUNK_KB = 64;

/** Largest SQS message: 1 MiB (raised from 256 KB in 2025). */
export const MAX_SQS_MESSAGE_KB = 1024;
