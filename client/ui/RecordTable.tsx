import type { ReactNode } from 'react';

export interface RecordTableProps<T> {
  caption: string;
  /** Visually hidden caption: the table still has its accessible name. */
  hideCaption?: boolean;
  className?: string;
  columns: readonly string[];
  records: readonly T[];
  keyOf: (record: T) => string | number;
  /** One cell per column, in order. */
  cells: (record: T) => ReactNode[];
  rowClass?: (record: T) => string | undefined;
}

/** A captioned table of records, one row each: the shape every list of records here takes. */
export function RecordTable<T>({
  caption,
  hideCaption,
  className = 'review-table',
  columns,
  records,
  keyOf,
  cells,
  rowClass,
}: RecordTableProps<T>) {
  return (
    <table className={className}>
      <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <tr key={keyOf(record)} className={rowClass?.(record)}>
            {cells(record).map((cell, i) => (
              <td key={columns[i]}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
