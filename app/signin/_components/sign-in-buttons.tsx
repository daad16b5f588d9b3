'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

type DemoUser = { email: string; name: string; isPlatformAdmin: boolean; teams: { slug: string; role: string }[] };

export function DemoSignIn({ users, callbackUrl }: { users: DemoUser[]; callbackUrl: string }) {
  const [pending, setPending] = useState<string | null>(null);
  return (
    <ul className="mt-4 grid gap-2 sm:grid-cols-2">
      {users.map((u) => (
        <li key={u.email}>
          <button
            type="button"
            disabled={pending !== null}
            onClick={() => {
              setPending(u.email);
              void signIn('demo', { email: u.email, callbackUrl });
            }}
            className="w-full rounded-md bg-white px-3 py-2 text-left text-sm shadow-sm ring-1 ring-amber-200 hover:ring-amber-400 disabled:opacity-60"
          >
            <span className="block font-medium text-slate-900">Sign in as {u.name}</span>
            <span className="block text-xs text-slate-600">
              {u.email} · {u.isPlatformAdmin ? 'platform admin' : u.teams.map((t) => `${t.slug} ${t.role}`).join(', ')}
            </span>
            {pending === u.email && <span className="text-xs text-slate-500">Signing in…</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function OidcSignIn({ name, callbackUrl }: { name: string; callbackUrl: string }) {
  return (
    <div className="mt-8">
      <Button onClick={() => void signIn('oidc', { callbackUrl })}>Sign in with {name}</Button>
    </div>
  );
}
