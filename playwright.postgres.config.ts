import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

/**
 * The end-to-end subset on PostgreSQL: two app instances on one throwaway
 * database (started by `npm run test:postgres`), the main journeys against
 * the first, and `instances.spec.ts` moving between both.
 */
const url = process.env.TEST_DATABASE_URL;
if (!url) throw new Error('The PostgreSQL end-to-end tests need TEST_DATABASE_URL: run "npm run test:postgres", which starts a throwaway server.');

const firstPort = Number(process.env.E2E_PG_PORT ?? 4341);
const ports = [firstPort, firstPort + 1] as const;
process.env.E2E_SECOND_URL = `http://localhost:${ports[1]}`;

const instance = (port: number, command: string) => ({
  command,
  url: `http://localhost:${port}/healthz`,
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: 'pipe' as const,
  env: {
    PORT: String(port),
    HOST: 'localhost',
    DATABASE_URL: url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'peerpath-e2e-pg-')),
    SIGN_IN_ATTEMPTS_PER_MINUTE: '100',
    SEARCH_REFRESH_SECONDS: '1',
    ASTRO_TELEMETRY_DISABLED: '1',
  },
});

export default defineConfig({
  ...base,
  testIgnore: [],
  testMatch: ['installation.spec.ts', 'auth.spec.ts', 'quiz.spec.ts', 'placement.spec.ts', 'mentor.spec.ts', 'instances.spec.ts'],
  use: { ...base.use, baseURL: `http://localhost:${ports[0]}` },
  // Both instances migrate (one at a time, by lock); only the first seeds the demo.
  webServer: [instance(ports[0], 'node scripts/migrate.ts && node scripts/serve.ts --demo'), instance(ports[1], 'node scripts/migrate.ts && node scripts/serve.ts')],
});
