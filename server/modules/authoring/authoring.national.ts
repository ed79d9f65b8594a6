/**
 * A draft version made from the national database's packet (GoiTinThuTucQG, domain brief §3.2)
 * when a catalogue pull finds that a procedure differs from OpenDVC's version in force (issue 14
 * item 4). The draft is the version in force with the national values put in where the packet
 * carries them (name, legal basis, results, components per case, time limits and fee amounts per
 * case and channel); everything the packet does not carry (forms, workflows, upload limits,
 * tiers) stays as it is. It is never published on its own: a catalogue editor reviews it, may
 * change it, and publishes it like any other draft. No person made it, so any editor may publish
 * it (four eyes: the national database is the first pair).
 */
import { and, eq } from 'drizzle-orm';
import type { GoiTinThuTucQG } from '../../../common/dvcqg/protocol.js';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Database } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import { todayInVietnam } from '../catalog/index.js';
import { catalogueDraftsTable, type DraftSource } from './authoring.tables.js';
import { versionAsDraft } from './authoring.usecases.js';

type Rec = Record<string, unknown>;

const norm = (s: unknown) => String(s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
const channelOf: Record<string, string> = { 1: 'IN_PERSON', 2: 'ONLINE', 3: 'POSTAL' };

/** The national unit of a time limit as the catalogue's: the portal writes "Ngày làm việc", "Ngày", "Giờ" (or the catalogue's own codes). */
export function timeUnitOf(national: string): string | null {
  const u = norm(national).toLowerCase();
  if (['WORKING_DAY', 'CALENDAR_DAY', 'HOUR'].includes(national)) return national;
  if (u.includes('giờ')) return 'HOUR';
  if (u.includes('làm việc')) return 'WORKING_DAY';
  if (u.includes('ngày')) return 'CALENDAR_DAY';
  return null;
}

/** Puts the packet's values into a copy of the version in force (exchange format). Pure. */
export function applyNationalPacket(content: { procedure: Rec; version: Rec }, packet: GoiTinThuTucQG): { procedure: Rec; version: Rec } {
  const procedure: Rec = { ...content.procedure };
  const version: Rec = structuredClone(content.version);
  if (norm(packet.TENTTHC)) procedure.name = norm(packet.TENTTHC);
  if (packet.CANCUPHAPLY?.length) {
    const known = (version.legalBasis as Rec[] | undefined) ?? [];
    version.legalBasis = packet.CANCUPHAPLY.map((l) => known.find((k) => norm(k.number) === norm(l.SOVANBAN))
      ?? { number: norm(l.SOVANBAN), title: norm(l.TENVANBAN) || norm(l.SOVANBAN), ...(norm(l.COQUANBANHANH) ? { issuer: norm(l.COQUANBANHANH) } : {}) });
  }
  if (packet.KETQUATHUCHIEN?.length) {
    const known = (version.results as Rec[] | undefined) ?? [];
    version.results = packet.KETQUATHUCHIEN.map((r) => known.find((k) => norm(k.name) === norm(r.TENKETQUA))
      ?? { ...(norm(r.MAKETQUA) ? { code: norm(r.MAKETQUA) } : {}), name: norm(r.TENKETQUA) });
  }
  for (const kase of (version.cases as Rec[] | undefined) ?? []) {
    const code = norm(kase.code);
    const components = packet.THANHPHANHOSO?.find((t) => norm(t.TRUONGHOP) === code);
    if (components) {
      const known = (kase.components as Rec[] | undefined) ?? [];
      kase.components = components.GIAYTO.map((g) => known.find((k) => norm(k.name) === norm(g.TENGIAYTO)) ?? {
        ...(norm(g.MAGIAYTO) ? { code: norm(g.MAGIAYTO) } : {}),
        name: norm(g.TENGIAYTO),
        mandatory: true,
        originals: Number(g.SOBANCHINH ?? 1) || 0,
        copies: Number(g.SOBANSAO ?? 0) || 0,
        templates: [],
      });
    }
    for (const channel of (kase.channels as Rec[] | undefined) ?? []) {
      const terms = packet.CACHTHUCTHUCHIEN?.find((c) => norm(c.TRUONGHOP ?? '') === code && channelOf[norm(c.KENH)] === channel.channel);
      if (!terms?.THOIGIAN?.length) continue;
      const phases = (channel.phases as Rec[] | undefined) ?? [];
      channel.phases = terms.THOIGIAN.map((t, i) => ({
        ...(phases[i] ?? { name: norm(t.MOTA) || 'Giải quyết hồ sơ', excludes: [] }),
        amount: Number(t.THOIGIANGIAIQUYET),
        unit: timeUnitOf(String(t.DONVITINH)) ?? phases[i]?.unit ?? String(t.DONVITINH),
      }));
      const amounts = new Map(terms.THOIGIAN.flatMap((t) => (t.PHILEPHI ?? []).map((f) => [norm(f.MAPHILEPHI), Number(f.SOTIEN)] as const)));
      channel.fees = ((channel.fees as Rec[] | undefined) ?? []).map((f) => {
        const amount = amounts.get(norm(f.code));
        return amount !== undefined && Number.isFinite(amount) && !f.tiers ? { ...f, amountVnd: amount } : f;
      });
    }
  }
  version.validFrom = todayInVietnam();
  delete version.validTo;
  return { procedure, version };
}

/**
 * The draft for a procedure the national database describes differently; none when the catalogue
 * has no version in force of it, and the open draft when there is one already (never two).
 */
export async function draftFromNationalPacket({ db, packet, differences, pulledAt = new Date() }: {
  db: Database;
  packet: GoiTinThuTucQG;
  differences: DraftSource['differences'];
  pulledAt?: Date;
}): Promise<{ draftId: string; created: boolean } | null> {
  return db.transaction(async (tx) => {
    const code = norm(packet.MaTTHC);
    const [open] = await tx.select({ id: catalogueDraftsTable.id }).from(catalogueDraftsTable)
      .where(and(eq(catalogueDraftsTable.procedureCode, code), eq(catalogueDraftsTable.status, 'DRAFT')));
    if (open) return { draftId: open.id, created: false };
    const base = await versionAsDraft(tx, code);
    if (!base) return null;
    const content = applyNationalPacket(base.content, packet);
    const source: DraftSource = { kind: 'DVCQG', pulledAt: pulledAt.toISOString(), differences };
    const [created] = await tx.insert(catalogueDraftsTable).values({
      id: createId('cdraft'), procedureCode: code, baseVersionNo: base.version.versionNo, content, forms: base.forms, workflows: base.workflows,
      createdByUserId: 'system:dvcqg', editorUserIds: [], source,
    }).returning({ id: catalogueDraftsTable.id });
    await recordAuditEvent({ db: tx, event: {
      actorUserId: null, action: 'CATALOGUE_DRAFT_CREATED', subject: `catalogue-draft:${created!.id}`, outcome: 'SUCCESS',
      details: { procedureCode: code, baseVersionNo: base.version.versionNo, source: 'DVCQG', differences: differences.length },
    } });
    return { draftId: created!.id, created: true };
  });
}
