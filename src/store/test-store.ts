import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLowdbStore, createMemoryStore } from './document-store.ts';
import type { Store } from './store.ts';

/**
 * A fresh, empty store for domain tests, on the engine `TEST_STORE` names:
 * in memory by default; `lowdb` (files in a new temporary folder, removed on
 * close), which `npm run test:unit` runs the domain tests on a second time;
 * or `postgres`, set by `npm run test:postgres`. So the whole domain suite
 * runs against every engine.
 */
export async function openTestStore(): Promise<Store> {
  switch (process.env['TEST_STORE']) {
    case 'postgres': {
      const { freshPostgresStore } = await import('./postgres-test-db.ts');
      return freshPostgresStore();
    }
    case 'lowdb': {
      const dir = mkdtempSync(join(tmpdir(), 'peerpath-domain-'));
      const store = await createLowdbStore(dir);
      const close = store.close.bind(store);
      store.close = async () => {
        await close();
        rmSync(dir, { recursive: true, force: true });
      };
      return store;
    }
    default:
      return createMemoryStore();
  }
}
