import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
// A fresh embedded database per run (the first-admin page must show). Set once, inherited by workers.
process.env.E2E_DATA_DIR ??= `.test-data/e2e-${Date.now().toString(36)}`;

/**
 * End-to-end tests against the built app (`next build` first), served on a fresh data directory,
 * driving Debian's Chromium. Never `playwright install`.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node node_modules/tsx/dist/cli.mjs scripts/serve.ts',
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      BERTH_DATA_DIR: process.env.E2E_DATA_DIR,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      BERTH_LOG_LEVEL: 'warn',
      BERTH_STATS_INTERVAL_MS: '2000',
      // Overridable so that several checkouts can run their e2e tiers on one machine at once.
      BERTH_HTTP_PORT: process.env.E2E_EDGE_HTTP_PORT ?? '18080',
      BERTH_HTTPS_PORT: process.env.E2E_EDGE_HTTPS_PORT ?? '18443',
      ...(process.env.E2E_IP_POOL ? { BERTH_IP_POOL: process.env.E2E_IP_POOL } : {}),
      ...(process.env.E2E_IP6_POOL ? { BERTH_IP6_POOL: process.env.E2E_IP6_POOL } : {}),
      // Label what the e2e server creates, so an interrupted run's leftovers are found and removed.
      BERTH_RUN_ID: `e2e${Date.now().toString(36)}`,
      BERTH_TEST_PID: String(process.pid),
    },
  },
});
