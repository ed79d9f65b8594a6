/**
 * `npm start`: builds the web app when it is missing or older than its sources, opens the
 * database (embedded PGlite unless DATABASE_URL is set), migrates and seeds as configured,
 * starts the job queue (workers when JOBS_WORKER is on), and serves the portal and the API.
 * SIGTERM/SIGINT close it gracefully: requests in flight, then running jobs, then the database.
 * With WEB_CONCURRENCY > 1 (PostgreSQL only) this process does the one-time work above, then
 * starts that many serving processes sharing the port and supervises them (ADR 0026).
 */
// First: V8's heap flags, before anything is allocated (ADR 0027).
import './platform/runtime/v8-heap.js';
import pino from 'pino';
import { loadConfig, ConfigError, type Config } from './platform/config/config.js';
import { loggerOptions } from './platform/logging/logger.js';
import { bootstrapDatabase } from './platform/db/bootstrap.js';
import { buildApp } from './app.js';
import { ensureWebBuild } from './platform/http/web-build.js';
import { allQueues, allSecretColumns, seedModules } from './composition.js';
import { installJobSchema } from './platform/jobs/index.js';
import { appliedMigrationCount, expectedMigrationCount } from './platform/db/migrate.js';
import { configureSecrets, sealSecretsAtStart } from './platform/secrets/index.js';
import { startPaymentSimulators } from './payment-simulators.js';
import { startPortalSimulator } from './dvcqg-simulator.js';
import { startBusinessRegistrySimulator } from './business-registry-simulator.js';
import { isServingProcess, superviseServingProcesses } from './platform/cluster/serving-processes.js';

async function start() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const log = pino(loggerOptions(config));
  // Secrets kept in the database are sealed with SECRETS_KEY (a local key outside production).
  configureSecrets(config, log);
  // A serving process of several (WEB_CONCURRENCY): the primary has started the simulators (their
  // addresses are in this process's environment), built the web app and seeded.
  const serving = isServingProcess();
  // Outside production: the payment simulators on loopback, unless real providers are configured.
  const simulators = serving ? undefined : await startPaymentSimulators(config);
  if (simulators) {
    config = loadConfig({ ...process.env, ...simulators.env });
    log.info(simulators.env, 'payment simulators started (MÔI TRƯỜNG THỬ NGHIỆM — không phải giao dịch thật)');
  }
  // Outside production: the national portal simulator on loopback, unless a real adapter is configured.
  const portalSimulator = serving ? undefined : await startPortalSimulator(config);
  if (portalSimulator) {
    config = loadConfig({ ...process.env, ...(simulators?.env ?? {}), ...portalSimulator.env });
    log.info({ ...portalSimulator.env, control: `${portalSimulator.url}/_sim/` }, 'national portal simulator started (MÔI TRƯỜNG THỬ NGHIỆM — không phải Cổng DVCQG thật)');
  }
  // Outside production: the business registration portal simulator on loopback, unless a real service is configured.
  const registrySimulator = serving ? undefined : await startBusinessRegistrySimulator(config);
  if (registrySimulator) {
    config = loadConfig({ ...process.env, ...(simulators?.env ?? {}), ...(portalSimulator?.env ?? {}), ...registrySimulator.env });
    log.info(registrySimulator.env, 'business registry simulator started (MÔI TRƯỜNG THỬ NGHIỆM — không phải Cổng đăng ký doanh nghiệp thật)');
  }
  if (config.webBuildOnStart && !serving) await ensureWebBuild({ distDir: config.webDistDir, log });
  const database = await bootstrapDatabase(config, log, (handle) =>
    seedModules({ db: handle.db, config, demo: config.nodeEnv !== 'production', report: (step, summary) => log.info(summary, step) }),
  );
  // Values stored in clear by an earlier version are sealed now (idempotent, safe with several nodes).
  const migrated = (await appliedMigrationCount(database)) >= expectedMigrationCount();
  if (!serving && migrated) await sealSecretsAtStart({ db: database.db, columns: allSecretColumns, log });
  if (!serving && config.webConcurrency > 1) {
    // The job schema and queues once, here, rather than by every serving process at the same moment.
    if (migrated) await installJobSchema(database, allQueues);
    await database.close();
    const stopSimulators = () => {
      simulators?.stop();
      portalSimulator?.stop();
      registrySimulator?.stop();
    };
    let port: number;
    try {
      port = await superviseServingProcesses({
        processes: config.webConcurrency,
        env: { ...(simulators?.env ?? {}), ...(portalSimulator?.env ?? {}), ...(registrySimulator?.env ?? {}), SEED_ON_START: 'false', WEB_BUILD_ON_START: 'false' },
        log,
        shutdownTimeoutMs: config.shutdownTimeoutMs,
        onStopped: stopSimulators,
      });
    } catch (err) {
      stopSimulators();
      throw err;
    }
    log.info({ processes: config.webConcurrency }, `OpenDVC đang chạy / is running: http://localhost:${port} (API: /docs)`);
    return;
  }
  const app = await buildApp({ config, database });
  // Creates the job schema and queues if needed; runs the workers when JOBS_WORKER is on.
  await app.jobs.start();
  // Worker nodes run the event consumers (notifications, …); API-only nodes do not.
  if (config.jobsWorker) app.eventConsumers.start(config.eventConsumersPollMs);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing requests in flight');
    const stoppingSince = Date.now();
    const timer = setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    try {
      await app.close();
      // Workers finish the jobs they hold (unfinished ones are retried later by any node).
      await app.jobs.stop({ timeoutMs: Math.max(1000, config.shutdownTimeoutMs - (Date.now() - stoppingSince) - 1000) });
      await database.close();
      simulators?.stop();
      portalSimulator?.stop();
      registrySimulator?.stop();
      clearTimeout(timer);
      log.info('stopped');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info(`OpenDVC đang chạy / is running: http://localhost:${port} (API: /docs)`);
}

const command = process.argv[2] ?? 'start';
if (command !== 'start') {
  console.error(`Unknown command "${command}". Use: tsx server/main.ts start`);
  process.exit(2);
}
start().catch((err) => {
  console.error(err);
  process.exit(1);
});
