/**
 * Issuing receipts: the `receipts.issue` consumer of the dossier event stream numbers a receipt for
 * each `dossier.paid` (in the transaction that moves its checkpoint) and writes the render job;
 * the `receipts.render` job renders the PDF and seals it with the collecting unit's certificate.
 *
 * Numbering is gap-free and safe across nodes: the series counter is incremented by one upsert
 * whose row lock serialises concurrent issuers, in the same transaction as the receipt row, so a
 * rolled-back issue gives its number back and two transactions never hold the same number (the
 * unique index on the series and number would refuse it anyway). A replayed event finds the
 * receipt of its payment and issues nothing.
 */
import { buffer as readAll } from 'node:stream/consumers';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import { inOneSavepoint, type EventConsumer } from '../../platform/events/index.js';
import { enqueueInTransaction, type JobQueue, type QueueDefinition } from '../../platform/jobs/index.js';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import { createKeystore, type Keystore } from '../../platform/signing/index.js';
import type { ObjectStorage } from '../../platform/storage/index.js';
import { agenciesTable, proceduresTable } from '../catalog/index.js';
import { dossierEventPayloads, dossierEventSource, dossiersTable, type DossierStreamEvent } from '../dossiers/index.js';
import { organisationsTable } from '../identity/index.js';
import { renderReceipt } from './receipts.document.js';
import { createNoSealCertificateError } from './receipts.errors.js';
import { formatReceiptNumber, receiptSymbol, vietnamYear } from './receipts.models.js';
import { receiptCountersTable, receiptsTable, type ReceiptPayer, type ReceiptRow } from './receipts.tables.js';

export const RECEIPTS_CONSUMER = 'receipts.issue';
export const RECEIPTS_RENDER = 'receipts.render';

export const receiptsRenderQueue: QueueDefinition = { name: RECEIPTS_RENDER, retryLimit: 10, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 300 };

export const verifyUrlOf = (publicUrl: string, receiptId: string) => `${publicUrl.replace(/\/$/, '')}/xac-minh/${receiptId}`;

/** The next number of a series: one statement, serialised by the counter row's lock. */
export async function nextReceiptNumber(tx: DbExecutor, series: { unitId: string; formCode: string; symbol: string }): Promise<number> {
  const t = receiptCountersTable;
  const [row] = await tx.insert(t).values({ ...series, lastNumber: 1 })
    .onConflictDoUpdate({ target: [t.unitId, t.formCode, t.symbol], set: { lastNumber: sql`${t.lastNumber} + 1` } })
    .returning({ n: t.lastNumber });
  return row!.n;
}

async function payerOf(tx: DbExecutor, dossier: typeof dossiersTable.$inferSelect): Promise<ReceiptPayer> {
  if (dossier.organisationId) {
    const [org] = await tx.select().from(organisationsTable).where(eq(organisationsTable.id, dossier.organisationId));
    if (org) return { name: org.name, taxCode: org.taxCode, address: org.address };
  }
  const a = dossier.applicant;
  return { name: a.fullName, idNumber: a.personalIdNumber ?? null, address: a.address ?? null };
}

/**
 * Numbers the receipt of one `dossier.paid` event and queues its rendering; nothing when the
 * payment already has one. Returns the receipt (new or existing).
 */
export async function issueReceiptFor(tx: DbExecutor, config: Pick<Config, 'receiptFormCode' | 'receiptSymbolPrefix'>, event: { id: string; dossierId: string; payload: Record<string, unknown> }): Promise<{ receipt: ReceiptRow; created: boolean } | undefined> {
  const paid = dossierEventPayloads['dossier.paid'].parse(event.payload);
  const [existing] = await tx.select().from(receiptsTable).where(eq(receiptsTable.paymentId, paid.paymentId));
  if (existing) return { receipt: existing, created: false };
  const [dossier] = await tx.select().from(dossiersTable).where(eq(dossiersTable.id, event.dossierId));
  if (!dossier) return undefined;
  const [unit] = await tx.select({ id: agenciesTable.id, name: agenciesTable.name }).from(agenciesTable).where(eq(agenciesTable.id, dossier.receivingUnitId));
  const paidAt = new Date(paid.paidAt);
  const year = vietnamYear(paidAt);
  const series = { unitId: dossier.receivingUnitId, formCode: config.receiptFormCode, symbol: receiptSymbol(config.receiptSymbolPrefix, year) };
  const number = await nextReceiptNumber(tx, series);
  const [receipt] = await tx.insert(receiptsTable).values({
    id: createId('rcp'),
    dossierId: dossier.id,
    paymentId: paid.paymentId,
    eventId: event.id,
    ...series,
    unitName: unit?.name ?? '',
    year,
    number,
    payer: await payerOf(tx, dossier),
    items: paid.items,
    amount: paid.amount,
    currency: paid.currency,
    provider: paid.provider,
    providerTransactionId: paid.providerTransactionId,
    reference: paid.reference,
    paidAt,
  }).returning();
  await enqueueInTransaction(tx, RECEIPTS_RENDER, { receiptId: receipt!.id }, { singletonKey: receipt!.id });
  return { receipt: receipt!, created: true };
}

export function createReceiptsConsumer(config: Config): EventConsumer<DossierStreamEvent> {
  // Most events need nothing here: a batch is applied in one savepoint.
  return inOneSavepoint({
    name: RECEIPTS_CONSUMER,
    source: dossierEventSource,
    async handle(tx, event) {
      if (event.type !== 'dossier.paid') return;
      await issueReceiptFor(tx, config, { id: event.id, dossierId: event.aggregateId, payload: event.payload });
    },
  });
}

export interface RenderDeps {
  db: Database;
  config: Pick<Config, 'publicUrl' | 'documentPlace'>;
  storage: ObjectStorage;
  keystore: Keystore;
}

/**
 * Renders and seals a numbered receipt and stores the PDF; a receipt already issued is left alone
 * (a repeated job changes nothing). Throws when the unit has no seal certificate (the job retries).
 */
export async function renderAndSealReceipt(deps: RenderDeps, receiptId: string): Promise<'ISSUED' | 'SKIPPED'> {
  const { db, storage, keystore, config } = deps;
  const [receipt] = await db.select().from(receiptsTable).where(eq(receiptsTable.id, receiptId));
  // A receipt cancelled before it was sealed is still rendered and sealed (its number was taken);
  // it stays CANCELLED.
  if (!receipt || receipt.sha256) return 'SKIPPED';
  const [facts] = await db
    .select({ code: dossiersTable.code, procedureName: proceduresTable.name, unitCode: agenciesTable.code, parentId: agenciesTable.parentId })
    .from(dossiersTable)
    .innerJoin(proceduresTable, eq(proceduresTable.id, dossiersTable.procedureId))
    .innerJoin(agenciesTable, eq(agenciesTable.id, receipt.unitId))
    .where(eq(dossiersTable.id, receipt.dossierId));
  if (!facts) return 'SKIPPED';
  const [parent] = facts.parentId ? await db.select({ name: agenciesTable.name }).from(agenciesTable).where(eq(agenciesTable.id, facts.parentId)) : [];
  const seal = await keystore.signerForUnit(facts.unitCode);
  if (!seal) throw createNoSealCertificateError({ details: { unitCode: facts.unitCode } });
  const pdf = await renderReceipt({
    receiptId: receipt.id,
    formCode: receipt.formCode,
    symbol: receipt.symbol,
    number: receipt.number,
    unit: { name: receipt.unitName, parentName: parent?.name, place: config.documentPlace },
    payer: receipt.payer,
    dossier: { code: facts.code ?? '', procedureName: facts.procedureName },
    items: receipt.items,
    amount: receipt.amount,
    provider: receipt.provider,
    providerTransactionId: receipt.providerTransactionId,
    reference: receipt.reference,
    paidAt: receipt.paidAt,
    issuedAt: receipt.createdAt,
    verifyUrl: verifyUrlOf(config.publicUrl, receipt.id),
  });
  const now = new Date();
  const label = `${receipt.symbol} số ${formatReceiptNumber(receipt.number)}`;
  const sealed = await seal.sign(pdf, { reason: `Biên lai thu phí, lệ phí ${label} — hồ sơ ${facts.code ?? ''}`, location: config.documentPlace, name: receipt.unitName, signingTime: now });
  const key = `receipts/${receipt.dossierId}/${receipt.id}.pdf`;
  const stored = await storage.put(key, sealed, { contentType: 'application/pdf' });
  const c = seal.certificate;
  const signer = { commonName: c.commonName, subject: c.subject, serialNumber: c.serialNumber, issuer: c.issuer };
  return db.transaction(async (tx) => {
    const updated = await tx.update(receiptsTable).set({ status: sql`case when ${receiptsTable.status} = 'PENDING' then 'ISSUED' else ${receiptsTable.status} end`, storageKey: key, sha256: stored.sha256, signer, issuedAt: now })
      .where(and(eq(receiptsTable.id, receipt.id), isNull(receiptsTable.sha256))).returning({ id: receiptsTable.id });
    if (updated.length === 0) return 'SKIPPED' as const;
    await recordAuditEvent({ db: tx, event: { actorUserId: null, action: 'RECEIPT_ISSUED', subject: `receipt:${receipt.id}`, outcome: 'SUCCESS', details: { dossierId: receipt.dossierId, paymentId: receipt.paymentId, symbol: receipt.symbol, number: receipt.number, sha256: stored.sha256, certificate: c.serialNumber } } });
    return 'ISSUED' as const;
  });
}

export async function readReceiptPdf(storage: ObjectStorage, key: string) {
  return readAll(await storage.get(key));
}

type Logger = { info(obj: object, msg?: string): void };

export async function registerReceiptJobs(jobs: JobQueue, deps: { db: Database; config: Config; storage: ObjectStorage; logger?: Logger }) {
  const keystore = createKeystore({ dir: deps.config.signingKeystoreDir, passphrase: deps.config.signingPkcs12Passphrase });
  await jobs.work<{ receiptId: string }>(RECEIPTS_RENDER, async (job) => {
    const outcome = await renderAndSealReceipt({ ...deps, keystore }, job.data.receiptId);
    deps.logger?.info({ receiptId: job.data.receiptId, outcome, attempt: job.retryCount + 1 }, 'receipt rendered and sealed');
  });
}
