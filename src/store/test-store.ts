import { createMemoryStore } from './document-store.ts';
import type { Store } from './store.ts';

/**
 * A fresh, empty store for domain tests: in memory, or on PostgreSQL when
 * `TEST_STORE=postgres` (set by `npm run test:postgres`), so the whole domain
 * suite also runs against the database engine.
 */
export async function openTestStore(): Promise<Store> {
  if (process.env['TEST_STORE'] !== 'postgres') return createMemoryStore();
  const { freshPostgresStore } = await import('./postgres-test-db.ts');
  return freshPostgresStore();
}
