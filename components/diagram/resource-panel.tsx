'use client';

import type { ArchitectureGraphDto, GraphResourceDetailDto } from '@/lib/blueprints/types';
import { EDGE_KIND_STYLE } from './diagram-parts';

/**
 * The selected resource as its template writes it: logical id, type, what it connects to, its
 * properties, and the template lines that declare it (highlighted, numbered).
 */
export function ResourcePanel({
  resource,
  graph,
  onSelect,
}: {
  resource: GraphResourceDetailDto | undefined;
  graph: ArchitectureGraphDto;
  onSelect: (id: string | null) => void;
}) {
  if (!resource) {
    return (
      <aside aria-label="Resource details" className="rounded-lg border border-slate-200 p-3 text-sm text-slate-500" data-testid="resource-panel">
        Select a resource in the diagram to see its type, properties and the template lines that declare it.
      </aside>
    );
  }
  const labelOf = (id: string) => graph.nodes.find((node) => node.id === id)?.label ?? id;
  const connections = graph.edges.filter((edge) => edge.kind !== 'contains' && (edge.source === resource.id || edge.target === resource.id));
  const properties = Object.entries(resource.properties);

  return (
    <aside aria-label="Resource details" className="min-w-0 space-y-3 rounded-lg border border-slate-200 p-3 text-sm" data-testid="resource-panel">
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="break-words font-semibold text-slate-900">{resource.logicalId}</h3>
          <p className="break-all font-mono text-xs text-slate-600">{resource.type}</p>
          {resource.id !== resource.logicalId && <p className="text-xs text-slate-500">in nested stack {resource.id.split('/').slice(0, -1).join('/')}</p>}
        </div>
        <button type="button" onClick={() => onSelect(null)} className="shrink-0 text-xs text-slate-500 underline" aria-label="Close resource details">
          Close
        </button>
      </div>

      {(resource.dependsOn.length > 0 || resource.condition) && (
        <p className="text-xs text-slate-600">
          {resource.condition && <>Created only when condition {resource.condition} holds. </>}
          {resource.dependsOn.length > 0 && <>Depends on {resource.dependsOn.join(', ')}.</>}
        </p>
      )}

      {connections.length > 0 && (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Connections</h4>
          <ul className="mt-1 space-y-0.5 text-xs" aria-label="Connections">
            {connections.map((edge) => {
              const outgoing = edge.source === resource.id;
              const other = outgoing ? edge.target : edge.source;
              return (
                <li key={edge.id} className="flex flex-wrap items-center gap-1">
                  <span className="inline-block h-0.5 w-3" style={{ background: EDGE_KIND_STYLE[edge.kind].stroke }} aria-hidden />
                  <span className="text-slate-500">{outgoing ? `${EDGE_KIND_STYLE[edge.kind].label} →` : `← ${EDGE_KIND_STYLE[edge.kind].label} from`}</span>
                  <button type="button" className="font-medium text-brand-600 underline" onClick={() => onSelect(other)}>
                    {labelOf(other)}
                  </button>
                  {edge.label && <span className="text-slate-500">({edge.label})</span>}
                </li>
              );
            })}
          </ul>
        </div>
      )}

      <div>
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Properties</h4>
        {properties.length === 0 ? (
          <p className="mt-1 text-xs text-slate-500">None.</p>
        ) : (
          <dl className="mt-1 space-y-1 text-xs" aria-label="Properties">
            {properties.map(([name, value]) => (
              <div key={name}>
                <dt className="font-mono font-medium text-slate-700">{name}</dt>
                <dd>
                  <pre className="max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 px-1.5 py-1 text-[11px] leading-4 text-slate-700">
                    {typeof value === 'string' ? value : JSON.stringify(value, null, 2)}
                  </pre>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </div>

      <div>
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Template</h4>
        {resource.lines ? (
          <>
            <p className="mt-1 text-xs text-slate-600" data-testid="resource-lines">
              {resource.file}, lines {resource.lines.start}–{resource.lines.end}
            </p>
            <pre
              className="mt-1 max-h-72 overflow-auto rounded-md bg-slate-50 p-2 text-[11px] leading-4"
              aria-label={`${resource.file} lines ${resource.lines.start} to ${resource.lines.end}`}
            >
              <code className="hljs language-yaml block">
                {resource.sourceLines.map((html, index) => (
                  <span key={index} className="block whitespace-pre">
                    <span className="mr-2 inline-block w-8 select-none text-right text-slate-400">{resource.lines!.start + index}</span>
                    {/* Escaped by highlight.js on the server. */}
                    <span dangerouslySetInnerHTML={{ __html: html }} />
                  </span>
                ))}
              </code>
            </pre>
          </>
        ) : (
          <p className="mt-1 text-xs text-slate-500">Its lines in {resource.file} could not be located.</p>
        )}
      </div>
    </aside>
  );
}
