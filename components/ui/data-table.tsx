import type { ReactNode } from 'react';

export interface Column<T> {
  /** The header cell; empty for a column of row actions. */
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Classes added to the column's body cells (font, width, truncation, a flex row of buttons). */
  className?: string;
  /** A tooltip of the body cell, e.g. the full text of a truncated one. */
  title?: (row: T) => string | undefined;
  /** Classes of the header cell (a width, under `fixed`). */
  headerClassName?: string;
}

interface Props<T> {
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** A caption for assistive technology (hidden); or `label` as the table's aria-label. */
  caption?: string;
  label?: string;
  /** Classes added to a body row (a highlighted row, `align-top` for cells of several lines). */
  rowClassName?: (row: T) => string;
  /** Column widths from the header cells rather than the content (long values wrap instead). */
  fixed?: boolean;
}

const cellClass = (last: boolean) => (last ? 'py-1' : 'py-1 pr-3');

/**
 * The dashboard's list table: muted headers, rows split by a rule, compact cells, scrolling
 * sideways on a narrow screen. Columns say how each cell renders from its row.
 */
export function DataTable<T>({ columns, rows, rowKey, caption, label, rowClassName, fixed }: Props<T>) {
  const last = columns.length - 1;
  return (
    <div className="overflow-x-auto">
      <table className={`w-full text-left text-sm ${fixed ? 'table-fixed' : ''}`.trim()} aria-label={label}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="text-slate-500">
          <tr>
            {columns.map((c, i) => (
              <th key={i} className={`${c.headerClassName ?? ''} ${cellClass(i === last)}`.trim()}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={`border-t border-slate-200 dark:border-slate-800 ${rowClassName?.(row) ?? ''}`}>
              {columns.map((c, i) => (
                <td key={i} className={`${c.className ?? ''} ${cellClass(i === last)}`.trim()} title={c.title?.(row)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
