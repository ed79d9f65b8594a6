/**
 * Dossiers filed on the national portal and pushed to OpenDVC (issue 14 item 3; domain brief
 * §5.2, "nhận hồ sơ DVCQG"). The portal, an API client holding the `dvcqg:push` scope, posts
 * `{ data: HoSoDayDVCQG }`; the answer follows the adapter's protocol (HTTP 200, `error_code`
 * "0" on success, "-1" for data the portal must correct, "99" when it may try again later).
 * Files are fetched from their links only when the link's host is in DVCQG_FILE_HOSTS (no
 * redirects, a size cap, a timeout), then checked and stored as uploads are. The dossier is
 * created with the portal's code (idempotent on it) and its origin kept; from then on it is
 * received and processed as any other and synced back by the outbound sync.
 */
import { eq } from 'drizzle-orm';
import { DVCQG_ERRORS, parsePortalDate, validateHoSoDay, type AdapterAnswer, type HoSoDayDVCQG } from '../../../common/dvcqg/protocol.js';
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/create-database.js';
import type { MalwareScanner } from '../../platform/files/index.js';
import type { ObjectStorage } from '../../platform/storage/index.js';
import { fileInboundDossier, findDossierByCode, type InboundFile } from '../dossiers/index.js';
import { dvcqgInboundDossiersTable } from './integration.tables.js';

export const DVCQG_ORIGIN = 'DVCQG';

export interface InboundDeps {
  db: Database;
  config: Config;
  storage: ObjectStorage;
  scanner: MalwareScanner;
}

class FileFetchError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
  }
}

/** The host part (`host` or `host:port`) a link may be fetched from, or null when it is not allowed. */
export function allowedFileUrl(link: string, hosts: readonly string[]): URL | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  const host = url.host.toLowerCase();
  return hosts.includes(host) || hosts.includes(url.hostname.toLowerCase()) ? url : null;
}

/** Fetches one file of a pushed dossier: allowed host only, no redirect, at most `maxBytes`. */
export async function fetchPortalFile(link: string, { hosts, maxBytes, timeoutMs }: { hosts: readonly string[]; maxBytes: number; timeoutMs: number }): Promise<Buffer> {
  const url = allowedFileUrl(link, hosts);
  if (!url) throw new FileFetchError(`Đường dẫn tệp không thuộc máy chủ được phép (DVCQG_FILE_HOSTS): ${link.slice(0, 200)}`, false);
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new FileFetchError(`Không tải được tệp ${url.pathname}: ${err instanceof Error ? err.message : String(err)}`, true);
  }
  if (res.status >= 300 && res.status < 400) throw new FileFetchError(`Đường dẫn tệp chuyển hướng sang nơi khác (HTTP ${res.status}), không được chấp nhận`, false);
  if (!res.ok) throw new FileFetchError(`Không tải được tệp (HTTP ${res.status})`, res.status >= 500 || res.status === 429);
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new FileFetchError(`Tệp vượt quá dung lượng cho phép (${maxBytes} byte)`, false);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  // Bounded by maxBytes: the loop ends at the stream's end or once the cap is passed.
  for (;;) {
    if (!reader) break;
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new FileFetchError(`Tệp vượt quá dung lượng cho phép (${maxBytes} byte)`, false);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

const fail = (code: string, message: string, extra: Record<string, unknown> = {}): AdapterAnswer => ({ error_code: code, message, ...extra });

/** Takes one pushed dossier and answers as the adapter's protocol does. */
export async function receivePortalDossier(deps: InboundDeps, { body, clientId }: { body: unknown; clientId: string | null }): Promise<AdapterAnswer> {
  const data = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).data : undefined;
  const problems = validateHoSoDay(data);
  if (problems.length > 0) return fail(DVCQG_ERRORS.invalid, `Dữ liệu không hợp lệ: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, { errors: problems });
  const hoSo = data as HoSoDayDVCQG;
  // Idempotent on the portal's code: a second push answers with the dossier already created.
  const known = await findDossierByCode(deps, hoSo.MaHoSo);
  if (known) {
    const [inbound] = await deps.db.select().from(dvcqgInboundDossiersTable).where(eq(dvcqgInboundDossiersTable.portalCode, hoSo.MaHoSo));
    if (!inbound) return fail(DVCQG_ERRORS.invalid, `Mã hồ sơ ${hoSo.MaHoSo} đã được dùng cho một hồ sơ nộp tại hệ thống của Bộ`);
    return { error_code: '0', message: 'Hồ sơ đã được tiếp nhận trước đó', MaHoSo: hoSo.MaHoSo, created: false };
  }
  const files: InboundFile[] = [];
  try {
    for (const t of hoSo.TaiLieuNop) {
      const bytes = await fetchPortalFile(t.DuongDanTaiTepTin, { hosts: deps.config.dvcqgFileHosts, maxBytes: deps.config.attachmentMaxBytes, timeoutMs: deps.config.dvcqgTimeoutMs });
      files.push({ componentCode: t.MaThanhPhanHoSo, name: t.TenTepDinhKem, bytes });
    }
  } catch (err) {
    if (err instanceof FileFetchError) return fail(err.retryable ? DVCQG_ERRORS.unavailable : DVCQG_ERRORS.invalid, err.message);
    throw err;
  }
  const idNumber = hoSo.SoGiayToChuHoSo ?? null;
  try {
    const { dossier, created } = await fileInboundDossier(deps, {
      origin: DVCQG_ORIGIN,
      code: hoSo.MaHoSo,
      procedureCode: hoSo.MaTTHC,
      caseCode: hoSo.MaTruongHop ?? null,
      applicant: {
        fullName: hoSo.ChuHoSo,
        personalIdNumber: hoSo.LoaiDoiTuong === '1' ? idNumber : null,
        organisationTaxCode: hoSo.LoaiDoiTuong === '2' ? idNumber : null,
        email: hoSo.Email ?? null,
        phone: hoSo.SoDienThoai ?? null,
        address: hoSo.DiaChiChuHoSo ?? null,
      },
      answers: hoSo.DuLieuBieuMau ?? {},
      submittedAt: parsePortalDate(hoSo.NgayNopHoSo)!,
      files,
    });
    if (created) {
      const { TaiLieuNop, ...rest } = hoSo;
      await deps.db.insert(dvcqgInboundDossiersTable).values({ portalCode: hoSo.MaHoSo, dossierId: dossier.id, clientId, message: { ...rest, TaiLieuNop: TaiLieuNop.map((t) => ({ ...t })) } }).onConflictDoNothing();
    }
    return { error_code: '0', message: created ? 'Tiếp nhận hồ sơ thành công' : 'Hồ sơ đã được tiếp nhận trước đó', MaHoSo: hoSo.MaHoSo, created };
  } catch (err) {
    const e = err as { code?: string; message?: string; status?: number; errors?: { path: string; message: string }[] };
    if (typeof e.code === 'string' && (e.status ?? 500) < 500) {
      const detail = e.errors?.length ? `: ${e.errors.map((x) => `${x.path}: ${x.message}`).join('; ')}` : '';
      return fail(DVCQG_ERRORS.invalid, `${e.message ?? e.code}${detail}`, { code: e.code });
    }
    throw err;
  }
}

/** Whether the dossier was filed on the national portal (its code there is its code here). */
export async function inboundPortalCode(db: Pick<Database, 'select'>, dossierId: string): Promise<string | null> {
  const [row] = await db.select({ portalCode: dvcqgInboundDossiersTable.portalCode }).from(dvcqgInboundDossiersTable).where(eq(dvcqgInboundDossiersTable.dossierId, dossierId));
  return row?.portalCode ?? null;
}
