/** Error codes a page shows as a problem to act on (server/page-load.ts); any other error reaches error.tsx. */
export const PAGE_PROBLEM_CODES = ['FORBIDDEN', 'UNAVAILABLE', 'UPSTREAM', 'VALIDATION', 'BAD_REQUEST', 'CONFLICT'] as const;

/** What a page shows instead of its data when it could not be loaded for a reason the reader can act on. */
export interface PageProblem {
  code: (typeof PAGE_PROBLEM_CODES)[number];
  message: string;
  /** Which dependency is down, when that is the problem (`sandbox-aws`, `aws`). */
  dependency: string | null;
}
