import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/*
 * End-to-end: a real engine and the built console, driven in Debian's Chromium.
 * Both must be built first (`npm run build`): the servers below run the build output.
 */
// Unusual ports so a developer's own engine (4100) and console (3000) can keep running.
// Not 4190: it is on the fetch spec's blocked-port list (sieve), so Node's fetch refuses it.
const enginePort = Number(process.env.WEIR_E2E_ENGINE_PORT ?? 4195);
// The standby, so specs can fail over between the two.
const standbyPort = Number(process.env.WEIR_E2E_STANDBY_PORT ?? 4196);
const webPort = Number(process.env.WEIR_E2E_WEB_PORT ?? 3195);
const engineUrl = `http://127.0.0.1:${enginePort}`;
const webUrl = `http://127.0.0.1:${webPort}`;

// This file is evaluated again in every worker; the env var makes them all share the one
// data directory the main process created, instead of each making an empty one.
process.env.WEIR_E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'weir-e2e-'));
const dataDir = process.env.WEIR_E2E_DATA_DIR;
// The first admin's password, random per run and shared with the specs the same way (they
// read it from this variable to create the users they sign in as).
process.env.WEIR_E2E_ADMIN_PASSWORD ??= randomBytes(18).toString('base64url');

// Reusing a running server is handy while iterating, but off by default: an unrelated
// process on these ports would otherwise be tested by mistake.
const reuse = process.env.WEIR_E2E_REUSE === '1';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: webUrl,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      // Playwright cannot download its own browsers here; use the distribution's.
      executablePath: process.env.WEIR_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
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
  projects: [{ name: 'chromium' }],
  webServer: [
    {
      // ZooKeeper, PostgreSQL and two engines in HA mode: see e2e/support/ha-cluster.ts.
      name: 'engines',
      command: 'node --import tsx e2e/support/ha-cluster.ts',
      url: `${engineUrl}/healthz`,
      env: {
        WEIR_E2E_ENGINE_PORTS: `${enginePort},${standbyPort}`,
        WEIR_E2E_DATA_DIR: dataDir,
        WEIR_ALLOWED_ORIGINS: webUrl,
        WEIR_CHECKPOINT_INTERVAL_MS: '1000',
        WEIR_ADMIN_PASSWORD: process.env.WEIR_E2E_ADMIN_PASSWORD,
        // Alerts show up within a second instead of five.
        WEIR_ALERT_EVALUATION_INTERVAL_MS: '500',
      },
      reuseExistingServer: reuse,
      // ZooKeeper's JVM, then two engines one after the other.
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    },
    {
      name: 'web',
      command: 'npm run start -w @weir/web',
      url: `${webUrl}/`,
      env: {
        PORT: String(webPort),
        WEIR_ENGINE_URL: engineUrl,
        NEXT_TELEMETRY_DISABLED: '1',
      },
      reuseExistingServer: reuse,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
  ],
});
