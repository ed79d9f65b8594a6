/** Dossier reads and writes. Plain rows out; no HTTP shapes, no permission checks. */
import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, getTableColumns, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { preparedQuery, preparedStatement, type DbExecutor } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import { agenciesTable, caseComponentsTable, procedureCasesTable, proceduresTable, procedureVersionsTable, todayInVietnam } from '../catalog/index.js';
import { organisationMembersTable, representativeAuthorisationsTable } from '../identity/index.js';
import {
  caseFormsTable,
  dossierAttachmentsTable,
  dossierCodeCountersTable,
  dossierEventsTable,
  dossiersTable,
  supplementRequestsTable,
  type DossierRow,
  type DossierStatus,
} from './dossiers.tables.js';
import { classifyEvent, CURRENT_PAYLOAD_VERSION, partitionOf, type EventAudience } from './dossiers.events.js';

/**
 * The authorisation the dossier was filed under, if any, is in force on `today`: a filer who acts
 * only as a representative may see and act on the dossier exactly as long as it lasts.
 */
function filerAuthorisationInForce(today: string): SQL {
  const t = representativeAuthorisationsTable;
  return or(
    isNull(dossiersTable.representativeAuthorisationId),
    sql`exists (select 1 from ${t} where ${t.id} = ${dossiersTable.representativeAuthorisationId} and ${t.representativeUserId} = ${dossiersTable.applicantUserId} and ${t.validFrom} <= ${today} and (${t.validTo} is null or ${t.validTo} >= ${today}))`,
  )!;
}

export interface NewDossierEvent {
  dossierId: string;
  action: string;
  actorUserId: string | null;
  actorRole: string | null;
  actorUnitId?: string | null;
  at?: Date;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  /** Addressed to the applicant when the event is theirs (supplement, refusal, stop, withdrawal). */
  reason?: string | null;
  /** An official's workflow comment: never shown to the applicant. */
  internalNote?: string | null;
  payload?: Record<string, unknown>;
}

/*
 * The reads of every submission (and of most dossier requests), prepared once per connection
 * (preparedStatement): the dossier by id (with its row lock or without), the case context, the
 * files and the unit. Building these wide selects was most of Drizzle's share of a submission.
 */
const dossierById = (db: DbExecutor) => db.select().from(dossiersTable).where(eq(dossiersTable.id, sql.placeholder('id'))).prepare('dossiers_by_id');
const dossierByIdForUpdate = (db: DbExecutor) => db.select().from(dossiersTable).where(eq(dossiersTable.id, sql.placeholder('id'))).for('update').prepare('dossiers_by_id_for_update');
/** A submission's first read: the dossier, locked, with its receiving unit (the unit's row is not locked). */
const dossierWithUnitForUpdate = (db: DbExecutor) => db.select({ dossier: dossiersTable, unit: agenciesTable }).from(dossiersTable)
  .leftJoin(agenciesTable, eq(agenciesTable.id, dossiersTable.receivingUnitId))
  .where(eq(dossiersTable.id, sql.placeholder('id'))).for('update', { of: dossiersTable }).prepare('dossiers_with_unit_for_update');
type CaseComponentRow = typeof caseComponentsTable.$inferSelect;
const componentColumns = Object.entries(getTableColumns(caseComponentsTable));
/**
 * The case's components as one JSON array of rows (`json_agg` of the table's rows, by their
 * order), mapped to what a select of the table gives: properties by column, values through each
 * column's mapping (numbers, booleans, text and text arrays come out of JSON as they come out of a
 * row), absent values null.
 */
const caseComponentsJson = sql<CaseComponentRow[]>`(SELECT coalesce(json_agg(c ORDER BY c.sort_order), '[]'::json) FROM ${caseComponentsTable} c WHERE c.case_id = ${procedureCasesTable.id})`
  .mapWith((rows: Record<string, unknown>[]) => rows.map((raw) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of componentColumns) {
      const value = raw[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as CaseComponentRow;
  }));
/** The case with its version, procedure, form and components: one statement. */
const caseContextById = (db: DbExecutor) => db
  .select({ kase: procedureCasesTable, version: procedureVersionsTable, procedure: proceduresTable, form: caseFormsTable, components: caseComponentsJson })
  .from(procedureCasesTable)
  .innerJoin(procedureVersionsTable, eq(procedureVersionsTable.id, procedureCasesTable.versionId))
  .innerJoin(proceduresTable, eq(proceduresTable.id, procedureVersionsTable.procedureId))
  .leftJoin(caseFormsTable, eq(caseFormsTable.caseId, procedureCasesTable.id))
  .where(eq(procedureCasesTable.id, sql.placeholder('caseId')))
  .prepare('dossiers_case_context');
const agencyById = (db: DbExecutor) => db.select().from(agenciesTable).where(eq(agenciesTable.id, sql.placeholder('id'))).prepare('dossiers_agency_by_id');
const attachmentsOfDossier = (db: DbExecutor) => db.select().from(dossierAttachmentsTable).where(eq(dossierAttachmentsTable.dossierId, sql.placeholder('dossierId')))
  .orderBy(asc(dossierAttachmentsTable.createdAt), asc(dossierAttachmentsTable.id)).prepare('dossiers_attachments');

/**
 * The statement of `submitWrites` for one shape of the dossier's changes (which columns it sets,
 * and which of them to null): the same SQL as built for each call before, with every value a
 * placeholder, so that it is built once and prepared per connection. A column set to null is
 * written as NULL in the text (a placeholder's column mapping takes no null).
 */
function submitWritesSql(set: [string, unknown][]): SQL {
  const columns = getTableColumns(dossiersTable) as Record<string, PgColumn>;
  const assignments = set.map(([key, value]) => {
    const column = columns[key];
    if (!column) throw new Error(`submitWrites: no dossier column ${key}`);
    return sql`${sql.identifier(column.name)} = ${value === null ? null : sql.param(sql.placeholder(`c_${key}`), column)}`;
  });
  const c = dossierCodeCountersTable;
  const e = dossierEventsTable;
  const p = (name: string) => sql.placeholder(name);
  return sql`WITH n AS (
        INSERT INTO ${c} (unit_code, day, last_number) VALUES (${p('unitCode')}, ${p('day')}, 1)
        ON CONFLICT (unit_code, day) DO UPDATE SET last_number = ${c}.last_number + 1
        RETURNING last_number
      ), d AS (
        UPDATE ${dossiersTable} SET ${sql.join(assignments, sql`, `)}, version = ${dossiersTable}.version + 1, updated_at = ${sql.param(p('at'), columns.updatedAt)}::timestamptz,
          code = ${p('codePrefix')}::text || lpad(n.last_number::text, greatest(4, length(n.last_number::text)), '0')
        FROM n WHERE ${dossiersTable}.id = ${p('dossierId')} AND ${dossiersTable}.version = ${p('expectedVersion')}
        RETURNING ${dossiersTable}.id, ${dossiersTable}.code, COALESCE(${dossiersTable}.current_unit_id, ${dossiersTable}.processing_unit_id, ${dossiersTable}.receiving_unit_id) AS unit_id
      ), ev AS (
        INSERT INTO ${e} (id, partition, dossier_id, type, action, audience, national_status_before, national_status_after, unit_id, payload_version,
          actor_user_id, actor_role, actor_unit_id, at, from_status, to_status, reason, internal_note, payload)
        SELECT ${p('eventId')}::text, ${partitionOf(p('dossierId'))}, d.id, ${p('type')}::text, ${p('action')}::text, ${p('audience')}::text, ${p('nationalStatusBefore')}::smallint, ${p('nationalStatusAfter')}::smallint, d.unit_id, ${p('payloadVersion')}::integer,
          ${p('actorUserId')}::text, ${p('actorRole')}::text, ${p('actorUnitId')}::text, ${sql.param(p('at'), e.at)}::timestamptz, ${p('fromStatus')}::text, ${p('toStatus')}::text, ${p('reason')}::text, ${p('internalNote')}::text,
          ${p('payload')}::jsonb || jsonb_build_object('code', d.code)
        FROM d
      )
      SELECT code FROM d`;
}

/** A prepared statement's name for each shape of `submitWrites` (few: online or counter, with or without a key, a fee). */
const submitWritesNames = new Map<string, string>();
function submitWritesName(shape: string) {
  let name = submitWritesNames.get(shape);
  if (!name) submitWritesNames.set(shape, (name = `dossiers_submit_writes_${createHash('sha256').update(shape).digest('hex').slice(0, 16)}`));
  return name;
}

export function createDossiersRepository({ db }: { db: DbExecutor }) {
  /** One page of dossiers with their procedure and case names, and the total matching `where`. */
  async function pageOfDossiers(where: SQL, orderBy: SQL[], limit: number, offset: number) {
    const [items, [total]] = await Promise.all([
      db.select({ dossier: dossiersTable, procedureCode: proceduresTable.code, procedureName: proceduresTable.name, caseName: procedureCasesTable.name })
        .from(dossiersTable)
        .innerJoin(proceduresTable, eq(proceduresTable.id, dossiersTable.procedureId))
        .innerJoin(procedureCasesTable, eq(procedureCasesTable.id, dossiersTable.caseId))
        .where(where)
        .orderBy(...orderBy)
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(dossiersTable).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  }

  return {
    /** A case of a procedure version with its procedure, version, components and form. */
    async getCaseContext(caseId: string) {
      const [row] = await preparedStatement(db, 'dossiers_case_context_with_components', caseContextById).execute({ caseId });
      return row;
    },

    async getAgencyByCode(code: string) {
      const [row] = await db.select().from(agenciesTable).where(eq(agenciesTable.code, code));
      return row;
    },

    async getAgencyById(id: string) {
      const [row] = await preparedStatement(db, 'dossiers_agency_by_id', agencyById).execute({ id });
      return row;
    },

    async getDossierById(id: string, { forUpdate = false } = {}) {
      const [row] = forUpdate
        ? await preparedStatement(db, 'dossiers_by_id_for_update', dossierByIdForUpdate).execute({ id })
        : await preparedStatement(db, 'dossiers_by_id', dossierById).execute({ id });
      return row;
    },

    /** The dossier locked for update, with its receiving unit (undefined when that agency is missing): one statement. */
    async getDossierWithUnitForUpdate(id: string) {
      const [row] = await preparedStatement(db, 'dossiers_with_unit_for_update', dossierWithUnitForUpdate).execute({ id });
      return row && { dossier: row.dossier, unit: row.unit ?? undefined };
    },

    async getDossierByCode(code: string) {
      const [row] = await db.select().from(dossiersTable).where(eq(dossiersTable.code, code));
      return row;
    },

    async getDossierByIdempotencyKey(applicantUserId: string, key: string) {
      const [row] = await db.select().from(dossiersTable).where(and(eq(dossiersTable.applicantUserId, applicantUserId), eq(dossiersTable.idempotencyKey, key)));
      return row;
    },

    async insertDossier(values: typeof dossiersTable.$inferInsert) {
      const [row] = await db.insert(dossiersTable).values(values).returning();
      return row!;
    },

    /** Updates when the stored version is still `expectedVersion`; undefined when it moved on. */
    async updateDossier(id: string, expectedVersion: number, changes: Partial<typeof dossiersTable.$inferInsert>) {
      const [row] = await db
        .update(dossiersTable)
        .set({ ...changes, version: sql`${dossiersTable.version} + 1`, updatedAt: new Date() })
        .where(and(eq(dossiersTable.id, id), eq(dossiersTable.version, expectedVersion)))
        .returning();
      return row;
    },

    async deleteDossier(id: string) {
      await db.delete(dossiersTable).where(eq(dossiersTable.id, id));
    },

    /**
     * Dossiers an applicant may see: filed by them, filed for them, or for an organisation they
     * belong to. Newest first.
     */
    async listDossiersOfApplicant({ userId, statuses, limit, offset }: { userId: string; statuses?: DossierStatus[]; limit: number; offset: number }) {
      const mine = or(
        and(eq(dossiersTable.applicantUserId, userId), filerAuthorisationInForce(todayInVietnam())),
        eq(dossiersTable.principalUserId, userId),
        inArray(dossiersTable.organisationId, db.select({ id: organisationMembersTable.organisationId }).from(organisationMembersTable).where(eq(organisationMembersTable.userId, userId))),
      )!;
      const where: SQL = statuses?.length ? and(mine, inArray(dossiersTable.status, statuses))! : mine;
      return pageOfDossiers(where, [desc(dossiersTable.updatedAt), desc(dossiersTable.id)], limit, offset);
    },

    /** Dossiers awaiting reception in the given units, oldest submission first. */
    async listReceptionQueue({ unitIds, limit, offset }: { unitIds: string[]; limit: number; offset: number }) {
      if (unitIds.length === 0) return { items: [], total: 0 };
      const where = and(inArray(dossiersTable.receivingUnitId, unitIds), inArray(dossiersTable.status, ['SUBMITTED', 'RESUBMITTED'] as DossierStatus[]))!;
      return pageOfDossiers(where, [asc(dossiersTable.submittedAt), asc(dossiersTable.id)], limit, offset);
    },

    /** The filer of the dossier may act as its applicant today (see filerAuthorisationInForce). */
    async filerMayAct(dossierId: string, today: string = todayInVietnam()) {
      const [row] = await db.select({ id: dossiersTable.id }).from(dossiersTable).where(and(eq(dossiersTable.id, dossierId), filerAuthorisationInForce(today)));
      return Boolean(row);
    },

    async isOrganisationMember(userId: string, organisationId: string) {
      const [row] = await db.select({ userId: organisationMembersTable.userId }).from(organisationMembersTable)
        .where(and(eq(organisationMembersTable.userId, userId), eq(organisationMembersTable.organisationId, organisationId)));
      return Boolean(row);
    },

    /** Appends to the dossier event stream (dossiers.events.ts), in the caller's transaction. */
    async insertEvent(event: NewDossierEvent) {
      const payload = event.payload ?? {};
      const kind = classifyEvent({ action: event.action, fromStatus: event.fromStatus, toStatus: event.toStatus, payload });
      await db.insert(dossierEventsTable).values({
        id: createId('dev'),
        partition: partitionOf(event.dossierId),
        dossierId: event.dossierId,
        type: kind.type,
        action: event.action,
        audience: kind.audience,
        nationalStatusBefore: kind.nationalStatusBefore,
        nationalStatusAfter: kind.nationalStatusAfter,
        // The unit holding the dossier now (the use case has already saved its change).
        unitId: sql`(SELECT COALESCE(${dossiersTable.currentUnitId}, ${dossiersTable.processingUnitId}, ${dossiersTable.receivingUnitId}) FROM ${dossiersTable} WHERE ${dossiersTable.id} = ${event.dossierId})`,
        payloadVersion: CURRENT_PAYLOAD_VERSION,
        actorUserId: event.actorUserId,
        actorRole: event.actorRole,
        actorUnitId: event.actorUnitId ?? null,
        at: event.at ?? new Date(),
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        reason: event.reason ?? null,
        internalNote: event.internalNote ?? null,
        payload,
      });
    },

    /** A dossier's events in stream order; `audience` limits them to the applicant's. */
    async listEvents(dossierId: string, { audience }: { audience?: EventAudience } = {}) {
      const where = audience ? and(eq(dossierEventsTable.dossierId, dossierId), eq(dossierEventsTable.audience, audience)) : eq(dossierEventsTable.dossierId, dossierId);
      return db.select().from(dossierEventsTable).where(where).orderBy(asc(dossierEventsTable.position));
    },

    /**
     * The next number of a unit's day: one statement, so two nodes on one database never hand
     * out the same number (the row lock of the upsert serialises them).
     */
    async nextCodeNumber(unitCode: string, day: string): Promise<number> {
      const [row] = await db
        .insert(dossierCodeCountersTable)
        .values({ unitCode, day, lastNumber: 1 })
        .onConflictDoUpdate({ target: [dossierCodeCountersTable.unitCode, dossierCodeCountersTable.day], set: { lastNumber: sql`${dossierCodeCountersTable.lastNumber} + 1` } })
        .returning({ n: dossierCodeCountersTable.lastNumber });
      return row!.n;
    },

    /**
     * The writes of a submission in one statement: the next number of the unit's day (the upsert
     * of `nextCodeNumber`), the dossier's update with the code made of it (`changes` as in
     * `updateDossier`, guarded by `expectedVersion`) and the event, whose payload gets the code.
     * The counter row every submission to the unit locks is thus held for one round trip and the
     * commit. The code is `{codePrefix}{NNNN}` (formatDossierCode: 4 digits, more past 9999).
     * Undefined when the dossier's version moved on (nothing is written then: the caller rolls
     * back, so the number taken is not lost).
     */
    async submitWrites({ unitCode, day, codePrefix, dossierId, expectedVersion, changes, event }: {
      unitCode: string;
      day: string;
      codePrefix: string;
      dossierId: string;
      expectedVersion: number;
      changes: Partial<typeof dossiersTable.$inferInsert>;
      event: Omit<NewDossierEvent, 'dossierId'> & { at: Date };
    }): Promise<{ code: string } | undefined> {
      const set = Object.entries(changes).filter(([key, value]) => value !== undefined && key !== 'code' && key !== 'version' && key !== 'updatedAt');
      const values: Record<string, unknown> = {};
      for (const [key, value] of set) if (value !== null) values[`c_${key}`] = value;
      const payload = event.payload ?? {};
      const kind = classifyEvent({ action: event.action, fromStatus: event.fromStatus, toStatus: event.toStatus, payload });
      const shape = set.map(([key, value]) => (value === null ? `${key}=null` : key)).join(',');
      const [row] = await preparedQuery<{ code: string }>(db, submitWritesName(shape), () => submitWritesSql(set)).execute({
        ...values,
        unitCode, day, codePrefix, dossierId, expectedVersion, at: event.at,
        eventId: createId('dev'), type: kind.type, action: event.action, audience: kind.audience,
        nationalStatusBefore: kind.nationalStatusBefore, nationalStatusAfter: kind.nationalStatusAfter, payloadVersion: CURRENT_PAYLOAD_VERSION,
        actorUserId: event.actorUserId, actorRole: event.actorRole, actorUnitId: event.actorUnitId ?? null, fromStatus: event.fromStatus, toStatus: event.toStatus,
        reason: event.reason ?? null, internalNote: event.internalNote ?? null, payload: JSON.stringify(payload),
      });
      return row;
    },

    async listAttachments(dossierId: string) {
      return preparedStatement(db, 'dossiers_attachments', attachmentsOfDossier).execute({ dossierId });
    },

    async getAttachment(dossierId: string, attachmentId: string) {
      const [row] = await db.select().from(dossierAttachmentsTable).where(and(eq(dossierAttachmentsTable.dossierId, dossierId), eq(dossierAttachmentsTable.id, attachmentId)));
      return row;
    },

    async insertAttachment(values: typeof dossierAttachmentsTable.$inferInsert) {
      const [row] = await db.insert(dossierAttachmentsTable).values(values).returning();
      return row!;
    },

    async deleteAttachment(id: string) {
      await db.delete(dossierAttachmentsTable).where(eq(dossierAttachmentsTable.id, id));
    },

    async insertSupplementRequest(values: typeof supplementRequestsTable.$inferInsert) {
      const [row] = await db.insert(supplementRequestsTable).values(values).returning();
      return row!;
    },

    async getSupplementRequest(dossierId: string, round: number) {
      const [row] = await db.select().from(supplementRequestsTable).where(and(eq(supplementRequestsTable.dossierId, dossierId), eq(supplementRequestsTable.round, round)));
      return row;
    },

    async markSupplementAnswered(id: string, at: Date) {
      await db.update(supplementRequestsTable).set({ answeredAt: at }).where(eq(supplementRequestsTable.id, id));
    },
  };
}

export type DossiersRepository = ReturnType<typeof createDossiersRepository>;
export type { DossierRow };

/**
 * Appends one event to a dossier's stream with the caller's transaction (type, audience and
 * national statuses are classified from the action, as for the dossier use cases). For modules
 * whose own changes are dossier events (payments: `dossier.paid`).
 */
export function appendDossierEvent(db: DbExecutor, event: NewDossierEvent) {
  return createDossiersRepository({ db }).insertEvent(event);
}
