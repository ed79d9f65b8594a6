/**
 * End-to-end tests of the citizen portal against the real server and the bundled catalogue
 * (seed/catalog.json), in a fresh embedded database. Run: npm run test:e2e
 */
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

// The runner loads this file again in each worker: keep one data folder per run via the environment.
const tmpDir = path.join(root, '.tmp');
const dataDir = (process.env.OPENDVC_E2E_DATA_DIR ??= path.join(tmpDir, `e2e-data-${Date.now()}`));
if (!fs.existsSync(dataDir)) {
  fs.mkdirSync(tmpDir, { recursive: true });
  // Databases left by earlier runs (about 40 MB each) are no longer needed.
  for (const name of fs.readdirSync(tmpDir)) {
    const old = path.join(tmpDir, name);
    if (name.startsWith('e2e-data-') && old !== dataDir) fs.rmSync(old, { recursive: true, force: true });
  }
  fs.mkdirSync(dataDir, { recursive: true });
}

export default defineConfig({
  testDir: path.join(import.meta.dirname, 'specs'),
  outputDir: path.join(root, 'test-results'),
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: path.join(root, 'playwright-report'), open: 'never' }]],
  use: {
    baseURL,
    browserName: 'chromium',
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    },
  },
  webServer: {
    command: 'node_modules/.bin/tsx server/main.ts start',
    cwd: root,
    url: `${baseURL}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      SEED_ON_START: 'true',
      CATALOG_SEED_FILE: path.join(root, 'seed', 'catalog.json'),
      // Tests load many pages quickly from one address.
      RATE_LIMIT_PER_MINUTE: '10000',
    },
  },
});
