import { stringify } from 'csv-stringify/sync';

/**
 * Neutralises a cell a spreadsheet would run as a formula (one starting with
 * =, +, -, @, tab or carriage return) by prefixing an apostrophe.
 */
export function safeCell(value: string | number | null): string {
  if (value === null) return 'suppressed (fewer than 5 people)';
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) && typeof value !== 'number' ? `'${text}` : text;
}

/** Rows to CSV with correct quoting (csv-stringify) and formula-safe cells. */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return stringify(rows.map((row) => row.map(safeCell)), { record_delimiter: 'windows' });
}
