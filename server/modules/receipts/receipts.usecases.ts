/** Reading receipts: the dossier's list, the sealed PDF, and the public verification facts. */
import { and, asc, eq } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/create-database.js';
import type { ObjectStorage } from '../../platform/storage/index.js';
import { proceduresTable } from '../catalog/index.js';
import { dossiersTable, loadDossierFor } from '../dossiers/index.js';
import type { SignedInActor } from '../identity/index.js';
import { createReceiptNotFoundError, createReceiptNotReadyError } from './receipts.errors.js';
import { readReceiptPdf, verifyUrlOf } from './receipts.issue.js';
import { amountInWords, formatReceiptNumber } from './receipts.models.js';
import { refundedAmountOf } from './receipts.refunds.js';
import { receiptsTable, type ReceiptRow } from './receipts.tables.js';
import { RECEIPT_TITLE } from './receipts.document.js';

export interface ReceiptDeps {
  db: Database;
  config: Pick<Config, 'publicUrl'>;
  storage: ObjectStorage;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentReceipt(r: ReceiptRow, publicUrl: string) {
  return {
    id: r.id,
    paymentId: r.paymentId,
    status: r.status,
    formCode: r.formCode,
    symbol: r.symbol,
    number: formatReceiptNumber(r.number),
    unitName: r.unitName,
    payerName: r.payer.name,
    items: r.items,
    amount: r.amount,
    amountInWords: amountInWords(r.amount),
    currency: 'VND' as const,
    provider: r.provider,
    reference: r.reference,
    paidAt: r.paidAt.toISOString(),
    issuedAt: iso(r.issuedAt),
    sha256: r.sha256,
    refundedAmount: refundedAmountOf(r),
    refunds: r.refunds.map((x) => ({ amount: x.amount, full: x.full, reason: x.reason, at: x.at })),
    cancelledAt: iso(r.cancelledAt),
    cancelReason: r.cancelReason,
    receiptUrl: `/api/v1/dossiers/${r.dossierId}/payments/${encodeURIComponent(r.paymentId)}/receipt.pdf`,
    verifyUrl: verifyUrlOf(publicUrl, r.id),
  };
}

/** The dossier's receipts, oldest first, for whoever may see the dossier. */
export async function listReceipts(deps: ReceiptDeps, { actor, dossierId }: { actor: SignedInActor; dossierId: string }) {
  const { dossier } = await loadDossierFor(deps.db, actor, dossierId);
  const rows = await deps.db.select().from(receiptsTable).where(eq(receiptsTable.dossierId, dossier.id)).orderBy(asc(receiptsTable.createdAt), asc(receiptsTable.number));
  return { items: rows.map((r) => presentReceipt(r, deps.config.publicUrl)) };
}

/**
 * The sealed receipt PDF of a payment of the dossier.
 *
 * @throws dossiers.not_found (404) for whoever may not see the dossier, receipts.not_found (404),
 *         receipts.not_ready (409) while it is being rendered and sealed
 */
export async function downloadReceipt(deps: ReceiptDeps, { actor, dossierId, paymentId }: { actor: SignedInActor; dossierId: string; paymentId: string }) {
  const { dossier } = await loadDossierFor(deps.db, actor, dossierId);
  const [receipt] = await deps.db.select().from(receiptsTable).where(and(eq(receiptsTable.dossierId, dossier.id), eq(receiptsTable.paymentId, paymentId)));
  if (!receipt) throw createReceiptNotFoundError();
  // A cancelled receipt keeps its sealed original (marked cancelled in the list and on the verification page).
  if (!receipt.storageKey) throw createReceiptNotReadyError();
  return { pdf: await readReceiptPdf(deps.storage, receipt.storageKey), fileName: `bien-lai-${receipt.symbol}-${formatReceiptNumber(receipt.number)}.pdf` };
}

/**
 * What the public verification page shows of an issued receipt: its series and number, the unit,
 * the amount and items, when it was paid and sealed, the seal certificate and the SHA-256 of the
 * file, and whether it was cancelled or partly refunded. Not the payer (a holder of the receipt reads
 * the name on it). Undefined while pending.
 */
export async function findReceiptForVerification(db: Database, receiptId: string) {
  const [row] = await db
    .select({ receipt: receiptsTable, dossierCode: dossiersTable.code, procedureName: proceduresTable.name })
    .from(receiptsTable)
    .innerJoin(dossiersTable, eq(dossiersTable.id, receiptsTable.dossierId))
    .innerJoin(proceduresTable, eq(proceduresTable.id, dossiersTable.procedureId))
    .where(eq(receiptsTable.id, receiptId));
  const r = row?.receipt;
  if (!row || !r || r.status === 'PENDING' || !r.sha256 || !r.issuedAt) return undefined;
  return {
    documentId: r.id,
    title: RECEIPT_TITLE,
    number: `${r.symbol} số ${formatReceiptNumber(r.number)}`,
    issuedAt: r.issuedAt.toISOString(),
    signer: r.signer,
    sha256: r.sha256,
    agencyName: r.unitName,
    dossierCode: row.dossierCode,
    procedureName: row.procedureName,
    receipt: {
      formCode: r.formCode,
      symbol: r.symbol,
      number: formatReceiptNumber(r.number),
      amount: r.amount,
      amountInWords: amountInWords(r.amount),
      currency: 'VND' as const,
      paidAt: r.paidAt.toISOString(),
      items: r.items.map((i) => ({ name: i.name, kind: i.kind, amount: i.amount })),
      status: r.status === 'CANCELLED' ? 'CANCELLED' as const : 'ISSUED' as const,
      cancelledAt: iso(r.cancelledAt),
      cancelReason: r.cancelReason,
      refundedAmount: refundedAmountOf(r),
      refunds: r.refunds.map((x) => ({ amount: x.amount, at: x.at })),
    },
  };
}
