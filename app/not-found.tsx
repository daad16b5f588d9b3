import Link from 'next/link';

// Addresses no route matches, whether signed in or not (proxy.ts sends only portal pages to sign in).
export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">That page or record does not exist, or you may not see it.</p>
      <Link href="/catalog" className="mt-6 inline-block text-brand-600 underline">
        Back to the catalog
      </Link>
    </main>
  );
}
