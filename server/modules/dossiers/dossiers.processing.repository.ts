/** Back-office reads and writes: inboxes, officials of a unit, result documents, the number register, ratings. */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { preparedStatement, type DbExecutor } from '../../platform/db/create-database.js';
import { agenciesTable, procedureCasesTable, proceduresTable } from '../catalog/index.js';
import { roleGrantsTable, usersTable } from '../identity/index.js';
import { workflowsTable } from '../workflows/index.js';
import {
  documentNumberCountersTable,
  dossierDocumentsTable,
  dossierRatingsTable,
  dossiersTable,
  supplementRequestsTable,
  type DossierStatus,
} from './dossiers.tables.js';

export interface InboxFilter {
  /** (unit, role) pairs the official holds; with field limits when the grant has them. */
  grants: { unitId: string; role: string; fieldCodes: string[] }[];
  /** `mine`: assigned to `userId`; `unit`: everything waiting on the official's roles and units. */
  scope: 'unit' | 'mine';
  userId: string;
  role?: string;
  statuses?: DossierStatus[];
  procedureCode?: string;
  fieldCode?: string;
  /** Deadline window on the overall due date. */
  deadline?: { before?: Date; notBefore?: Date };
  assigned?: 'me' | 'unassigned';
  limit: number;
  offset: number;
}

/**
 * The dossiers whose procedure matches `condition`, without joining procedures: the procedures'
 * ids are read once and tested on dossiers_inbox_idx's own procedure_id, so the page keeps the
 * index's order and stops after its rows instead of joining and sorting them all. `is true` keeps
 * PostgreSQL from turning the `in` into a join: it stays a hashed SubPlan, one hash probe per index
 * entry, where `= any(array(…))` compared each entry with every id of the field in turn (the
 * field filter's count tests every entry of the inbox). A null procedure_id is left out either way.
 */
function procedureWhere(condition: SQL): SQL {
  return sql`(${dossiersTable.procedureId} in (select ${proceduresTable.id} from ${proceduresTable} where ${condition})) is true`;
}

/**
 * The name under which an inbox statement is prepared and kept. The filter's values are
 * placeholders, so the text depends only on the filter's shape: which conditions, how many grants,
 * field codes and statuses, and whether there is an offset (none for the first page). One name per
 * shape lets PostgreSQL plan the statement once per connection instead of on every call (planning
 * was about half of the database's CPU for an inbox page), and Drizzle build the text and its row
 * mapping once per database handle instead of on every call (building them was the largest share of
 * the route's own CPU). The shape must name everything the text depends on: a statement kept under
 * a name is run with the values of any filter of that shape.
 */
const inboxStatementNames = new Map<string, string>();
function inboxStatementName(f: InboxFilter, pairs: InboxFilter['grants']): string {
  const shape = [
    f.scope, f.scope === 'mine' ? '' : pairs.map((g) => g.fieldCodes.length).join('.'), f.role && f.scope === 'mine' ? 'r' : '',
    f.statuses?.length ?? 0, f.procedureCode ? 'p' : '', f.fieldCode ? 'f' : '',
    f.deadline?.before ? 'b' : '', f.deadline?.notBefore ? 'n' : '', f.assigned ?? '', f.offset ? 'o' : '',
  ].join(':');
  let name = inboxStatementNames.get(shape);
  if (name === undefined) {
    name = `inbox_${createHash('sha1').update(shape).digest('hex').slice(0, 20)}`;
    if (inboxStatementNames.size >= 1000) inboxStatementNames.clear();
    inboxStatementNames.set(shape, name);
  }
  return name;
}

/** The values of an inbox statement's placeholders, as `buildInboxStatement` names them for the filter's shape. */
function inboxValues(f: InboxFilter, pairs: InboxFilter['grants']): Record<string, unknown> {
  const values: Record<string, unknown> = { userId: f.userId, limit: f.limit };
  if (f.scope !== 'mine') {
    pairs.forEach((g, i) => {
      values[`unit${i}`] = g.unitId;
      values[`role${i}`] = g.role;
      g.fieldCodes.forEach((code, j) => (values[`field${i}_${j}`] = code));
    });
  }
  if (f.role && f.scope === 'mine') values.role = f.role;
  f.statuses?.forEach((status, i) => (values[`status${i}`] = status));
  if (f.procedureCode) values.procedureCode = f.procedureCode;
  if (f.fieldCode) values.fieldCode = f.fieldCode;
  if (f.deadline?.before) values.before = f.deadline.before;
  if (f.deadline?.notBefore) values.notBefore = f.deadline.notBefore;
  if (f.offset) values.offset = f.offset;
  return values;
}

/**
 * The inbox statement of the filter's shape, every value a placeholder (`inboxValues`): the total
 * (one row, index-only on dossiers_inbox_idx) left-joined with the page's ids (the same
 * index-ordered subquery) and their rows, each with its step's name read from the workflow's
 * definition (null without a step; the step's id when the definition no longer has it).
 */
function buildInboxStatement(db: DbExecutor, f: InboxFilter, pairs: InboxFilter['grants'], name: string) {
  const p = sql.placeholder;
  const conditions: SQL[] = [];
  if (f.scope === 'mine') {
    conditions.push(eq(dossiersTable.assigneeUserId, p('userId')));
  } else {
    conditions.push(isNotNull(dossiersTable.currentRole));
    conditions.push(or(...pairs.map((g, i) => and(
      eq(dossiersTable.currentUnitId, p(`unit${i}`)),
      eq(dossiersTable.currentRole, p(`role${i}`)),
      g.fieldCodes.length ? procedureWhere(inArray(proceduresTable.fieldCode, g.fieldCodes.map((_, j) => p(`field${i}_${j}`)))) : undefined,
    )))!);
  }
  if (f.role && f.scope === 'mine') conditions.push(eq(dossiersTable.currentRole, p('role')));
  if (f.statuses?.length) conditions.push(inArray(dossiersTable.status, f.statuses.map((_, i) => p(`status${i}`))));
  if (f.procedureCode) conditions.push(procedureWhere(eq(proceduresTable.code, p('procedureCode'))));
  if (f.fieldCode) conditions.push(procedureWhere(eq(proceduresTable.fieldCode, p('fieldCode'))));
  if (f.deadline?.before) conditions.push(lt(dossiersTable.dueAt, p('before')));
  if (f.deadline?.notBefore) conditions.push(gte(dossiersTable.dueAt, p('notBefore')));
  if (f.assigned === 'me') conditions.push(eq(dossiersTable.assigneeUserId, p('userId')));
  if (f.assigned === 'unassigned') conditions.push(isNull(dossiersTable.assigneeUserId));
  const where = and(...conditions)!;
  // The page's ids first, in index order (index-only with dossiers_inbox_idx covering due_at, id,
  // status, procedure_id, assignee): only its rows are read from the table and joined.
  const ordered = db.select({ id: dossiersTable.id, dueAt: dossiersTable.dueAt }).from(dossiersTable)
    .where(where)
    .orderBy(sql`${dossiersTable.dueAt} ASC NULLS LAST`, asc(dossiersTable.id))
    .limit(p('limit'));
  const page = (f.offset ? ordered.offset(p('offset')) : ordered).as('page');
  // The total is counted from dossiers_inbox_idx alone (index-only), procedure conditions included.
  const totals = db.select({ n: sql<number>`count(*)`.mapWith(Number).as('n') }).from(dossiersTable).where(where).as('totals');
  return db.select({
    total: totals.n,
    // Only what an inbox line shows (not answers or the other columns of the full row).
    dossier: {
      id: dossiersTable.id, code: dossiersTable.code, applicant: dossiersTable.applicant, channel: dossiersTable.channel, origin: dossiersTable.origin,
      status: dossiersTable.status, workflowCode: dossiersTable.workflowCode, stepId: dossiersTable.stepId,
      currentRole: dossiersTable.currentRole, assigneeUserId: dossiersTable.assigneeUserId, receivedAt: dossiersTable.receivedAt,
      dueAt: dossiersTable.dueAt, stepDueAt: dossiersTable.stepDueAt, appointmentAt: dossiersTable.appointmentAt,
      clockStoppedAt: dossiersTable.clockStoppedAt,
    },
    procedureCode: proceduresTable.code,
    procedureName: proceduresTable.name,
    fieldCode: proceduresTable.fieldCode,
    caseName: procedureCasesTable.name,
    assigneeName: usersTable.fullName,
    stepName: sql<string | null>`case when ${dossiersTable.workflowCode} is null or ${dossiersTable.stepId} is null then null else coalesce((select s->>'name' from jsonb_array_elements(${workflowsTable.definition}->'steps') s where s->>'id' = ${dossiersTable.stepId} limit 1), ${dossiersTable.stepId}) end`,
  })
    .from(totals)
    .leftJoin(page, sql`true`)
    .leftJoin(dossiersTable, eq(dossiersTable.id, page.id))
    .leftJoin(proceduresTable, eq(proceduresTable.id, dossiersTable.procedureId))
    .leftJoin(procedureCasesTable, eq(procedureCasesTable.id, dossiersTable.caseId))
    .leftJoin(usersTable, eq(usersTable.id, dossiersTable.assigneeUserId))
    .leftJoin(workflowsTable, eq(workflowsTable.code, dossiersTable.workflowCode))
    .orderBy(sql`${page.dueAt} ASC NULLS LAST`, asc(page.id))
    .prepare(name);
}

export function createProcessingRepository({ db }: { db: DbExecutor }) {
  return {
    /**
     * One page of an inbox, soonest due first, with its total. Served by dossiers_inbox_idx
     * (current unit, current role, due) or dossiers_assignee_idx (assignee, due). One statement,
     * built and prepared once per shape of the filter (`inboxStatementName`).
     */
    async listInbox(f: InboxFilter) {
      const pairs = f.grants.filter((g) => !f.role || g.role === f.role);
      if (f.scope !== 'mine' && pairs.length === 0) return { items: [], total: 0 };
      const name = inboxStatementName(f, pairs);
      const rows = await preparedStatement(db, name, (on) => buildInboxStatement(on, f, pairs, name)).execute(inboxValues(f, pairs));
      // The page's rows always have their procedure and case (foreign keys).
      const items = rows.flatMap(({ total: _total, dossier, procedureCode, procedureName, fieldCode, caseName, ...rest }) => (dossier
        ? [{ dossier, procedureCode: procedureCode!, procedureName: procedureName!, fieldCode: fieldCode!, caseName: caseName!, ...rest }]
        : []));
      return { items, total: rows[0]?.total ?? 0 };
    },

    /** Active officials holding `role` on the unit (for assignment lists and notifications). */
    async officialsWithRole(unitId: string, role: string) {
      return db.select({ id: usersTable.id, fullName: usersTable.fullName, email: usersTable.email })
        .from(roleGrantsTable)
        .innerJoin(usersTable, eq(usersTable.id, roleGrantsTable.userId))
        .where(and(eq(roleGrantsTable.unitAgencyId, unitId), eq(roleGrantsTable.role, role as typeof roleGrantsTable.$inferSelect.role), eq(usersTable.status, 'ACTIVE')))
        .orderBy(asc(usersTable.fullName));
    },

    async getUser(id: string) {
      const [row] = await db.select({ id: usersTable.id, fullName: usersTable.fullName, email: usersTable.email }).from(usersTable).where(eq(usersTable.id, id));
      return row;
    },

    async agencyByCode(code: string) {
      const [row] = await db.select().from(agenciesTable).where(eq(agenciesTable.code, code));
      return row;
    },

    async agencyById(id: string) {
      const [row] = await db.select().from(agenciesTable).where(eq(agenciesTable.id, id));
      return row;
    },

    async listSupplementRequests(dossierId: string) {
      return db.select().from(supplementRequestsTable).where(eq(supplementRequestsTable.dossierId, dossierId)).orderBy(asc(supplementRequestsTable.round));
    },

    async listDocuments(dossierId: string) {
      return db.select().from(dossierDocumentsTable).where(eq(dossierDocumentsTable.dossierId, dossierId)).orderBy(asc(dossierDocumentsTable.createdAt), asc(dossierDocumentsTable.id));
    },

    /** The dossier's result document (one per dossier), locked when asked. */
    async getResultDocument(dossierId: string, { forUpdate = false } = {}) {
      const query = db.select().from(dossierDocumentsTable).where(and(eq(dossierDocumentsTable.dossierId, dossierId), eq(dossierDocumentsTable.kind, 'RESULT'))).orderBy(desc(dossierDocumentsTable.createdAt)).limit(1);
      const [row] = forUpdate ? await query.for('update') : await query;
      return row;
    },

    async getDocument(dossierId: string, documentId: string) {
      const [row] = await db.select().from(dossierDocumentsTable).where(and(eq(dossierDocumentsTable.dossierId, dossierId), eq(dossierDocumentsTable.id, documentId)));
      return row;
    },

    async insertDocument(values: typeof dossierDocumentsTable.$inferInsert) {
      const [row] = await db.insert(dossierDocumentsTable).values(values).returning();
      return row!;
    },

    async updateDocument(id: string, changes: Partial<typeof dossierDocumentsTable.$inferInsert>) {
      const [row] = await db.update(dossierDocumentsTable).set({ ...changes, updatedAt: new Date() }).where(eq(dossierDocumentsTable.id, id)).returning();
      return row!;
    },

    /** The next number of a unit's register for a year: one upsert, safe across nodes. */
    async nextDocumentNumber(unitId: string, year: number): Promise<number> {
      const [row] = await db.insert(documentNumberCountersTable).values({ unitId, year, lastNumber: 1 })
        .onConflictDoUpdate({ target: [documentNumberCountersTable.unitId, documentNumberCountersTable.year], set: { lastNumber: sql`${documentNumberCountersTable.lastNumber} + 1` } })
        .returning({ n: documentNumberCountersTable.lastNumber });
      return row!.n;
    },

    async getRating(dossierId: string) {
      const [row] = await db.select().from(dossierRatingsTable).where(eq(dossierRatingsTable.dossierId, dossierId));
      return row;
    },

    /** False when the dossier was already rated. */
    async insertRating(values: typeof dossierRatingsTable.$inferInsert) {
      const rows = await db.insert(dossierRatingsTable).values(values).onConflictDoNothing().returning({ id: dossierRatingsTable.dossierId });
      return rows.length > 0;
    },
  };
}

export type ProcessingRepository = ReturnType<typeof createProcessingRepository>;
