/**
 * Catalogue pull from the national database (issue 14 item 4; domain brief §3.2):
 * `LayDanhSachTTHC` lists the procedures the portal publishes, `LayThuTuc` gives each packet
 * (GoiTinThuTucQG). Each is compared with the version in force of the same procedure in
 * OpenDVC's catalogue (common/dvcqg/catalogue.ts) and the result kept in `dvcqg_catalogue`:
 * IN_SYNC, DIFFERENT (with the differences field by field), MISSING (published nationally, not
 * in the catalogue) or NOT_PUBLISHED (in the catalogue, not published nationally; full pulls
 * only). Nothing in force is changed: for a DIFFERENT procedure the pull makes a draft version
 * in the catalogue editor (authoring module) with the national values and the differences, for a
 * catalogue editor to review and publish (or discard).
 */
import { asc, eq, inArray, notInArray } from 'drizzle-orm';
import { comparableFromPacket, compareProcedures, type ComparableProcedure } from '../../../common/dvcqg/catalogue.js';
import { DVCQG_CATALOGUE_SERVICES, type GoiTinThuTucQG } from '../../../common/dvcqg/protocol.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { caseComponentsTable, fieldsTable, pickCurrentVersion, procedureCasesTable, procedureVersionsTable, proceduresTable, todayInVietnam } from '../catalog/index.js';
import { draftFromNationalPacket } from '../authoring/index.js';
import type { PortalClient } from './integration.client.js';
import { dvcqgCatalogueTable } from './integration.tables.js';

const channelCodes: Record<string, string> = { IN_PERSON: '1', ONLINE: '2', POSTAL: '3' };

/** OpenDVC's version in force of a procedure, reduced as the national packet is; null when it has none. */
export async function localComparable(db: DbExecutor, code: string): Promise<ComparableProcedure | null> {
  const [procedure] = await db.select({ id: proceduresTable.id, name: proceduresTable.name, fieldName: fieldsTable.name })
    .from(proceduresTable).innerJoin(fieldsTable, eq(fieldsTable.code, proceduresTable.fieldCode)).where(eq(proceduresTable.code, code));
  if (!procedure) return null;
  const version = pickCurrentVersion(await db.select().from(procedureVersionsTable).where(eq(procedureVersionsTable.procedureId, procedure.id)), todayInVietnam());
  if (!version) return null;
  const cases = await db.select().from(procedureCasesTable).where(eq(procedureCasesTable.versionId, version.id)).orderBy(asc(procedureCasesTable.sortOrder));
  const components = cases.length
    ? await db.select({ caseId: caseComponentsTable.caseId, name: caseComponentsTable.name }).from(caseComponentsTable)
      .where(inArray(caseComponentsTable.caseId, cases.map((c) => c.id))).orderBy(asc(caseComponentsTable.sortOrder))
    : [];
  const packet: GoiTinThuTucQG = {
    MaTTHC: code,
    TENTTHC: procedure.name,
    LINHVUCTHUCHIEN: [{ MALINHVUC: '', TENLINHVUC: procedure.fieldName }],
    CANCUPHAPLY: version.legalBasis.map((l) => ({ SOVANBAN: l.number, TENVANBAN: l.title })),
    KETQUATHUCHIEN: version.results.map((r) => ({ TENKETQUA: r.name })),
    THANHPHANHOSO: cases.map((c) => ({ TRUONGHOP: c.code, GIAYTO: components.filter((m) => m.caseId === c.id).map((m) => ({ TENGIAYTO: m.name })) })),
    CACHTHUCTHUCHIEN: cases.flatMap((c) => c.channels.map((ch) => ({
      KENH: channelCodes[ch.channel] ?? ch.channel,
      TRUONGHOP: c.code,
      THOIGIAN: ch.phases.map((ph) => ({
        THOIGIANGIAIQUYET: ph.amount, DONVITINH: ph.unit,
        PHILEPHI: ((ch as { fees?: { code?: string; amountVnd?: number }[] }).fees ?? []).map((f) => ({ MAPHILEPHI: f.code ?? '', SOTIEN: f.amountVnd ?? 0 })),
      })),
    }))),
  };
  return comparableFromPacket(packet);
}

export interface PullSummary {
  pulled: number;
  inSync: number;
  different: number;
  missing: number;
  notPublished: number;
  differences: { code: string; name: string; differences: number; draftId: string | null }[];
}

/** Pulls the given procedures (every published one when none is given) and records the comparison. */
export async function pullCatalogue({ db, client }: { db: Database; client: PortalClient }, codes: string[] = []): Promise<PullSummary> {
  const full = codes.length === 0;
  const wanted = full
    ? ((await client.call(DVCQG_CATALOGUE_SERVICES.list, {})).data as { MaTTHC: string }[] ?? []).map((p) => p.MaTTHC)
    : codes;
  const summary: PullSummary = { pulled: 0, inSync: 0, different: 0, missing: 0, notPublished: 0, differences: [] };
  for (const code of wanted) {
    const packet = (await client.call(DVCQG_CATALOGUE_SERVICES.one, { maTTHC: code })).data as GoiTinThuTucQG;
    const local = await localComparable(db, code);
    const differences = local ? compareProcedures(comparableFromPacket(packet), local) : [];
    const comparison = !local ? 'MISSING' : differences.length ? 'DIFFERENT' : 'IN_SYNC';
    const pulledAt = new Date();
    const draft = comparison === 'DIFFERENT' ? await draftFromNationalPacket({ db, packet, differences, pulledAt }) : null;
    const row = { code, name: String(packet.TENTTHC ?? code), packet, comparison, differences, draftId: draft?.draftId ?? null, pulledAt } satisfies typeof dvcqgCatalogueTable.$inferInsert;
    await db.insert(dvcqgCatalogueTable).values(row).onConflictDoUpdate({ target: dvcqgCatalogueTable.code, set: row });
    summary.pulled += 1;
    if (comparison === 'MISSING') summary.missing += 1;
    else if (comparison === 'DIFFERENT') {
      summary.different += 1;
      summary.differences.push({ code, name: row.name, differences: differences.length, draftId: row.draftId });
    } else summary.inSync += 1;
  }
  if (full) {
    // Procedures of the catalogue that the portal does not publish.
    const local = await db.select({ code: proceduresTable.code, name: proceduresTable.name }).from(proceduresTable)
      .where(wanted.length ? notInArray(proceduresTable.code, wanted) : undefined);
    for (const p of local) {
      const row: typeof dvcqgCatalogueTable.$inferInsert = { code: p.code, name: p.name, packet: {}, comparison: 'NOT_PUBLISHED', differences: [], draftId: null, pulledAt: new Date() };
      await db.insert(dvcqgCatalogueTable).values(row).onConflictDoUpdate({ target: dvcqgCatalogueTable.code, set: row });
      summary.notPublished += 1;
    }
  }
  return summary;
}

/** The last pull, differences first, for the administrators' page. */
export async function catalogueComparison(db: DbExecutor) {
  const rows = await db.select().from(dvcqgCatalogueTable);
  const order = { DIFFERENT: 0, MISSING: 1, NOT_PUBLISHED: 2, IN_SYNC: 3 } as const;
  rows.sort((a, b) => order[a.comparison] - order[b.comparison] || a.code.localeCompare(b.code));
  const counts = { IN_SYNC: 0, DIFFERENT: 0, MISSING: 0, NOT_PUBLISHED: 0 };
  for (const r of rows) counts[r.comparison] += 1;
  const pulledAt = rows.reduce<Date | null>((m, r) => (!m || r.pulledAt > m ? r.pulledAt : m), null);
  return {
    pulledAt: pulledAt?.toISOString() ?? null,
    counts,
    items: rows.filter((r) => r.comparison !== 'IN_SYNC').map((r) => ({ code: r.code, name: r.name, comparison: r.comparison, differences: r.differences, draftId: r.draftId, pulledAt: r.pulledAt.toISOString() })),
  };
}
