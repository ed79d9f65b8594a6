/**
 * Administration CLI over the same use cases as the HTTP API.
 *   npm run cli -- db migrate                 apply pending migrations
 *   npm run cli -- db seed                    import the bundled catalogue and, outside production, demo accounts (idempotent)
 *   npm run cli -- procedures import FILE     import a catalogue exchange file [--json]
 *   npm run cli -- users create-admin --email E --password P --unit CODE
 *   npm run cli -- users create-official --email E --password P --unit CODE --role ROLE
 *   npm run cli -- users grant --email E --role ROLE --unit CODE [--fields A,B]
 *   npm run cli -- clients register --name N --scopes a,b | clients list | clients revoke --id ID | keys rotate
 *   npm run cli -- dossiers sweep-drafts      warn about expiring drafts, delete expired ones (also scheduled: DRAFT_SWEEP_CRON)
 *   npm run cli -- dossiers sweep-deadlines   warn officials about deadlines close or past (also scheduled: DEADLINE_SWEEP_CRON)
 *   npm run cli -- retention run [--dry-run]  purge personal data of closed dossiers past RETENTION_*_DAYS (also scheduled: RETENTION_CRON)
 *   npm run cli -- events lag                 how far each event consumer is behind, parked (dead-letter) and retrying events
 *   npm run cli -- events replay CONSUMER [--from POSITION] [--partition P]   deliver events again (parked ones included)
 *   npm run cli -- events drain               run the event consumers now until nothing is left
 *   npm run cli -- backup create --out FILE   database, stored files and signing keystore in one archive with a manifest
 *   npm run cli -- backup restore FILE [--force]   verify, then restore into an empty database and files folder
 *   npm run cli -- audit verify               check the audit trail's hash chain (exit 1 when broken)
 *   npm run cli -- secrets status | encrypt-existing | rotate-key [--batch N] | new-key   secrets sealed under SECRETS_KEY
 *   npm run cli -- signing demo-pki           demo CA and signing certificates for the demo leaders and unit (never in production)
 *   npm run cli -- config doc                 print the configuration reference
 * Exit codes: 0 success, 1 failure, 2 usage error.
 */
import path from 'node:path';
import { ConfigError, loadConfig, renderConfigurationDoc } from './platform/config/config.js';
import { openDatabase } from './platform/db/create-database.js';
import { appliedMigrationCount, migrateDatabase } from './platform/db/migrate.js';
import { isAppError } from './platform/errors/app-error.js';
import { importCatalogFile } from './modules/catalog/index.js';
import { AuditUsageError, auditUsage, runAuditCommand } from './platform/audit/audit.commands.js';
import { installJobSchema } from './platform/jobs/index.js';
import { clientsUsage, parseFlags, runClientsCommand, runUsersCommand, seedDemoSigningPki, UsageError, usersUsage } from './modules/identity/index.js';
import { allCliGroups, allConsumers, allQueues, allSecretColumns, seedModules } from './composition.js';
import { backupUsage, BackupUsageError, runBackupCommand } from './platform/backup/index.js';
import { configureSecrets, runSecretsCommand, SecretsUsageError, secretsUsage } from './platform/secrets/index.js';
import { consumerLag, createConsumerRunner, replayConsumer } from './platform/events/index.js';

const usage = `Cách dùng / usage:
  npm run cli -- db migrate
  npm run cli -- db seed
  npm run cli -- procedures import FILE [--json]
${usersUsage}
${clientsUsage}
${allCliGroups.map((g) => g.usage).join('\n')}
${auditUsage}
${backupUsage}
${secretsUsage}
  npm run cli -- events lag                    how far each event consumer is behind; dead letters and retries
  npm run cli -- events replay CONSUMER [--from POSITION] [--partition P]
  npm run cli -- events drain                  run the event consumers now until nothing is left
  npm run cli -- signing demo-pki              demo CA and signing certificates of the demo leaders and unit (not in production)
  npm run cli -- config doc`;

async function withDatabase<T>(fn: (handle: Awaited<ReturnType<typeof openDatabase>>, config: ReturnType<typeof loadConfig>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // Secrets kept in the database are sealed and opened with the configured key.
  configureSecrets(config, { warn: (obj, msg) => console.error(`${msg} ${JSON.stringify(obj)}`) });
  const handle = await openDatabase(config);
  try {
    return await fn(handle, config);
  } finally {
    await handle.close();
  }
}

async function main(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const [group, command, ...rest] = args.filter((a) => a !== '--json');
  const out = (human: string, data: unknown) => console.log(json ? JSON.stringify(data) : human);

  if (group === 'config' && command === 'doc') {
    console.log(renderConfigurationDoc());
    return 0;
  }
  if (group === 'db' && command === 'migrate') {
    return withDatabase(async (handle) => {
      await migrateDatabase(handle);
      const applied = await appliedMigrationCount(handle);
      out(`Đã áp dụng migration (${handle.engine}): ${applied} / migrations applied`, { engine: handle.engine, applied });
      return 0;
    });
  }
  if (group === 'db' && command === 'seed') {
    return withDatabase(async (handle, config) => {
      if (handle.engine === 'pglite') await migrateDatabase(handle);
      // Each module's seed (catalogue, e-forms, workflows; demo accounts outside production).
      await seedModules({ db: handle.db, config, demo: config.nodeEnv !== 'production', report: (step, summary) => out(`${step}: ${JSON.stringify(summary)}`, { step, ...summary }) });
      return 0;
    });
  }
  if (group === 'procedures' && command === 'import') {
    const file = rest[0];
    if (!file) {
      console.error(usage);
      return 2;
    }
    return withDatabase(async (handle) => {
      if (handle.engine === 'pglite') await migrateDatabase(handle);
      const summary = await importCatalogFile({ db: handle.db, file: path.resolve(file) });
      out(
        `Đã nhập danh mục: ${summary.proceduresCreated} thủ tục mới, ${summary.proceduresUpdated} cập nhật, ${summary.versionsCreated} phiên bản mới, ${summary.versionsUnchanged} phiên bản không đổi.`,
        summary,
      );
      return 0;
    });
  }
  if (group === 'clients' || group === 'keys') {
    return withDatabase(async (handle) => {
      if (handle.engine === 'pglite') await migrateDatabase(handle);
      return runClientsCommand({ db: handle.db, group, command, args: rest, out });
    });
  }
  if (group === 'events') {
    return withDatabase(async (handle, config) => {
      if (handle.engine === 'pglite') await migrateDatabase(handle);
      const consumers = allConsumers(config);
      if (command === 'lag') {
        const lag = await consumerLag(handle.db, consumers);
        out(lag.map((c) => `${c.consumer}: ${c.lag} sự kiện chưa xử lý / events behind (vị trí ${c.position} / ${c.headPosition}), ${c.deadLetters.length} phân vùng dừng vì lỗi / dead letters${c.deadLetters.map((d) => `\n  phân vùng ${d.partition}, sự kiện ${d.position}: ${d.error}`).join('')}`).join('\n'), lag);
        return 0;
      }
      if (command === 'replay') {
        const flags = parseFlags(rest.slice(1));
        const name = rest[0];
        if (!name || !consumers.some((c) => c.name === name)) throw new UsageError(`Không có bộ xử lý sự kiện "${name ?? ''}" / unknown consumer (${consumers.map((c) => c.name).join(', ')})`);
        const fromPosition = flags.from === undefined ? undefined : Number(flags.from);
        const partition = flags.partition === undefined ? undefined : Number(flags.partition);
        if ((fromPosition !== undefined && !Number.isInteger(fromPosition)) || (partition !== undefined && !Number.isInteger(partition))) throw new UsageError('--from và --partition phải là số nguyên / must be integers');
        const result = await replayConsumer(handle.db, name, { fromPosition, partition });
        out(`Đã đặt lại ${result.partitions} phân vùng của ${name} / partitions reset`, { consumer: name, fromPosition: fromPosition ?? null, ...result });
        return 0;
      }
      if (command === 'drain') {
        // Consumers queue e-mails: the job schema must exist.
        await installJobSchema(handle, allQueues);
        const result = await createConsumerRunner({ db: handle.db, consumers, maxAttempts: config.eventConsumerMaxAttempts }).drain();
        out(`Đã xử lý ${result.processed} sự kiện, ${result.failed} lỗi / events processed, failures`, result);
        return result.failed > 0 ? 1 : 0;
      }
      throw new UsageError(`Lệnh không rõ: events ${command ?? ''}`);
    });
  }
  const moduleGroup = allCliGroups.find((g) => g.group === group);
  if (moduleGroup) {
    return withDatabase(async (handle, config) => {
      if (handle.engine === 'pglite') await migrateDatabase(handle);
      if (moduleGroup.needsJobs) await installJobSchema(handle, allQueues);
      return moduleGroup.run({ handle, config, command, args: rest, out });
    });
  }
  if (group === 'audit') {
    return withDatabase(async (handle) => {
      if (handle.engine === 'pglite') await migrateDatabase(handle);
      return runAuditCommand({ db: handle.db, command, args: rest, out });
    });
  }
  if (group === 'backup') {
    // The backup opens the database itself (on PGlite it must hold the data folder's lock).
    const config = loadConfig();
    return runBackupCommand({ config, command, args: rest, out, report: (line) => { if (!json) console.log(line); } });
  }
  if (group === 'secrets') {
    if (command === 'new-key') return runSecretsCommand({ columns: allSecretColumns, command, out });
    return withDatabase(async (handle) => {
      if (handle.engine === 'pglite') await migrateDatabase(handle);
      return runSecretsCommand({ db: handle.db, columns: allSecretColumns, command, args: rest, out });
    });
  }
  if (group === 'signing' && command === 'demo-pki') {
    const config = loadConfig();
    if (config.nodeEnv === 'production') {
      console.error('Không tạo chứng thư số mẫu khi NODE_ENV=production / the demo PKI is not for production');
      return 1;
    }
    // The unit's name comes from the catalogue (migrated here on the embedded database).
    const pki = await withDatabase(async (handle) => {
      if (handle.engine === 'pglite') await migrateDatabase(handle);
      return seedDemoSigningPki({ db: handle.db, dir: config.signingKeystoreDir, passphrase: config.signingPkcs12Passphrase });
    });
    out(
      `Chứng thư số mẫu (CA mẫu, không dùng cho giao dịch thật): ${pki.created.length} tệp mới trong ${config.signingKeystoreDir}${pki.created.length ? `: ${pki.created.join(', ')}` : ''}`,
      { dir: config.signingKeystoreDir, ...pki },
    );
    return 0;
  }
  if (group === 'users') {
    return withDatabase(async (handle, config) => {
      if (handle.engine === 'pglite') await migrateDatabase(handle);
      return runUsersCommand({ db: handle.db, config, command, args: rest, out });
    });
  }
  console.error(usage);
  return 2;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((e) => {
    if (e instanceof ConfigError) console.error(e.message);
    else if (e instanceof UsageError || e instanceof AuditUsageError || e instanceof BackupUsageError || e instanceof SecretsUsageError) {
      console.error(`${e.message}\n${usage}`);
      process.exit(2);
    }
    else if (isAppError(e)) {
      const file = (e.details?.file as string | undefined) ?? '';
      console.error(`Lỗi ${e.code}: ${e.message}`);
      for (const problem of e.errors ?? []) console.error(`  ${file ? `${file}: ` : ''}${problem.path}: ${problem.message}`);
    } else console.error(e);
    process.exit(1);
  });
