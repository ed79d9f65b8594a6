/**
 * How the applicant and officials are told of a dossier change: in-app and by e-mail, in the
 * notifications consumer's transaction (dossiers.notifications.consumer.ts reads only committed
 * events, so nothing is told about a change that rolled back), each message keyed by its event
 * so that it is never delivered twice.
 */
import type { DbExecutor } from '../../platform/db/create-database.js';
import { notify, type NotifyOptions } from '../notifications/index.js';
import type { DossierRow } from './dossiers.tables.js';

export interface DossierMessage {
  kind: string;
  title: string;
  body: string;
  /** Unique per event, e.g. `dossier.received:{id}:{version}`. */
  dedupeKey: string;
}

/** The filer (account and e-mail on the dossier) and, when different, the person filed for. */
export async function notifyApplicant(tx: DbExecutor, dossier: Pick<DossierRow, 'id' | 'applicantUserId' | 'principalUserId' | 'applicant'>, message: DossierMessage, options: NotifyOptions = {}) {
  const link = `/ho-so-cua-toi/${dossier.id}`;
  await notify(tx, { ...message, userId: dossier.applicantUserId, email: dossier.applicant.email ?? null, link, dossierId: dossier.id }, options);
  if (dossier.principalUserId && dossier.principalUserId !== dossier.applicantUserId) {
    await notify(tx, { ...message, userId: dossier.principalUserId, email: null, link, dossierId: dossier.id }, options);
  }
}

/** One official, in-app and by e-mail; the link opens the workspace. */
export async function notifyOfficial(tx: DbExecutor, official: { id: string; email: string | null }, dossierId: string, message: DossierMessage, options: NotifyOptions = {}) {
  await notify(tx, { ...message, userId: official.id, email: official.email, link: `/can-bo/ho-so/${dossierId}`, dossierId }, options);
}
