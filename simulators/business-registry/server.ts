/**
 * National business registration portal simulator (Cổng thông tin quốc gia về đăng ký doanh
 * nghiệp): a separate HTTP server answering the lookup of an enterprise by its tax code
 * (enterprise code), the way OpenDVC's adapter asks it.
 *
 *   npm run sim:business-registry -- --port 8096 [--host 127.0.0.1] [--api-key …]
 *
 * Registry side:
 *   GET /api/v1/enterprises/{taxCode}   → 200 {taxCode, name, nameEn, status, address{provinceCode,
 *                                          provinceName, communeCode, communeName, detail},
 *                                          legalRepresentative{name, position}, registeredAt}
 *                                          404 {error:"NOT_FOUND"} when no enterprise has that code;
 *                                          401 without the API key (header `x-api-key`) when one is set
 * Test side:
 *   POST /_sim/enterprises {…}   → adds or replaces an enterprise
 *   POST /_sim/faults {failNext, status, delayMs}  → the next n lookups fail (HTTP status, default 503)
 *                                 or are answered after a delay
 *   POST /_sim/reset
 * Addresses use the administrative units in force since 1 July 2025 with their official codes.
 * Prints "business registry simulator listening on http://…" when ready. No application code is imported.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';

export interface Enterprise {
  taxCode: string;
  name: string;
  nameEn?: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'DISSOLVED';
  address: { provinceCode: string; provinceName: string; communeCode: string; communeName: string; detail: string };
  legalRepresentative: { name: string; position: string };
  registeredAt: string;
}

/** Demo enterprises (invented names; the codes follow the 10-digit format). */
export const DEMO_ENTERPRISES: Enterprise[] = [
  {
    taxCode: '0100109106',
    name: 'Công ty TNHH Nước sạch Sông Hồng',
    nameEn: 'Song Hong Clean Water Company Limited',
    status: 'ACTIVE',
    address: { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00070', communeName: 'Phường Hoàn Kiếm', detail: 'Số 5 phố Tràng Tiền' },
    legalRepresentative: { name: 'Nguyễn Văn An', position: 'Giám đốc' },
    registeredAt: '2010-03-15',
  },
  {
    // The demo business account's company (server/modules/identity/identity.seed.ts).
    taxCode: '0101234567',
    name: 'Công ty TNHH Môi trường Xanh (dữ liệu mẫu)',
    status: 'ACTIVE',
    address: { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00199', communeName: 'Phường Láng', detail: 'Số 25 phố Láng Hạ' },
    legalRepresentative: { name: 'Trần Thị Bình', position: 'Giám đốc' },
    registeredAt: '2018-06-20',
  },
  {
    taxCode: '0312345678',
    name: 'Công ty Cổ phần Khoáng sản Bình Minh',
    status: 'ACTIVE',
    address: { provinceCode: '79', provinceName: 'Thành phố Hồ Chí Minh', communeCode: '26740', communeName: 'Phường Sài Gòn', detail: 'Số 12 đường Lê Lợi' },
    legalRepresentative: { name: 'Trần Thị Bình', position: 'Tổng Giám đốc' },
    registeredAt: '2015-09-01',
  },
  {
    taxCode: '0109999999',
    name: 'Công ty TNHH Thương mại Đã Giải Thể',
    status: 'DISSOLVED',
    address: { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00004', communeName: 'Phường Ba Đình', detail: 'Số 1 phố Điện Biên Phủ' },
    legalRepresentative: { name: 'Lê Văn Cường', position: 'Giám đốc' },
    registeredAt: '2012-01-10',
  },
];

export interface RegistrySimulatorOptions {
  apiKey?: string;
}

export function createBusinessRegistrySimulator(options: RegistrySimulatorOptions = {}) {
  const enterprises = new Map<string, Enterprise>();
  const reset = () => {
    enterprises.clear();
    for (const e of DEMO_ENTERPRISES) enterprises.set(e.taxCode, structuredClone(e));
    faults.failNext = 0;
    faults.status = 503;
    faults.delayMs = 0;
  };
  const faults = { failNext: 0, status: 503, delayMs: 0 };
  reset();

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const readJson = async (req: http.IncomingMessage): Promise<Record<string, unknown>> => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 64 * 1024) throw new Error('body too large');
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/_sim/reset' && req.method === 'POST') {
        reset();
        return send(res, 200, { ok: true });
      }
      if (url.pathname === '/_sim/faults' && req.method === 'POST') {
        const body = await readJson(req);
        faults.failNext = Number(body.failNext ?? 0);
        faults.status = Number(body.status ?? 503);
        faults.delayMs = Number(body.delayMs ?? 0);
        return send(res, 200, faults);
      }
      if (url.pathname === '/_sim/enterprises' && req.method === 'POST') {
        const e = (await readJson(req)) as unknown as Enterprise;
        if (typeof e.taxCode !== 'string' || typeof e.name !== 'string') return send(res, 400, { error: 'taxCode and name are required' });
        enterprises.set(e.taxCode, e);
        return send(res, 200, e);
      }
      const m = /^\/api\/v1\/enterprises\/([^/]+)$/.exec(url.pathname);
      if (m && req.method === 'GET') {
        if (options.apiKey && req.headers['x-api-key'] !== options.apiKey) return send(res, 401, { error: 'UNAUTHORIZED' });
        if (faults.delayMs > 0) await new Promise((r) => setTimeout(r, faults.delayMs));
        if (faults.failNext > 0) {
          faults.failNext--;
          return send(res, faults.status, { error: 'UNAVAILABLE' });
        }
        const found = enterprises.get(decodeURIComponent(m[1]!));
        return found ? send(res, 200, found) : send(res, 404, { error: 'NOT_FOUND' });
      }
      return send(res, 404, { error: 'NOT_FOUND' });
    })().catch((e: unknown) => send(res, 400, { error: String(e) }));
  });
  return { server, reset };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8096' }, host: { type: 'string', default: '127.0.0.1' }, 'api-key': { type: 'string' } } });
  const { server } = createBusinessRegistrySimulator({ apiKey: values['api-key'] });
  server.listen(Number(values.port), values.host, () => {
    const addr = server.address() as { port: number };
    console.log(`business registry simulator listening on http://${values.host}:${addr.port} (MÔI TRƯỜNG THỬ NGHIỆM — không phải Cổng đăng ký doanh nghiệp thật)`);
  });
  const stop = () => { server.close(); process.exit(0); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Started by a parent with an IPC channel (npm start, the bench, tests): exit with it, even when it was killed.
  process.on('disconnect', () => process.exit(0));
}
