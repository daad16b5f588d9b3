import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getSessionActor } from '@/server/auth/session';
import { listDemoUsers } from '@/server/auth/queries';
import { env } from '@/server/env';
import { DemoSignIn, OidcSignIn } from './_components/sign-in-buttons';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

const errors: Record<string, string> = {
  CredentialsSignin: 'That demo user does not exist. Run `npm run demo` to seed the demo data.',
  OAuthSignin: 'Could not reach the identity provider.',
  OAuthCallback: 'The identity provider refused the sign-in.',
  AccessDenied: 'Access denied.',
  TooManyAttempts: 'Too many sign-in attempts. Wait a few minutes, then try again.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  if (await getSessionActor()) redirect('/catalog');
  const e = env();
  const demoUsers = e.isDemoAuth ? await listDemoUsers() : [];
  // Only same-site paths are honoured as a destination.
  const destination = callbackUrl?.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/catalog';
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col justify-center px-6 py-12">
      <h1 className="text-2xl font-semibold">Sign in to Slipway</h1>
      <p className="mt-1 text-sm text-slate-600">Launch, watch and cost AWS serverless blueprints.</p>
      {error && (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          {errors[error] ?? 'Sign-in failed.'}
        </p>
      )}
      {e.isOidcConfigured && <OidcSignIn name={e.OIDC_NAME} callbackUrl={destination} />}
      {e.isDemoAuth && (
        <section className="mt-8 rounded-lg border-2 border-dashed border-amber-300 bg-amber-50 p-5" aria-labelledby="demo-heading">
          <h2 id="demo-heading" className="font-semibold text-amber-900">
            Demo sign-in — for local evaluation only
          </h2>
          <p className="mt-1 text-sm text-amber-900">
            No identity provider is configured, so you can act as one of the seeded demo users. Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET to use
            single sign-on instead.
          </p>
          {demoUsers.length === 0 ? (
            <p className="mt-4 text-sm text-amber-900">No demo users yet: run `npm run demo` (or `npm run db:seed`).</p>
          ) : (
            <DemoSignIn users={demoUsers} callbackUrl={destination} />
          )}
        </section>
      )}
    </main>
  );
}
