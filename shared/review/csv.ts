/**
 * CSV as spreadsheets read it (RFC 4180: comma, CRLF, double quotes doubled), with a byte-order
 * mark so Excel reads UTF-8 names correctly. Text that a spreadsheet would run as a formula —
 * starting with `=`, `+`, `-`, `@`, a tab or a carriage return — gets a leading apostrophe, as
 * OWASP advises against CSV injection. Numbers are written as numbers and need no guard.
 */
export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_BOM = '\uFEFF';

/** A whole file: header, then rows, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
