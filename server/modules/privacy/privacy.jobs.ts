/**
 * `privacy.retention`, on a cron schedule (RETENTION_CRON) written by worker nodes: the personal
 * data retention purge (privacy.retention.ts).
 */
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/create-database.js';
import type { JobQueue, QueueDefinition } from '../../platform/jobs/job-queue.js';
import type { ObjectStorage } from '../../platform/storage/index.js';
import { describeRetention, runRetentionUntilDone } from './privacy.retention.js';

export const PRIVACY_RETENTION = 'privacy.retention';
export const retentionQueue: QueueDefinition = { name: PRIVACY_RETENTION, retryLimit: 2, retryDelaySeconds: 300, expireInSeconds: 3600 };

type Logger = { info(obj: object, msg?: string): void };

export async function registerPrivacyJobs(jobs: JobQueue, { db, config, storage, logger }: { db: Database; config: Config; storage: ObjectStorage; logger?: Logger }) {
  await jobs.work(PRIVACY_RETENTION, async () => {
    const report = await runRetentionUntilDone({ db, storage, config });
    logger?.info({ drafts: report.drafts.length, dossiers: report.dossiers.length, filesRemoved: report.filesRemoved }, describeRetention(report));
  });
  await jobs.schedule(PRIVACY_RETENTION, config.retentionCron);
}
