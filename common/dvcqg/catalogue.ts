/**
 * Comparing a national procedure packet (GoiTinThuTucQG, domain brief §3.2) with OpenDVC's
 * version in force: both are reduced to the same comparable shape (name, field, legal basis,
 * results, the components of each case, the time limit and fees of each case and channel) and
 * listed field by field where they differ. Pure code, shared by the app and its tests.
 */
import type { GoiTinThuTucQG } from './protocol.js';

export interface ComparableProcedure {
  name: string;
  field: string;
  legalBasis: string[];
  results: string[];
  /** Per case code: the components' names in order. */
  components: Record<string, string[]>;
  /** Per case code and channel (1 direct, 2 online, 3 postal): "amount unit" of each phase, and fees "code=amount". */
  terms: Record<string, string>;
}

export interface CatalogueDifference {
  field: string;
  label: string;
  national: string;
  local: string;
}

const norm = (s: unknown) => String(s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();

/** The national packet reduced to what is compared. */
export function comparableFromPacket(p: GoiTinThuTucQG): ComparableProcedure {
  const components: Record<string, string[]> = {};
  for (const t of p.THANHPHANHOSO ?? []) components[norm(t.TRUONGHOP)] = (t.GIAYTO ?? []).map((g) => norm(g.TENGIAYTO));
  const terms: Record<string, string> = {};
  for (const c of p.CACHTHUCTHUCHIEN ?? []) {
    const kase = norm(c.TRUONGHOP ?? '');
    const time = (c.THOIGIAN ?? []).map((t) => `${norm(t.THOIGIANGIAIQUYET)} ${norm(t.DONVITINH)}`).join(' + ');
    const fees = [...new Set((c.THOIGIAN ?? []).flatMap((t) => (t.PHILEPHI ?? []).map((f) => `${norm(f.MAPHILEPHI)}=${Number(f.SOTIEN) || 0}`)))].sort().join(', ');
    terms[`${kase}/${norm(c.KENH)}`] = fees ? `${time}; ${fees}` : time;
  }
  return {
    name: norm(p.TENTTHC),
    field: norm(p.LINHVUCTHUCHIEN?.[0]?.TENLINHVUC ?? ''),
    legalBasis: (p.CANCUPHAPLY ?? []).map((l) => norm(l.SOVANBAN)).sort(),
    results: (p.KETQUATHUCHIEN ?? []).map((r) => norm(r.TENKETQUA)).sort(),
    components,
    terms,
  };
}

const list = (xs: string[] | undefined) => (xs && xs.length ? xs.join('; ') : '(không có)');

/** Field by field where the national packet and the local version differ; empty when they agree. */
export function compareProcedures(national: ComparableProcedure, local: ComparableProcedure): CatalogueDifference[] {
  const out: CatalogueDifference[] = [];
  const add = (field: string, label: string, n: string, l: string) => { if (n !== l) out.push({ field, label, national: n, local: l }); };
  add('TENTTHC', 'Tên thủ tục', national.name, local.name);
  add('LINHVUCTHUCHIEN', 'Lĩnh vực', national.field, local.field);
  add('CANCUPHAPLY', 'Căn cứ pháp lý', list(national.legalBasis), list(local.legalBasis));
  add('KETQUATHUCHIEN', 'Kết quả thực hiện', list(national.results), list(local.results));
  for (const kase of [...new Set([...Object.keys(national.components), ...Object.keys(local.components)])].sort()) {
    add(`THANHPHANHOSO.${kase}`, `Thành phần hồ sơ (${kase})`, list(national.components[kase]), list(local.components[kase]));
  }
  const channelNames: Record<string, string> = { 1: 'trực tiếp', 2: 'trực tuyến', 3: 'bưu chính' };
  for (const key of [...new Set([...Object.keys(national.terms), ...Object.keys(local.terms)])].sort()) {
    const [kase, channel] = key.split('/');
    add(`CACHTHUCTHUCHIEN.${key}`, `Thời hạn và phí, lệ phí (${kase}, ${channelNames[channel ?? ''] ?? channel})`, national.terms[key] ?? '(không có)', local.terms[key] ?? '(không có)');
  }
  return out;
}
