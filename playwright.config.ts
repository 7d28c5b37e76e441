import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests run against the built server (`npm run build` first) with
 * a fresh temporary data folder and the demo accounts.
 *
 * Chromium: PLAYWRIGHT_CHROMIUM_EXECUTABLE when set, else the system's
 * /usr/bin/chromium when present, else Playwright's own browser
 * (`npx playwright install chromium` on machines that can download it).
 */
const port = Number(process.env.E2E_PORT ?? 4329);
const baseURL = `http://localhost:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'peerpath-e2e-'));
process.env.E2E_DATA_DIR = dataDir; // keep one folder for the config's re-evaluation in workers

const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? systemChromium;

export default defineConfig({
  testDir: 'tests',
  // Needs two instances on PostgreSQL: run by playwright.postgres.config.ts.
  testIgnore: ['instances.spec.ts'],
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  timeout: 60_000,
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
  webServer: {
    command: 'node scripts/serve.ts --demo',
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    env: {
      PORT: String(port),
      HOST: 'localhost',
      DATA_DIR: dataDir,
      SIGN_IN_ATTEMPTS_PER_MINUTE: '100',
      ASTRO_TELEMETRY_DISABLED: '1',
    },
  },
});
