import { createAdapterFactory, type CleanedWhere } from 'better-auth/adapters';
import type { AuthRow, AuthTables } from '../store/store.ts';

type Value = CleanedWhere['value'];

const fold = (value: unknown, insensitive: boolean): unknown =>
  insensitive && typeof value === 'string' ? value.toLowerCase() : value;

/** Evaluates one where-clause of the auth library against a stored row. */
function matches(row: AuthRow, clause: CleanedWhere): boolean {
  const insensitive = clause.mode === 'insensitive';
  const actual = fold(row[clause.field], insensitive);
  const expected: Value | unknown = Array.isArray(clause.value)
    ? clause.value.map((item) => fold(item, insensitive))
    : fold(clause.value, insensitive);
  switch (clause.operator) {
    case 'eq':
      return expected === null ? actual == null : actual === expected;
    case 'ne':
      return expected === null ? actual != null : actual !== expected;
    case 'in':
      return Array.isArray(expected) && (expected as unknown[]).includes(actual);
    case 'not_in':
      return Array.isArray(expected) && !(expected as unknown[]).includes(actual);
    case 'contains':
      return typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected);
    case 'starts_with':
      return typeof actual === 'string' && typeof expected === 'string' && actual.startsWith(expected);
    case 'ends_with':
      return typeof actual === 'string' && typeof expected === 'string' && actual.endsWith(expected);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (expected == null || actual == null) return false;
      const [a, b] = [actual as string | number, expected as string | number];
      if (clause.operator === 'gt') return a > b;
      if (clause.operator === 'gte') return a >= b;
      if (clause.operator === 'lt') return a < b;
      return a <= b;
    }
    default:
      return false;
  }
}

/**
 * Turns the auth library's where-list into a predicate. As in its SQL adapters,
 * AND-clauses must all hold and, when there are OR-clauses, at least one of them.
 */
export function predicateFor(where: readonly CleanedWhere[] | undefined): (row: AuthRow) => boolean {
  const all = (where ?? []).filter((clause) => clause.connector !== 'OR');
  const any = (where ?? []).filter((clause) => clause.connector === 'OR');
  return (row) => all.every((clause) => matches(row, clause)) && (any.length === 0 || any.some((clause) => matches(row, clause)));
}

function project<T>(row: AuthRow, select: readonly string[] | undefined): T {
  if (!select?.length) return row as T;
  return Object.fromEntries(Object.entries(row).filter(([key]) => select.includes(key))) as T;
}

function compare(a: unknown, b: unknown): number {
  if (a == null && b == null) return 0;
  if (a == null) return -1;
  if (b == null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/**
 * A better-auth database adapter over PeerPath's {@link AuthTables}, so the
 * auth library's users, sessions and organisations live in whichever store
 * the configuration picked. Dates travel as ISO strings (`supportsDates:
 * false`), which keeps every row plain JSON.
 */
export function tableAdapter(tables: AuthTables) {
  return createAdapterFactory({
    config: {
      adapterId: 'peerpath-store',
      adapterName: 'PeerPath store',
      supportsDates: false,
      supportsJSON: false,
      supportsBooleans: true,
      supportsArrays: false,
      supportsNumericIds: false,
      transaction: false,
    },
    adapter: () => ({
      create: async ({ model, data, select }) => project(await tables.insert(model, data as AuthRow), select),
      findOne: async ({ model, where, select }) => {
        const [row] = await tables.select(model, predicateFor(where));
        return row ? project(row, select) : null;
      },
      findMany: async ({ model, where, limit, offset, sortBy, select }) => {
        const rows = await tables.select(model, predicateFor(where));
        if (sortBy) {
          const direction = sortBy.direction === 'asc' ? 1 : -1;
          rows.sort((a, b) => direction * compare(a[sortBy.field], b[sortBy.field]));
        }
        const start = offset ?? 0;
        return rows.slice(start, limit ? start + limit : undefined).map((row) => project(row, select));
      },
      count: async ({ model, where }) => (await tables.select(model, predicateFor(where))).length,
      update: async ({ model, where, update }) => {
        const [first] = await tables.select(model, predicateFor(where));
        if (!first) return null;
        const [updated] = await tables.update(model, (row) => row.id === first.id, update as Record<string, unknown>);
        return (updated ?? null) as never;
      },
      updateMany: async ({ model, where, update }) => (await tables.update(model, predicateFor(where), update)).length,
      delete: async ({ model, where }) => {
        const [first] = await tables.select(model, predicateFor(where));
        if (first) await tables.remove(model, (row) => row.id === first.id);
      },
      deleteMany: async ({ model, where }) => tables.remove(model, predicateFor(where)),
    }),
  });
}
