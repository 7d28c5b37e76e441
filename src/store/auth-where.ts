import type { AuthCondition, AuthRow, AuthWhere } from './store.ts';

const fold = (value: unknown, insensitive: boolean): unknown =>
  insensitive && typeof value === 'string' ? value.toLowerCase() : value;

/** Evaluates one condition of the auth library against a stored row. */
function matches(row: AuthRow, condition: AuthCondition): boolean {
  const insensitive = condition.mode === 'insensitive';
  const actual = fold(row[condition.field], insensitive);
  const expected: unknown = Array.isArray(condition.value)
    ? condition.value.map((item) => fold(item, insensitive))
    : fold(condition.value, insensitive);
  switch (condition.operator) {
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
      if (condition.operator === 'gt') return a > b;
      if (condition.operator === 'gte') return a >= b;
      if (condition.operator === 'lt') return a < b;
      return a <= b;
    }
    default:
      return false;
  }
}

/** Turns a where-list into a predicate, for engines that keep rows in memory. */
export function predicateFor(where: AuthWhere): (row: AuthRow) => boolean {
  const all = where.filter((condition) => condition.connector !== 'OR');
  const any = where.filter((condition) => condition.connector === 'OR');
  return (row) => all.every((condition) => matches(row, condition)) && (any.length === 0 || any.some((condition) => matches(row, condition)));
}

/** The where-list for one row by id. */
export const byId = (id: string): AuthWhere => [{ field: 'id', operator: 'eq', value: id, connector: 'AND', mode: 'sensitive' }];
/** The where-list for rows whose `field` equals `value`. */
export const whereEq = (field: string, value: string): AuthWhere => [{ field, operator: 'eq', value, connector: 'AND', mode: 'sensitive' }];
