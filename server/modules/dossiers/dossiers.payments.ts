/**
 * The dossier's side of payments, called by the payments module in its own transactions: a
 * payment request puts the dossier on hold (national status 6), the payment releases it. The
 * dossiers module owns the dossier's state and writes the events; the payments module owns the
 * payment requests, the providers and the proof.
 *
 * - FILING fees: the submitted dossier waits in AWAITING_PAYMENT, which the one-stop desk does
 *   not receive; paid, it returns to SUBMITTED (the processing clock starts at reception, so
 *   none is stopped). A case that lets the applicant pay later is not held.
 * - AFTER_APPRAISAL fees: an official's `request_payment` moves IN_PROGRESS to AWAITING_PAYMENT
 *   and stops the clock; paid, work resumes at the same step and every deadline moves by the
 *   working time it was stopped (as after a supplement).
 */
import type { PaymentItem } from '../../../common/payments/fees.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import type { SignedInActor } from '../identity/index.js';
import { loadWorkingCalendar } from '../calendar/index.js';
import type { Config } from '../../platform/config/config.js';
import { createActionNotAvailableError, createDossierNotFoundError, createVersionMismatchError } from './dossiers.errors.js';
import { resumeDeadlines } from './dossiers.processing.models.js';
import { createDossiersRepository } from './dossiers.repository.js';
import type { DossierRow } from './dossiers.tables.js';

/**
 * How a workflow's PAYMENT transition asks for the fees due after appraisal, inside the action's
 * transaction: the payments module provides it (`app.workflowPayments`), as it depends on this
 * module and not the reverse. It makes the request and moves the dossier to AWAITING_PAYMENT.
 * @throws payments.no_fee (409) when the case has no fee due after appraisal
 */
export type WorkflowPayments = (tx: DbExecutor, input: { actor: SignedInActor; dossierId: string; comment: string | null; ip?: string | null }) => Promise<{ paymentId: string; amount: number }>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by the payments module: the payment request a PAYMENT workflow transition makes. */
    workflowPayments: WorkflowPayments;
  }
}

export interface PaymentActor {
  userId: string | null;
  role: string;
  unitId: string | null;
}

const SYSTEM: PaymentActor = { userId: null, role: 'SYSTEM', unitId: null };

export interface PaymentRequestedRecord {
  dossierId: string;
  paymentId: string;
  stage: 'FILING' | 'AFTER_APPRAISAL';
  amount: number;
  items: PaymentItem[];
  /** FILING: hold the submitted dossier until paid (false when the case lets the applicant pay later). */
  hold: boolean;
  actor?: PaymentActor;
  /** Shown to the applicant (the official's note when requesting a fee). */
  reason?: string | null;
  at: Date;
}

/**
 * Writes `dossier.payment_requested` and, when the dossier waits for it, moves it to
 * AWAITING_PAYMENT. An AFTER_APPRAISAL request needs a dossier in processing.
 * @throws dossiers.not_found, dossiers.action_not_available (409)
 */
export async function recordPaymentRequested(tx: DbExecutor, input: PaymentRequestedRecord): Promise<{ dossier: DossierRow; held: boolean }> {
  const repo = createDossiersRepository({ db: tx });
  const dossier = await repo.getDossierById(input.dossierId, { forUpdate: true });
  if (!dossier) throw createDossierNotFoundError();
  let changes: Partial<DossierRow> | null = null;
  if (input.stage === 'AFTER_APPRAISAL') {
    if (dossier.status !== 'IN_PROGRESS' || dossier.workflowStatus !== 'ACTIVE') {
      throw createActionNotAvailableError({ message: 'Chỉ yêu cầu nộp phí, lệ phí khi hồ sơ đang được xử lý.' });
    }
    changes = { status: 'AWAITING_PAYMENT', workflowStatus: 'AWAITING_APPLICANT', clockStoppedAt: input.at };
  } else if (input.hold && dossier.status === 'SUBMITTED') {
    changes = { status: 'AWAITING_PAYMENT' };
  }
  const row = changes ? await repo.updateDossier(dossier.id, dossier.version, changes) : dossier;
  if (!row) throw createVersionMismatchError();
  // Submission already put a dossier with filing fees on hold (no window where the desk sees it).
  const held = changes !== null || (input.stage === 'FILING' && input.hold && dossier.status === 'AWAITING_PAYMENT');
  const actor = input.actor ?? SYSTEM;
  await repo.insertEvent({
    dossierId: dossier.id, action: 'dossier.payment_requested', actorUserId: actor.userId, actorRole: actor.role, actorUnitId: actor.unitId,
    fromStatus: dossier.status, toStatus: row.status, at: input.at, reason: input.reason ?? null,
    payload: { paymentId: input.paymentId, stage: input.stage, amount: input.amount, currency: 'VND', items: input.items, held },
  });
  return { dossier: row, held };
}

/**
 * A dossier that submission held for its filing fees while the payments module finds nothing to
 * charge (the catalogue's fees changed in between) goes to the desk: AWAITING_PAYMENT → SUBMITTED.
 * Only a dossier never received (no workflow) is released this way.
 */
export async function releaseFilingHold(tx: DbExecutor, { dossierId, at }: { dossierId: string; at: Date }): Promise<boolean> {
  const repo = createDossiersRepository({ db: tx });
  const dossier = await repo.getDossierById(dossierId, { forUpdate: true });
  if (!dossier || dossier.status !== 'AWAITING_PAYMENT' || dossier.workflowStatus) return false;
  const row = await repo.updateDossier(dossier.id, dossier.version, { status: 'SUBMITTED' });
  if (!row) throw createVersionMismatchError();
  await repo.insertEvent({
    // The outcome of the filing payment request: nothing to pay, the dossier is not held.
    dossierId: dossier.id, action: 'dossier.payment_requested', actorUserId: null, actorRole: 'SYSTEM', actorUnitId: null, fromStatus: dossier.status, toStatus: 'SUBMITTED', at,
    reason: 'Không còn khoản phí, lệ phí nào phải nộp khi nộp hồ sơ.', payload: { paymentId: '', stage: 'FILING', amount: 0, currency: 'VND', items: [], held: false },
  });
  return true;
}

export interface PaidRecord {
  dossierId: string;
  paymentId: string;
  stage: 'FILING' | 'AFTER_APPRAISAL';
  amount: number;
  items: PaymentItem[];
  provider: 'national' | 'vnpay' | 'bank_transfer';
  providerTransactionId: string;
  reference: string;
  paidAt: Date;
  /** Release the dossier (false while another request it waits for is still unpaid). */
  release: boolean;
}

/**
 * Writes `dossier.paid` and releases a dossier that waited for this payment: back to SUBMITTED
 * (filing fees) or to processing with the clock resumed (after appraisal).
 */
export async function recordPaid(tx: DbExecutor, config: Pick<Config, 'calendarWorkingHours'>, input: PaidRecord): Promise<DossierRow> {
  const repo = createDossiersRepository({ db: tx });
  const dossier = await repo.getDossierById(input.dossierId, { forUpdate: true });
  if (!dossier) throw createDossierNotFoundError();
  const now = new Date();
  let changes: Partial<DossierRow> | null = null;
  let pausedWorkingMinutes: number | undefined;
  if (input.release && dossier.status === 'AWAITING_PAYMENT') {
    if (dossier.workflowStatus) {
      const calendar = await loadWorkingCalendar({ db: tx, sessions: config.calendarWorkingHours });
      const moved = dossier.clockStoppedAt ? resumeDeadlines(dossier, dossier.clockStoppedAt, now, calendar) : { pausedMinutes: 0, dueAt: dossier.dueAt, stepDueAt: dossier.stepDueAt, appointmentAt: dossier.appointmentAt };
      pausedWorkingMinutes = moved.pausedMinutes;
      changes = {
        status: 'IN_PROGRESS', workflowStatus: 'ACTIVE', clockStoppedAt: null,
        dueAt: moved.dueAt, stepDueAt: moved.stepDueAt, appointmentAt: moved.appointmentAt, stepWarnedAt: null, dueWarnedAt: null,
      };
    } else {
      changes = { status: 'SUBMITTED' };
    }
  }
  const row = changes ? await repo.updateDossier(dossier.id, dossier.version, changes) : dossier;
  if (!row) throw createVersionMismatchError();
  await repo.insertEvent({
    dossierId: dossier.id, action: 'dossier.paid', actorUserId: null, actorRole: 'SYSTEM', actorUnitId: null,
    fromStatus: dossier.status, toStatus: row.status, at: now,
    payload: {
      paymentId: input.paymentId, stage: input.stage, amount: input.amount, currency: 'VND', items: input.items, provider: input.provider,
      providerTransactionId: input.providerTransactionId, reference: input.reference, paidAt: input.paidAt.toISOString(),
      ...(pausedWorkingMinutes !== undefined ? { pausedWorkingMinutes } : {}),
    },
  });
  return row;
}
