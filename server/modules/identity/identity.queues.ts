/**
 * Queues of the phone proof and registration work: `identity.registration` (the registration
 * request only writes this job) and `identity.phone-code` (makes a one-time code and sends it by
 * SMS, or tells the owner of a taken number). Workers are in identity.jobs.ts.
 */
import type { DbExecutor } from '../../platform/db/create-database.js';
import { enqueueInTransaction, type QueueDefinition } from '../../platform/jobs/job-queue.js';

export const IDENTITY_REGISTRATION = 'identity.registration';
export const IDENTITY_PHONE_CODE = 'identity.phone-code';

export const registrationQueue: QueueDefinition = { name: IDENTITY_REGISTRATION, retryLimit: 5, retryDelaySeconds: 10, retryBackoff: true, expireInSeconds: 300 };
export const phoneCodeQueue: QueueDefinition = { name: IDENTITY_PHONE_CODE, retryLimit: 5, retryDelaySeconds: 10, retryBackoff: true, expireInSeconds: 300 };

/** A challenge to send a code for, or a number whose waiting registration wants a new code. */
export type PhoneCodeJobData = { challengeId: string } | { registrationPhone: string; ip?: string };

export async function enqueuePhoneCode(tx: Pick<DbExecutor, 'execute'>, data: PhoneCodeJobData) {
  await enqueueInTransaction<PhoneCodeJobData>(tx, IDENTITY_PHONE_CODE, data);
}
