/**
 * Background work of the identity module: `identity.account-mail` looks an address up and, when
 * it qualifies, issues a password-reset or e-mail verification link and queues the mail. The
 * requests (`/auth/password/forgot`, `/auth/verify-email/resend`) only write this job, the same
 * one for every address, so that neither their answer nor their time tells which addresses have
 * accounts. The registration and phone-code workers are registered here too (queues in
 * identity.queues.ts).
 */
import type { Config } from '../../platform/config/config.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { enqueueInTransaction, type JobQueue, type QueueDefinition } from '../../platform/jobs/job-queue.js';
import type { SmsSender } from '../../platform/sms/sms-sender.js';
import { issueAccountMail, processRegistration, type RegistrationJobData } from './identity.accounts.usecases.js';
import { reopenRegistrationChallenge, sendPhoneCode } from './identity.phone.usecases.js';
import { IDENTITY_PHONE_CODE, IDENTITY_REGISTRATION, type PhoneCodeJobData } from './identity.queues.js';
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
export async function registerIdentityJobs(jobs: JobQueue, deps: { db: Database; config: Config; sms: SmsSender; logger?: Logger }) {
  const { db, config, sms, logger } = deps;
  await jobs.work<RegistrationJobData>(IDENTITY_REGISTRATION, async (job) => {
    const outcome = await processRegistration({ db, config, data: job.data });
    // The outcome only; neither the address, the number nor the hash goes to the log.
    logger?.info({ jobId: job.id, outcome }, 'registration');
  });
  await jobs.work<PhoneCodeJobData>(IDENTITY_PHONE_CODE, async (job) => {
    const challengeId = 'challengeId' in job.data ? job.data.challengeId : await reopenRegistrationChallenge({ db, phone: job.data.registrationPhone, ip: job.data.ip });
    const outcome = challengeId ? await sendPhoneCode({ db, sms, config, challengeId, lastAttempt: job.isLastAttempt }) : 'no_pending';
    logger?.info({ jobId: job.id, challengeId, outcome }, 'phone code');
  });
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
