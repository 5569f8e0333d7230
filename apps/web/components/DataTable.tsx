import type { HTMLAttributes, ReactNode } from 'react';

export interface Column<Row> {
  header: string;
  /** Right-aligned, for numbers. */
  numeric?: boolean;
  cell: (row: Row) => ReactNode;
  /** Extra class for the cell, e.g. a warning colour that depends on the value. */
  cellClass?: (row: Row) => string;
}

interface Props<Row> {
  /** The table's accessible name: what specs and screen readers find it by. */
  label: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  /** Tighter rows, for small side panels. */
  compact?: boolean;
  /** Attributes for each row (test ids, data attributes, a highlight class). */
  rowProps?: (row: Row) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
}

/** The console's plain table: a header row, one row per item, horizontal scroll when narrow. */
export function DataTable<Row>({ label, columns, rows, rowKey, compact, rowProps }: Props<Row>) {
  return (
    <div className="table-scroll">
      <table aria-label={label} className={compact ? 'compact' : undefined}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.numeric ? 'num' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((column) => {
                const classes = [column.numeric ? 'num' : '', column.cellClass?.(row) ?? '']
                  .filter(Boolean)
                  .join(' ');
                return (
                  <td key={column.header} className={classes || undefined}>
                    {column.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
