/**
 * A commercial gateway on VNPAY's published protocol, version 2.1.0: the payer is redirected
 * with `vnp_*` parameters (amount ×100) signed by `vnp_SecureHash` = HMAC-SHA512 over the
 * parameters sorted by name and URL-encoded (spaces as `+`); the browser comes back to the
 * return URL, the gateway calls the IPN URL (answered with `RspCode`), and `querydr` asks
 * about a transaction (its hash over the pipe-joined fields).
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { fromVnTimestamp, ProviderError, vnTimestamp, type CheckoutInput, type PaymentProvider, type ProviderOutcome, type RefundInput, type RefundOutcome, type Verified } from './port.js';

export const VNPAY_VERSION = '2.1.0';

/** `encodeURIComponent` with spaces as `+`, as the gateway's own examples encode. */
const enc = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');

/** The signed data: every `vnp_` parameter but the hash ones, sorted, `k=v` joined by `&`. */
export function vnpaySignData(params: Record<string, unknown>): string {
  return Object.keys(params)
    .filter((k) => k.startsWith('vnp_') && k !== 'vnp_SecureHash' && k !== 'vnp_SecureHashType' && params[k] !== undefined && params[k] !== null && params[k] !== '')
    .sort()
    .map((k) => `${enc(k)}=${enc(String(params[k]))}`)
    .join('&');
}

export const hmac512 = (secret: string, data: string) => createHmac('sha512', secret).update(data, 'utf8').digest('hex');

function sameHex(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a.toLowerCase()), Buffer.from(b));
}

export const QUERYDR_REQUEST_FIELDS = ['vnp_RequestId', 'vnp_Version', 'vnp_Command', 'vnp_TmnCode', 'vnp_TxnRef', 'vnp_TransactionDate', 'vnp_CreateDate', 'vnp_IpAddr', 'vnp_OrderInfo'] as const;
export const REFUND_REQUEST_FIELDS = ['vnp_RequestId', 'vnp_Version', 'vnp_Command', 'vnp_TmnCode', 'vnp_TransactionType', 'vnp_TxnRef', 'vnp_Amount', 'vnp_TransactionNo', 'vnp_TransactionDate', 'vnp_CreateBy', 'vnp_CreateDate', 'vnp_IpAddr', 'vnp_OrderInfo'] as const;
export const QUERYDR_RESPONSE_FIELDS = ['vnp_ResponseId', 'vnp_Command', 'vnp_ResponseCode', 'vnp_Message', 'vnp_TmnCode', 'vnp_TxnRef', 'vnp_Amount', 'vnp_BankCode', 'vnp_PayDate', 'vnp_TransactionNo', 'vnp_TransactionType', 'vnp_TransactionStatus', 'vnp_OrderInfo', 'vnp_PromotionCode', 'vnp_PromotionAmount'] as const;
export const pipeHash = (secret: string, m: Record<string, unknown>, fields: readonly string[]) => hmac512(secret, fields.map((f) => String(m[f] ?? '')).join('|'));

export interface VnpaySettings {
  baseUrl: string;
  tmnCode: string;
  hashSecret: string;
  fetch?: typeof fetch;
}

export function createVnpayProvider(s: VnpaySettings): PaymentProvider {
  const http = s.fetch ?? fetch;
  const base = s.baseUrl.replace(/\/$/, '');
  const outcomeOf = (m: Record<string, unknown>, success: boolean, failed: boolean): Verified => {
    const raw = Number(m.vnp_Amount);
    if (!Number.isSafeInteger(raw) || raw % 100 !== 0) return { ok: false, reason: 'amount' };
    return {
      ok: true,
      outcome: {
        providerReference: String(m.vnp_TxnRef ?? ''), amount: raw / 100,
        status: success ? 'SUCCEEDED' : failed ? 'FAILED' : 'PENDING',
        transactionId: m.vnp_TransactionNo ? String(m.vnp_TransactionNo) : null, bankCode: m.vnp_BankCode ? String(m.vnp_BankCode) : null,
        paidAt: typeof m.vnp_PayDate === 'string' ? fromVnTimestamp(m.vnp_PayDate) : null,
      },
    };
  };
  const api = async (body: Record<string, string>) => {
    const res = await http(`${base}/merchant_webapi/api/transaction`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
    try { return (await res.json()) as Record<string, unknown>; } catch { throw new ProviderError(`merchant API answered ${res.status} without JSON`); }
  };
  return {
    name: 'vnpay',
    /** `vnp_Command=refund`: `02` full, `03` partial; the answer is signed like querydr's. */
    async refund(input: RefundInput): Promise<RefundOutcome> {
      const body: Record<string, string> = {
        vnp_RequestId: randomUUID().replace(/-/g, '').slice(0, 32), vnp_Version: VNPAY_VERSION, vnp_Command: 'refund', vnp_TmnCode: s.tmnCode,
        vnp_TransactionType: input.full ? '02' : '03', vnp_TxnRef: input.providerReference, vnp_Amount: String(input.amount * 100),
        vnp_TransactionNo: input.transactionId ?? '', vnp_TransactionDate: input.transactionDate, vnp_CreateBy: input.createdBy,
        vnp_CreateDate: vnTimestamp(new Date()), vnp_IpAddr: input.ip, vnp_OrderInfo: input.description,
      };
      body.vnp_SecureHash = pipeHash(s.hashSecret, body, REFUND_REQUEST_FIELDS);
      const m = await api(body);
      if (!sameHex(m.vnp_SecureHash, pipeHash(s.hashSecret, m, QUERYDR_RESPONSE_FIELDS))) throw new ProviderError('refund answer has a wrong checksum');
      if (m.vnp_ResponseCode !== '00') return { ok: false, code: String(m.vnp_ResponseCode), message: String(m.vnp_Message ?? '') };
      return { ok: true, transactionId: m.vnp_TransactionNo ? String(m.vnp_TransactionNo) : null, code: '00' };
    },
    /** The simulator's (and a reconciliation file's) list of the day's paid transactions; each one's own hash is verified. */
    async dailyTransactions(day: string): Promise<ProviderOutcome[]> {
      const res = await http(`${base}/merchant_webapi/transactions?date=${encodeURIComponent(day)}`, { signal: AbortSignal.timeout(15_000) });
      if (!res.ok) throw new ProviderError(`transaction list answered ${res.status}`);
      const list = (await res.json()) as { items?: Record<string, unknown>[] };
      return (list.items ?? []).flatMap((m) => {
        const v = this.verify(m);
        return v.ok ? [v.outcome] : [];
      });
    },
    async checkout(input: CheckoutInput) {
      const params: Record<string, string> = {
        vnp_Version: VNPAY_VERSION, vnp_Command: 'pay', vnp_TmnCode: s.tmnCode, vnp_Amount: String(input.amount * 100), vnp_CurrCode: 'VND',
        vnp_TxnRef: input.providerReference, vnp_OrderInfo: input.description, vnp_OrderType: 'other', vnp_Locale: 'vn',
        vnp_ReturnUrl: input.returnUrl, vnp_IpAddr: input.ip, vnp_CreateDate: input.createdAt, vnp_ExpireDate: input.expiresAt,
      };
      const data = vnpaySignData(params);
      return { redirectUrl: `${base}/paymentv2/vpcpay.html?${data}&vnp_SecureHash=${hmac512(s.hashSecret, data)}` };
    },
    verify(m) {
      if (!sameHex(m.vnp_SecureHash, hmac512(s.hashSecret, vnpaySignData(m)))) return { ok: false, reason: 'checksum' };
      if (m.vnp_TmnCode !== s.tmnCode) return { ok: false, reason: 'partner' };
      const success = m.vnp_ResponseCode === '00' && m.vnp_TransactionStatus === '00';
      return outcomeOf(m, success, !success);
    },
    async query(attempt) {
      const body: Record<string, string> = {
        vnp_RequestId: randomUUID().replace(/-/g, '').slice(0, 32), vnp_Version: VNPAY_VERSION, vnp_Command: 'querydr', vnp_TmnCode: s.tmnCode,
        vnp_TxnRef: attempt.providerReference, vnp_OrderInfo: `Truy van giao dich ${attempt.providerReference}`, vnp_TransactionDate: attempt.createdAt,
        vnp_CreateDate: attempt.createdAt, vnp_IpAddr: attempt.ip,
      };
      body.vnp_SecureHash = pipeHash(s.hashSecret, body, QUERYDR_REQUEST_FIELDS);
      const res = await http(`${base}/merchant_webapi/api/transaction`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
      let m: Record<string, unknown>;
      try { m = (await res.json()) as Record<string, unknown>; } catch { throw new ProviderError(`querydr answered ${res.status} without JSON`); }
      if (!sameHex(m.vnp_SecureHash, pipeHash(s.hashSecret, m, QUERYDR_RESPONSE_FIELDS))) return { ok: false, reason: 'checksum' };
      if (m.vnp_ResponseCode === '91') return { ok: true, outcome: { providerReference: attempt.providerReference, amount: 0, status: 'UNKNOWN', transactionId: null, bankCode: null, paidAt: null } };
      if (m.vnp_ResponseCode !== '00') throw new ProviderError(`querydr failed: ${String(m.vnp_ResponseCode)}`, String(m.vnp_ResponseCode));
      const status = String(m.vnp_TransactionStatus);
      return outcomeOf(m, status === '00', status === '02' || status === '24');
    },
  };
}
