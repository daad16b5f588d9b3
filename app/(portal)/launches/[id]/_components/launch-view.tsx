'use client';

import Link from 'next/link';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetch-json';
import { formatDateTime } from '@/lib/date-time';
import { statusTone, type LaunchDetailDto } from '@/lib/launches/dto';
import { launchActions, type ActionAvailability } from '@/lib/launches/actions';
import type { TemplateParameterDto, TemplateParameterGroupDto } from '@/lib/blueprints/types';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Card } from '@/components/ui/card';
import { TableHead } from '@/components/ui/table-head';
import { StatusBadge } from '../../_components/status-badge';
import { FunctionBuilds } from '../../_components/function-builds';
import { EventTimeline } from './event-timeline';
import { UpdatePanel } from './update-panel';
import { DiscardPreviewPanel, TeardownPanel } from './teardown-panel';
import { DriftPanel } from './drift-panel';

type Form = { parameters: TemplateParameterDto[]; groups: TemplateParameterGroupDto[]; latestVersion: string } | null;

export function LaunchView({ initial, canManage, form }: { initial: LaunchDetailDto; canManage: boolean; form: Form }) {
  const qc = useQueryClient();
  const { data: l } = useQuery({
    queryKey: ['launch', initial.id],
    queryFn: () => fetchJson<LaunchDetailDto>(`/api/v1/launches/${initial.id}`),
    initialData: initial,
    refetchInterval: (q) => (q.state.data && (q.state.data.operation || statusTone(q.state.data.status) === 'progress') ? 2000 : false),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['launch', initial.id] });
  const inProgress = statusTone(l.status) === 'progress';
  const pct = l.progress.total > 0 ? Math.round((l.progress.done / l.progress.total) * 100) : inProgress ? 5 : 100;
  const rolledBack = /ROLLBACK/.test(l.status);
  // Only what this state allows, now or once CloudFormation finishes (the server refuses the rest alike).
  const actions = launchActions(l);
  const offered = (a: ActionAvailability) => a.allowed || a.wait;
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Breadcrumbs className="mb-0" items={[{ label: 'Launches', href: '/launches' }, { label: l.team.name }]} />
          <h1 className="mt-1 flex items-center gap-3 text-2xl font-semibold">
            {l.stackName} <StatusBadge status={l.status} />
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            <Link href={`/catalog/${l.blueprint.slug}`} className="underline">
              {l.blueprint.title}
            </Link>{' '}
            v{l.blueprint.version}
            {l.blueprint.versionsBehind > 0 && (
              <Badge tone="warn" className="ml-2">
                behind by {l.blueprint.versionsBehind} version{l.blueprint.versionsBehind > 1 ? 's' : ''} (latest {l.blueprint.latestVersion})
              </Badge>
            )}{' '}
            · {l.target.isSandbox ? 'Sandbox' : l.target.name} ({l.target.accountId}) · {l.region} · launched by {l.createdBy}
          </p>
        </div>
      </header>

      {(inProgress || l.progress.total > 0) && l.status !== 'DELETED' && (
        <div aria-label="Progress">
          <div className="flex justify-between text-xs text-slate-600">
            <span>
              {l.progress.done} of {l.progress.total} resources {l.operation === 'delete' || l.status.startsWith('DELETE') ? 'deleted' : 'done'}
              {l.progress.failed > 0 && `, ${l.progress.failed} failed`}
            </span>
            <span>{pct}%</span>
          </div>
          <div className="mt-1 h-2 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
            <div className={`h-full transition-all ${rolledBack || l.progress.failed ? 'bg-red-500' : 'bg-brand-600'}`} style={{ width: `${pct}%` }} />
          </div>
        </div>
      )}

      {l.firstFailure && (
        <Alert tone="error" title={`${l.firstFailure.logicalId} ${l.firstFailure.status}`}>
          <span data-testid="first-failure">{l.firstFailure.reason ?? 'No reason given.'}</span>
          {rolledBack && (
            <span className="mt-1 block">
              CloudFormation {l.status.endsWith('_IN_PROGRESS') ? 'is rolling back' : 'rolled back'} the stack: resources it had created are removed.
            </span>
          )}
        </Alert>
      )}
      {!l.firstFailure && l.statusReason && /FAILED/.test(l.status) && (
        <Alert tone="error" title={l.builds.some((b) => b.status === 'failed') ? 'Build failed' : undefined}>
          {l.statusReason}
        </Alert>
      )}
      {l.builds.length > 0 && (l.status === 'FAILED_TO_START' || l.status === 'PREVIEWING' || l.status === 'REVIEW_IN_PROGRESS') && (
        <FunctionBuilds builds={l.builds} live={l.status === 'PREVIEWING'} />
      )}
      {l.status === 'DELETED' && (
        <Alert tone="info">The stack was deleted{l.deletedAt ? ` on ${formatDateTime(l.deletedAt)}` : ''}. This record stays for the history.</Alert>
      )}
      {l.status === 'DISCARDED' && (
        <Alert tone="info" title="This preview was discarded">
          {l.statusReason ?? 'It was never launched.'} Nothing was created; this record stays for the history.
        </Alert>
      )}

      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-6">
          <Card title="Outputs">
            {l.outputs.length === 0 ? (
              <p className="text-sm text-slate-500">{inProgress ? 'Outputs appear when the stack is complete.' : 'No outputs.'}</p>
            ) : (
              <table className="w-full text-left text-sm" data-testid="outputs">
                <TableHead columns={[{ label: 'Output' }, { label: 'Value' }, { label: 'Copy', srOnly: true }]} />
                <tbody>
                  {l.outputs.map((o) => (
                    <tr key={o.key} className="border-t border-slate-100 align-top">
                      <td className="py-1.5 pr-3 font-mono text-xs">{o.key}</td>
                      <td className="py-1.5 break-all font-mono text-xs">
                        {o.value}
                        {o.description && <span className="block font-sans text-slate-500">{o.description}</span>}
                      </td>
                      <td className="py-1.5 pl-2">
                        <button
                          type="button"
                          className="text-xs text-brand-600 underline"
                          onClick={() => void navigator.clipboard?.writeText(o.value)}
                          aria-label={`Copy ${o.key}`}
                        >
                          Copy
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
          <Card title="Events">
            <EventTimeline events={l.events} highlight={l.firstFailure?.eventId ?? null} stackName={l.stackName} />
          </Card>
          <Card title={`Resources (${l.resources.length})`}>
            <table className="w-full text-left text-sm">
              <TableHead columns={[{ label: 'Logical id' }, { label: 'Type' }, { label: 'Status' }, { label: 'Physical id' }]} />
              <tbody>
                {l.resources.map((r) => (
                  <tr key={r.logicalId} className="border-t border-slate-100">
                    <td className="py-1.5 pr-2 font-mono text-xs">{r.logicalId}</td>
                    <td className="py-1.5 pr-2 font-mono text-xs text-slate-500">{r.resourceType}</td>
                    <td className="py-1.5 pr-2">
                      <StatusBadge status={r.status} />
                    </td>
                    <td className="py-1.5 text-xs">
                      {r.consoleUrl ? (
                        <a href={r.consoleUrl} target="_blank" rel="noreferrer" className="text-brand-600 underline">
                          {r.physicalId ?? 'console'}
                        </a>
                      ) : (
                        <span className="break-all text-slate-500">{r.physicalId}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {l.target.isSandbox && <p className="mt-2 text-xs text-slate-500">Sandbox resources have no AWS console.</p>}
          </Card>
        </div>
        <div className="space-y-6">
          {l.dashboards.length > 0 && (
            <Card title="Dashboards this launch feeds">
              <ul className="space-y-1 text-sm">
                {l.dashboards.map((d) => (
                  <li key={d.kind}>
                    <Link href={d.href} className="text-brand-600 underline">
                      {d.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <Card title="Parameters">
            <dl className="grid grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)] gap-x-3 gap-y-1 text-sm" data-testid="launch-parameters">
              {Object.entries(l.parameters).map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="font-mono text-xs text-slate-600">{k}</dt>
                  <dd className="break-all font-mono text-xs">
                    {l.secretParameters.includes(k) ? <span title="secret: never stored or shown">••••••</span> : v}
                  </dd>
                </div>
              ))}
            </dl>
          </Card>
          <Card title="Tags">
            <div className="flex flex-wrap gap-1">
              {Object.entries(l.tags).map(([k, v]) => (
                <Badge key={k}>
                  {k}={v}
                </Badge>
              ))}
            </div>
          </Card>
          {l.retained.length > 0 && (
            <div data-testid="retained-resources">
              <Alert tone="warn" title="Kept in the account after the delete">
                <ul className="space-y-2">
                  {l.retained.map((r) => (
                    <li key={r.logicalId}>
                      <span className="font-mono text-xs">{r.logicalId}</span> ({r.resourceType})
                      {r.physicalId && (
                        <>
                          {' '}
                          {r.consoleUrl ? (
                            <a href={r.consoleUrl} target="_blank" rel="noreferrer" className="break-all font-mono text-xs underline">
                              {r.physicalId}
                            </a>
                          ) : (
                            <span className="break-all font-mono text-xs">{r.physicalId}</span>
                          )}
                        </>
                      )}
                      <span className="block text-xs">{r.fix}</span>
                    </li>
                  ))}
                </ul>
              </Alert>
            </div>
          )}
          {canManage && (
            <>
              {form && offered(actions.update) && <UpdatePanel launch={l} availability={actions.update} form={form} onDone={refresh} />}
              {offered(actions.detectDrift) && <DriftPanel launchId={l.id} availability={actions.detectDrift} />}
              {offered(actions.delete) && <TeardownPanel launch={l} availability={actions.delete} onDone={refresh} />}
              {actions.discardPreview.allowed && <DiscardPreviewPanel launchId={l.id} onDone={refresh} />}
            </>
          )}
          {!canManage && <p className="text-xs text-slate-500">Viewers can watch launches; developers of {l.team.name} can update or delete them.</p>}
        </div>
      </div>
    </div>
  );
}
