/**
 * Background work of the identity module: `identity.account-mail` looks an address up and, when
 * it qualifies, issues a password-reset or e-mail verification link and queues the mail. The
 * requests (`/auth/password/forgot`, `/auth/verify-email/resend`) only write this job, the same
 * one for every address, so that neither their answer nor their time tells which addresses have
 * accounts.
 */
import type { Config } from '../../platform/config/config.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { enqueueInTransaction, type JobQueue, type QueueDefinition } from '../../platform/jobs/job-queue.js';
import { issueAccountMail } from './identity.accounts.usecases.js';
import type { ClientInfo } from './identity.deps.js';
import { IDENTITY_INVITATION_MAIL, issueInvitationMail, type InvitationMailJobData } from './identity.invitations.usecases.js';

export const IDENTITY_ACCOUNT_MAIL = 'identity.account-mail';

export const accountMailQueue: QueueDefinition = { name: IDENTITY_ACCOUNT_MAIL, retryLimit: 5, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 300 };

/** Invitation mails (`identity.invitation-mail`): the inviting request only writes this job. */
export const invitationMailQueue: QueueDefinition = { name: IDENTITY_INVITATION_MAIL, retryLimit: 5, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 300 };

export interface AccountMailJobData {
  purpose: 'EMAIL_VERIFICATION' | 'PASSWORD_RESET';
  email: string;
  ip?: string;
}

/** Writes the job; the request does nothing else with the address. */
export async function enqueueAccountMail({ db, purpose, email, client }: { db: Pick<DbExecutor, 'execute'>; purpose: AccountMailJobData['purpose']; email: string; client: ClientInfo }) {
  await enqueueInTransaction<AccountMailJobData>(db, IDENTITY_ACCOUNT_MAIL, { purpose, email, ...(client.ip ? { ip: client.ip } : {}) });
}

type Logger = { info(obj: object, msg?: string): void };

/** Registers the identity workers. */
export async function registerIdentityJobs(jobs: JobQueue, deps: { db: Database; config: Config; logger?: Logger }) {
  const { db, config, logger } = deps;
  await jobs.work<AccountMailJobData>(IDENTITY_ACCOUNT_MAIL, async (job) => {
    const outcome = await issueAccountMail({ db, config, purpose: job.data.purpose, email: job.data.email, ip: job.data.ip });
    // The outcome only; the address stays out of the log.
    logger?.info({ jobId: job.id, purpose: job.data.purpose, outcome }, 'account mail');
  });
  await jobs.work<InvitationMailJobData>(IDENTITY_INVITATION_MAIL, async (job) => {
    const outcome = await issueInvitationMail({ db, config, invitationId: job.data.invitationId });
    logger?.info({ jobId: job.id, invitationId: job.data.invitationId, outcome }, 'invitation mail');
  });
}
