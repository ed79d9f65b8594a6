import type { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../platform/config/config.js';
import type { DatabaseHandle } from '../platform/db/create-database.js';
import type { Clock } from '../platform/clock.js';
import type { Mailer } from '../platform/mail/mailer.js';
import { createTestDatabase } from './test-database.js';

export interface TestContext {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  close(): Promise<void>;
}

/** The real app on a private copy of the seeded database, for `app.inject` tests. */
export async function createTestApp(env: Record<string, string> = {}, options: { mailer?: Mailer; logStream?: Writable; database?: DatabaseHandle; clock?: Clock } = {}): Promise<TestContext> {
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    WEB_DIST_DIR: '/nonexistent',
    RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    // Cheap hashing in tests; production keeps the defaults.
    ARGON2_MEMORY_KIB: '4096',
    ARGON2_TIME_COST: '2',
    ARGON2_PARALLELISM: '1',
    // The run's demo keystore (global setup); tests that need another pass their own.
    SIGNING_KEYSTORE_DIR: inject('signingKeystoreDir'),
    SIGNING_PKCS12_PASSPHRASE: inject('signingPassphrase'),
    ...env,
  });
  const app = await buildApp({ config, database, logger: Boolean(options.logStream), logStream: options.logStream, mailer: options.mailer, clock: options.clock });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
