/**
 * Reconciliation and refunds (issue 13 item 6), for the unit's ACCOUNTANT (kế toán). A day's
 * reconciliation compares each provider's list of paid transactions with the attempts OpenDVC
 * recorded as paid, and lists the mismatches: paid there but not here, paid here but not there,
 * amounts that differ, and money received twice (a second attempt, or a payment after the
 * request was cancelled). It is computed from the providers' lists when asked (the daily job
 * computes yesterday's and logs it); a mismatch is resolved with a reason, kept in the audit log.
 * A refund goes through the provider's refund message where it has one (VNPAY `refund`), else it
 * is recorded for a manual refund; either way it is audited.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import { auditEventsTable } from '../../platform/audit/audit.tables.js';
import { createId } from '../../platform/db/ids.js';
import { dossiersTable } from '../dossiers/index.js';
import { recordRefundOnReceipt } from '../receipts/index.js';
import type { SignedInActor } from '../identity/index.js';
import { createNotAccountantError, createNotRefundableError, createPaymentNotFoundError, createProviderFailedError, createRefundAmountError } from './payments.errors.js';
import { paymentAttemptsTable, paymentRefundsTable, paymentRequestsTable, type PaymentProviderName } from './payments.tables.js';
import type { PaymentDeps } from './payments.usecases.js';
import type { OnlineProvider } from './providers/port.js';

export const mismatchKinds = ['PAID_THERE_NOT_HERE', 'PAID_HERE_NOT_THERE', 'AMOUNT_DIFFERS', 'DUPLICATE'] as const;
export type MismatchKind = (typeof mismatchKinds)[number];

/** The units where the official may act as accountant (ACCOUNTANT, or the system administrator). */
export function accountantUnits(actor: SignedInActor): string[] {
  const units = actor.kind === 'official' ? actor.grants.filter((g) => g.role === 'ACCOUNTANT' || g.role === 'ADMINISTRATOR').map((g) => g.unitId) : [];
  if (units.length === 0) throw createNotAccountantError();
  return units;
}

/** yyyyMMdd (Asia/Ho_Chi_Minh) → [start, end) instants. */
function dayBounds(day: string): [Date, Date] {
  const start = new Date(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T00:00:00+07:00`);
  return [start, new Date(start.getTime() + 86_400_000)];
}

const subjectOf = (provider: string, reference: string, kind: MismatchKind) => `payment-mismatch:${provider}:${reference}:${kind}`;

export interface Mismatch {
  provider: OnlineProvider;
  kind: MismatchKind;
  reference: string;
  remoteAmount: number | null;
  localAmount: number | null;
  remoteTransactionId: string | null;
  paymentId: string | null;
  attemptId: string | null;
  dossierId: string | null;
  dossierCode: string | null;
  /** What can still be refunded of the attempt (DUPLICATE). */
  refundable: number;
  resolution: { reason: string; byUserId: string | null; at: string } | null;
}

/** The day's mismatches between the providers' lists and OpenDVC, for the accountant's units. */
export async function reconcileDay(deps: PaymentDeps, { actor, day }: { actor: SignedInActor | null; day: string }) {
  const units = actor ? accountantUnits(actor) : null;
  const [from, to] = dayBounds(day);
  const items: Mismatch[] = [];
  let matched = 0;
  const errors: { provider: OnlineProvider; message: string }[] = [];
  for (const [name, port] of deps.providers) {
    if (!port.dailyTransactions) continue;
    let remote;
    try {
      remote = (await port.dailyTransactions(day)).filter((o) => o.status === 'SUCCEEDED');
    } catch (err) {
      errors.push({ provider: name, message: err instanceof Error ? err.message : String(err) });
      continue;
    }
    const refs = remote.map((r) => r.providerReference);
    const local = await deps.db.select({ attempt: paymentAttemptsTable, request: paymentRequestsTable, dossier: { id: dossiersTable.id, code: dossiersTable.code, unitId: dossiersTable.receivingUnitId } })
      .from(paymentAttemptsTable)
      .innerJoin(paymentRequestsTable, eq(paymentRequestsTable.id, paymentAttemptsTable.paymentId))
      .innerJoin(dossiersTable, eq(dossiersTable.id, paymentRequestsTable.dossierId))
      .where(and(eq(paymentAttemptsTable.provider, name), sql`(${paymentAttemptsTable.status} = 'SUCCEEDED' AND ${paymentAttemptsTable.settledAt} >= ${from.toISOString()} AND ${paymentAttemptsTable.settledAt} < ${to.toISOString()})${refs.length ? sql` OR ${inArray(paymentAttemptsTable.providerReference, refs)}` : sql``}`));
    const refunded = await refundedByAttempt(deps, local.map((l) => l.attempt.id));
    const byRef = new Map(local.map((l) => [l.attempt.providerReference, l]));
    const row = (kind: MismatchKind, reference: string, r: (typeof remote)[number] | null, l: (typeof local)[number] | undefined): Mismatch => ({
      provider: name, kind, reference, remoteAmount: r?.amount ?? null, localAmount: l?.attempt.amount ?? null, remoteTransactionId: r?.transactionId ?? null,
      paymentId: l?.request.id ?? null, attemptId: l?.attempt.id ?? null, dossierId: l?.dossier.id ?? null, dossierCode: l?.dossier.code ?? null,
      refundable: l && l.attempt.status === 'SUCCEEDED' ? l.attempt.amount - (refunded.get(l.attempt.id) ?? 0) : 0, resolution: null,
    });
    for (const r of remote) {
      const l = byRef.get(r.providerReference);
      if (!l || l.attempt.status !== 'SUCCEEDED') items.push(row('PAID_THERE_NOT_HERE', r.providerReference, r, l));
      else if (l.attempt.amount !== r.amount) items.push(row('AMOUNT_DIFFERS', r.providerReference, r, l));
      else matched++;
    }
    const remoteRefs = new Set(refs);
    for (const l of local) {
      if (l.attempt.status !== 'SUCCEEDED') continue;
      if (!remoteRefs.has(l.attempt.providerReference)) items.push(row('PAID_HERE_NOT_THERE', l.attempt.providerReference, null, l));
      // Money received for a request paid by another attempt, or after it was cancelled.
      if (l.request.paidAttemptId !== l.attempt.id) items.push(row('DUPLICATE', l.attempt.providerReference, remote.find((r) => r.providerReference === l.attempt.providerReference) ?? null, l));
    }
  }
  // The accountant sees their units' mismatches and the ones no dossier explains.
  const unitsById = await unitsOfDossiers(deps, items.flatMap((m) => (m.dossierId ? [m.dossierId] : [])));
  const mine = items.filter((m) => !units || !m.dossierId || units.includes(unitsById.get(m.dossierId) ?? ''));
  const subjects = mine.map((m) => subjectOf(m.provider, m.reference, m.kind));
  if (subjects.length) {
    const resolved = await deps.db.select().from(auditEventsTable).where(and(eq(auditEventsTable.action, 'PAYMENT_MISMATCH_RESOLVED'), inArray(auditEventsTable.subject, subjects)));
    for (const m of mine) {
      const r = resolved.filter((a) => a.subject === subjectOf(m.provider, m.reference, m.kind)).at(-1);
      if (r) m.resolution = { reason: String((r.details as Record<string, unknown> | null)?.reason ?? ''), byUserId: r.actorUserId, at: r.at.toISOString() };
    }
  }
  return { day, matched, items: mine, errors };
}

async function unitsOfDossiers(deps: PaymentDeps, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await deps.db.select({ id: dossiersTable.id, unitId: dossiersTable.receivingUnitId }).from(dossiersTable).where(inArray(dossiersTable.id, ids));
  return new Map(rows.map((r) => [r.id, r.unitId]));
}

async function refundedByAttempt(deps: Pick<PaymentDeps, 'db'>, attemptIds: string[]) {
  if (attemptIds.length === 0) return new Map<string, number>();
  const rows = await deps.db.select({ attemptId: paymentRefundsTable.attemptId, total: sql<string>`sum(${paymentRefundsTable.amount})` }).from(paymentRefundsTable)
    .where(and(inArray(paymentRefundsTable.attemptId, attemptIds), inArray(paymentRefundsTable.status, ['SUCCEEDED', 'MANUAL']))).groupBy(paymentRefundsTable.attemptId);
  return new Map(rows.map((r) => [r.attemptId, Number(r.total)]));
}

/** Marks a mismatch resolved with the accountant's reason (audited; the list shows it). */
export async function resolveMismatch(deps: PaymentDeps, { actor, provider, reference, kind, reason, ip }: { actor: SignedInActor; provider: OnlineProvider; reference: string; kind: MismatchKind; reason: string; ip?: string | null }) {
  accountantUnits(actor);
  await recordAuditEvent({ db: deps.db, event: { actorUserId: actor.userId, action: 'PAYMENT_MISMATCH_RESOLVED', subject: subjectOf(provider, reference, kind), ip, outcome: 'SUCCESS', details: { provider, reference, kind, reason } } });
  return { provider, reference, kind, resolution: { reason, byUserId: actor.userId, at: new Date().toISOString() } };
}

/**
 * Refunds all or part of a paid attempt (by default the one that paid the request; a duplicate
 * attempt by its id). Through the provider's refund message when it has one, else MANUAL.
 * @throws payments.not_found (404), auth.forbidden (403), payments.not_refundable (409), payments.refund_amount (422), payments.provider_failed (502)
 */
export async function refundPayment(deps: PaymentDeps, { actor, paymentId, attemptId, amount, reason, ip }: { actor: SignedInActor; paymentId: string; attemptId?: string; amount?: number; reason: string; ip: string }) {
  const units = accountantUnits(actor);
  const [found] = await deps.db.select({ request: paymentRequestsTable, unitId: dossiersTable.receivingUnitId }).from(paymentRequestsTable)
    .innerJoin(dossiersTable, eq(dossiersTable.id, paymentRequestsTable.dossierId)).where(eq(paymentRequestsTable.id, paymentId));
  if (!found || !units.includes(found.unitId)) throw createPaymentNotFoundError();
  const request = found.request;
  const [attempt] = await deps.db.select().from(paymentAttemptsTable).where(and(eq(paymentAttemptsTable.id, attemptId ?? request.paidAttemptId ?? ''), eq(paymentAttemptsTable.paymentId, request.id)));
  if (!attempt || attempt.status !== 'SUCCEEDED') throw createNotRefundableError();
  const left = attempt.amount - ((await refundedByAttempt(deps, [attempt.id])).get(attempt.id) ?? 0);
  const value = amount ?? left;
  if (left <= 0) throw createNotRefundableError();
  if (!Number.isInteger(value) || value <= 0 || value > left) throw createRefundAmountError({ errors: [{ path: 'body.amount', message: `Số tiền hoàn từ 1 đến ${new Intl.NumberFormat('vi-VN').format(left)} đồng.` }] });
  return executeRefund(deps, { request, attempt, value, left, reason, actorUserId: actor.userId, ip });
}

/**
 * The refund itself: the provider's refund message when it has one (else MANUAL, for the
 * accountant to pay back by transfer), then in one transaction the refund row, the request's
 * REFUNDED state when the paying attempt is returned in full, the receipt's cancellation or
 * adjustment, and the audit event.
 */
async function executeRefund(deps: PaymentDeps, { request, attempt, value, left, reason, actorUserId, ip }: {
  request: typeof paymentRequestsTable.$inferSelect; attempt: typeof paymentAttemptsTable.$inferSelect; value: number; left: number; reason: string; actorUserId: string | null; ip: string;
}) {
  const full = value === attempt.amount;
  const port = deps.providers.get(attempt.provider as OnlineProvider);
  let status: 'SUCCEEDED' | 'FAILED' | 'MANUAL' = 'MANUAL';
  let providerCode: string | null = null;
  let providerTransactionId: string | null = null;
  if (port?.refund) {
    try {
      const r = await port.refund({
        providerReference: attempt.providerReference, transactionId: attempt.providerTransactionId, transactionDate: attempt.providerCreatedAt, amount: value, full,
        createdBy: actorUserId ?? 'opendvc', ip: ip.replace(/^::ffff:/, ''), description: `Hoan tien ${request.reference}`,
      });
      status = r.ok ? 'SUCCEEDED' : 'FAILED';
      providerCode = r.code;
      providerTransactionId = r.ok ? r.transactionId : null;
    } catch (err) {
      throw createProviderFailedError({ details: { provider: attempt.provider, reason: err instanceof Error ? err.message : String(err) } });
    }
  }
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.insert(paymentRefundsTable).values({
      id: createId('prf'), paymentId: request.id, attemptId: attempt.id, provider: attempt.provider as PaymentProviderName, amount: value, full, status, reason,
      providerCode, providerTransactionId, requestedByUserId: actorUserId,
    }).returning();
    // The request itself is refunded when the attempt that paid it is returned in full.
    if (status !== 'FAILED' && attempt.id === request.paidAttemptId && value === left) {
      await tx.update(paymentRequestsTable).set({ status: 'REFUNDED', updatedAt: new Date() }).where(eq(paymentRequestsTable.id, request.id));
    }
    // The receipt was issued for the attempt that paid the request: a refund of it adjusts the
    // receipt, and returning it in full cancels the receipt (a duplicate attempt has no receipt).
    if (status !== 'FAILED' && attempt.id === request.paidAttemptId) {
      await recordRefundOnReceipt(tx, { paymentId: request.id, refundId: row!.id, amount: value, full: value === left, reason, at: row!.createdAt, actorUserId });
    }
    await recordAuditEvent({ db: tx, event: { actorUserId, action: 'PAYMENT_REFUNDED', subject: `payment:${request.id}`, ip, outcome: status === 'FAILED' ? 'FAILURE' : 'SUCCESS', details: { refundId: row!.id, attemptId: attempt.id, amount: value, full, status, providerCode, reason, automatic: actorUserId === null } } });
    return presentRefund(row!);
  });
}

/**
 * A fee paid at filing for a dossier that was then refused or stopped is returned in full
 * (issue 13 item 6): what is left of the paying attempt is refunded through the provider's
 * refund message, or recorded MANUAL for the accountant. Nothing when the request is not PAID or
 * was already returned (a repeated job changes nothing). Fees requested after appraisal are kept.
 */
export async function refundOnClose(deps: PaymentDeps, { paymentId, reason }: { paymentId: string; reason: string }) {
  const [request] = await deps.db.select().from(paymentRequestsTable).where(eq(paymentRequestsTable.id, paymentId));
  if (!request || request.status !== 'PAID' || request.stage !== 'FILING' || !request.paidAttemptId) return null;
  const [attempt] = await deps.db.select().from(paymentAttemptsTable).where(eq(paymentAttemptsTable.id, request.paidAttemptId));
  if (!attempt || attempt.status !== 'SUCCEEDED') return null;
  const left = attempt.amount - ((await refundedByAttempt(deps, [attempt.id])).get(attempt.id) ?? 0);
  if (left <= 0) return null;
  return executeRefund(deps, { request, attempt, value: left, left, reason, actorUserId: null, ip: '127.0.0.1' });
}

export function presentRefund(r: typeof paymentRefundsTable.$inferSelect) {
  return { id: r.id, paymentId: r.paymentId, attemptId: r.attemptId, provider: r.provider, amount: r.amount, full: r.full, status: r.status, reason: r.reason, providerCode: r.providerCode, providerTransactionId: r.providerTransactionId, createdAt: r.createdAt.toISOString() };
}
