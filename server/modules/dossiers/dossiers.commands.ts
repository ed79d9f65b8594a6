/**
 * CLI for operators: `npm run cli -- dossiers sweep-drafts` runs the draft-expiry sweep now (the
 * same work as the scheduled `dossiers.sweep-drafts` job): warning e-mails for drafts about to
 * expire, deletion of expired drafts with their files.
 */
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/create-database.js';
import type { ObjectStorage } from '../../platform/storage/index.js';
import { UsageError } from '../identity/index.js';
import { runDraftSweep } from './dossiers.jobs.js';

export const dossiersUsage = '  npm run cli -- dossiers sweep-drafts        warn about drafts about to expire, delete expired ones with their files';

type Out = (human: string, data: unknown) => void;

export async function runDossiersCommand({ db, config, storage, command, out }: { db: Database; config: Config; storage: ObjectStorage; command: string | undefined; out: Out }): Promise<number> {
  if (command === 'sweep-drafts') {
    const result = await runDraftSweep({ db, config, storage });
    out(`Hồ sơ đang soạn: ${result.warned} thư cảnh báo, ${result.deleted} hồ sơ hết hạn đã xóa (${result.filesRemoved} tệp) / drafts warned, deleted`, result);
    return 0;
  }
  throw new UsageError(`Lệnh không rõ: dossiers ${command ?? ''}`);
}
