import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import 'highlight.js/styles/github.css';
import { requirePageActor } from '@/server/auth/session';
import { getBlueprint } from '@/server/blueprints/load';
import { highlightTemplate } from '@/server/blueprints/highlight';
import { canLaunchSomewhere } from '@/server/auth/authz';
import { dashboardHref, dashboardLabels } from '@/lib/blueprints/labels';
import { Badge } from '@/components/ui/badge';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Card } from '@/components/ui/card';
import { buttonClass } from '@/components/ui/button';
import { Markdown } from '@/components/markdown';
import { ArchitectureDiagram } from '@/components/diagram/architecture-diagram';
import { BlueprintCost } from './_components/blueprint-cost';
import { TableHead } from '@/components/ui/table-head';

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const blueprint = await getBlueprint((await params).slug);
  return { title: blueprint?.metadata.title ?? 'Blueprint' };
}

const sections = ['overview', 'architecture', 'parameters', 'outputs', 'dashboards', 'cost', 'template', 'changelog'] as const;

export default async function BlueprintPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requirePageActor();
  const blueprint = await getBlueprint((await params).slug);
  if (!blueprint) notFound();
  const { metadata: m, model } = blueprint;
  const canLaunch = canLaunchSomewhere(actor);
  return (
    <article className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-3xl">
          <Breadcrumbs className="mb-0" items={[{ label: 'Catalog', href: '/catalog' }, { label: m.category }]} />
          <h1 className="mt-1 text-2xl font-semibold">{m.title}</h1>
          <p className="mt-1 text-sm text-slate-600">{m.summary}</p>
          <div className="mt-2 flex flex-wrap gap-1">
            <Badge tone="info">v{m.version}</Badge>
            <Badge>level {m.level}</Badge>
            {m.services.map((s) => (
              <Badge key={s}>{s}</Badge>
            ))}
            {m.sandbox.deployable ? <Badge tone="good">sandbox-ready</Badge> : <Badge tone="warn">needs a real AWS account</Badge>}
          </div>
          <p className="mt-2 text-xs text-slate-500">
            From the AWS Compute Blog post “{m.source.title}” by {m.source.authors.join(', ')}.
          </p>
        </div>
        <div className="flex flex-col items-end gap-1">
          {canLaunch ? (
            <Link href={`/launches/new?blueprint=${m.slug}`} className={buttonClass('primary')}>
              Launch
            </Link>
          ) : (
            <span className={buttonClass('primary', 'pointer-events-none opacity-50')} aria-disabled>
              Launch
            </span>
          )}
          {!canLaunch && <span className="max-w-56 text-right text-xs text-slate-500">Launching needs the developer role in a team.</span>}
          {!m.sandbox.deployable && <span className="max-w-64 text-right text-xs text-amber-700">Not in the sandbox: {m.sandbox.reason}</span>}
        </div>
      </header>

      <nav aria-label="On this page" className="flex flex-wrap gap-3 border-b border-slate-200 pb-2 text-sm">
        {sections.map((s) => (
          <a key={s} href={`#${s}`} className="capitalize text-slate-600 hover:text-brand-600">
            {s}
          </a>
        ))}
      </nav>

      <section id="overview">
        <Card title="How it works">
          <Markdown>{blueprint.readme}</Markdown>
        </Card>
      </section>

      <section id="architecture">
        <Card title="Architecture (generated from the template)">
          <ArchitectureDiagram graph={blueprint.graph} resources={blueprint.resources} />
        </Card>
      </section>

      <section id="parameters">
        <Card title={`Parameters (${model.parameters.length})`}>
          {model.parameterGroups.length > 0 && <p className="mb-2 text-xs text-slate-500">Grouped as on the launch form.</p>}
          <table className="w-full text-left text-sm">
            <TableHead columns={[{ label: 'Parameter' }, { label: 'Type' }, { label: 'Default' }, { label: 'Constraints and help' }]} />
            <tbody>
              {model.parameters.map((p) => (
                <tr key={p.name} className="border-t border-slate-100 align-top">
                  <td className="py-2 pr-2">
                    <span className="font-medium">{p.label}</span>
                    <span className="block font-mono text-xs text-slate-500">{p.name}</span>
                    {p.group && <span className="block text-xs text-slate-400">{p.group}</span>}
                  </td>
                  <td className="py-2 pr-2 font-mono text-xs">
                    {p.type}
                    {p.noEcho && (
                      <Badge tone="warn" className="ml-1">
                        secret
                      </Badge>
                    )}
                  </td>
                  <td className="py-2 pr-2 font-mono text-xs">{p.noEcho ? '—' : (p.default ?? <span className="text-red-700">required</span>)}</td>
                  <td className="py-2 text-xs text-slate-600">
                    {describeConstraints(p).map((c) => (
                      <span key={c} className="block">
                        {c}
                      </span>
                    ))}
                    {p.help && <span className="block text-slate-500">{p.help}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {model.capabilities.length > 0 && <p className="mt-3 text-xs text-slate-600">Launching acknowledges: {model.capabilities.join(', ')}.</p>}
        </Card>
      </section>

      <section id="outputs">
        <Card title={`Outputs (${model.outputs.length})`}>
          <dl className="grid gap-x-4 gap-y-2 text-sm md:grid-cols-[14rem_1fr]">
            {model.outputs.map((o) => (
              <div key={o.name} className="contents">
                <dt className="font-mono text-xs">{o.name}</dt>
                <dd className="text-slate-700">{o.meaning ?? o.description}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </section>

      <section id="dashboards">
        <Card title="Dashboards this blueprint feeds">
          {m.dashboards.length === 0 ? (
            <p className="text-sm text-slate-500">None.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {m.dashboards.map((d) => (
                <li key={d.kind}>
                  <Link href={dashboardHref[d.kind]} className="text-brand-600 underline">
                    {dashboardLabels[d.kind]}
                  </Link>{' '}
                  <span className="text-slate-500">— {describeDashboard(d)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </section>

      <section id="cost">
        <Card title="Monthly cost estimate">
          <BlueprintCost slug={m.slug} profile={m.cost} />
        </Card>
      </section>

      <section id="template">
        <Card title="Template">
          <pre className="max-h-[36rem] overflow-auto rounded-md bg-slate-50 p-3 text-xs leading-5">
            <code className="hljs language-yaml" dangerouslySetInnerHTML={{ __html: highlightTemplate(blueprint.templateSource) }} />
          </pre>
          {blueprint.nestedTemplates.map((n) => (
            <details key={n.path} className="mt-3">
              <summary className="cursor-pointer text-sm font-medium">{n.path}</summary>
              <pre className="mt-2 max-h-[28rem] overflow-auto rounded-md bg-slate-50 p-3 text-xs leading-5">
                <code className="hljs language-yaml" dangerouslySetInnerHTML={{ __html: highlightTemplate(n.source) }} />
              </pre>
            </details>
          ))}
        </Card>
      </section>

      <section id="changelog">
        <Card title="Changelog">
          <ol className="space-y-3 text-sm">
            {m.changelog.map((c) => (
              <li key={c.version}>
                <span className="font-mono font-medium">v{c.version}</span> <span className="text-xs text-slate-500">{c.date}</span>
                <ul className="mt-1 list-disc pl-5 text-slate-700">
                  {c.changes.map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </Card>
      </section>
    </article>
  );
}

function describeConstraints(p: import('@/lib/blueprints/types').TemplateParameterDto): string[] {
  const out: string[] = [];
  if (p.allowedValues?.length) out.push(`one of ${p.allowedValues.join(', ')}`);
  if (p.minValue !== undefined || p.maxValue !== undefined) out.push(`${p.minValue ?? '−∞'} to ${p.maxValue ?? '∞'}`);
  if (p.minLength !== undefined || p.maxLength !== undefined) out.push(`${p.minLength ?? 0}–${p.maxLength ?? '∞'} characters`);
  if (p.allowedPattern) out.push(`pattern ${p.allowedPattern}`);
  if (p.constraintDescription) out.push(p.constraintDescription);
  return out;
}

function describeDashboard(d: import('@/lib/blueprints/types').BlueprintDashboardDto): string {
  switch (d.kind) {
    case 'stepfunctions':
      return `state machine from output ${d.stateMachineArnOutput}`;
    case 'sns-audit':
      return `topic from output ${d.topicArnOutput}`;
    case 'kafka':
      return `cluster from parameter ${d.clusterArnParameter}${d.consumerGroupIdParameter ? `, consumer group from ${d.consumerGroupIdParameter}` : ''}`;
    case 'abac':
      return `roles ${d.roleArnOutputs.join(', ')}; tag keys ${d.tagKeys.join(', ')}`;
    case 'cost':
      return 'prefills the estimator with this blueprint’s cost profile';
  }
}
