import { Badge } from '@/components/ui/badge';
import { replacementLabel, type ResourceChangeDto } from '@/lib/launches/dto';
import { TableHead } from '@/components/ui/table-head';

const actionTone = { Add: 'good', Modify: 'warn', Remove: 'bad' } as const;
const replacementTone = { True: 'bad', Conditional: 'warn' } as const;

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
      {/* Fixed columns with the type under the logical id: long ids and types wrap instead of pushing
          the Replacement column out of a narrow preview card. */}
      <table className="w-full table-fixed text-left text-sm" data-testid="change-set-table">
        <TableHead columns={[{ label: 'Action', className: 'w-20' }, { label: 'Resource' }, { label: 'Replacement', className: 'w-32' }]} />
        <tbody>
          {changes.map((c) => {
            const label = replacementLabel(c.replacement);
            return (
              <tr key={`${c.action}-${c.logicalId}`} className="border-t border-slate-100 align-top">
                <td className="py-1.5 pr-2">
                  <Badge tone={actionTone[c.action as keyof typeof actionTone] ?? 'neutral'}>{c.action}</Badge>
                </td>
                <td className="py-1.5 pr-2 font-mono text-xs [overflow-wrap:anywhere]">
                  {c.logicalId} <span className="block text-slate-600">{c.resourceType}</span>
                  {c.properties.length > 0 && <span className="block text-slate-500">changes {c.properties.join(', ')}</span>}
                </td>
                <td className="py-1.5" data-testid="replacement">
                  {label && c.replacement !== 'False' ? (
                    <Badge tone={replacementTone[c.replacement as keyof typeof replacementTone]}>{label}</Badge>
                  ) : (
                    (label ?? '—')
                  )}
                  {c.replacingProperties && c.replacingProperties.length > 0 && (
                    <span className="mt-0.5 block text-xs text-slate-500 [overflow-wrap:anywhere]">because of {c.replacingProperties.join(', ')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
