import Link from 'next/link';
import { notFound } from 'next/navigation';
import { isAppError } from '@/server/errors';
import { Alert } from '@/components/ui/alert';

/**
 * Runs a page's loads; a missing record becomes the 404 page and a refusal a readable message (thrown
 * errors reach error.tsx without their message in production).
 */
export async function loadForPage<T>(load: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  try {
    return { ok: true, value: await load() };
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    if (isAppError(error) && error.code === 'FORBIDDEN') return { ok: false, message: error.message };
    throw error;
  }
}

/** What a page shows instead of data the person may not see. */
export function Refused({ message }: { message: string }) {
  return (
    <div className="max-w-2xl space-y-4">
      <Alert tone="error" title="You cannot see this">
        {message}
      </Alert>
      <Link href="/kafka" className="text-sm text-brand-600 underline">
        Clusters you can see
      </Link>
    </div>
  );
}

/** Page params arrive still percent-encoded (route handlers get them decoded); a malformed one is used as typed. */
export function decodeGroupId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
