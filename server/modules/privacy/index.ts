/** Public surface of the personal data module (Law 91/2025/QH15, ADR 0022): exports of one's data and retention. */
import type { AppModule } from '../../platform/modules.js';
import { createObjectStorage } from '../../platform/storage/index.js';
import { PRIVACY_RETENTION, registerPrivacyJobs, retentionQueue } from './privacy.jobs.js';
import { describeRetention, runRetentionUntilDone } from './privacy.retention.js';
import { privacyRoutes } from './privacy.routes.js';

export { collectPersonalData, writePersonalDataZip, PERSONAL_DATA_FORMAT } from './privacy.export.js';
export { runRetention, runRetentionUntilDone, describeRetention, type RetentionReport } from './privacy.retention.js';
export { PRIVACY_RETENTION };

const usage = 'retention run [--dry-run]   purges the personal data of dossiers past RETENTION_*_DAYS (withdrawn, refused, stopped) and deletes expired drafts; --dry-run lists them and changes nothing';

export const privacyModule: AppModule = {
  name: 'privacy',
  routes: async (app, prefix) => {
    await app.register(privacyRoutes, { prefix });
  },
  queues: [retentionQueue],
  workers: async (jobs, deps) => registerPrivacyJobs(jobs, deps),
  cli: [
    {
      group: 'retention',
      usage,
      run: async ({ handle, config, command, args, out }) => {
        if (command !== 'run') {
          out(usage, { error: 'unknown command' });
          return 2;
        }
        const dryRun = args.includes('--dry-run');
        const report = await runRetentionUntilDone({ db: handle.db, storage: createObjectStorage(config), config }, { dryRun });
        out(describeRetention(report), report);
        return 0;
      },
    },
  ],
};
