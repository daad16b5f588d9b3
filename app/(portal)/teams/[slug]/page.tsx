import type { Metadata } from 'next';
import Link from 'next/link';
import { hasTeamRole } from '@/server/auth/authz';
import { buttonClass } from '@/components/ui/button';
import { requirePageActor } from '@/server/auth/session';
import { getTeamFunctionReach } from '@/server/abac/views';
import { getTeamForActor } from '@/server/teams/queries';
import { loadForPage } from '@/server/page-load';
import { PageHeader } from '@/components/ui/page-header';
import { PageProblem } from '@/components/ui/page-problem';
import { Card } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { TableHead } from '@/components/ui/table-head';

export const metadata: Metadata = { title: 'Team' };

/** A team: its members, and which functions its launches created its launched roles reach (ABAC). */
export default async function TeamPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requirePageActor();
  const { slug } = await params;
  const loaded = await loadForPage(async () => {
    const team = await getTeamForActor(actor, slug);
    return { team, reach: await getTeamFunctionReach(actor, team.id) };
  });
  if (!loaded.ok) return <PageProblem problem={loaded.problem} back={{ href: '/settings', label: 'Your teams' }} />;
  const { team, reach } = loaded.data;
  return (
    <>
      <PageHeader
        title={team.name}
        description={`Team ${team.slug}: its members and what its launched roles may do to its launched functions.`}
        actions={
          hasTeamRole(actor, team.id, 'admin') ? (
            <Link href={`/settings/teams/${team.slug}`} className={buttonClass('secondary')}>
              Team settings
            </Link>
          ) : undefined
        }
      />
      <div className="grid gap-6">
        <Card title="Members">
          <ul className="flex flex-wrap gap-1 text-sm">
            {team.members.map((m) => (
              <li key={m.email}>
                <Badge>
                  {m.name} ({m.email}): {m.role}
                  {m.source === 'idp' ? ' (from the identity provider)' : ''}
                </Badge>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Which of its functions its roles reach">
          <p className="mb-3 text-sm text-slate-600">
            Functions and IAM roles created by this team&apos;s launches, decided from the roles&apos; policies and the tags as IAM would (see ABAC tag mappings
            for why).
          </p>
          {reach.length === 0 && <p className="text-sm text-slate-500">The team has no live launches.</p>}
          {reach.map((place) => (
            <section key={`${place.target.id}|${place.region}`} aria-label={`${place.target.name} ${place.region}`} className="mb-4">
              <h2 className="text-sm font-semibold">
                {place.target.name} · {place.region}
                {place.readAt && (
                  <span className="ml-2 text-xs font-normal text-slate-500">
                    read {new Date(place.readAt).toISOString().replace('T', ' ').slice(0, 19)} UTC
                  </span>
                )}
              </h2>
              {place.error && (
                <p className="mt-1 rounded-md bg-red-50 p-2 text-sm text-red-800" role="alert">
                  {place.error}
                </p>
              )}
              {!place.error && place.rows.length === 0 && <p className="text-sm text-slate-500">Its launches created no Lambda functions here.</p>}
              {place.rows.length > 0 && (
                <table className="mt-1 w-full text-left text-sm">
                  <TableHead columns={[{ label: 'Function' }, { label: 'Actions allowed' }, { label: 'Via role' }]} />
                  <tbody>
                    {place.rows.flatMap((row) =>
                      row.via.length === 0
                        ? [
                            <tr key={row.function.arn} className="border-t border-slate-100 align-top">
                              <td className="py-1 pr-3 font-mono text-xs">{row.function.name}</td>
                              <td className="py-1 pr-3 text-slate-500">none</td>
                              <td className="py-1 text-slate-500">no role of the team</td>
                            </tr>,
                          ]
                        : row.via.map((v) => (
                            <tr key={`${row.function.arn}|${v.role.arn}`} className="border-t border-slate-100 align-top">
                              <td className="py-1 pr-3 font-mono text-xs">{row.function.name}</td>
                              <td className="py-1 pr-3 font-mono text-xs">{v.actions.map((a) => a.replace(/^lambda:/, '')).join(', ')}</td>
                              <td className="py-1 font-mono text-xs">{v.role.name}</td>
                            </tr>
                          )),
                    )}
                  </tbody>
                </table>
              )}
            </section>
          ))}
        </Card>
      </div>
    </>
  );
}
