/**
 * What other systems read with client-credential tokens: one dossier by its code (no personal
 * data unless the token holds `dossiers:read:personal`) and the dossier event feed.
 */
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/create-database.js';
import { recordAuditEvent } from '../../platform/audit/index.js';
import { agenciesTable, procedureCasesTable, proceduresTable } from '../catalog/index.js';
import {
  dossierDocumentsTable, dossierEventsTable, dossiersTable, nationalStatusLabels, presentStreamEvent, toNationalStatus, type DossierEventType,
} from '../dossiers/index.js';
import { createSystemDossierNotFoundError } from './system-api.errors.js';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export async function systemDossier({ db, code, personal, clientId, ip }: { db: Database; code: string; personal: boolean; clientId: string; ip: string }) {
  const [row] = await db.select({ d: dossiersTable, procedureCode: proceduresTable.code, procedureName: proceduresTable.name, caseCode: procedureCasesTable.code, caseName: procedureCasesTable.name, unitCode: agenciesTable.code, unitName: agenciesTable.name })
    .from(dossiersTable)
    .innerJoin(proceduresTable, eq(proceduresTable.id, dossiersTable.procedureId))
    .innerJoin(procedureCasesTable, eq(procedureCasesTable.id, dossiersTable.caseId))
    .innerJoin(agenciesTable, eq(agenciesTable.id, dossiersTable.receivingUnitId))
    .where(eq(dossiersTable.code, code));
  if (!row) throw createSystemDossierNotFoundError();
  const d = row.d;
  const status = toNationalStatus(d.status);
  const events = await db.select().from(dossierEventsTable).where(eq(dossierEventsTable.dossierId, d.id)).orderBy(asc(dossierEventsTable.position));
  const documents = await db.select().from(dossierDocumentsTable).where(and(eq(dossierDocumentsTable.dossierId, d.id), eq(dossierDocumentsTable.kind, 'RESULT')));
  if (personal) {
    await recordAuditEvent({ db, event: { actorUserId: null, action: 'SYSTEM_DOSSIER_PERSONAL_READ', subject: `dossier:${d.id}`, ip, outcome: 'SUCCESS', details: { clientId, code } } });
  }
  return {
    code,
    procedure: { code: row.procedureCode, name: row.procedureName, caseCode: row.caseCode, caseName: row.caseName },
    receivingUnit: { code: row.unitCode, name: row.unitName },
    channel: d.channel,
    status,
    statusLabel: status === null ? null : nationalStatusLabels[status],
    dates: {
      submittedAt: iso(d.submittedAt), receivedAt: iso(d.receivedAt), appointmentAt: iso(d.appointmentAt), dueAt: iso(d.dueAt),
      resolvedAt: iso(d.resolvedAt), returnedAt: iso(d.returnedAt),
    },
    history: events.map((e) => ({
      type: e.type as DossierEventType,
      occurredAt: e.at.toISOString(),
      statusBefore: e.nationalStatusBefore,
      statusAfter: e.nationalStatusAfter,
      actorRole: e.actorRole,
    })),
    results: documents.filter((doc) => doc.signedAt || doc.issuedAt).map((doc) => ({
      documentId: doc.id,
      title: doc.title,
      number: doc.number,
      status: doc.status,
      signedAt: iso(doc.signedAt),
      signer: doc.signer?.commonName ?? null,
      issuedAt: iso(doc.issuedAt),
      sha256: doc.issuedSha256 ?? doc.signedSha256,
    })),
    ...(personal ? {
      applicant: {
        fullName: d.applicant.fullName,
        personalIdNumber: d.applicant.personalIdNumber ?? null,
        organisationTaxCode: d.applicant.organisationTaxCode ?? null,
        phone: d.applicant.phone ?? null,
        email: d.applicant.email ?? null,
        address: d.applicant.address ?? null,
      },
    } : {}),
  };
}

/**
 * The event feed: events after a position, in position order, at most `limit`; `nextCursor` is
 * the last position returned (or `after` when none): pass it as `after` to resume. Events of
 * dossiers without a code (drafts) are left out.
 */
export async function eventFeed({ db, after, types, limit }: { db: Database; after: number; types?: DossierEventType[]; limit: number }) {
  const t = dossierEventsTable;
  const rows = await db.select({ e: t, code: dossiersTable.code }).from(t).innerJoin(dossiersTable, eq(dossiersTable.id, t.dossierId))
    .where(and(gt(t.position, after), types?.length ? inArray(t.type, types) : undefined))
    .orderBy(asc(t.position)).limit(limit);
  const items = rows.filter((r) => r.code).map((r) => ({ ...presentStreamEvent(r.e), dossierCode: r.code! }));
  const last = rows.at(-1);
  return { items, nextCursor: String(last ? Number(last.e.position) : after), hasMore: rows.length === limit };
}
