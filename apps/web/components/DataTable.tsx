import type { HTMLAttributes, ReactNode } from 'react';

export type SortDirection = 'ascending' | 'descending';

export interface Column<Row, SortKey extends string = never> {
  header: string;
  /** Right-aligned, for numbers. */
  numeric?: boolean;
  cell: (row: Row) => ReactNode;
  /** Extra class for the cell, e.g. a warning colour that depends on the value. */
  cellClass?: (row: Row) => string;
  /** Set: the header is a button that sorts the table by this key (see `sort`). */
  sortKey?: SortKey;
}

/** The order the table's rows are in, which its sortable headers change. */
export interface TableSort<SortKey extends string> {
  by: SortKey;
  direction: SortDirection;
  /** A sortable header was clicked; the caller sorts the rows it passes. */
  onSort: (by: SortKey) => void;
}

interface Props<Row, SortKey extends string> {
  /** The table's accessible name: what specs and screen readers find it by. */
  label: string;
  columns: Column<Row, SortKey>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  /** Tighter rows, for small side panels. */
  compact?: boolean;
  /** Attributes for each row (test ids, data attributes, a highlight class). */
  rowProps?: (row: Row) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  sort?: TableSort<SortKey>;
}

const ARROWS: Record<SortDirection, string> = { ascending: ' ↑', descending: ' ↓' };

function HeaderCell<Row, SortKey extends string>({
  column,
  sort,
}: {
  column: Column<Row, SortKey>;
  sort?: TableSort<SortKey>;
}) {
  const { sortKey } = column;
  const sorted = sort && sortKey !== undefined && sort.by === sortKey ? sort.direction : undefined;
  return (
    <th scope="col" className={column.numeric ? 'num' : undefined} aria-sort={sorted}>
      {sort && sortKey !== undefined ? (
        <button type="button" className="sort-button" onClick={() => sort.onSort(sortKey)}>
          {column.header}
          <span aria-hidden="true">{sorted ? ARROWS[sorted] : ''}</span>
        </button>
      ) : (
        column.header
      )}
    </th>
  );
}

/** The console's plain table: a header row, one row per item, horizontal scroll when narrow. */
export function DataTable<Row, SortKey extends string = never>({
  label,
  columns,
  rows,
  rowKey,
  compact,
  rowProps,
  sort,
}: Props<Row, SortKey>) {
  return (
    <div className="table-scroll">
      <table aria-label={label} className={compact ? 'compact' : undefined}>
        <thead>
          <tr>
            {columns.map((column) => (
              <HeaderCell key={column.header} column={column} sort={sort} />
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
