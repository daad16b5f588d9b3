import { Badge } from '@/components/ui/badge';
import type { ResourceChangeDto } from '@/lib/launch/types';
import { TableHead } from '@/components/ui/table-head';

const actionTone = { Add: 'good', Modify: 'warn', Remove: 'bad' } as const;

/** The change-set preview: what CloudFormation will add, modify (and whether it replaces) or remove. */
export function ChangeSetTable({ changes }: { changes: ResourceChangeDto[] }) {
  if (changes.length === 0) return <p className="text-sm text-slate-500">CloudFormation reports no resource changes.</p>;
  const counts = changes.reduce<Record<string, number>>((acc, c) => ((acc[c.action] = (acc[c.action] ?? 0) + 1), acc), {});
  return (
    <div>
      <p className="mb-2 text-sm text-slate-700" data-testid="change-summary">
        {Object.entries(counts)
          .map(([a, n]) => `${n} to ${a.toLowerCase()}`)
          .join(', ')}
      </p>
      <table className="w-full text-left text-sm">
        <TableHead columns={[{ label: 'Action' }, { label: 'Resource' }, { label: 'Type' }, { label: 'Replacement' }]} />
        <tbody>
          {changes.map((c) => (
            <tr key={`${c.action}-${c.logicalId}`} className="border-t border-slate-100">
              <td className="py-1.5 pr-2">
                <Badge tone={actionTone[c.action as keyof typeof actionTone] ?? 'neutral'}>{c.action}</Badge>
              </td>
              <td className="py-1.5 pr-2 font-mono text-xs">
                {c.logicalId}
                {c.properties.length > 0 && <span className="block text-slate-500">changes {c.properties.join(', ')}</span>}
              </td>
              <td className="py-1.5 pr-2 font-mono text-xs text-slate-600">{c.resourceType}</td>
              <td className="py-1.5">
                {c.replacement === 'True' ? (
                  <Badge tone="bad">replaced</Badge>
                ) : c.replacement === 'Conditional' ? (
                  <Badge tone="warn">may be replaced</Badge>
                ) : c.replacement === 'False' ? (
                  'in place'
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
