/**
 * Sends the NSW outbox: each due OUT message (leased with `FOR UPDATE SKIP LOCKED`, so two nodes
 * never send one message at once) is built from the dossier's state at send time — the reception
 * notice (11/03: dossier code, reception and appointment dates, receiving unit) or the result
 * (12/04: number, date, signer and the issued, signed PDF in base64 with its SHA-256) — and
 * posted to NSW_ENDPOINT_URL as a `receiveRequest`. The NSW's answer 99 marks it SENT; 00 (it
 * refuses the data, and would again) parks it DEAD; a transport error, an HTTP error or a fault
 * leaves it FAILING, retried after NSW_BACKOFF_MS·2ⁿ (at most 10 min), DEAD after NSW_MAX_ATTEMPTS.
 * Messages of one dossier go in order: a later one waits while an earlier one is not SENT.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  NSW_FUNCTIONS, NSW_PARTY, NSW_TYPES, buildMessageXml, buildReceiveRequest, errorsOf, formatNswDate, parseMessageXml, parseSoap,
} from '../../../common/nsw/protocol.js';
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/create-database.js';
import { pollLoop } from '../../platform/jobs/poll-loop.js';
import type { ObjectStorage } from '../../platform/storage/index.js';
import { agenciesTable } from '../catalog/index.js';
import { dossierDocumentsTable, dossierEventsTable, dossiersTable } from '../dossiers/index.js';
import { nswMessagesTable, type NswMessageRow } from './nsw.tables.js';

export interface NswSender {
  runOnce(): Promise<{ taken: number; sent: number; failed: number }>;
  drain(options?: { maxPasses?: number; signal?: AbortSignal }): Promise<{ sent: number; failed: number }>;
  start(pollMs: number): void;
  stop(): Promise<void>;
}

export function nswRetryDelayMs(attempts: number, backoffMs: number) {
  return Math.min(600_000, backoffMs * 2 ** Math.max(0, attempts - 1));
}

class Refused extends Error {}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks);
}

export function createNswSender({ db, config, storage, logger }: {
  db: Database; config: Config; storage: ObjectStorage;
  logger?: { warn(o: object, m?: string): void; error(o: object, m?: string): void };
}): NswSender {
  const t = nswMessagesTable;
  const limits = { maxBytes: config.nswMaxMessageBytes, maxDepth: config.nswMaxXmlDepth };

  async function documentTypeOf(row: NswMessageRow) {
    if (row.documentType) return row.documentType;
    const [inbound] = await db.select({ documentType: t.documentType }).from(t).where(and(eq(t.dossierId, row.dossierId!), eq(t.direction, 'IN'), eq(t.state, 'ACCEPTED'))).limit(1);
    return inbound?.documentType ?? '';
  }

  async function contentOf(row: NswMessageRow): Promise<Record<string, unknown>> {
    const [d] = await db.select().from(dossiersTable).where(eq(dossiersTable.id, row.dossierId!));
    if (!d) throw new Refused('Hồ sơ không còn tồn tại');
    const [unit] = await db.select({ name: agenciesTable.name, code: agenciesTable.code }).from(agenciesTable).where(eq(agenciesTable.id, d.receivingUnitId));
    const base = { DocumentNo: row.documentNo, DossierCode: d.code ?? '' };
    if (row.type === NSW_TYPES.receptionNotice) {
      return {
        ...base,
        ReceiveDate: d.receivedAt ? formatNswDate(d.receivedAt) : '',
        AppointmentDate: d.appointmentAt ? formatNswDate(d.appointmentAt) : '',
        ReceivingUnit: { Code: unit?.code ?? '', Name: unit?.name ?? '' },
        Note: 'Hồ sơ đã được tiếp nhận và chuyển xử lý.',
      };
    }
    const [event] = await db.select({ payload: dossierEventsTable.payload }).from(dossierEventsTable).where(eq(dossierEventsTable.id, row.eventId!));
    const documentId = (event?.payload as { documentId?: string } | undefined)?.documentId;
    const [doc] = documentId
      ? await db.select().from(dossierDocumentsTable).where(eq(dossierDocumentsTable.id, documentId))
      : await db.select().from(dossierDocumentsTable).where(and(eq(dossierDocumentsTable.dossierId, d.id), eq(dossierDocumentsTable.kind, 'RESULT'), eq(dossierDocumentsTable.status, 'ISSUED')));
    if (!doc?.issuedStorageKey) throw new Error('Kết quả chưa được ban hành (chưa có bản đã cấp số)');
    const pdf = await readAll(await storage.get(doc.issuedStorageKey));
    return {
      ...base,
      ResultNumber: doc.number ?? '',
      IssueDate: doc.issuedAt ? formatNswDate(doc.issuedAt) : '',
      Title: doc.title,
      Signer: doc.signer?.commonName ?? '',
      IssuingUnit: { Code: unit?.code ?? '', Name: unit?.name ?? '' },
      VerifyUrl: `${config.publicUrl.replace(/\/$/, '')}/xac-minh/${doc.id}`,
      Attachments: { Attachment: [{ FileName: `${d.code ?? doc.id}-ket-qua.pdf`, MimeType: 'application/pdf', Sha256: doc.issuedSha256 ?? '', Content: pdf.toString('base64') }] },
    };
  }

  async function send(row: NswMessageRow): Promise<boolean> {
    try {
      const documentType = await documentTypeOf(row);
      const messageXml = buildMessageXml({
        messageId: row.messageId,
        from: config.nswParty,
        to: NSW_PARTY,
        subject: { DocumentType: documentType, Type: row.type, Function: row.function, Reference: row.documentNo, SendDate: formatNswDate(new Date()) },
        content: await contentOf(row),
      });
      const res = await fetch(config.nswEndpointUrl!, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"receiveRequest"' },
        body: buildReceiveRequest({ officeCode: config.nswParty.OrganizationCode, documentType, messageXml }),
        signal: AbortSignal.timeout(config.nswTimeoutMs),
      });
      const text = await res.text();
      let soap;
      try {
        soap = parseSoap(text, limits);
      } catch {
        throw new Error(`NSW trả lời HTTP ${res.status} không đọc được`);
      }
      if (soap.fault) throw new Error(`NSW trả lỗi SOAP: ${soap.fault}`);
      if (!res.ok) throw new Error(`NSW trả lời HTTP ${res.status}`);
      const reply = parseMessageXml(soap.data, limits);
      if (reply.subject.Function === NSW_FUNCTIONS.validationError) {
        const errors = errorsOf(reply.content);
        await db.update(t).set({ state: 'DEAD', attempts: row.attempts + 1, leaseUntil: null, nextAttemptAt: null, lastError: errors.map((e) => `${e.ErrorCode}: ${e.ErrorName}`).join('; ').slice(0, 2000) || 'NSW từ chối (00)', answer: { function: reply.subject.Function, errors }, updatedAt: new Date() }).where(eq(t.id, row.id));
        logger?.error({ messageId: row.id, errors }, 'NSW refused a message; parked as dead');
        return false;
      }
      if (reply.subject.Function !== NSW_FUNCTIONS.received) throw new Error(`NSW trả lời chức năng ${reply.subject.Function} không mong đợi`);
      await db.update(t).set({ state: 'SENT', attempts: row.attempts + 1, leaseUntil: null, nextAttemptAt: null, lastError: null, sentAt: new Date(), answer: { function: reply.subject.Function, messageId: reply.messageId }, updatedAt: new Date() }).where(eq(t.id, row.id));
      return true;
    } catch (err) {
      const attempts = row.attempts + 1;
      const dead = err instanceof Refused || attempts >= config.nswMaxAttempts;
      const message = err instanceof Error ? err.message : String(err);
      await db.update(t).set({
        state: dead ? 'DEAD' : 'FAILING', attempts, leaseUntil: null, lastError: message.slice(0, 2000),
        nextAttemptAt: dead ? null : new Date(Date.now() + nswRetryDelayMs(attempts, config.nswBackoffMs)), updatedAt: new Date(),
      }).where(eq(t.id, row.id));
      (dead ? logger?.error : logger?.warn)?.call(logger, { messageId: row.id, attempts, err: message }, dead ? 'NSW message parked as dead' : 'NSW message failed; will retry');
      return false;
    }
  }

  async function runOnce() {
    if (!config.nswEndpointUrl) return { taken: 0, sent: 0, failed: 0 };
    const rows = await db.transaction(async (tx) => {
      // Due messages whose dossier has no earlier message still unsent (order per dossier).
      const due = (await tx.execute(sql`
        SELECT m.id FROM ${t} m
        WHERE m.direction = 'OUT' AND m.state IN ('PENDING', 'FAILING')
          AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= now())
          AND (m.lease_until IS NULL OR m.lease_until < now())
          AND NOT EXISTS (SELECT 1 FROM ${t} e WHERE e.dossier_id = m.dossier_id AND e.direction = 'OUT' AND e.state <> 'SENT' AND e.created_at < m.created_at)
        ORDER BY m.created_at
        LIMIT 16
        FOR UPDATE SKIP LOCKED`) as unknown as { rows: { id: string }[] }).rows;
      if (due.length === 0) return [];
      return tx.update(t).set({ leaseUntil: new Date(Date.now() + Math.max(60_000, config.nswTimeoutMs * 4)) }).where(inArray(t.id, due.map((r) => r.id))).returning();
    });
    const results = await Promise.all(rows.map((r) => send(r)));
    return { taken: rows.length, sent: results.filter(Boolean).length, failed: results.filter((r) => !r).length };
  }

  async function drain({ maxPasses = 1000, signal }: { maxPasses?: number; signal?: AbortSignal } = {}) {
    let sent = 0;
    let failed = 0;
    for (let i = 0; i < maxPasses && !signal?.aborted; i++) {
      const r = await runOnce();
      sent += r.sent;
      failed += r.failed;
      if (r.taken === 0) break;
    }
    return { sent, failed };
  }

  const loop = pollLoop((signal) => drain({ maxPasses: 50, signal }), (err: unknown) => logger?.error({ err }, 'NSW sender pass failed'));
  return { runOnce, drain, start: loop.start, stop: loop.stop };
}
