/**
 * What the applicant and officials are told when a dossier changes: in-app and by e-mail, in
 * the transaction of the change (so nothing is told about a change that rolled back), each
 * message keyed so that it is never delivered twice.
 */
import type { DbExecutor } from '../../platform/db/create-database.js';
import { notify } from '../notifications/index.js';
import type { DossierRow } from './dossiers.tables.js';

export interface DossierMessage {
  kind: string;
  title: string;
  body: string;
  /** Unique per event, e.g. `dossier.received:{id}:{version}`. */
  dedupeKey: string;
}

/** The filer (account and e-mail on the dossier) and, when different, the person filed for. */
export async function notifyApplicant(tx: DbExecutor, dossier: Pick<DossierRow, 'id' | 'applicantUserId' | 'principalUserId' | 'applicant'>, message: DossierMessage) {
  const link = `/ho-so/${dossier.id}`;
  await notify(tx, { ...message, userId: dossier.applicantUserId, email: dossier.applicant.email ?? null, link, dossierId: dossier.id });
  if (dossier.principalUserId && dossier.principalUserId !== dossier.applicantUserId) {
    await notify(tx, { ...message, userId: dossier.principalUserId, email: null, link, dossierId: dossier.id });
  }
}

/** One official, in-app and by e-mail; the link opens the workspace. */
export async function notifyOfficial(tx: DbExecutor, official: { id: string; email: string | null }, dossierId: string, message: DossierMessage) {
  await notify(tx, { ...message, userId: official.id, email: official.email, link: `/can-bo/ho-so/${dossierId}`, dossierId });
}
