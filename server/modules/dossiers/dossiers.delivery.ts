/**
 * How the applicant receives the result (issue 13, item 7): chosen at filing among the ways the
 * case offers — downloaded online, collected at the counter, or sent by the public postal service
 * to an address (with the postal fee recorded on the dossier for the payments module). A posted
 * result is tracked: an official records the carrier's tracking number (`dossier.result_shipped`)
 * and then the delivery confirmation, which returns the result (`dossier.returned`, method POSTAL).
 */
import { deliveryChoices, type ResultDeliveryChoice } from '../../../common/service-levels.js';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import type { ProcedureCapabilities } from '../../../common/service-levels.js';
import type { SignedInActor } from '../identity/index.js';
import { eventActor, loadDossierFor } from './dossiers.access.js';
import { loadCaseContext, viewDossier, type DossierDeps } from './dossiers.core.js';
import {
  createDeliveryAddressRequiredError,
  createDeliveryNotOfferedError,
  createDeliveryTimeInvalidError,
  createNotEditableError,
  createNotPostalDeliveryError,
  createVersionMismatchError,
} from './dossiers.errors.js';
import { isDraftStatus } from './dossiers.models.js';
import { createProcessingRepository } from './dossiers.processing.repository.js';
import { createDossiersRepository } from './dossiers.repository.js';
import type { DeliveryAddress } from './dossiers.tables.js';

export interface DeliveryChoiceInput {
  method: ResultDeliveryChoice;
  address?: DeliveryAddress | null;
}

/** The columns a valid choice writes; the postal fee is fixed here (and again at submission). */
export function deliveryColumns(input: DeliveryChoiceInput, caps: ProcedureCapabilities, postalFee: number) {
  if (!deliveryChoices(caps).includes(input.method)) throw createDeliveryNotOfferedError({ errors: [{ path: 'body.method', message: 'Thủ tục này không trả kết quả theo cách đã chọn.' }] });
  if (input.method !== 'POSTAL') return { deliveryMethod: input.method, deliveryAddress: null, deliveryFee: null };
  const a = input.address;
  if (!a || !a.recipientName.trim() || !a.phone.trim() || !a.address.trim()) throw createDeliveryAddressRequiredError({ errors: [{ path: 'body.address', message: 'Nhập đủ người nhận, số điện thoại và địa chỉ.' }] });
  return { deliveryMethod: input.method, deliveryAddress: { recipientName: a.recipientName.trim(), phone: a.phone.trim(), address: a.address.trim() }, deliveryFee: postalFee };
}

/**
 * The applicant's choice while the dossier is a draft (online or at the counter).
 *
 * @throws dossiers.not_editable (409), dossiers.delivery_not_offered (422), dossiers.delivery_address_required (422)
 */
export async function chooseDelivery(deps: DossierDeps, { actor, dossierId, input }: { actor: SignedInActor; dossierId: string; input: DeliveryChoiceInput }) {
  const dossier = await deps.db.transaction(async (tx) => {
    const { dossier } = await loadDossierFor(tx, actor, dossierId, { forUpdate: true, need: ['applicant', 'officer'] });
    if (!isDraftStatus(dossier.status)) throw createNotEditableError({ message: 'Hồ sơ đã nộp nên không đổi được cách nhận kết quả.' });
    const ctx = await loadCaseContext(tx, dossier.caseId);
    const updated = await createDossiersRepository({ db: tx }).updateDossier(dossier.id, dossier.version, deliveryColumns(input, ctx.kase.capabilities, deps.config.postalDeliveryFeeVnd));
    if (!updated) throw createVersionMismatchError();
    return updated;
  });
  return viewDossier(deps, dossier);
}

/** What a posted result needs before it is shipped: issued, still to return, delivered by post. */
async function postalDossier(tx: DbExecutor, actor: SignedInActor, dossierId: string) {
  const { dossier } = await loadDossierFor(tx, actor, dossierId, { forUpdate: true, need: ['officer', 'official'] });
  const result = await createProcessingRepository({ db: tx }).getResultDocument(dossier.id);
  if (dossier.deliveryMethod !== 'POSTAL' || dossier.status !== 'RESULT_READY' || result?.status !== 'ISSUED') throw createNotPostalDeliveryError();
  return dossier;
}

/**
 * An official records that the result was posted, with the carrier and its tracking number (a
 * correction records again). The applicant sees it on the dossier and in the timeline.
 *
 * @throws dossiers.not_postal_delivery (409)
 */
export async function recordShipment(deps: DossierDeps, { actor, dossierId, carrier, trackingNumber, ip }: { actor: SignedInActor; dossierId: string; carrier: string; trackingNumber: string; ip?: string | null }) {
  const dossier = await deps.db.transaction(async (tx) => {
    const dossier = await postalDossier(tx, actor, dossierId);
    const now = new Date();
    const repo = createDossiersRepository({ db: tx });
    const updated = await repo.updateDossier(dossier.id, dossier.version, { postalCarrier: carrier, postalTrackingNumber: trackingNumber, postalShippedAt: now });
    if (!updated) throw createVersionMismatchError();
    await repo.insertEvent({ dossierId: dossier.id, action: 'dossier.result_shipped', ...eventActor(actor, dossier), fromStatus: dossier.status, toStatus: dossier.status, at: now, reason: `Kết quả đã được gửi qua ${carrier}, số vận đơn ${trackingNumber}.`, payload: { carrier, trackingNumber } });
    await recordAuditEvent({ db: tx, event: { actorUserId: actor.userId, action: 'DOSSIER_RESULT_SHIPPED', subject: `dossier:${dossier.id}`, ip, outcome: 'SUCCESS', details: { carrier, trackingNumber } } });
    return updated;
  });
  return viewDossier(deps, dossier);
}

/**
 * An official records the carrier's delivery confirmation: the result is returned (RESULT_RETURNED,
 * method POSTAL) and the workflow ends.
 *
 * @throws dossiers.not_postal_delivery (409) — also before a tracking number is recorded
 */
export async function confirmPostalDelivery(deps: DossierDeps, { actor, dossierId, deliveredAt, receivedBy, ip }: { actor: SignedInActor; dossierId: string; deliveredAt: Date; receivedBy?: string | null; ip?: string | null }) {
  const dossier = await deps.db.transaction(async (tx) => {
    const dossier = await postalDossier(tx, actor, dossierId);
    if (!dossier.postalTrackingNumber || !dossier.postalShippedAt) throw createNotPostalDeliveryError({ message: 'Chưa ghi số vận đơn nên chưa xác nhận phát được.' });
    if (deliveredAt.getTime() < dossier.postalShippedAt.getTime() - 60_000 || deliveredAt.getTime() > Date.now() + 60_000) {
      throw createDeliveryTimeInvalidError({ errors: [{ path: 'body.deliveredAt', message: 'Thời điểm phát phải sau khi gửi và không ở tương lai.' }] });
    }
    const repo = createDossiersRepository({ db: tx });
    const updated = await repo.updateDossier(dossier.id, dossier.version, {
      status: 'RESULT_RETURNED', returnedAt: deliveredAt, returnMethod: 'POSTAL', postalDeliveredAt: deliveredAt, workflowStatus: 'FINISHED',
      collectedBy: receivedBy ? { fullName: receivedBy, note: `Bưu chính: ${dossier.postalTrackingNumber}` } : null,
      currentUnitId: null, currentRole: null, assigneeUserId: null, stepDueAt: null,
    });
    if (!updated) throw createVersionMismatchError();
    await repo.insertEvent({
      dossierId: dossier.id, action: 'dossier.result_delivered', ...eventActor(actor, dossier), fromStatus: dossier.status, toStatus: 'RESULT_RETURNED',
      reason: `Bưu chính đã phát kết quả (số vận đơn ${dossier.postalTrackingNumber}).`,
      payload: { method: 'POSTAL', trackingNumber: dossier.postalTrackingNumber, deliveredAt: deliveredAt.toISOString() },
    });
    await recordAuditEvent({ db: tx, event: { actorUserId: actor.userId, action: 'DOSSIER_RESULT_RETURNED', subject: `dossier:${dossier.id}`, ip, outcome: 'SUCCESS', details: { method: 'POSTAL', trackingNumber: dossier.postalTrackingNumber } } });
    return updated;
  });
  return viewDossier(deps, dossier);
}
