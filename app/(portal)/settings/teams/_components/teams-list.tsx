'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, fetchJson, jsonBody } from '@/lib/api/fetch-json';
import { teamCreateSchema, type TeamDto } from '@/lib/schemas/teams';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Field, TextInput } from '@/components/ui/field';
import { TableHead } from '@/components/ui/table-head';

/** The teams table, and for platform admins the form that creates a team (then opens it). */
export function TeamsList({ initial, canCreate }: { initial: TeamDto[]; canCreate: boolean }) {
  const router = useRouter();
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => fetchJson<TeamDto>('/api/v1/teams', { method: 'POST', json: jsonBody(teamCreateSchema, { slug, name }) }),
    onSuccess: (team) => router.push(`/settings/teams/${team.slug}`),
  });
  const fieldError = (field: string) => (create.error instanceof ApiError ? (create.error.fields?.[field]?.[0] ?? null) : null);
  const general = create.error && !fieldError('slug') && !fieldError('name') ? create.error.message : null;
  return (
    <div className="space-y-6">
      {initial.length === 0 ? (
        <EmptyState title="No teams to administer">You are not an admin of any team. Team admins and platform admins manage teams here.</EmptyState>
      ) : (
        <table className="w-full text-left text-sm" aria-label="Teams">
          <TableHead columns={[{ label: 'Team' }, { label: 'Slug' }, { label: 'Required tags' }, { label: 'State' }]} />
          <tbody>
            {initial.map((t) => (
              <tr key={t.id} className="border-t border-slate-100">
                <td className="py-1.5 pr-3">
                  <Link href={`/settings/teams/${t.slug}`} className="font-medium text-sky-700 hover:underline">
                    {t.name}
                  </Link>
                </td>
                <td className="py-1.5 pr-3 font-mono text-xs">{t.slug}</td>
                <td className="py-1.5 pr-3 text-xs">{t.requiredTags.map((r) => r.key).join(', ') || <span className="text-slate-500">none</span>}</td>
                <td className="py-1.5">{t.archivedAt ? <Badge tone="warn">archived</Badge> : <Badge tone="good">active</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canCreate && (
        <form
          aria-label="Create a team"
          className="grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-[12rem_1fr_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Field id="team-slug" label="Slug" help="Lower-case letters, digits and hyphens; never changes." error={fieldError('slug')}>
            <TextInput id="team-slug" value={slug} onChange={(e) => setSlug(e.target.value)} aria-invalid={Boolean(fieldError('slug'))} required />
          </Field>
          <Field id="team-name" label="Name" error={fieldError('name')}>
            <TextInput id="team-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={Boolean(fieldError('name'))} required />
          </Field>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create team'}
          </Button>
          {general && (
            <div className="sm:col-span-3">
              <Alert tone="error">{general}</Alert>
            </div>
          )}
        </form>
      )}
    </div>
  );
}
