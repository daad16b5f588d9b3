'use client';

import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { formatDollarDelta } from '@/lib/cost/number-format';
import { compareScenarios, type ComparisonRow } from '@/lib/cost/scenario-compare';
import type { CostScenarioDto } from '@/lib/schemas/cost-scenarios';
import { TableHead } from '@/components/ui/table-head';

/** Two scenarios side by side; rows that differ are highlighted and marked "differs". */
export function ScenarioComparison({ a, b }: { a: CostScenarioDto; b: CostScenarioDto }) {
  const comparison = compareScenarios(a, b);
  const { totalCostA, totalCostB } = comparison;
  const delta = totalCostA !== null && totalCostB !== null ? Math.round((totalCostB - totalCostA) * 100) / 100 : null;
  const percent = delta !== null && totalCostA ? (delta / totalCostA) * 100 : null;
  const differing = comparison.inputs.filter((row) => row.differs).length;

  return (
    <div className="space-y-3">
      {delta !== null && (
        <p className="text-sm text-slate-700" data-testid="comparison-delta">
          <strong>{b.name}</strong> costs{' '}
          <strong className={cn(delta > 0 ? 'text-red-700' : delta < 0 ? 'text-emerald-700' : undefined)}>{formatDollarDelta(delta)}</strong> a month
          {percent !== null && ` (${percent > 0 ? '+' : ''}${percent.toFixed(1)}%)`} compared with <strong>{a.name}</strong>; {differing}{' '}
          {differing === 1 ? 'input differs' : 'inputs differ'}.
        </p>
      )}
      <table className="w-full table-fixed text-left text-sm" aria-label={`Comparison of ${a.name} and ${b.name}`}>
        <TableHead columns={[{ label: 'Input', className: 'w-2/5' }, { label: a.name }, { label: b.name }]} />
        <tbody className="divide-y divide-slate-100">
          {comparison.inputs.map((row) => (
            <Row key={row.key} row={row} />
          ))}
        </tbody>
        <tbody className="border-t-2 border-slate-200 font-medium">
          {comparison.results.map((row) => (
            <Row key={row.key} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Row({ row }: { row: ComparisonRow }) {
  return (
    <tr data-differs={row.differs} className={cn(row.differs && 'bg-amber-50')}>
      <th scope="row" className="py-1.5 pr-3 font-normal text-slate-600">
        <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
          {row.label}
          {row.differs && <Badge tone="warn">differs</Badge>}
        </span>
      </th>
      <td className="break-words py-1.5 pr-3 tabular-nums">{row.a}</td>
      <td className={cn('break-words py-1.5 tabular-nums', row.differs && 'font-semibold text-amber-900')}>{row.b}</td>
    </tr>
  );
}
