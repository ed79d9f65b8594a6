/**
 * National Public Service Portal simulator: a separate HTTP server speaking the data-sharing
 * platform adapter's protocol as the integration module uses it (domain brief §5.2).
 *
 *   npm run sim:dvcqg -- --port 8090 [--host 127.0.0.1] [--username U] [--password P]
 *        [--catalogue seed/catalog.json] [--opendvc-url URL/api/v1 --client-id ID --client-secret S] [--agency-code 000.00.00.G22]
 *
 * Adapter side (any path prefix; the last segment names the service; `dstcode` is required):
 *   POST …/auth {username, password}                → {error_code: "0", session}
 *   POST …/DongBoHoSoMC?dstcode=… {isUpdating, data: [HoSoDongBoDVC]}   (header `session`)
 *   POST …/CapNhatTienDoHoSoMC?dstcode=… {data: [QuaTrinhXuLyDongBoDVC]} (header `session`)
 * Every answer is HTTP 200 with `error_code` ("0" success) and `message`, as the portal does;
 * payloads are checked field by field (common/dvcqg/protocol.ts) and refused with `-1`.
 * Files named in `TaiLieuNop[].DuongDanTaiTepTin` are fetched once the dossier is stored.
 *
 *   POST …/LayDanhSachTTHC {}                      → {error_code, data: [{MaTTHC, TENTTHC, NgayCapNhat}]}
 *   POST …/LayThuTuc {maTTHC}                      → {error_code, data: GoiTinThuTucQG} (built from --catalogue)
 *   POST …/GuiSuKienEMC {data: [SuKienEMC]}        EMC usage events (§5.6)
 *
 * Test side:
 *   GET  /_sim/dossiers/{MaHoSo} → {dossier, history: [...], duplicates, files}
 *   GET  /_sim/emc/{MaHoSo}      → {events: [...]}
 *   POST /_sim/push {target?: {url, clientId, clientSecret}, dossier?, files?: [{name, componentCode, contentBase64}]}
 *        a dossier "filed on the portal": kept here, its files served at /_sim/files/{id}, pushed to
 *        OpenDVC's POST {url}/dvcqg/dossiers with a client-credentials token (scope dvcqg:push)
 *   GET/POST /_sim/catalogue/{MaTTHC}  what the portal publishes for a procedure / change it
 *   GET  /_sim/stats             → counts of calls, refusals, faults, dossiers, steps
 *   POST /_sim/faults {rate, status, errorCode, delayMs, downForSeconds} (all optional; {} clears)
 *   POST /_sim/reset             → forgets everything
 * Only app-independent helpers are imported (common/).
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import {
  ALREADY_EXISTS_MESSAGE, DVCQG_CATALOGUE_SERVICES, DVCQG_DEV_PASSWORD, DVCQG_DEV_USERNAME, DVCQG_EMC_SERVICE, DVCQG_ERRORS, DVCQG_HISTORY_CHUNK,
  formatPortalDate, validateHoSo, validateQuaTrinh, validateSuKienEMC, type FieldProblem, type GoiTinThuTucQG,
} from '../../common/dvcqg/protocol.js';
import { packetsFromCatalogue } from './catalogue.js';

export interface SimOptions {
  username: string;
  password: string;
  /** Where dossiers filed "on the portal" are pushed: OpenDVC's API base and its client credentials (dvcqg:push). */
  opendvcUrl?: string;
  clientId?: string;
  clientSecret?: string;
  /** The procedures the portal publishes (GoiTinThuTucQG), by MaTTHC. */
  catalogue?: GoiTinThuTucQG[];
  /** The agency code of the portal's own dossier codes. */
  portalAgencyCode?: string;
}

interface Faults {
  rate: number;
  status: number;
  errorCode: string | null;
  delayMs: number;
  downUntil: number;
}

interface StoredFile {
  url: string;
  status: number | null;
  sha256: string | null;
  bytes: number;
  error?: string;
}

const MAX_BODY = 20 * 1024 * 1024;

export function createPortalSimulator({ username, password, ...options }: SimOptions) {
  const sessions = new Set<string>();
  const catalogue = new Map((options.catalogue ?? []).map((p) => [p.MaTTHC, p]));
  const emc = new Map<string, Record<string, unknown>[]>();
  const servedFiles = new Map<string, { name: string; mediaType: string; bytes: Buffer }>();
  const pushed = new Map<string, { request: Record<string, unknown>; answer: unknown; status: number }>();
  let pushCounter = 0;
  const dossiers = new Map<string, Record<string, unknown>>();
  const history = new Map<string, Record<string, unknown>[]>();
  const duplicates = new Map<string, number>();
  const files = new Map<string, StoredFile[]>();
  const stats = { calls: 0, refused: 0, faults: 0, created: 0, updated: 0, steps: 0, duplicateSteps: 0 };
  let faults: Faults = { rate: 0, status: 503, errorCode: null, delayMs: 0, downUntil: 0 };

  function answer(res: http.ServerResponse, status: number, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }
  const refuse = (res: http.ServerResponse, code: string, message: string, extra: Record<string, unknown> = {}) => {
    stats.refused += 1;
    answer(res, 200, { error_code: code, message, ...extra });
  };
  const invalid = (res: http.ServerResponse, problems: FieldProblem[]) =>
    refuse(res, DVCQG_ERRORS.invalid, `Dữ liệu không hợp lệ: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, { errors: problems });

  async function readJson(req: http.IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_BODY) throw new Error('body too large');
      chunks.push(c as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? JSON.parse(text) : {};
  }

  /** Fetches the files a dossier names, after answering (as the portal does later). */
  function fetchFiles(code: string, hoSo: Record<string, unknown>) {
    const list = Array.isArray(hoSo.TaiLieuNop) ? (hoSo.TaiLieuNop as Record<string, unknown>[]) : [];
    const urls = list.map((t) => String(t.DuongDanTaiTepTin ?? '')).filter(Boolean);
    if (urls.length === 0) return;
    void Promise.all(urls.map(async (url): Promise<StoredFile> => {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'error' });
        const bytes = Buffer.from(await res.arrayBuffer());
        return { url, status: res.status, sha256: res.ok ? createHash('sha256').update(bytes).digest('hex') : null, bytes: bytes.length };
      } catch (err) {
        return { url, status: null, sha256: null, bytes: 0, error: err instanceof Error ? err.message : String(err) };
      }
    })).then((results) => files.set(code, results));
  }

  const stepKey = (s: Record<string, unknown>) => JSON.stringify([s.ThoiDiemXuLy, s.TrangThai, s.NoiDungXuLy, s.NguoiXuLy, s.PhongBanXuLy]);

  async function adapter(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    stats.calls += 1;
    const service = url.pathname.split('/').filter(Boolean).pop() ?? '';
    if (faults.delayMs > 0) await new Promise((r) => setTimeout(r, faults.delayMs));
    if (faults.rate > 0 && Math.random() < faults.rate) {
      stats.faults += 1;
      if (faults.errorCode) return answer(res, 200, { error_code: faults.errorCode, message: faults.errorCode === DVCQG_ERRORS.invalid ? 'Dữ liệu không hợp lệ (lỗi giả lập)' : 'Hệ thống đang bận, vui lòng thử lại sau (lỗi giả lập)' });
      return answer(res, faults.status, { error_code: DVCQG_ERRORS.unavailable, message: 'Service Unavailable' });
    }
    if (req.method !== 'POST') return answer(res, 405, { error_code: '405', message: 'Method Not Allowed' });
    let body: Record<string, unknown>;
    try {
      const parsed = await readJson(req);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return refuse(res, DVCQG_ERRORS.invalid, 'Nội dung phải là một đối tượng JSON');
      body = parsed as Record<string, unknown>;
    } catch {
      return refuse(res, DVCQG_ERRORS.invalid, 'Nội dung không phải JSON hợp lệ');
    }
    if (service === 'auth') {
      if (body.username !== username || body.password !== password) return refuse(res, DVCQG_ERRORS.unauthenticated, 'Sai tên đăng nhập hoặc mật khẩu');
      const session = randomBytes(24).toString('base64url');
      sessions.add(session);
      return answer(res, 200, { error_code: '0', message: 'Thành công', session });
    }
    if (!url.searchParams.get('dstcode')) return refuse(res, '400', 'Thiếu dstcode');
    const session = req.headers.session ?? body.session;
    if (typeof session !== 'string' || !sessions.has(session)) return refuse(res, DVCQG_ERRORS.unauthenticated, 'Phiên làm việc không hợp lệ hoặc đã hết hạn');
    if (service === DVCQG_CATALOGUE_SERVICES.list) {
      return answer(res, 200, { error_code: '0', message: 'Thành công', data: [...catalogue.values()].map((p) => ({ MaTTHC: p.MaTTHC, TENTTHC: p.TENTTHC, NgayCapNhat: p.NgayCapNhat ?? '' })) });
    }
    if (service === DVCQG_CATALOGUE_SERVICES.one) {
      const code = String(body.maTTHC ?? body.MaTTHC ?? '');
      const packet = catalogue.get(code);
      if (!packet) return refuse(res, DVCQG_ERRORS.notFound, `Không tìm thấy thủ tục ${code}`);
      return answer(res, 200, { error_code: '0', message: 'Thành công', data: packet });
    }
    const data = body.data;
    if (!Array.isArray(data) || data.length === 0) return invalid(res, [{ field: 'data', message: 'phải là danh sách không rỗng' }]);

    if (service === 'DongBoHoSoMC') {
      if (body.isUpdating !== 'True' && body.isUpdating !== 'False') return invalid(res, [{ field: 'isUpdating', message: 'phải là "True" hoặc "False"' }]);
      const problems = data.flatMap((d, i) => validateHoSo(d).map((p) => ({ ...p, field: `data[${i}].${p.field}` })));
      if (problems.length > 0) return invalid(res, problems);
      const updating = body.isUpdating === 'True';
      for (const d of data as Record<string, unknown>[]) {
        const code = String(d.MaHoSo);
        if (!updating && dossiers.has(code)) return refuse(res, DVCQG_ERRORS.alreadyExists, `${ALREADY_EXISTS_MESSAGE}: ${code}`);
        if (updating && !dossiers.has(code)) return refuse(res, DVCQG_ERRORS.notFound, `Không tìm thấy hồ sơ ${code}`);
      }
      for (const d of data as Record<string, unknown>[]) {
        const code = String(d.MaHoSo);
        if (updating) stats.updated += 1;
        else stats.created += 1;
        dossiers.set(code, d);
        fetchFiles(code, d);
      }
      return answer(res, 200, { error_code: '0', message: 'Đồng bộ thành công' });
    }
    if (service === 'CapNhatTienDoHoSoMC') {
      if (data.length > DVCQG_HISTORY_CHUNK) return invalid(res, [{ field: 'data', message: `tối đa ${DVCQG_HISTORY_CHUNK} bước mỗi lần` }]);
      const problems = data.flatMap((d, i) => validateQuaTrinh(d).map((p) => ({ ...p, field: `data[${i}].${p.field}` })));
      if (problems.length > 0) return invalid(res, problems);
      for (const d of data as Record<string, unknown>[]) {
        if (!dossiers.has(String(d.MaHoSo))) return refuse(res, DVCQG_ERRORS.notFound, `Không tìm thấy hồ sơ ${String(d.MaHoSo)}`);
      }
      for (const d of data as Record<string, unknown>[]) {
        const code = String(d.MaHoSo);
        const list = history.get(code) ?? [];
        // The same step sent again is kept once and counted, so that tests see any resend.
        if (list.some((s) => stepKey(s) === stepKey(d))) {
          duplicates.set(code, (duplicates.get(code) ?? 0) + 1);
          stats.duplicateSteps += 1;
          continue;
        }
        list.push(d);
        history.set(code, list);
        stats.steps += 1;
      }
      return answer(res, 200, { error_code: '0', message: 'Cập nhật tiến độ thành công' });
    }
    if (service === DVCQG_EMC_SERVICE) {
      const problems = data.flatMap((d, i) => validateSuKienEMC(d).map((p) => ({ ...p, field: `data[${i}].${p.field}` })));
      if (problems.length > 0) return invalid(res, problems);
      for (const d of data as Record<string, unknown>[]) {
        const code = String(d.MaHoSo);
        const list = emc.get(code) ?? [];
        if (!list.some((e) => e.TrangThai === d.TrangThai && e.ThoiGian === d.ThoiGian)) list.push(d);
        emc.set(code, list);
      }
      return answer(res, 200, { error_code: '0', message: 'Ghi nhận sự kiện thành công' });
    }
    return answer(res, 404, { error_code: '404', message: `Không có dịch vụ ${service}` });
  }

  /** A dossier filed "on the portal": stored here, its files served, then pushed to OpenDVC. */
  async function push(body: Record<string, unknown>, origin: string) {
    const target = (body.target ?? {}) as { url?: string; clientId?: string; clientSecret?: string };
    const base = target.url ?? options.opendvcUrl;
    const clientId = target.clientId ?? options.clientId;
    const clientSecret = target.clientSecret ?? options.clientSecret;
    if (!base || !clientId || !clientSecret) return { status: 400, body: { message: 'Thiếu địa chỉ OpenDVC hoặc thông tin ứng dụng (--opendvc-url, --client-id, --client-secret)' } };
    const given = (body.dossier ?? {}) as Record<string, unknown>;
    const now = new Date();
    pushCounter += 1;
    const code = typeof given.MaHoSo === 'string' ? given.MaHoSo
      : `${options.portalAgencyCode ?? '000.00.00.G22'}-${formatPortalDate(now).slice(2, 8)}-${String((Date.now() % 90000) + pushCounter).padStart(5, '0').slice(-5)}`;
    const files = Array.isArray(body.files) ? (body.files as { name: string; componentCode: string; contentBase64: string; mediaType?: string }[]) : [];
    const TaiLieuNop = files.map((f, i) => {
      const id = `${code}-${i + 1}`;
      servedFiles.set(id, { name: f.name, mediaType: f.mediaType ?? 'application/pdf', bytes: Buffer.from(f.contentBase64, 'base64') });
      return { TepDinhKemId: id, TenTepDinhKem: f.name, MaThanhPhanHoSo: f.componentCode, DuongDanTaiTepTin: `${origin}/_sim/files/${encodeURIComponent(id)}` };
    });
    const hoSo = { MaHoSo: code, LoaiDoiTuong: '1', NgayNopHoSo: formatPortalDate(now), ...given, TaiLieuNop: given.TaiLieuNop ?? TaiLieuNop };
    // The portal holds what was filed on it: OpenDVC's sync updates this record later.
    dossiers.set(code, { ...hoSo, TrangThaiHoSo: '1', KenhThucHien: '2' });
    const api = base.replace(/\/$/, '');
    const token = await fetch(`${new URL(api).origin}/oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'dvcqg:push' }).toString(),
      signal: AbortSignal.timeout(15_000),
    });
    const tokenBody = (await token.json().catch(() => ({}))) as { access_token?: string };
    if (!token.ok || !tokenBody.access_token) return { status: 502, body: { message: `OpenDVC không cấp mã truy cập (HTTP ${token.status})`, answer: tokenBody } };
    const res = await fetch(`${api}/dvcqg/dossiers`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenBody.access_token}` },
      body: JSON.stringify({ data: hoSo }), signal: AbortSignal.timeout(60_000),
    });
    const result = await res.json().catch(() => null);
    pushed.set(code, { request: hoSo, answer: result, status: res.status });
    return { status: 200, body: { MaHoSo: code, httpStatus: res.status, answer: result } };
  }

  async function control(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'GET' && parts[1] === 'dossiers' && parts[2]) {
      const code = decodeURIComponent(parts[2]);
      const dossier = dossiers.get(code);
      if (!dossier) return answer(res, 404, { message: 'not found' });
      return answer(res, 200, { dossier, history: history.get(code) ?? [], duplicates: duplicates.get(code) ?? 0, files: files.get(code) ?? [] });
    }
    if (req.method === 'GET' && parts[1] === 'dossiers') return answer(res, 200, { codes: [...dossiers.keys()] });
    if (req.method === 'GET' && parts[1] === 'emc' && parts[2]) return answer(res, 200, { events: emc.get(decodeURIComponent(parts[2])) ?? [] });
    if (req.method === 'GET' && parts[1] === 'files' && parts[2]) {
      const file = servedFiles.get(decodeURIComponent(parts[2]));
      if (!file) return answer(res, 404, { message: 'not found' });
      res.writeHead(200, { 'content-type': file.mediaType, 'content-length': file.bytes.length });
      return void res.end(file.bytes);
    }
    if (req.method === 'POST' && parts[1] === 'push') {
      const host = req.headers.host ?? '127.0.0.1';
      const result = await push((await readJson(req)) as Record<string, unknown>, `http://${host}`);
      return answer(res, result.status, result.body);
    }
    if (req.method === 'GET' && parts[1] === 'catalogue' && parts[2]) {
      const packet = catalogue.get(decodeURIComponent(parts[2]));
      return packet ? answer(res, 200, packet) : answer(res, 404, { message: 'not found' });
    }
    if (req.method === 'POST' && parts[1] === 'catalogue' && parts[2]) {
      // Changes (or adds) what the portal publishes for a procedure: the body's keys replace the packet's.
      const code = decodeURIComponent(parts[2]);
      const change = (await readJson(req)) as Record<string, unknown>;
      const packet = { ...(catalogue.get(code) ?? { MaTTHC: code, TENTTHC: code }), ...change, MaTTHC: code, NgayCapNhat: formatPortalDate(new Date()) } as GoiTinThuTucQG;
      catalogue.set(code, packet);
      return answer(res, 200, packet);
    }
    if (req.method === 'GET' && parts[1] === 'stats') return answer(res, 200, { ...stats, dossiers: dossiers.size, down: Date.now() < faults.downUntil });
    if (req.method === 'POST' && parts[1] === 'faults') {
      const b = (await readJson(req)) as Partial<{ rate: number; status: number; errorCode: string; delayMs: number; downForSeconds: number }>;
      faults = {
        rate: Math.min(1, Math.max(0, Number(b.rate ?? 0))),
        status: Number(b.status ?? 503),
        errorCode: b.errorCode ?? null,
        delayMs: Math.max(0, Number(b.delayMs ?? 0)),
        downUntil: b.downForSeconds ? Date.now() + Number(b.downForSeconds) * 1000 : 0,
      };
      return answer(res, 200, { ...faults, downUntil: faults.downUntil ? new Date(faults.downUntil).toISOString() : null });
    }
    if (req.method === 'POST' && parts[1] === 'reset') {
      dossiers.clear(); history.clear(); duplicates.clear(); files.clear(); sessions.clear(); emc.clear(); pushed.clear(); servedFiles.clear();
      for (const k of Object.keys(stats) as (keyof typeof stats)[]) stats[k] = 0;
      faults = { rate: 0, status: 503, errorCode: null, delayMs: 0, downUntil: 0 };
      return answer(res, 200, { ok: true });
    }
    return answer(res, 404, { message: 'not found' });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const handle = url.pathname.startsWith('/_sim/') ? control : (r: http.IncomingMessage, s: http.ServerResponse, u: URL) => {
      // Down: connections are dropped without an answer, as an unreachable portal.
      if (Date.now() < faults.downUntil) {
        stats.faults += 1;
        r.socket.destroy();
        return Promise.resolve();
      }
      return adapter(r, s, u);
    };
    handle(req, res, url).catch((err: unknown) => {
      if (!res.headersSent) answer(res, 500, { error_code: '500', message: err instanceof Error ? err.message : 'error' });
    });
  });
  server.keepAliveTimeout = 5000;
  return { server, dossiers, history, emc, catalogue };
}

// Run as a program: npm run sim:dvcqg -- --port N
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8090' },
      host: { type: 'string', default: '127.0.0.1' },
      username: { type: 'string', default: DVCQG_DEV_USERNAME },
      password: { type: 'string', default: DVCQG_DEV_PASSWORD },
      'opendvc-url': { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      catalogue: { type: 'string', default: path.resolve(import.meta.dirname, '../../seed/catalog.json') },
      'agency-code': { type: 'string', default: '000.00.00.G22' },
    },
  });
  const catalogue = fs.existsSync(values.catalogue!) ? packetsFromCatalogue(JSON.parse(fs.readFileSync(values.catalogue!, 'utf8'))) : [];
  const { server } = createPortalSimulator({
    username: values.username!, password: values.password!, catalogue, portalAgencyCode: values['agency-code'],
    opendvcUrl: values['opendvc-url'], clientId: values['client-id'], clientSecret: values['client-secret'],
  });
  server.listen(Number(values.port), values.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : values.port;
    // The first line tells a parent process the port (0 picks a free one).
    console.log(`DVCQG simulator listening on http://${values.host}:${port}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Started by a parent with an IPC channel (npm start, the bench, tests): exit with it, even when it was killed.
  process.on('disconnect', () => process.exit(0));
}
