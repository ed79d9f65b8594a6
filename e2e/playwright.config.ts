/**
 * End-to-end tests of the citizen portal against the real server and the bundled catalogue
 * (seed/catalog.json), in a fresh embedded database. Run: npm run test:e2e
 */
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { isDataDirLockHeld } from '../server/platform/db/data-dir-lock.js';
import { freshOfficial } from './fixtures/official.js';
import { registrySimPort, registrySimUrl, dvcqgSimPort, dvcqgSimUrl, oidcIssuer, oidcPort, portalPort as port, portalUrl as baseURL, smsGatewayKey, smsPort, smtpPort } from './fixtures/services.js';

const root = path.resolve(import.meta.dirname, '..');

// The runner loads this file again in each worker: keep one data folder per run via the environment.
const tmpDir = path.join(root, '.tmp');
const dataDir = (process.env.OPENDVC_E2E_DATA_DIR ??= path.join(tmpDir, `e2e-data-${port}-${Date.now()}`));
// Runs on other ports (E2E_PORT, e.g. the shards of scripts/test-e2e-sharded.sh) keep their own results.
const runSuffix = process.env.E2E_PORT ? `-${port}` : '';
if (!fs.existsSync(dataDir)) {
  fs.mkdirSync(tmpDir, { recursive: true });
  // Databases left by earlier runs on this port (about 40 MB each) are no longer needed; runs on
  // other ports may be going on at the same time. A folder whose database a running portal still
  // holds is kept: this file is also loaded by commands that only list the tests (the shard plan).
  for (const name of fs.readdirSync(tmpDir)) {
    const old = path.join(tmpDir, name);
    if (!name.startsWith(`e2e-data-${port}-`) || old === dataDir) continue;
    if (!isDataDirLockHeld(path.join(old, 'pglite.lock'))) fs.rmSync(old, { recursive: true, force: true });
  }
  fs.mkdirSync(dataDir, { recursive: true });
}

export default defineConfig({
  testDir: path.join(import.meta.dirname, 'specs'),
  outputDir: path.join(root, `test-results${runSuffix}`),
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  // In CI (.ci/run sets CI for the browser step) a failed test runs once more. One that passes
  // only then is reported "flaky", by name, in the shards' summary at the end of the output
  // (scripts/test-e2e-sharded.sh): on 2 cores shared by three shards a test's time varies up to
  // twofold from run to run (the supplement test of dossier-journey: 1.2 to 2.0 minutes), so a
  // test can run out of its time once without anything being wrong. A test that fails twice fails.
  retries: process.env.CI ? 1 : 0,
  // Generous waits: on 2 cores the heavier pages (the e-form engine, the editor) can take several
  // seconds to start while another shard, its browser and its server run beside them.
  timeout: 60_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['html', { outputFolder: path.join(root, `playwright-report${runSuffix}`), open: 'never' }]],
  use: {
    baseURL,
    browserName: 'chromium',
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 800 },
    // Recording a trace costs the browser a third more CPU for every test (its screencast frames and
    // snapshots; measured on back-office and eform-accessibility alone: Chromium's and the runner's
    // CPU 304 → 191 s, 4.9 → 4.0 min), which three shards on 2 cores pay in time. In CI a trace is
    // recorded only when a failed test runs again (kept if it fails again); locally, a failed test keeps its own.
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
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
  webServer: [
    {
      // Stands in for the national portal / VNeID (national sign-in).
      command: 'node_modules/.bin/tsx e2e/oidc-provider-server.ts',
      cwd: root,
      port: oidcPort,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { E2E_PORT: String(port), OPENDVC_E2E_DATA_DIR: dataDir },
    },
    {
      // Receives the portal's e-mail; the specs read it from the data folder.
      command: 'node_modules/.bin/tsx e2e/mail-server.ts',
      cwd: root,
      port: smtpPort,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { E2E_PORT: String(port), OPENDVC_E2E_DATA_DIR: dataDir },
    },
    {
      // Receives the portal's SMS (SMS_PROVIDER=http); the specs read them from the data folder.
      command: 'node_modules/.bin/tsx e2e/sms-gateway-server.ts',
      cwd: root,
      port: smsPort,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { E2E_PORT: String(port), OPENDVC_E2E_DATA_DIR: dataDir },
    },
    {
      // Stands in for the National Public Service Portal (through its data-sharing adapter).
      command: `node_modules/.bin/tsx simulators/dvcqg/server.ts --port ${dvcqgSimPort}`,
      cwd: root,
      url: `${dvcqgSimUrl}/_sim/stats`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // Stands in for the national business registration portal (tax code lookups of e-forms).
      command: `node_modules/.bin/tsx simulators/business-registry/server.ts --port ${registrySimPort}`,
      cwd: root,
      url: `${registrySimUrl}/api/v1/enterprises/0100109106`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // An official made with the administration CLI before the portal starts (the embedded
      // database admits one process at a time); its TOTP secret is kept for the specs.
      command: [
        'node_modules/.bin/tsx server/cli.ts db seed',
        `node_modules/.bin/tsx server/cli.ts users create-official --email ${freshOfficial.email} --password ${freshOfficial.password} --unit ${freshOfficial.unitCode} --role SPECIALIST --name "${freshOfficial.fullName}" --json > "${freshOfficial.file(dataDir)}"`,
        // Demo dossiers overdue, due soon and resolved late, for the statistics dashboard spec.
        'node_modules/.bin/tsx server/cli.ts statistics demo-late',
        'node_modules/.bin/tsx server/main.ts start',
      ].join(' && '),
      cwd: root,
      url: `${baseURL}/readyz`,
      timeout: 360_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: baseURL,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
        SEED_ON_START: 'true',
        CATALOG_SEED_FILE: path.join(root, 'seed', 'catalog.json'),
        // Password hashes of the seeded and registered test accounts at a test cost (as the unit
        // suites do): several hundred sign-ins across the specs, each a hash verification.
        ARGON2_MEMORY_KIB: '4096',
        ARGON2_TIME_COST: '2',
        ARGON2_PARALLELISM: '1',
        // Tests load many pages quickly from one address.
        RATE_LIMIT_PER_MINUTE: '10000',
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
        MAIL_PROVIDER: 'smtp',
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        SMS_PROVIDER: 'http',
        SMS_GATEWAY_URL: `http://127.0.0.1:${smsPort}/v1/messages`,
        SMS_GATEWAY_KEY: smsGatewayKey,
        OIDC_ISSUER_URL: oidcIssuer,
        OIDC_CLIENT_ID: 'opendvc-test',
        OIDC_CLIENT_SECRET: 'opendvc-test-secret-0123456789abcdef',
        // Dossiers are synced to the portal simulator (its default account is the development default).
        DVCQG_BASE_URL: `${dvcqgSimUrl}/XrdAdapter/RestService/forward`,
        DVCQG_POLL_MS: '500',
        BUSINESS_REGISTRY_URL: registrySimUrl,
        EVENT_CONSUMERS_POLL_MS: '500',
        // Webhooks: the specs' own subscriber listens on loopback; a failure is a dead letter at once.
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
        WEBHOOK_RETRY_HOURS: '0',
        WEBHOOK_POLL_MS: '300',
      },
    },
  ],
});
