import type { AppConfig } from '../config.ts';
import { createLowdbStore, createMemoryStore } from './document-store.ts';
import { createPostgresStore } from './postgres-store.ts';
import type { Store } from './store.ts';

export type { Store, ProgressRecords, AuthTables, AuthRow, Organisation, Membership, Person } from './store.ts';
export { newId } from './document-store.ts';

/** Opens the store the configuration names. The only place that picks an engine. */
export function openStore(config: Pick<AppConfig, 'store' | 'dataDir' | 'database'>): Promise<Store> {
  switch (config.store) {
    case 'memory':
      return createMemoryStore();
    case 'lowdb':
      return createLowdbStore(config.dataDir);
    case 'postgres':
      if (!config.database) throw new Error('The PostgreSQL store needs DATABASE_URL.');
      return createPostgresStore({ url: config.database.url, maxConnections: config.database.poolSize });
  }
}
