/**
 * Simulator of a gateway on VNPAY's published protocol 2.1.0: the payment page at
 * `/paymentv2/vpcpay.html` (parameters signed with `vnp_SecureHash`, HMAC-SHA512 over the sorted,
 * URL-encoded parameters), the browser sent back to `vnp_ReturnUrl`, the IPN (GET on the
 * merchant's registered IPN address, answered with `RspCode`), `querydr`, `refund` (full `02` or
 * partial `03`, never more than what is left of the payment), and a day's list.
 */
import { createHmac, randomInt } from 'node:crypto';
import http from 'node:http';
import { applySwitches, defaultSwitches, dispatchCallbacks, paymentPage, readBody, sendJson, vnNow, type SimTransaction } from './shared.js';

const enc = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');
const signData = (p: Record<string, unknown>) => Object.keys(p)
  .filter((k) => k.startsWith('vnp_') && k !== 'vnp_SecureHash' && k !== 'vnp_SecureHashType' && p[k] !== undefined && p[k] !== null && p[k] !== '')
  .sort().map((k) => `${enc(k)}=${enc(String(p[k]))}`).join('&');
const hmac = (secret: string, data: string) => createHmac('sha512', secret).update(data, 'utf8').digest('hex');
const QUERY_IN = ['vnp_RequestId', 'vnp_Version', 'vnp_Command', 'vnp_TmnCode', 'vnp_TxnRef', 'vnp_TransactionDate', 'vnp_CreateDate', 'vnp_IpAddr', 'vnp_OrderInfo'];
const REFUND_IN = ['vnp_RequestId', 'vnp_Version', 'vnp_Command', 'vnp_TmnCode', 'vnp_TransactionType', 'vnp_TxnRef', 'vnp_Amount', 'vnp_TransactionNo', 'vnp_TransactionDate', 'vnp_CreateBy', 'vnp_CreateDate', 'vnp_IpAddr', 'vnp_OrderInfo'];
const QUERY_OUT = ['vnp_ResponseId', 'vnp_Command', 'vnp_ResponseCode', 'vnp_Message', 'vnp_TmnCode', 'vnp_TxnRef', 'vnp_Amount', 'vnp_BankCode', 'vnp_PayDate', 'vnp_TransactionNo', 'vnp_TransactionType', 'vnp_TransactionStatus', 'vnp_OrderInfo', 'vnp_PromotionCode', 'vnp_PromotionAmount'];

export interface VnpaySimOptions {
  tmnCode: string;
  hashSecret: string;
  /** The merchant's IPN address (registered with the gateway); may be set later by `POST /_sim/config { ipnUrl }`. */
  ipnUrl?: string;
}

export function createVnpaySimulator(opts: VnpaySimOptions) {
  const txs = new Map<string, SimTransaction & { orderInfo: string }>();
  /** What has been refunded of each transaction (by reference), in VND. */
  const refunded = new Map<string, number>();
  const sw = defaultSwitches();
  let ipnUrl = opts.ipnUrl ?? '';

  const resultParams = (tx: SimTransaction, state: 0 | 1 | 2 = tx.state): Record<string, string> => {
    const p: Record<string, string> = {
      vnp_TmnCode: opts.tmnCode, vnp_Amount: String(tx.amount * 100), vnp_BankCode: tx.bankCode ?? 'NCB', vnp_OrderInfo: tx.description,
      vnp_ResponseCode: state === 1 ? '00' : state === 2 ? '24' : '99', vnp_TransactionStatus: state === 1 ? '00' : state === 2 ? '02' : '01',
      vnp_TxnRef: tx.reference, vnp_PayDate: tx.settledAt ?? tx.createdAt, vnp_CardType: 'ATM',
      ...(tx.transactionNo ? { vnp_TransactionNo: tx.transactionNo, vnp_BankTranNo: `VNP${tx.transactionNo}` } : { vnp_TransactionNo: '0' }),
    };
    return { ...p, vnp_SecureHash: hmac(opts.hashSecret, signData(p)) };
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sim');
      if (url.pathname === '/paymentv2/vpcpay.html' && req.method === 'GET') {
        const p = Object.fromEntries(url.searchParams);
        const html = (status: number, body: string) => { res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }); res.end(body); };
        if (sw.initError) return html(200, `<p>Lỗi mô phỏng ${sw.initError}</p>`);
        if (p.vnp_SecureHash !== hmac(opts.hashSecret, signData(p))) return html(400, '<p>Sai chữ ký (vnp_SecureHash)</p>');
        if (p.vnp_TmnCode !== opts.tmnCode || p.vnp_Version !== '2.1.0' || p.vnp_Command !== 'pay') return html(400, '<p>Tham số không hợp lệ</p>');
        const raw = Number(p.vnp_Amount);
        if (!Number.isSafeInteger(raw) || raw <= 0 || raw % 100 !== 0) return html(400, '<p>Số tiền không hợp lệ</p>');
        const ref = String(p.vnp_TxnRef);
        let tx = txs.get(ref);
        if (!tx) {
          tx = { reference: ref, amount: raw / 100, state: 0, transactionNo: null, bankCode: null, createdAt: String(p.vnp_CreateDate), settledAt: null, description: String(p.vnp_OrderInfo ?? ''), orderInfo: String(p.vnp_OrderInfo ?? ''), returnUrl: String(p.vnp_ReturnUrl), callbackUrl: null };
          txs.set(ref, tx);
        } else if (tx.amount !== raw / 100) return html(400, '<p>Trùng mã giao dịch với số tiền khác</p>');
        return html(200, paymentPage({ title: 'Cổng thanh toán VNPAY (mô phỏng giao thức 2.1.0)', tx, action: '/paymentv2/vpcpay.html', hidden: { vnp_TxnRef: ref } }));
      }
      if (url.pathname === '/paymentv2/vpcpay.html' && req.method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        const tx = txs.get(form.get('vnp_TxnRef') ?? '');
        if (!tx) return sendJson(res, 404, { error: 'unknown' });
        if (tx.state === 0) {
          const ok = form.get('result') === 'success';
          tx.state = ok ? 1 : 2;
          tx.bankCode = form.get('bank') ?? 'NCB';
          tx.transactionNo = ok ? String(randomInt(10_000_000, 99_999_999)) : null;
          tx.settledAt = vnNow();
          if (ipnUrl) {
            const target = ipnUrl;
            dispatchCallbacks(sw, async (stale) => {
              const u = new URL(target);
              for (const [k, v] of Object.entries(resultParams(tx, stale ? 0 : tx.state))) u.searchParams.set(k, v);
              await fetch(u, { signal: AbortSignal.timeout(10_000) });
            });
          }
        }
        const back = new URL(tx.returnUrl);
        for (const [k, v] of Object.entries(resultParams(tx))) back.searchParams.set(k, v);
        res.writeHead(303, { location: back.toString() });
        return res.end();
      }
      if (req.method === 'POST' && url.pathname === '/merchant_webapi/api/transaction') {
        const m = JSON.parse(await readBody(req)) as Record<string, string>;
        const answer = (fields: Record<string, string>) => {
          const out: Record<string, string> = { vnp_ResponseId: String(randomInt(1e9, 9e9)), vnp_Command: m.vnp_Command ?? 'querydr', vnp_TmnCode: opts.tmnCode, ...fields };
          out.vnp_SecureHash = hmac(opts.hashSecret, QUERY_OUT.map((f) => out[f] ?? '').join('|'));
          return sendJson(res, 200, out);
        };
        if (sw.queryError) return answer({ vnp_ResponseCode: sw.queryError, vnp_Message: 'Simulated error' });
        if (m.vnp_Command === 'refund') {
          if (m.vnp_SecureHash !== hmac(opts.hashSecret, REFUND_IN.map((f) => m[f] ?? '').join('|'))) return answer({ vnp_ResponseCode: '97', vnp_Message: 'Invalid Checksum' });
          if (m.vnp_TmnCode !== opts.tmnCode) return answer({ vnp_ResponseCode: '02', vnp_Message: 'Merchant is not valid' });
          const tx = txs.get(m.vnp_TxnRef ?? '');
          if (!tx) return answer({ vnp_ResponseCode: '91', vnp_Message: 'Transaction not found', vnp_TxnRef: m.vnp_TxnRef ?? '' });
          if (tx.state !== 1) return answer({ vnp_ResponseCode: '95', vnp_Message: 'Transaction not successful', vnp_TxnRef: tx.reference });
          const amount = Number(m.vnp_Amount) / 100;
          const left = tx.amount - (refunded.get(tx.reference) ?? 0);
          const full = m.vnp_TransactionType === '02';
          if (!Number.isInteger(amount) || amount <= 0 || amount > left || (full && amount !== tx.amount) || !['02', '03'].includes(m.vnp_TransactionType ?? '')) {
            return answer({ vnp_ResponseCode: '94', vnp_Message: 'Invalid refund amount', vnp_TxnRef: tx.reference });
          }
          refunded.set(tx.reference, tx.amount - left + amount);
          return answer({
            vnp_ResponseCode: '00', vnp_Message: 'Refund success', vnp_TxnRef: tx.reference, vnp_Amount: String(amount * 100), vnp_BankCode: tx.bankCode ?? 'NCB', vnp_PayDate: vnNow(),
            vnp_TransactionNo: String(randomInt(10_000_000, 99_999_999)), vnp_TransactionType: m.vnp_TransactionType!, vnp_TransactionStatus: '05', vnp_OrderInfo: m.vnp_OrderInfo ?? '',
          });
        }
        if (m.vnp_SecureHash !== hmac(opts.hashSecret, QUERY_IN.map((f) => m[f] ?? '').join('|'))) return answer({ vnp_ResponseCode: '97', vnp_Message: 'Invalid Checksum' });
        if (m.vnp_Command !== 'querydr' || m.vnp_TmnCode !== opts.tmnCode) return answer({ vnp_ResponseCode: '03', vnp_Message: 'Invalid request' });
        const tx = txs.get(m.vnp_TxnRef ?? '');
        if (!tx) return answer({ vnp_ResponseCode: '91', vnp_Message: 'Transaction not found', vnp_TxnRef: m.vnp_TxnRef ?? '' });
        const r = resultParams(tx);
        return answer({
          vnp_ResponseCode: '00', vnp_Message: 'QueryDR Success', vnp_TxnRef: tx.reference, vnp_Amount: r.vnp_Amount!, vnp_BankCode: r.vnp_BankCode!, vnp_PayDate: r.vnp_PayDate!,
          vnp_TransactionNo: r.vnp_TransactionNo!, vnp_TransactionType: '01', vnp_TransactionStatus: r.vnp_TransactionStatus!, vnp_OrderInfo: tx.orderInfo,
        });
      }
      if (req.method === 'GET' && url.pathname === '/merchant_webapi/transactions') {
        const day = url.searchParams.get('date') ?? vnNow().slice(0, 8);
        return sendJson(res, 200, { date: day, items: [...txs.values()].filter((t) => t.state === 1 && (t.settledAt ?? '').startsWith(day)).map((t) => resultParams(t)) });
      }
      if (req.method === 'POST' && url.pathname === '/_sim/config') {
        const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
        if (typeof body.ipnUrl === 'string') ipnUrl = body.ipnUrl;
        applySwitches(sw, body);
        return sendJson(res, 200, { ...sw, ipnUrl });
      }
      if (req.method === 'POST' && url.pathname === '/_sim/resend') {
        const { reference, stale } = JSON.parse(await readBody(req)) as { reference: string; stale?: boolean };
        const tx = txs.get(reference);
        if (!tx || !ipnUrl) return sendJson(res, 404, { error: 'unknown' });
        const u = new URL(ipnUrl);
        for (const [k, v] of Object.entries(resultParams(tx, stale ? 0 : tx.state))) u.searchParams.set(k, v);
        const r = await fetch(u);
        return sendJson(res, 200, { status: r.status, body: await r.json().catch(() => null) });
      }
      if (req.method === 'GET' && url.pathname === '/_sim/health') return sendJson(res, 200, { ok: true });
      sendJson(res, 404, { error: 'not found' });
    })().catch((err: unknown) => sendJson(res, 400, { error: String(err) }));
  });
  return { server, transactions: txs, refunded };
}
