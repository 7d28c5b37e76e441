import type { CleanedWhere } from 'better-auth/adapters';
import { describe, expect, it } from 'vitest';
import { predicateFor } from './table-adapter.ts';

const clause = (field: string, value: CleanedWhere['value'], extra: Partial<CleanedWhere> = {}): CleanedWhere => ({
  field,
  value,
  operator: 'eq',
  connector: 'AND',
  mode: 'sensitive',
  ...extra,
});

const rows = [
  { id: '1', email: 'Ada@example.org', expiresAt: '2026-01-01T00:00:00.000Z', role: 'mentor' },
  { id: '2', email: 'bo@example.org', expiresAt: '2027-01-01T00:00:00.000Z', role: 'trainee' },
];
const ids = (where: CleanedWhere[]) => rows.filter(predicateFor(where)).map((row) => row.id);

describe('predicateFor', () => {
  it('matches everything without clauses', () => expect(ids([])).toEqual(['1', '2']));
  it('compares case-insensitively only when asked', () => {
    expect(ids([clause('email', 'ada@example.org')])).toEqual([]);
    expect(ids([clause('email', 'ada@example.org', { mode: 'insensitive' })])).toEqual(['1']);
  });
  it('orders ISO dates as strings', () => expect(ids([clause('expiresAt', '2026-06-01T00:00:00.000Z', { operator: 'gt' })])).toEqual(['2']));
  it('supports in and not_in', () => {
    expect(ids([clause('role', ['mentor', 'admin'], { operator: 'in' })])).toEqual(['1']);
    expect(ids([clause('role', ['mentor'], { operator: 'not_in' })])).toEqual(['2']);
  });
  it('needs all AND clauses and one of the OR clauses', () => {
    expect(ids([clause('role', 'trainee'), clause('id', '1', { connector: 'OR' }), clause('id', '2', { connector: 'OR' })])).toEqual(['2']);
    expect(ids([clause('id', '1', { connector: 'OR' }), clause('id', '2', { connector: 'OR' })])).toEqual(['1', '2']);
  });
});
