import type { ReactNode } from 'react';
import { cn } from './cn';

export interface TableColumn {
  label: ReactNode;
  /** Right-aligned, over a column of numbers. */
  numeric?: boolean;
}

const PADDING = { compact: { y: 'py-1', gap: 'pr-3' }, roomy: { y: 'py-2', gap: 'pr-4' } } as const;

/** The header row of a data table: one column header per entry, numbers right-aligned. */
export function TableHead({ columns, density = 'compact' }: { columns: TableColumn[]; density?: keyof typeof PADDING }) {
  const { y, gap } = PADDING[density];
  return (
    <thead className="text-xs uppercase text-slate-500">
      <tr>
        {columns.map((column, i) => (
          <th key={i} scope="col" className={cn(y, i < columns.length - 1 && gap, column.numeric && 'text-right')}>
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
