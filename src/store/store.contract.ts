import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuizAttempt } from '../quiz/attempt.ts';
import type { Store } from './store.ts';

/** A valid attempt with overridable fields, for store tests. */
export function sampleAttempt(overrides: Partial<QuizAttempt> = {}): QuizAttempt {
  return {
    id: crypto.randomUUID(),
    userId: 'user-1',
    moduleId: 'recovery-values-in-practice',
    results: [{ questionId: 'q1', chosen: ['a'], correct: true }],
    score: 100,
    passMark: 80,
    passed: true,
    submittedAt: new Date('2026-11-01T10:00:00Z').toISOString(),
    ...overrides,
  };
}

/**
 * The behaviour every storage engine must share. Each engine's test file calls
 * this with a factory that opens a fresh, empty store.
 */
export function storeContract(engine: string, open: () => Promise<Store>): void {
  describe(`store contract: ${engine}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('starts empty', async () => {
      expect(await store.hasAccounts()).toBe(false);
      expect(await store.progressFor('user-1')).toEqual({ attempts: [] });
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('returns only the requested person\'s attempts, oldest first', async () => {
      const first = sampleAttempt({ submittedAt: '2026-11-01T10:00:00.000Z' });
      const second = sampleAttempt({ submittedAt: '2026-11-02T10:00:00.000Z', score: 50, passed: false });
      await store.recordAttempt(first);
      await store.recordAttempt(sampleAttempt({ userId: 'someone-else' }));
      await store.recordAttempt(second);
      expect((await store.progressFor('user-1')).attempts).toEqual([first, second]);
      expect((await store.progressFor('someone-else')).attempts).toHaveLength(1);
    });

    it('refuses an invalid attempt and stores nothing', async () => {
      await expect(store.recordAttempt(sampleAttempt({ score: 140 }))).rejects.toThrow();
      expect((await store.progressFor('user-1')).attempts).toEqual([]);
    });

    it('hands out copies, so callers cannot change stored records', async () => {
      await store.recordAttempt(sampleAttempt());
      const [copy] = (await store.progressFor('user-1')).attempts;
      if (copy) copy.score = 0;
      expect((await store.progressFor('user-1')).attempts[0]?.score).toBe(100);
    });

    it('keeps auth rows: insert, select, update and remove', async () => {
      const tables = store.authTables;
      await tables.insert('user', { id: 'u1', email: 'a@example.org', name: 'A' });
      await tables.insert('user', { id: 'u2', email: 'b@example.org', name: 'B' });
      expect(await store.hasAccounts()).toBe(true);
      expect(await tables.select('user', (row) => row.email === 'b@example.org')).toEqual([{ id: 'u2', email: 'b@example.org', name: 'B' }]);
      const updated = await tables.update('user', (row) => row.id === 'u1', { name: 'Ada', id: 'ignored' });
      expect(updated).toEqual([{ id: 'u1', email: 'a@example.org', name: 'Ada' }]);
      expect(await tables.remove('user', (row) => row.id === 'u2')).toBe(1);
      expect(await tables.select('user', () => true)).toEqual([{ id: 'u1', email: 'a@example.org', name: 'Ada' }]);
      expect(await tables.select('session', () => true)).toEqual([]);
    });
  });
}
