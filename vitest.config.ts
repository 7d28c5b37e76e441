import { defineConfig } from 'vitest/config';

/** Domain tests: they open their store with `openTestStore()` and so run on whichever engine `TEST_STORE` names. */
const DOMAIN_TESTS = ['src/**/*.server.test.ts', 'src/auth/sign-in.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'] } },
      // The domain suite once more on the lowdb engine (files on disk), besides memory; `npm run test:postgres` runs it on PostgreSQL.
      ...(process.env['TEST_STORE'] ? [] : [{ extends: true as const, test: { name: 'domain on lowdb', include: DOMAIN_TESTS, env: { TEST_STORE: 'lowdb' } } }]),
    ],
  },
});
