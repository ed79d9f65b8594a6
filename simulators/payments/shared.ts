/**
 * What both payment simulators share: a tiny HTTP toolkit, the payment page (a form where the
 * payer picks a bank and confirms or cancels), and the switches that misbehave on purpose
 * (delay, repeat, reorder or drop callbacks; answer errors). No application code is imported:
 * each simulator computes its own checksums.
 */
import http from 'node:http';

export const TEST_BANNER = 'MÔI TRƯỜNG THỬ NGHIỆM — không phải giao dịch thật';

export interface Switches {
  /** Milliseconds before each callback / IPN is sent. */
  callbackDelayMs: number;
  /** How many times each callback is sent (1 = once). */
  callbackRepeat: number;
  /** Callbacks are not sent at all (the app must settle by querying). */
  dropCallbacks: boolean;
  /** After the final callback, a stale "not settled yet" one arrives (out of order). */
  reorder: boolean;
  /** INIT / pay answers this error code instead of working. */
  initError: string | null;
  /** QUERY / querydr answers this error code. */
  queryError: string | null;
}

export const defaultSwitches = (): Switches => ({ callbackDelayMs: 0, callbackRepeat: 1, dropCallbacks: false, reorder: false, initError: null, queryError: null });

export interface SimTransaction {
  reference: string;
  amount: number;
  /** 0 not settled, 1 paid, 2 failed / cancelled. */
  state: 0 | 1 | 2;
  transactionNo: string | null;
  bankCode: string | null;
  createdAt: string;
  settledAt: string | null;
  description: string;
  returnUrl: string;
  callbackUrl: string | null;
}

/** yyyyMMddHHmmss in Asia/Ho_Chi_Minh. */
export function vnNow(d = new Date()): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

export async function readBody(req: http.IncomingMessage, limit = 256 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const vnd = new Intl.NumberFormat('vi-VN');

export const BANKS = [
  { code: 'VCB', name: 'Vietcombank' },
  { code: 'CTG', name: 'VietinBank' },
  { code: 'BIDV', name: 'BIDV' },
  { code: 'AGRIBANK', name: 'Agribank' },
];

/** The payer's page: the order, a bank to pick, confirm or cancel. */
export function paymentPage({ title, tx, action, hidden = {} }: { title: string; tx: SimTransaction; action: string; hidden?: Record<string, string> }): string {
  const inputs = Object.entries(hidden).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — ${esc(TEST_BANNER)}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a}header{background:#b00020;color:#fff;padding:12px 16px;font-weight:700}
main{max-width:480px;margin:16px auto;padding:0 16px}dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px}dt{color:#444}
fieldset{border:1px solid #888;border-radius:6px;margin:16px 0}label{display:block;padding:6px 0}button{font-size:1rem;padding:10px 16px;margin:4px 8px 4px 0;border-radius:6px;border:1px solid #333;cursor:pointer}
button[value=success]{background:#0b5ed7;color:#fff;border-color:#0b5ed7}</style></head>
<body><header role="banner">${esc(TEST_BANNER)}</header><main><h1>${esc(title)}</h1>
<dl><dt>Mã tham chiếu</dt><dd>${esc(tx.reference)}</dd><dt>Nội dung</dt><dd>${esc(tx.description)}</dd><dt>Số tiền</dt><dd><strong>${vnd.format(tx.amount)} đ</strong></dd></dl>
${tx.state !== 0 ? `<p role="status">Giao dịch đã ${tx.state === 1 ? 'thanh toán' : 'hủy'}.</p>` : `<form method="post" action="${esc(action)}">${inputs}
<fieldset><legend>Chọn ngân hàng</legend>${BANKS.map((b, i) => `<label><input type="radio" name="bank" value="${b.code}"${i === 0 ? ' checked' : ''}> ${esc(b.name)}</label>`).join('')}</fieldset>
<button type="submit" name="result" value="success">Xác nhận thanh toán</button><button type="submit" name="result" value="cancel">Hủy giao dịch</button></form>`}
</main></body></html>`;
}

/** Sends a callback as the switches say; never throws (a callback that fails is just lost). */
export function dispatchCallbacks(sw: Switches, send: (stale: boolean) => Promise<void>) {
  if (sw.dropCallbacks) return;
  const run = async () => {
    for (let i = 0; i < Math.max(1, Math.min(sw.callbackRepeat, 10)); i++) await send(false).catch(() => undefined);
    if (sw.reorder) await send(true).catch(() => undefined);
  };
  if (sw.callbackDelayMs > 0) setTimeout(() => void run(), Math.min(sw.callbackDelayMs, 600_000)).unref();
  else void run();
}

/** Applies `POST /_sim/config`; unknown keys are ignored. */
export function applySwitches(sw: Switches, body: Record<string, unknown>) {
  if (typeof body.callbackDelayMs === 'number') sw.callbackDelayMs = body.callbackDelayMs;
  if (typeof body.callbackRepeat === 'number') sw.callbackRepeat = body.callbackRepeat;
  if (typeof body.dropCallbacks === 'boolean') sw.dropCallbacks = body.dropCallbacks;
  if (typeof body.reorder === 'boolean') sw.reorder = body.reorder;
  if ('initError' in body) sw.initError = (body.initError as string | null) ?? null;
  if ('queryError' in body) sw.queryError = (body.queryError as string | null) ?? null;
  if (body.reset === true) Object.assign(sw, defaultSwitches());
}

export function listen(server: http.Server, port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const a = server.address();
      resolve(`http://${host}:${typeof a === 'object' && a ? a.port : port}`);
    });
  });
}
