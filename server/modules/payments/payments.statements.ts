/**
 * Bank-statement import for VietQR transfers (issue 13 item 6): the unit's accountant uploads the
 * account's statement as CSV (date, amount, description); each credit whose description carries a
 * pending request's transfer reference (the VietQR payload's purpose, `DVC…`) and its exact amount
 * is paid through the same path as a provider's callback (`settleAttempt`: the request PAID once,
 * the dossier released and `dossier.paid` written in one transaction, so the receipt follows).
 * Rows that match nothing are listed with why; malformed rows get a Vietnamese error each.
 */
import { eq, inArray } from 'drizzle-orm';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import { createId } from '../../platform/db/ids.js';
import { dossiersTable } from '../dossiers/index.js';
import type { SignedInActor } from '../identity/index.js';
import { createStatementError } from './payments.errors.js';
import { accountantUnits } from './payments.reconciliation.js';
import { paymentAttemptsTable, paymentRequestsTable } from './payments.tables.js';
import { settleAttempt, type PaymentDeps } from './payments.usecases.js';
import { vnTimestamp } from './providers/port.js';

export const STATEMENT_MAX_BYTES = 1024 * 1024;
export const STATEMENT_MAX_ROWS = 5000;

/** The transfer reference a VietQR payload carries (`DVC` and 18 digits); banks may upper-case or split it. */
const REFERENCE = /DVC\s?(\d{18})/i;

/** One CSV record per line; quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase().replace(/[^a-z]/g, '');
const COLUMNS = {
  date: ['date', 'ngay', 'ngaygiaodich', 'ngayhachtoan', 'transactiondate', 'ngaygd'],
  amount: ['amount', 'sotien', 'ghico', 'credit', 'sotienghico', 'sotiengd', 'phatsinhco'],
  description: ['description', 'reference', 'noidung', 'diengiai', 'noidungchuyenkhoan', 'noidunggiaodich', 'mota'],
} as const;

/** dd/MM/yyyy (optionally with a time), yyyy-MM-dd or an ISO instant; Asia/Ho_Chi_Minh. */
export function parseStatementDate(s: string): Date | null {
  const v = s.trim();
  let m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
  if (m) {
    const [, d, mo, y, h = '0', mi = '00', se = '00'] = m;
    const date = new Date(`${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}T${h.padStart(2, '0')}:${mi}:${se.padStart(2, '0')}+07:00`);
    // 31/02 is no date: the instant must read back as the same day in Vietnam.
    return Number.isNaN(date.getTime()) || vnTimestamp(date).slice(0, 8) !== `${y}${mo!.padStart(2, '0')}${d!.padStart(2, '0')}` ? null : date;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (m) return new Date(`${v}T00:00:00+07:00`);
  if (/^\d{4}-\d{2}-\d{2}T/.test(v)) {
    const date = new Date(v);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

/** Integer VND: "1.250.000", "1,250,000", "1250000" or "1 250 000 đ"; null when not a positive whole amount. */
export function parseStatementAmount(s: string): number | null {
  const v = s.trim().replace(/\s|đ|vnd/gi, '');
  if (!/^\+?\d{1,3}([.,]\d{3})*$|^\+?\d+$/.test(v)) return null;
  const n = Number(v.replace(/[.,+]/g, ''));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export interface StatementRow { line: number; date: string; amount: number | null; description: string }

/**
 * Imports a statement: matches, pays what matches, and answers the matched rows, the unmatched
 * ones with their reason, and the rows in error.
 * @throws auth 403 payments.not_accountant, 422 payments.statement (no header, no rows, too many)
 */
export async function importBankStatement(deps: PaymentDeps, { actor, csv, ip }: { actor: SignedInActor; csv: string; ip: string }) {
  const units = accountantUnits(actor);
  const text = csv.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = parseCsv(text, delimiter).filter((r) => r.some((f) => f.trim() !== ''));
  const header = (records[0] ?? []).map(fold);
  const col = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  const at = { date: col(COLUMNS.date), amount: col(COLUMNS.amount), description: col(COLUMNS.description) };
  const missing = [at.date < 0 ? 'ngày (date)' : null, at.amount < 0 ? 'số tiền (amount)' : null, at.description < 0 ? 'nội dung (description)' : null].filter(Boolean);
  if (missing.length > 0) throw createStatementError({ errors: [{ path: 'body', message: `Dòng tiêu đề của sao kê thiếu cột: ${missing.join(', ')}.` }] });
  if (records.length < 2) throw createStatementError({ errors: [{ path: 'body', message: 'Sao kê không có giao dịch nào.' }] });
  if (records.length - 1 > STATEMENT_MAX_ROWS) throw createStatementError({ errors: [{ path: 'body', message: `Sao kê có quá ${STATEMENT_MAX_ROWS} giao dịch; vui lòng chia nhỏ tệp.` }] });

  const errors: { line: number; message: string }[] = [];
  const parsed: { line: number; date: Date; amount: number; description: string; reference: string | null }[] = [];
  records.slice(1).forEach((r, i) => {
    const line = i + 2;
    const date = parseStatementDate(r[at.date] ?? '');
    const amount = parseStatementAmount(r[at.amount] ?? '');
    const description = (r[at.description] ?? '').trim();
    const problems = [
      date ? null : `ngày "${(r[at.date] ?? '').trim()}" không hợp lệ (dd/MM/yyyy hoặc yyyy-MM-dd)`,
      amount ? null : `số tiền "${(r[at.amount] ?? '').trim()}" không phải số tiền ghi có hợp lệ (số nguyên đồng, lớn hơn 0)`,
    ].filter(Boolean);
    if (problems.length > 0) errors.push({ line, message: `Dòng ${line}: ${problems.join('; ')}.` });
    else {
      const m = REFERENCE.exec(description.replace(/[^0-9a-z\s]/gi, ''));
      parsed.push({ line, date: date!, amount: amount!, description, reference: m ? `DVC${m[1]}` : null });
    }
  });

  const refs = [...new Set(parsed.map((p) => p.reference).filter((r): r is string => r !== null))];
  const requests = refs.length === 0 ? [] : await deps.db.select({ request: paymentRequestsTable, unitId: dossiersTable.receivingUnitId }).from(paymentRequestsTable)
    .innerJoin(dossiersTable, eq(dossiersTable.id, paymentRequestsTable.dossierId)).where(inArray(paymentRequestsTable.reference, refs));
  const byRef = new Map(requests.filter((r) => units.includes(r.unitId)).map((r) => [r.request.reference, r.request]));

  /** effect: paid (now), already_paid (an earlier import), duplicate_payment (paid another way or cancelled: refund it). */
  const matched: { line: number; reference: string; amount: number; paymentId: string; dossierId: string; effect: string }[] = [];
  const unmatched: { line: number; date: string; amount: number; description: string; reference: string | null; reason: string }[] = [];
  const seen = new Set<string>();
  for (const p of parsed) {
    const miss = (reason: string) => unmatched.push({ line: p.line, date: p.date.toISOString(), amount: p.amount, description: p.description, reference: p.reference, reason });
    if (!p.reference) { miss('Nội dung chuyển khoản không có mã thanh toán của hồ sơ.'); continue; }
    const request = byRef.get(p.reference);
    if (!request) { miss('Không có yêu cầu thanh toán nào của đơn vị với mã này.'); continue; }
    if (p.amount !== request.amount) { miss(`Số tiền khác số phải nộp (${new Intl.NumberFormat('vi-VN').format(request.amount)} đồng).`); continue; }
    if (seen.has(p.reference)) { miss('Mã thanh toán đã được đối chiếu ở một dòng khác của sao kê: chuyển khoản trùng, cần hoàn tiền.'); continue; }
    seen.add(p.reference);
    // The transfer is an attempt of the bank_transfer provider keyed by the reference: a statement
    // imported again finds it and pays nothing twice. A request already paid another way, or
    // cancelled, is not paid again: the money is recorded (effect duplicate_payment) for a refund.
    const created = vnTimestamp(p.date);
    await deps.db.insert(paymentAttemptsTable).values({
      id: createId('pat'), paymentId: request.id, provider: 'bank_transfer', providerReference: request.reference, amount: request.amount,
      redirectUrl: '', providerCreatedAt: created, expiresAt: p.date, createdByUserId: actor.userId,
    }).onConflictDoNothing();
    const r = await settleAttempt(deps.db, deps.config, {
      provider: 'bank_transfer', channel: 'statement',
      verified: { ok: true, outcome: { providerReference: request.reference, amount: p.amount, status: 'SUCCEEDED', transactionId: `SK${created}L${p.line}`, bankCode: null, paidAt: p.date } },
      body: { line: p.line, date: p.date.toISOString(), amount: p.amount, description: p.description },
    });
    if (r.accepted) matched.push({ line: p.line, reference: p.reference, amount: p.amount, paymentId: request.id, dossierId: request.dossierId, effect: r.effect });
    else miss('Không ghi nhận được giao dịch.');
  }
  await recordAuditEvent({ db: deps.db, event: { actorUserId: actor.userId, action: 'PAYMENT_STATEMENT_IMPORTED', subject: 'payment-statement', ip, outcome: 'SUCCESS', details: { rows: records.length - 1, matched: matched.length, unmatched: unmatched.length, errors: errors.length, paid: matched.filter((m) => m.effect === 'paid').map((m) => m.paymentId) } } });
  return { rows: records.length - 1, matched, unmatched, errors };
}
