import type { ReactNode } from 'react';
import { cn } from './cn';

export type SortDirection = 'ascending' | 'descending';

export interface TableColumn {
  label: ReactNode;
  /** Right-aligned, over a column of numbers. */
  numeric?: boolean;
  /** Said to screen readers only (a column of checkboxes or row actions). */
  srOnly?: boolean;
  /** Width and the like (`w-10`, `w-2/5`). */
  className?: string;
  /** A sortable column: its current direction (none when another column sorts) and what a click does. */
  sort?: { direction: SortDirection | null; onSort: () => void };
}

const LAYOUT = {
  /** Inside a card or form, flush with the text around it. */
  plain: { head: '', compact: 'py-1 pr-3 last:pr-0', roomy: 'py-2 pr-4 last:pr-0' },
  /** A table filling its own panel edge to edge: shaded header, cells padded on both sides. */
  panel: { head: 'bg-slate-50', compact: 'px-3 py-2', roomy: 'px-4 py-2' },
} as const;

/** The header row of every data table: one column header per entry, numbers right-aligned, sortable columns as buttons. */
export function TableHead({
  columns,
  variant = 'plain',
  density = 'compact',
}: {
  columns: TableColumn[];
  variant?: keyof typeof LAYOUT;
  density?: 'compact' | 'roomy';
}) {
  const layout = LAYOUT[variant];
  return (
    <thead className={cn('text-xs uppercase text-slate-500', layout.head)}>
      <tr>
        {columns.map((column, i) => (
          <th
            key={i}
            scope="col"
            aria-sort={column.sort ? (column.sort.direction ?? 'none') : undefined}
            className={cn('font-medium', layout[density], column.numeric && 'text-right', column.className)}
          >
            {column.sort ? (
              <button type="button" className="inline-flex items-center gap-1 uppercase hover:text-slate-800" onClick={column.sort.onSort}>
                {column.label}
                <span aria-hidden className="w-2">
                  {column.sort.direction === 'descending' ? '▼' : column.sort.direction === 'ascending' ? '▲' : ''}
                </span>
              </button>
            ) : column.srOnly ? (
              <span className="sr-only">{column.label}</span>
            ) : (
              column.label
            )}
          </th>
        ))}
      </tr>
    </thead>
  );
}
