import type { AuthCondition, AuthWhere } from './store.ts';

/**
 * Compiles the auth library's where-conditions into SQL over `auth_rows`
 * (JSON rows in `data`), with the same meaning as `predicateFor` gives them in
 * memory: missing fields equal null, strings compare by code point, numbers
 * as numbers, and "insensitive" lowers both sides of a string comparison.
 * Values always travel as parameters. Field names (which come from the
 * library's schema, never from people) are written into the SQL as literals so
 * the expression indexes of migration 1 apply; anything but a plain identifier
 * is refused.
 */
export function compileWhere(where: AuthWhere, params: unknown[]): string {
  const add = (value: unknown) => `$${params.push(value)}`;
  const all = where.filter((c) => c.connector !== 'OR').map((c) => condition(c, add));
  const any = where.filter((c) => c.connector === 'OR').map((c) => condition(c, add));
  if (any.length) all.push(`(${any.join(' OR ')})`);
  return all.length ? all.join(' AND ') : 'true';
}

const plain = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);

function condition(c: AuthCondition, add: (value: unknown) => string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(c.field)) throw new Error(`Refusing the auth field name ${JSON.stringify(c.field)}: only plain identifiers are allowed.`);
  const field = `data->'${c.field}'`;
  const text = `(data->>'${c.field}')`;
  const isString = `jsonb_typeof(${field}) = 'string'`;
  const insensitive = c.mode === 'insensitive';
  const value = plain(c.value);
  const list = Array.isArray(value) ? (value as unknown[]).map(plain) : undefined;
  switch (c.operator) {
    case 'eq':
    case 'ne': {
      if (value === null) return `coalesce(${field}, 'null'::jsonb) ${c.operator === 'eq' ? '=' : '<>'} 'null'::jsonb`;
      if (c.field === 'id' && typeof value === 'string') return `id ${c.operator === 'eq' ? '=' : '<>'} ${add(value)}`;
      if (insensitive && typeof value === 'string') {
        const test = `(${isString} AND lower(${text}) = lower(${add(value)}))`;
        return c.operator === 'eq' ? test : `NOT coalesce(${test}, false)`;
      }
      // Plain equality keeps the expression indexes usable; a missing field is NULL, so not equal.
      return c.operator === 'eq' ? `${field} = ${add(JSON.stringify(value))}::jsonb` : `${field} IS DISTINCT FROM ${add(JSON.stringify(value))}::jsonb`;
    }
    case 'in':
    case 'not_in': {
      const items = (list ?? []).map((item) => (insensitive && typeof item === 'string' ? item.toLowerCase() : item));
      const actual = insensitive ? `(CASE WHEN ${isString} THEN to_jsonb(lower(${text})) ELSE ${field} END)` : field;
      const test = `coalesce(${actual} IN (SELECT jsonb_array_elements(${add(JSON.stringify(items))}::jsonb)), false)`;
      return c.operator === 'in' ? test : `NOT ${test}`;
    }
    case 'contains':
    case 'starts_with':
    case 'ends_with': {
      if (typeof value !== 'string') return 'false';
      const [actual, expected] = insensitive ? [`lower(${text})`, `lower(${add(value)})`] : [text, add(value)];
      const test = c.operator === 'contains' ? `strpos(${actual}, ${expected}) > 0` : c.operator === 'starts_with' ? `left(${actual}, length(${expected})) = ${expected}` : `right(${actual}, length(${expected})) = ${expected}`;
      return `(${isString} AND ${test})`;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[c.operator];
      if (typeof value === 'number') return `(jsonb_typeof(${field}) = 'number' AND (${text})::numeric ${op} ${add(value)})`;
      if (typeof value === 'string') return `(${isString} AND ${text} COLLATE "C" ${op} ${add(value)})`;
      return 'false';
    }
    default:
      return 'false';
  }
}
