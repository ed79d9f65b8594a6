/**
 * The procedures the simulated portal publishes: national packets (GoiTinThuTucQG, domain brief
 * §3.2) built from a catalogue file in OpenDVC's seed format (seed/catalog.json), the latest
 * version of each procedure. Reads data only; imports nothing from the server.
 */
import type { GoiTinThuTucQG } from '../../common/dvcqg/protocol.js';

interface SeedFee { code?: string; name: string; amountVnd?: number; description?: string }
interface SeedCase {
  code: string; name: string; steps: string[];
  channels: { channel: string; phases: { name: string; amount: number; unit: string }[]; fees?: SeedFee[] }[];
  components: { id: string; code?: string; name: string; originals: number; copies: number }[];
}
interface SeedVersion { versionNo: number; legalBasis: { number: string; title: string; issuer?: string; issuedOn?: string }[]; results: { name: string }[]; cases: SeedCase[] }
interface SeedProcedure { code: string; name: string; fieldCode: string; agencies?: { agencyCode: string; role: string }[]; versions: SeedVersion[] }
interface SeedCatalogue { fields: { code: string; name: string }[]; procedures: SeedProcedure[] }

const channelCodes: Record<string, string> = { IN_PERSON: '1', ONLINE: '2', POSTAL: '3' };

export function packetsFromCatalogue(seed: SeedCatalogue): GoiTinThuTucQG[] {
  const fields = new Map(seed.fields.map((f) => [f.code, f.name]));
  return seed.procedures.map((p) => {
    const v = [...p.versions].sort((a, b) => b.versionNo - a.versionNo)[0]!;
    return {
      MaTTHC: p.code,
      TENTTHC: p.name,
      MACOQUANCONGBO: p.agencies?.find((a) => a.role === 'COMPETENT')?.agencyCode ?? '',
      TRANGTHAI: '1',
      LINHVUCTHUCHIEN: [{ MALINHVUC: p.fieldCode, TENLINHVUC: fields.get(p.fieldCode) ?? p.fieldCode }],
      CACHTHUCTHUCHIEN: v.cases.flatMap((c) => c.channels.map((ch) => ({
        KENH: channelCodes[ch.channel] ?? ch.channel,
        TRUONGHOP: c.code,
        THOIGIAN: ch.phases.map((ph) => ({
          THOIGIANGIAIQUYET: ph.amount, DONVITINH: ph.unit, MOTA: ph.name,
          PHILEPHI: (ch.fees ?? []).map((f) => ({ MAPHILEPHI: f.code ?? '', SOTIEN: f.amountVnd ?? 0, DONVI: 'VND', MOTA: f.name })),
        })),
      }))),
      THANHPHANHOSO: v.cases.map((c) => ({ TRUONGHOP: c.code, TENTRUONGHOP: c.name, GIAYTO: c.components.map((m) => ({ MAGIAYTO: m.code ?? m.id, TENGIAYTO: m.name, SOBANCHINH: m.originals, SOBANSAO: m.copies })) })),
      TRINHTUTHUCHIEN: v.cases.map((c) => ({ TRUONGHOP: c.code, TRINHTU: c.steps.map((s) => ({ TENTRINHTU: s })) })),
      KETQUATHUCHIEN: v.results.map((r) => ({ TENKETQUA: r.name })),
      CANCUPHAPLY: v.legalBasis.map((l) => ({ SOVANBAN: l.number, TENVANBAN: l.title, NGAYBANHANH: l.issuedOn ?? '', COQUANBANHANH: l.issuer ?? '' })),
    };
  });
}
