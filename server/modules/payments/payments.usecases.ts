/**
 * Payment requests and their proof. A request is created from the catalogue's fee items (FILING
 * by the consumer when a dossier is submitted, AFTER_APPRAISAL by an official's
 * `request_payment`); the applicant pays it through a provider; it is PAID only when a
 * provider message with a valid checksum, the attempt's amount and a known reference says so —
 * once: the attempt row is locked, and a repeated, late or out-of-order message changes nothing.
 * The paid state, the dossier's release (dossiers.recordPaid: clock resumed) and the
 * `dossier.paid` event that receipts and notifications consume commit in one transaction.
 */
import { randomInt } from 'node:crypto';
import { QRPay } from 'vietnam-qr-pay';
import { and, asc, eq, inArray, lt, ne } from 'drizzle-orm';
import { channelFees, feesDue, filingItems, holdsForFilingPayment, totalOf, type CatalogFeeItem, type PaymentItem } from '../../../common/payments/fees.js';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Config } from '../../platform/config/config.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import { agenciesTable, procedureCasesTable, proceduresTable } from '../catalog/index.js';
import { loadDossierFor, recordPaid, recordPaymentRequested, releaseFilingHold, type DossierRow } from '../dossiers/index.js';
import type { SignedInActor } from '../identity/index.js';
import { createNoFeeError, createNotPayableError, createPaymentNotFoundError, createProviderFailedError, createProviderUnavailableError } from './payments.errors.js';
import { paymentAttemptsTable, paymentNotificationsTable, paymentRequestsTable, type PaymentAttemptRow, type PaymentRequestRow } from './payments.tables.js';
import type { OnlineProvider, PaymentProvider, ProviderOutcome } from './providers/port.js';
import { vnTimestamp } from './providers/port.js';

export interface PaymentDeps {
  db: Database;
  config: Config;
  providers: ReadonlyMap<OnlineProvider, PaymentProvider>;
}

/** The fee items the catalogue lists for the dossier's case and channel. */
export async function feeItemsOf(db: DbExecutor, dossier: Pick<DossierRow, 'caseId' | 'channel'>): Promise<CatalogFeeItem[]> {
  const [kase] = await db.select({ channels: procedureCasesTable.channels }).from(procedureCasesTable).where(eq(procedureCasesTable.id, dossier.caseId));
  return channelFees(kase?.channels ?? [], dossier.channel);
}

/** A reference a payer can type in a bank transfer: letters and digits only. */
function newReference(prefix: string) {
  return `${prefix}${vnTimestamp(new Date()).slice(2)}${randomInt(100000, 999999)}`;
}

async function insertRequest(tx: DbExecutor, values: { dossierId: string; stage: 'FILING' | 'AFTER_APPRAISAL'; items: PaymentItem[]; holds: boolean; sourceEventId?: string; requestedByUserId?: string | null; note?: string | null }) {
  const [row] = await tx.insert(paymentRequestsTable).values({
    id: createId('pay'), dossierId: values.dossierId, stage: values.stage, amount: totalOf(values.items), items: values.items,
    reference: newReference('DVC'), holdsDossier: values.holds, sourceEventId: values.sourceEventId ?? null,
    requestedByUserId: values.requestedByUserId ?? null, note: values.note ?? null,
  }).onConflictDoNothing().returning();
  return row;
}

/**
 * FILING fees of a dossier just submitted online (called by the consumer, once per event): the
 * request, and the dossier held in AWAITING_PAYMENT unless the case lets the applicant pay later.
 */
export async function requestFilingPayment(tx: DbExecutor, { dossier, eventId, fees: known }: { dossier: DossierRow; eventId: string; fees?: CatalogFeeItem[] }) {
  const fees = known ?? await feeItemsOf(tx, dossier);
  // The case's filing fees and, when the result goes by post, the postal delivery fee (the same
  // function the submission used to hold the dossier and the journey's review step shows).
  const items = filingItems(fees, dossier.answers, dossier.deliveryMethod === 'POSTAL' ? dossier.deliveryFee : null);
  if (items.length === 0) {
    // Only a held dossier has a hold to release (the submission wrote the hold with its event).
    if (dossier.status === 'AWAITING_PAYMENT') await releaseFilingHold(tx, { dossierId: dossier.id, at: new Date() });
    return null;
  }
  // The case's own filing fees hold the dossier; the postal fee alone does not (see holdsForFilingPayment).
  const payLater = !holdsForFilingPayment(fees, dossier.answers);
  const row = await insertRequest(tx, { dossierId: dossier.id, stage: 'FILING', items, holds: !payLater, sourceEventId: eventId });
  if (!row) return null; // this event was handled before
  const { held } = await recordPaymentRequested(tx, { dossierId: dossier.id, paymentId: row.id, stage: 'FILING', amount: row.amount, items, hold: !payLater, at: new Date() });
  if (!held && row.holdsDossier) await tx.update(paymentRequestsTable).set({ holdsDossier: false }).where(eq(paymentRequestsTable.id, row.id));
  return row;
}

/**
 * A dossier withdrawn, stopped or refused pays nothing more: its PENDING requests are CANCELLED
 * and their pending attempts too (a late success still settles: the attempt is known, the money
 * is recorded as a duplicate for refund). Called by the consumer, once per event.
 */
export async function cancelOpenRequests(tx: DbExecutor, { dossierId, reason }: { dossierId: string; reason: string }) {
  const cancelled = await tx.update(paymentRequestsTable).set({ status: 'CANCELLED', note: reason, updatedAt: new Date() })
    .where(and(eq(paymentRequestsTable.dossierId, dossierId), eq(paymentRequestsTable.status, 'PENDING'))).returning({ id: paymentRequestsTable.id, amount: paymentRequestsTable.amount });
  if (cancelled.length > 0) {
    await tx.update(paymentAttemptsTable).set({ status: 'CANCELLED', settledAt: new Date(), updatedAt: new Date() })
      .where(and(inArray(paymentAttemptsTable.paymentId, cancelled.map((c) => c.id)), eq(paymentAttemptsTable.status, 'PENDING')));
    await recordAuditEvent({ db: tx, event: { actorUserId: null, action: 'PAYMENT_REQUESTS_CANCELLED', subject: `dossier:${dossierId}`, outcome: 'SUCCESS', details: { paymentIds: cancelled.map((c) => c.id), reason } } });
  }
  return cancelled.length;
}

/**
 * The official's `request_payment`: the AFTER_APPRAISAL fees of the case become a request; the
 * dossier moves to AWAITING_PAYMENT and its clock stops until paid.
 * @throws dossiers.not_found, payments.no_fee (409), dossiers.action_not_available (409)
 */
export async function requestAppraisalPayment(deps: PaymentDeps, input: AppraisalPaymentInput) {
  return deps.db.transaction(async (tx) => {
    const { row, dossierId } = await requestAppraisalPaymentIn(tx, input);
    return presentPayment(row, dossierId);
  });
}

export interface AppraisalPaymentInput {
  actor: SignedInActor;
  dossierId: string;
  comment?: string | null;
  items?: Omit<PaymentItem, 'code'>[];
  ip?: string | null;
}

/**
 * `request_payment` inside the caller's transaction: also what a workflow's PAYMENT transition
 * calls (the dossiers module, through `app.workflowPayments`) once it has moved the dossier to
 * the step where work resumes after payment.
 */
export async function requestAppraisalPaymentIn(tx: DbExecutor, { actor, dossierId, comment, items: stated, ip }: AppraisalPaymentInput) {
  const { dossier } = await loadDossierFor(tx, actor, dossierId, { forUpdate: true, need: ['officer', 'official'] });
  // The official's own items (amounts the catalogue gives only in words), else the catalogue's.
  const items = stated?.length
    ? stated.map((i, n) => ({ code: `official-${n + 1}`, kind: i.kind, name: i.name, amount: i.amount }))
    : feesDue(await feeItemsOf(tx, dossier), dossier.answers, 'AFTER_APPRAISAL');
  if (items.length === 0) throw createNoFeeError();
  const row = (await insertRequest(tx, { dossierId: dossier.id, stage: 'AFTER_APPRAISAL', items, holds: true, requestedByUserId: actor.userId, note: comment ?? null }))!;
  const grant = actor.kind === 'official' ? actor.grants.find((g) => g.unitId === dossier.currentUnitId) ?? actor.grants[0] : undefined;
  await recordPaymentRequested(tx, {
    dossierId: dossier.id, paymentId: row.id, stage: 'AFTER_APPRAISAL', amount: row.amount, items, hold: true, at: new Date(), reason: comment ?? null,
    actor: { userId: actor.userId, role: dossier.currentRole ?? grant?.role ?? 'OFFICIAL', unitId: dossier.currentUnitId ?? grant?.unitId ?? null },
  });
  await recordAuditEvent({ db: tx, event: { actorUserId: actor.userId, action: 'PAYMENT_REQUESTED', subject: `dossier:${dossier.id}`, ip, outcome: 'SUCCESS', details: { paymentId: row.id, amount: row.amount, items, stated: Boolean(stated?.length) } } });
  return { row, dossierId: dossier.id };
}

export function presentPayment(row: PaymentRequestRow, dossierId: string) {
  return {
    id: row.id,
    stage: row.stage,
    status: row.status,
    amount: row.amount,
    currency: 'VND' as const,
    items: row.items,
    reference: row.reference,
    createdAt: row.createdAt.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
    provider: row.provider ?? null,
    ...(row.status === 'PAID' ? { receiptUrl: `/api/v1/dossiers/${dossierId}/payments/${row.id}/receipt.pdf` } : {}),
  };
}

/** The unit's beneficiary account and providers (PAYMENT_UNIT_ACCOUNTS). */
export function unitPaymentSettings(config: Config, unitCode: string) {
  const account = config.paymentUnitAccounts[unitCode] ?? config.paymentUnitAccounts['*'];
  const providers = config.paymentProviders.filter((p) => !account?.providers || account.providers.includes(p));
  return { account, providers };
}

async function unitOf(db: DbExecutor, dossier: DossierRow) {
  const [unit] = await db.select().from(agenciesTable).where(eq(agenciesTable.id, dossier.receivingUnitId));
  return unit;
}

/** The dossier's payment requests, for the applicant and the unit's officials. */
export async function listPayments(deps: PaymentDeps, { actor, dossierId }: { actor: SignedInActor; dossierId: string }) {
  const { dossier } = await loadDossierFor(deps.db, actor, dossierId);
  const rows = await deps.db.select().from(paymentRequestsTable).where(eq(paymentRequestsTable.dossierId, dossier.id)).orderBy(asc(paymentRequestsTable.createdAt));
  const unit = await unitOf(deps.db, dossier);
  const { account, providers } = unitPaymentSettings(deps.config, unit?.code ?? '');
  return {
    items: rows.map((r) => ({
      ...presentPayment(r, dossier.id),
      // A bank transfer to the unit's account with the reference (matched later by reconciliation).
      ...(r.status === 'PENDING' && account ? { vietQr: QRPay.initVietQR({ bankBin: account.bankBin, bankNumber: account.accountNumber, amount: String(r.amount), purpose: r.reference }).build() } : {}),
    })),
    providers: providers.filter((p) => deps.providers.has(p)),
    beneficiary: account ? { bankBin: account.bankBin, accountNumber: account.accountNumber, accountName: account.accountName } : null,
  };
}

/**
 * Opens an attempt with the chosen provider: the payer's browser goes to the provider's page.
 * @throws payments.not_found (404), payments.not_payable (409), payments.provider_unavailable (422), payments.provider_failed (502)
 */
export async function checkout(deps: PaymentDeps, { actor, dossierId, paymentId, provider, ip }: { actor: SignedInActor; dossierId: string; paymentId: string; provider: OnlineProvider; ip: string }) {
  const { dossier } = await loadDossierFor(deps.db, actor, dossierId);
  const [request] = await deps.db.select().from(paymentRequestsTable).where(and(eq(paymentRequestsTable.id, paymentId), eq(paymentRequestsTable.dossierId, dossier.id)));
  if (!request) throw createPaymentNotFoundError();
  if (request.status !== 'PENDING') throw createNotPayableError();
  const unit = await unitOf(deps.db, dossier);
  const settings = unitPaymentSettings(deps.config, unit?.code ?? '');
  const port = deps.providers.get(provider);
  if (!port || !settings.providers.includes(provider)) throw createProviderUnavailableError();
  const now = new Date();
  const expires = new Date(now.getTime() + deps.config.paymentAttemptMinutes * 60_000);
  const providerReference = newReference('DVC');
  const attemptId = createId('pat');
  const createdAt = vnTimestamp(now);
  await deps.db.insert(paymentAttemptsTable).values({
    id: attemptId, paymentId: request.id, provider, providerReference, amount: request.amount, redirectUrl: '', providerCreatedAt: createdAt,
    expiresAt: expires, createdByUserId: actor.userId,
  });
  const [procedure] = await deps.db.select({ code: proceduresTable.code, name: proceduresTable.name }).from(proceduresTable).where(eq(proceduresTable.id, dossier.procedureId));
  const base = deps.config.publicUrl.replace(/\/$/, '');
  try {
    const { redirectUrl } = await port.checkout({
      providerReference, amount: request.amount, createdAt, expiresAt: vnTimestamp(expires), ip: ip.replace(/^::ffff:/, ''),
      description: `Thanh toan phi le phi ho so ${dossier.code ?? dossier.id}`,
      returnUrl: `${base}/api/v1/payments/${provider}/return`,
      callbackUrl: `${base}/api/v1/payments/${provider}/callback`,
      receipt: {
        dossierCode: dossier.code ?? dossier.id, procedureCode: procedure?.code ?? '', procedureName: procedure?.name ?? '', unitCode: unit?.code ?? '', unitName: unit?.name ?? '',
        payerName: dossier.applicant.fullName, payerId: dossier.applicant.personalIdNumber ?? null, items: request.items,
        beneficiary: settings.account ? { accountNumber: settings.account.accountNumber, bankBin: settings.account.bankBin, accountName: settings.account.accountName } : undefined,
      },
    });
    await deps.db.update(paymentAttemptsTable).set({ redirectUrl, updatedAt: new Date() }).where(eq(paymentAttemptsTable.id, attemptId));
    return { redirectUrl, attemptId };
  } catch (err) {
    await deps.db.update(paymentAttemptsTable).set({ status: 'FAILED', settledAt: new Date(), updatedAt: new Date() }).where(eq(paymentAttemptsTable.id, attemptId));
    throw createProviderFailedError({ details: { provider, reason: err instanceof Error ? err.message : String(err) } });
  }
}

export type SettleResult =
  | { accepted: true; effect: 'paid' | 'already_paid' | 'cancelled' | 'unchanged' | 'duplicate_payment'; dossierId: string; paymentId: string }
  | { accepted: false; reason: 'checksum' | 'partner' | 'amount' | 'unknown_attempt'; dossierId?: string };

/**
 * Applies what a provider said about an attempt, once its checksum has been verified by the
 * adapter (`verified`=false: refused and audited). Amount and reference must match the attempt.
 */
export async function settleAttempt(
  db: Database,
  config: Pick<Config, 'calendarWorkingHours'>,
  { provider, channel, verified, body }: { provider: OnlineProvider | 'bank_transfer'; channel: string; verified: { ok: true; outcome: ProviderOutcome } | { ok: false; reason: string }; body: Record<string, unknown> },
): Promise<SettleResult> {
  return db.transaction(async (tx) => {
    const note = async (outcome: string, reason: string | null, ref: string | null) => {
      await tx.insert(paymentNotificationsTable).values({ id: createId('pno'), provider, channel, providerReference: ref, outcome, reason, body });
    };
    const refuse = async (reason: 'checksum' | 'partner' | 'amount' | 'unknown_attempt', ref: string | null, dossierId?: string): Promise<SettleResult> => {
      await note('REFUSED', reason, ref);
      await recordAuditEvent({ db: tx, event: { actorUserId: null, action: 'PAYMENT_MESSAGE_REFUSED', subject: `payment:${provider}:${ref ?? '?'}`, outcome: 'DENIED', details: { provider, channel, reason } } });
      return { accepted: false, reason, dossierId };
    };
    if (!verified.ok) return refuse(verified.reason === 'amount' ? 'amount' : verified.reason === 'partner' ? 'partner' : 'checksum', typeof body.MaThamChieu === 'string' ? body.MaThamChieu : typeof body.vnp_TxnRef === 'string' ? body.vnp_TxnRef : null);
    const o = verified.outcome;
    const [attempt] = await tx.select().from(paymentAttemptsTable).where(and(eq(paymentAttemptsTable.provider, provider), eq(paymentAttemptsTable.providerReference, o.providerReference))).for('update');
    if (!attempt) return refuse('unknown_attempt', o.providerReference);
    const [request] = await tx.select().from(paymentRequestsTable).where(eq(paymentRequestsTable.id, attempt.paymentId)).for('update');
    if (!request) return refuse('unknown_attempt', o.providerReference);
    if (o.status !== 'UNKNOWN' && (o.amount !== attempt.amount || o.amount !== request.amount)) return refuse('amount', o.providerReference, request.dossierId);
    const done = async (effect: Extract<SettleResult, { accepted: true }>['effect']): Promise<SettleResult> => {
      await note(effect.toUpperCase(), null, o.providerReference);
      return { accepted: true, effect, dossierId: request.dossierId, paymentId: request.id };
    };
    if (o.status === 'SUCCEEDED') {
      if (attempt.status === 'SUCCEEDED') return done('already_paid');
      await tx.update(paymentAttemptsTable).set({ status: 'SUCCEEDED', settledAt: new Date(), providerTransactionId: o.transactionId, bankCode: o.bankCode, updatedAt: new Date() }).where(eq(paymentAttemptsTable.id, attempt.id));
      // Paid twice through two attempts, or paid after the request was cancelled (dossier withdrawn
      // or stopped): the money is there, nothing is paid twice; it is recorded for a refund.
      if (request.status !== 'PENDING') return done('duplicate_payment');
      const paidAt = o.paidAt ?? new Date();
      await tx.update(paymentRequestsTable).set({ status: 'PAID', paidAt, paidAttemptId: attempt.id, provider, providerTransactionId: o.transactionId, updatedAt: new Date() }).where(eq(paymentRequestsTable.id, request.id));
      const others = await tx.select({ id: paymentRequestsTable.id }).from(paymentRequestsTable)
        .where(and(eq(paymentRequestsTable.dossierId, request.dossierId), eq(paymentRequestsTable.status, 'PENDING'), eq(paymentRequestsTable.holdsDossier, true), ne(paymentRequestsTable.id, request.id)));
      await recordPaid(tx, config, {
        dossierId: request.dossierId, paymentId: request.id, stage: request.stage, amount: request.amount, items: request.items, provider,
        providerTransactionId: o.transactionId ?? attempt.providerReference, reference: request.reference, paidAt, release: others.length === 0,
      });
      return done('paid');
    }
    if (o.status === 'FAILED') {
      if (attempt.status !== 'PENDING') return done('unchanged');
      await tx.update(paymentAttemptsTable).set({ status: 'CANCELLED', settledAt: new Date(), updatedAt: new Date() }).where(eq(paymentAttemptsTable.id, attempt.id));
      return done('cancelled');
    }
    return done('unchanged');
  });
}

/**
 * Asks the providers about every attempt still PENDING (the scheduled job); an attempt past its
 * expiry that the provider does not report paid expires. Returns what happened.
 */
export async function queryPendingAttempts(deps: PaymentDeps, { now = new Date(), limit = 200 }: { now?: Date; limit?: number } = {}) {
  const pending = await deps.db.select().from(paymentAttemptsTable).where(and(eq(paymentAttemptsTable.status, 'PENDING'), inArray(paymentAttemptsTable.provider, ['national', 'vnpay']))).orderBy(asc(paymentAttemptsTable.createdAt)).limit(limit);
  const result = { queried: 0, paid: 0, cancelled: 0, expired: 0, errors: 0 };
  for (const attempt of pending) {
    const port = deps.providers.get(attempt.provider as OnlineProvider);
    if (!port) continue;
    result.queried++;
    let settled: SettleResult | null = null;
    try {
      const verified = await port.query({ providerReference: attempt.providerReference, createdAt: attempt.providerCreatedAt, ip: '127.0.0.1' });
      settled = await settleAttempt(deps.db, deps.config, { provider: attempt.provider as OnlineProvider, channel: 'query', verified, body: { providerReference: attempt.providerReference } });
    } catch {
      result.errors++;
    }
    await deps.db.update(paymentAttemptsTable).set({ queryCount: attempt.queryCount + 1, lastQueriedAt: now }).where(eq(paymentAttemptsTable.id, attempt.id));
    if (settled?.accepted && settled.effect === 'paid') result.paid++;
    else if (settled?.accepted && settled.effect === 'cancelled') result.cancelled++;
    else if (attempt.expiresAt < now) {
      const expired = await deps.db.update(paymentAttemptsTable).set({ status: 'EXPIRED', settledAt: now, updatedAt: now })
        .where(and(eq(paymentAttemptsTable.id, attempt.id), eq(paymentAttemptsTable.status, 'PENDING'), lt(paymentAttemptsTable.expiresAt, now))).returning({ id: paymentAttemptsTable.id });
      result.expired += expired.length;
    }
  }
  return result;
}

export type { PaymentAttemptRow };
