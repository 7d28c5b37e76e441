import { createAdapterFactory, type CleanedWhere } from 'better-auth/adapters';
import { byId } from '../store/auth-where.ts';
import type { AuthRow, AuthTables, AuthWhere } from '../store/store.ts';

/** The library's where-list with its defaults spelled out. */
const conditions = (where: readonly CleanedWhere[] | undefined): AuthWhere =>
  (where ?? []).map((c) => ({ field: c.field, value: c.value, operator: c.operator ?? 'eq', connector: c.connector ?? 'AND', mode: c.mode ?? 'sensitive' }));


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
        const [row] = await tables.select(model, conditions(where));
        return row ? project(row, select) : null;
      },
      findMany: async ({ model, where, limit, offset, sortBy, select }) => {
        const rows = await tables.select(model, conditions(where));
        if (sortBy) {
          const direction = sortBy.direction === 'asc' ? 1 : -1;
          rows.sort((a, b) => direction * compare(a[sortBy.field], b[sortBy.field]));
        }
        const start = offset ?? 0;
        return rows.slice(start, limit ? start + limit : undefined).map((row) => project(row, select));
      },
      count: async ({ model, where }) => (await tables.select(model, conditions(where))).length,
      update: async ({ model, where, update }) => {
        const [first] = await tables.select(model, conditions(where));
        if (!first) return null;
        const [updated] = await tables.update(model, byId(first.id), update as Record<string, unknown>);
        return (updated ?? null) as never;
      },
      updateMany: async ({ model, where, update }) => (await tables.update(model, conditions(where), update)).length,
      delete: async ({ model, where }) => {
        const [first] = await tables.select(model, conditions(where));
        if (first) await tables.remove(model, byId(first.id));
      },
      deleteMany: async ({ model, where }) => tables.remove(model, conditions(where)),
    }),
  });
}
