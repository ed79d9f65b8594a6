/**
 * Simulator of the national payment platform (domain brief §5.4): INIT answered with
 * `UrlThanhToan` (this server's payment page), the callback to the partner's `UrlThongBao`,
 * the browser sent back to `UrlQuayLai`, QUERY, and the day's transaction list. `MaXacThuc` =
 * SHA-256 hex of the fields joined by `|`, then `|` and the partner secret.
 */
import { createHash, randomInt } from 'node:crypto';
import http from 'node:http';
import { applySwitches, defaultSwitches, dispatchCallbacks, paymentPage, readBody, sendJson, vnNow, type SimTransaction } from './shared.js';

const INIT = ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'LoaiHinhThanhToan', 'MaKenhThanhToan', 'MaThietBi', 'NgonNgu', 'MaTienTe', 'MaNganHang', 'ThongTinGiaoDich', 'ThoiGianGD', 'Ip'];
const INIT_ANSWER = ['MaLoi', 'MaDoiTac', 'MaThamChieu', 'UrlThanhToan'];
const RESULT = ['MaLoi', 'MaDoiTac', 'MaThamChieu', 'MaGiaoDich', 'MaNganHang', 'SoTien', 'ThoiGianGD', 'TrangThaiGD'];
const QUERY = ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'];

export interface NationalSimOptions {
  partnerCode: string;
  secret: string;
  token: string;
}

const sha = (m: Record<string, unknown>, fields: string[], secret: string) => createHash('sha256').update(`${fields.map((f) => String(m[f] ?? '')).join('|')}|${secret}`, 'utf8').digest('hex');

export function createNationalSimulator(opts: NationalSimOptions) {
  const txs = new Map<string, SimTransaction>();
  const sw = defaultSwitches();
  let base = '';

  const result = (tx: SimTransaction, state: 0 | 1 | 2 = tx.state) => {
    const m: Record<string, unknown> = {
      MaLoi: '00', MaDoiTac: opts.partnerCode, MaThamChieu: tx.reference, MaGiaoDich: state === 0 ? '' : (tx.transactionNo ?? ''), MaNganHang: tx.bankCode ?? '',
      SoTien: String(tx.amount), ThoiGianGD: tx.settledAt ?? tx.createdAt, TrangThaiGD: String(state),
    };
    m.MaXacThuc = sha(m, RESULT, opts.secret);
    return m;
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sim');
      if (req.method === 'POST' && url.pathname === '/api/thanhtoan/init') {
        if (req.headers.authorization !== `Bearer ${opts.token}`) return sendJson(res, 401, { MaLoi: '98', MoTaLoi: 'Token không hợp lệ' });
        const m = JSON.parse(await readBody(req)) as Record<string, unknown>;
        if (sw.initError) return sendJson(res, 200, { MaLoi: sw.initError, MoTaLoi: 'Lỗi mô phỏng' });
        if (m.MaDoiTac !== opts.partnerCode) return sendJson(res, 200, { MaLoi: '03', MoTaLoi: 'Mã đối tác không đúng' });
        if (m.MaXacThuc !== sha(m, INIT, opts.secret)) return sendJson(res, 200, { MaLoi: '02', MoTaLoi: 'Sai mã xác thực' });
        const ref = String(m.MaThamChieu ?? '');
        const amount = Number(m.SoTien);
        if (!ref || !Number.isSafeInteger(amount) || amount <= 0) return sendJson(res, 200, { MaLoi: '04', MoTaLoi: 'Dữ liệu không hợp lệ' });
        if (txs.has(ref)) return sendJson(res, 200, { MaLoi: '05', MoTaLoi: 'Trùng mã tham chiếu' });
        txs.set(ref, {
          reference: ref, amount, state: 0, transactionNo: null, bankCode: null, createdAt: String(m.ThoiGianGD ?? vnNow()), settledAt: null,
          description: String(m.ThongTinGiaoDich ?? ''), returnUrl: String(m.UrlQuayLai ?? ''), callbackUrl: m.UrlThongBao ? String(m.UrlThongBao) : null,
        });
        const answer: Record<string, unknown> = { MaLoi: '00', MoTaLoi: 'Thành công', MaDoiTac: opts.partnerCode, MaThamChieu: ref, UrlThanhToan: `${base}/thanhtoan/${encodeURIComponent(ref)}` };
        answer.MaXacThuc = sha(answer, INIT_ANSWER, opts.secret);
        return sendJson(res, 200, answer);
      }
      if (req.method === 'POST' && url.pathname === '/api/thanhtoan/query') {
        if (req.headers.authorization !== `Bearer ${opts.token}`) return sendJson(res, 401, { MaLoi: '98', MoTaLoi: 'Token không hợp lệ' });
        const m = JSON.parse(await readBody(req)) as Record<string, unknown>;
        if (sw.queryError) return sendJson(res, 200, { MaLoi: sw.queryError, MoTaLoi: 'Lỗi mô phỏng' });
        if (m.MaXacThuc !== sha(m, QUERY, opts.secret)) return sendJson(res, 200, { MaLoi: '02', MoTaLoi: 'Sai mã xác thực' });
        const tx = txs.get(String(m.MaThamChieu));
        if (!tx) {
          const unknown: Record<string, unknown> = { MaLoi: '01', MaDoiTac: opts.partnerCode, MaThamChieu: String(m.MaThamChieu), MaGiaoDich: '', MaNganHang: '', SoTien: '0', ThoiGianGD: '', TrangThaiGD: '0' };
          unknown.MaXacThuc = sha(unknown, RESULT, opts.secret);
          return sendJson(res, 200, unknown);
        }
        return sendJson(res, 200, result(tx));
      }
      const page = /^\/thanhtoan\/([^/]+)$/.exec(url.pathname);
      if (page) {
        const tx = txs.get(decodeURIComponent(page[1]!));
        if (!tx) { res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }); return res.end('Không có giao dịch'); }
        if (req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(paymentPage({ title: 'Nền tảng thanh toán — Cổng Dịch vụ công quốc gia (mô phỏng)', tx, action: url.pathname }));
        }
        if (req.method === 'POST') {
          const form = new URLSearchParams(await readBody(req));
          if (tx.state === 0) {
            const ok = form.get('result') === 'success';
            tx.state = ok ? 1 : 2;
            tx.bankCode = form.get('bank') ?? 'VCB';
            tx.transactionNo = ok ? `NTT${Date.now()}${randomInt(1000, 9999)}` : null;
            tx.settledAt = vnNow();
            if (tx.callbackUrl) {
              const cb = tx.callbackUrl;
              dispatchCallbacks(sw, async (stale) => {
                await fetch(cb, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(result(tx, stale ? 0 : tx.state)), signal: AbortSignal.timeout(10_000) });
              });
            }
          }
          const back = new URL(tx.returnUrl);
          for (const [k, v] of Object.entries(result(tx))) back.searchParams.set(k, String(v));
          res.writeHead(303, { location: back.toString() });
          return res.end();
        }
      }
      if (req.method === 'GET' && url.pathname === '/api/thanhtoan/transactions') {
        if (req.headers.authorization !== `Bearer ${opts.token}`) return sendJson(res, 401, { MaLoi: '98' });
        const day = url.searchParams.get('ngay') ?? vnNow().slice(0, 8);
        return sendJson(res, 200, { MaLoi: '00', Ngay: day, DanhSach: [...txs.values()].filter((t) => t.state === 1 && (t.settledAt ?? '').startsWith(day)).map((t) => result(t)) });
      }
      if (req.method === 'POST' && url.pathname === '/_sim/config') {
        applySwitches(sw, JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>);
        return sendJson(res, 200, sw);
      }
      if (req.method === 'POST' && url.pathname === '/_sim/resend') {
        // Sends the callback of a settled transaction again now (a late or repeated callback).
        const { reference, stale } = JSON.parse(await readBody(req)) as { reference: string; stale?: boolean };
        const tx = txs.get(reference);
        if (!tx?.callbackUrl) return sendJson(res, 404, { error: 'unknown' });
        const r = await fetch(tx.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(result(tx, stale ? 0 : tx.state)) });
        return sendJson(res, 200, { status: r.status, body: await r.json().catch(() => null) });
      }
      if (req.method === 'GET' && url.pathname === '/_sim/health') return sendJson(res, 200, { ok: true });
      sendJson(res, 404, { error: 'not found' });
    })().catch((err: unknown) => sendJson(res, 400, { MaLoi: '99', MoTaLoi: String(err) }));
  });
  return { server, setBase: (b: string) => { base = b; }, transactions: txs };
}
