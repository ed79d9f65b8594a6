/**
 * Units, officials and their role grants: used by the administrator's pages, the CLI and the demo
 * seed. Every change is audited in the same transaction.
 */
import { randomInt } from 'node:crypto';
import { and, asc, count, countDistinct, eq, inArray, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Config } from '../../platform/config/config.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { uniqueViolation } from '../../platform/db/db-errors.js';
import { createId } from '../../platform/db/ids.js';
import type { FieldProblem } from '../../platform/errors/app-error.js';
import { agenciesTable, fieldsTable, procedureAgenciesTable } from '../catalog/index.js';
import { refreshSearchProjection } from '../catalog/index.js';
import type { ClientInfo } from './identity.deps.js';
import {
  createEmailTakenError,
  createFieldNotFoundError,
  createGrantExistsError,
  createGrantNotFoundError,
  createLastAdministratorError,
  createUnitCodeTakenError,
  createUnitNotFoundError,
  createUserNotFoundError,
} from './identity.errors.js';
import { normalizeEmail } from './identity.models.js';
import { hashPassword, type PasswordPolicy } from './identity.passwords.js';
import { createIdentityRepository } from './identity.repository.js';
import { revokeAllSessions } from './identity.sessions.js';
import { roleGrantsTable, totpCredentialsTable, usersTable, type OfficialRole } from './identity.tables.js';
import { totpUri } from './identity.totp.js';
import { enableTotpWithSecret } from './identity.totp.usecases.js';

export interface CreateOfficialInput {
  email: string;
  password: string;
  fullName?: string;
  unitCode: string;
  role: OfficialRole;
  /** Base32 TOTP secret to use (the demo seed); a new one otherwise. */
  totpSecret?: string;
  /** Makes the password temporary: it works once, to set a new one, until then. */
  temporaryPasswordExpiresAt?: Date;
}

/**
 * Creates an official with one role on a unit and TOTP already enabled, so the first sign-in
 * can pass the second factor. Returns the TOTP secret and recovery codes to hand over once.
 *
 * @throws identity.unit_not_found, identity.email_taken
 */
export async function createOfficial({ db, config, input, actorUserId = null, client = {} }: { db: Database; config: PasswordPolicy; input: CreateOfficialInput; actorUserId?: string | null; client?: ClientInfo }) {
  const passwordHash = await hashPassword(input.password, config);
  const email = normalizeEmail(input.email);
  return db.transaction(async (tx) => {
    const repo = createIdentityRepository({ db: tx });
    const unit = await repo.getAgencyByCode(input.unitCode);
    if (!unit) throw createUnitNotFoundError({ details: { unitCode: input.unitCode } });
    const user = await repo.createUser({ kind: 'OFFICIAL', email, fullName: input.fullName ?? email, passwordHash, emailVerifiedAt: new Date(), temporaryPasswordExpiresAt: input.temporaryPasswordExpiresAt ?? null });
    await recordAuditEvent({ db: tx, event: { actorUserId, action: 'OFFICIAL_CREATED', subject: `user:${user.id}`, ip: client.ip, outcome: 'SUCCESS', details: { email, unitCode: unit.code } } });
    await grantRoleTo({ db: tx, userId: user.id, role: input.role, unitId: unit.id, unitCode: unit.code, actorUserId, ip: client.ip });
    const { secret, recoveryCodes } = await enableTotpWithSecret({ db: tx, userId: user.id, secret: input.totpSecret });
    return { user, totpSecret: secret, otpauthUri: totpUri({ secret, account: email }), recoveryCodes };
  });
}

/**
 * Grants a role on a unit to an official, optionally limited to fields. Idempotent.
 *
 * @throws identity.user_not_found (no official with that e-mail), identity.unit_not_found
 */
export async function grantRole({ db, email, role, unitCode, fieldCodes = [], actorUserId = null }: {
  db: Database; email: string; role: OfficialRole; unitCode: string; fieldCodes?: string[]; actorUserId?: string | null;
}) {
  return db.transaction(async (tx) => {
    const repo = createIdentityRepository({ db: tx });
    const user = await repo.getUserByEmail(normalizeEmail(email));
    if (!user || user.kind !== 'OFFICIAL') throw createUserNotFoundError({ details: { email } });
    const unit = await repo.getAgencyByCode(unitCode);
    if (!unit) throw createUnitNotFoundError({ details: { unitCode } });
    const created = Boolean(await grantRoleTo({ db: tx, userId: user.id, role, unitId: unit.id, unitCode: unit.code, fieldCodes, actorUserId }));
    return { user, created };
  });
}

async function grantRoleTo({ db, userId, role, unitId, unitCode, fieldCodes = [], actorUserId, ip }: {
  db: DbExecutor; userId: string; role: OfficialRole; unitId: string; unitCode: string; fieldCodes?: string[]; actorUserId: string | null; ip?: string;
}) {
  const grant = await createIdentityRepository({ db }).createGrant({ userId, role, unitAgencyId: unitId, fieldCodes, grantedByUserId: actorUserId });
  if (grant) {
    await recordAuditEvent({ db, event: { actorUserId, action: 'ROLE_GRANTED', subject: `user:${userId}`, ip, outcome: 'SUCCESS', details: { grantId: grant.id, role, unitCode, fieldCodes } } });
  }
  return grant;
}

// ---------------------------------------------------------------------------------------------
// The administrator's pages

/**
 * Electronic identification code of an agency (Decision 20/2020/QĐ-TTg): four groups of
 * letters and digits, 3.2.2.3 long, e.g. 000.00.01.G99.
 */
export const UNIT_CODE_PATTERN = /^[A-Z0-9]{3}\.[A-Z0-9]{2}\.[A-Z0-9]{2}\.[A-Z0-9]{3}$/;

const fieldProblem = (path: string, message: string): FieldProblem[] => [{ path, message }];

async function internalUnit(db: DbExecutor, unitId: string, path: string) {
  const [unit] = await db.select().from(agenciesTable).where(eq(agenciesTable.id, unitId));
  if (!unit || unit.external) throw createUnitNotFoundError({ message: 'Không tìm thấy đơn vị đã chọn.', errors: fieldProblem(path, 'Không tìm thấy đơn vị đã chọn.'), details: { unitId } });
  return unit;
}

/**
 * The units of this system (the catalogue's agencies other than external bodies) in tree order:
 * each parent before its children, children by code, with their depth and the number of
 * officials holding a role there.
 */
export async function listUnits({ db }: { db: DbExecutor }) {
  const rows = await db.select().from(agenciesTable).where(eq(agenciesTable.external, false)).orderBy(asc(agenciesTable.code));
  const counts = await db
    .select({ unitId: roleGrantsTable.unitAgencyId, officials: countDistinct(roleGrantsTable.userId) })
    .from(roleGrantsTable)
    .groupBy(roleGrantsTable.unitAgencyId);
  const officialsOf = new Map(counts.map((c) => [c.unitId, Number(c.officials)]));
  const ids = new Set(rows.map((r) => r.id));
  const childrenOf = new Map<string | null, typeof rows>();
  for (const row of rows) {
    const parent = row.parentId && ids.has(row.parentId) ? row.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), row]);
  }
  const out: { id: string; code: string; name: string; nameEn: string | null; parentId: string | null; depth: number; officialCount: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const row of childrenOf.get(parent) ?? []) {
      out.push({ id: row.id, code: row.code, name: row.name, nameEn: row.nameEn, parentId: parent, depth, officialCount: officialsOf.get(row.id) ?? 0 });
      walk(row.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/**
 * Creates a unit under a parent unit.
 *
 * @throws identity.unit_not_found (parent), identity.unit_code_taken
 */
export async function createUnit({ db, input, actorUserId, client = {} }: { db: Database; input: { parentId: string; code: string; name: string; nameEn?: string | null }; actorUserId: string; client?: ClientInfo }) {
  const code = input.code.trim().toUpperCase();
  const taken = () => createUnitCodeTakenError({ errors: fieldProblem('body.code', `Mã ${code} đã được dùng cho một đơn vị khác.`), details: { code } });
  try {
    return await db.transaction(async (tx) => {
      const parent = await internalUnit(tx, input.parentId, 'body.parentId');
      const [existing] = await tx.select({ id: agenciesTable.id }).from(agenciesTable).where(eq(agenciesTable.code, code));
      if (existing) throw taken();
      const [row] = await tx.insert(agenciesTable).values({ id: createId('agc'), code, name: input.name.trim(), nameEn: input.nameEn?.trim() || null, parentId: parent.id, external: false }).returning();
      await recordAuditEvent({ db: tx, event: { actorUserId, action: 'UNIT_CREATED', subject: `unit:${row!.id}`, ip: client.ip, outcome: 'SUCCESS', details: { code, name: row!.name, parentCode: parent.code } } });
      return { id: row!.id, code: row!.code, name: row!.name, nameEn: row!.nameEn, parentId: parent.id, officialCount: 0 };
    });
  } catch (error) {
    if (uniqueViolation(error) !== undefined) throw taken();
    throw error;
  }
}

/**
 * Renames a unit; the search projection rows of its procedures follow at once.
 *
 * @throws identity.unit_not_found
 */
export async function renameUnit({ db, unitId, input, actorUserId, client = {} }: { db: Database; unitId: string; input: { name: string; nameEn?: string | null }; actorUserId: string; client?: ClientInfo }) {
  return db.transaction(async (tx) => {
    const unit = await internalUnit(tx, unitId, 'params.unitId');
    const name = input.name.trim();
    const nameEn = input.nameEn === undefined ? unit.nameEn : input.nameEn?.trim() || null;
    await tx.update(agenciesTable).set({ name, nameEn, updatedAt: new Date() }).where(eq(agenciesTable.id, unit.id));
    await recordAuditEvent({ db: tx, event: { actorUserId, action: 'UNIT_RENAMED', subject: `unit:${unit.id}`, ip: client.ip, outcome: 'SUCCESS', details: { code: unit.code, from: unit.name, to: name } } });
    const procedures = await tx.selectDistinct({ id: procedureAgenciesTable.procedureId }).from(procedureAgenciesTable).where(eq(procedureAgenciesTable.agencyId, unit.id));
    if (procedures.length > 0) await refreshSearchProjection({ db: tx, procedureIds: procedures.map((p) => p.id) });
    const [officials] = await tx.select({ n: countDistinct(roleGrantsTable.userId) }).from(roleGrantsTable).where(eq(roleGrantsTable.unitAgencyId, unit.id));
    return { id: unit.id, code: unit.code, name, nameEn, parentId: unit.parentId, officialCount: Number(officials?.n ?? 0) };
  });
}

export interface OfficialFilters {
  unitId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** Officials, by name, filtered by a unit where they hold a role and by text in name or e-mail. */
export async function listOfficials({ db, filters, now = new Date() }: { db: DbExecutor; filters: OfficialFilters; now?: Date }) {
  const q = filters.q?.trim();
  const where = and(
    eq(usersTable.kind, 'OFFICIAL'),
    filters.unitId ? sql`EXISTS (SELECT 1 FROM ${roleGrantsTable} WHERE ${roleGrantsTable.userId} = ${usersTable.id} AND ${roleGrantsTable.unitAgencyId} = ${filters.unitId})` : undefined,
    q ? sql`(strpos(opendvc_search_normalize(${usersTable.fullName}), opendvc_search_normalize(${q})) > 0 OR strpos(${usersTable.email}, lower(${q})) > 0)` : undefined,
  );
  const [total] = await db.select({ n: count() }).from(usersTable).where(where);
  const users = await db
    .select()
    .from(usersTable)
    .where(where)
    .orderBy(asc(usersTable.fullName), asc(usersTable.id))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const items = await presentOfficials(db, users, now);
  return { items, total: Number(total?.n ?? 0), page: filters.page, pageSize: filters.pageSize };
}

type UserRow = typeof usersTable.$inferSelect;

async function presentOfficials(db: DbExecutor, users: UserRow[], now: Date) {
  if (users.length === 0) return [];
  const ids = users.map((u) => u.id);
  const grants = await db
    .select({ id: roleGrantsTable.id, userId: roleGrantsTable.userId, role: roleGrantsTable.role, fieldCodes: roleGrantsTable.fieldCodes, unitId: agenciesTable.id, unitCode: agenciesTable.code, unitName: agenciesTable.name })
    .from(roleGrantsTable)
    .innerJoin(agenciesTable, eq(agenciesTable.id, roleGrantsTable.unitAgencyId))
    .where(inArray(roleGrantsTable.userId, ids))
    .orderBy(asc(agenciesTable.code), asc(roleGrantsTable.role));
  const totp = await db.select({ userId: totpCredentialsTable.userId, enabledAt: totpCredentialsTable.enabledAt }).from(totpCredentialsTable).where(inArray(totpCredentialsTable.userId, ids));
  const enrolled = new Set(totp.filter((t) => t.enabledAt).map((t) => t.userId));
  return users.map((u) => {
    const locked = u.lockedUntil !== null && u.lockedUntil > now;
    return {
      id: u.id,
      email: u.email,
      fullName: u.fullName,
      status: u.status,
      totpEnabled: enrolled.has(u.id),
      locked,
      lockedUntil: locked ? u.lockedUntil!.toISOString() : null,
      failedLoginCount: u.failedLoginCount,
      grants: grants.filter((g) => g.userId === u.id).map(({ userId: _userId, ...g }) => g),
    };
  });
}

export type OfficialSummary = Awaited<ReturnType<typeof presentOfficials>>[number];

async function getOfficial(db: DbExecutor, userId: string, { forUpdate = false } = {}) {
  const user = await createIdentityRepository({ db }).getUserById(userId, { forUpdate });
  if (!user || user.kind !== 'OFFICIAL') throw createUserNotFoundError({ message: 'Không tìm thấy cán bộ.', details: { userId } });
  return user;
}

/** One official as the administrator's pages show it. @throws identity.user_not_found */
export async function getOfficialSummary({ db, userId, now = new Date() }: { db: DbExecutor; userId: string; now?: Date }): Promise<OfficialSummary> {
  const [summary] = await presentOfficials(db, [await getOfficial(db, userId)], now);
  return summary!;
}

const passwordAlphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password of four groups of five characters (about 115 bits), easy to read out. */
export function createTemporaryPassword(): string {
  return Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => passwordAlphabet[randomInt(passwordAlphabet.length)]).join('')).join('-');
}

/**
 * Creates an official from the administrator's pages: like the CLI, with TOTP already enabled and
 * a one-time temporary password, all shown to the administrator once to hand over.
 *
 * @throws identity.unit_not_found, identity.email_taken
 */
export async function createOfficialByAdministrator({ db, config, input, actorUserId, client = {} }: {
  db: Database; config: PasswordPolicy & Pick<Config, 'temporaryPasswordHours'>; input: { email: string; fullName: string; unitId: string; role: OfficialRole }; actorUserId: string; client?: ClientInfo;
}) {
  const unit = await internalUnit(db, input.unitId, 'body.unitId');
  const temporaryPassword = createTemporaryPassword();
  const temporaryPasswordExpiresAt = new Date(Date.now() + config.temporaryPasswordHours * 3_600_000);
  try {
    const created = await createOfficial({ db, config, input: { email: input.email, password: temporaryPassword, fullName: input.fullName.trim(), unitCode: unit.code, role: input.role, temporaryPasswordExpiresAt }, actorUserId, client });
    return { official: await getOfficialSummary({ db, userId: created.user.id }), temporaryPassword, totpSecret: created.totpSecret, otpauthUri: created.otpauthUri, recoveryCodes: created.recoveryCodes };
  } catch (error) {
    if (error instanceof Error && (error as { code?: string }).code === createEmailTakenError.code) {
      throw createEmailTakenError({ errors: fieldProblem('body.email', 'Địa chỉ thư điện tử này đã được dùng cho một tài khoản khác.'), cause: error });
    }
    throw error;
  }
}

/**
 * Grants a role on a unit (optionally limited to fields) to an official.
 *
 * @throws identity.user_not_found, identity.unit_not_found, identity.field_not_found, identity.grant_exists
 */
export async function addGrant({ db, userId, input, actorUserId, client = {} }: {
  db: Database; userId: string; input: { role: OfficialRole; unitId: string; fieldCodes?: string[] }; actorUserId: string; client?: ClientInfo;
}) {
  const fieldCodes = [...new Set((input.fieldCodes ?? []).map((f) => f.trim()).filter(Boolean))];
  await db.transaction(async (tx) => {
    await getOfficial(tx, userId);
    const unit = await internalUnit(tx, input.unitId, 'body.unitId');
    if (fieldCodes.length > 0) {
      const known = new Set((await tx.select({ code: fieldsTable.code }).from(fieldsTable).where(inArray(fieldsTable.code, fieldCodes))).map((f) => f.code));
      const unknown = fieldCodes.filter((f) => !known.has(f));
      if (unknown.length > 0) throw createFieldNotFoundError({ message: `Không tìm thấy lĩnh vực: ${unknown.join(', ')}.`, errors: fieldProblem('body.fieldCodes', `Không tìm thấy lĩnh vực: ${unknown.join(', ')}.`), details: { unknown } });
    }
    const grant = await grantRoleTo({ db: tx, userId, role: input.role, unitId: unit.id, unitCode: unit.code, fieldCodes, actorUserId, ip: client.ip });
    if (!grant) throw createGrantExistsError({ errors: fieldProblem('body.role', 'Cán bộ đã có vai trò này tại đơn vị này.'), details: { role: input.role, unitCode: unit.code } });
  });
  return getOfficialSummary({ db, userId });
}

/**
 * Removes one grant of an official. The last ADMINISTRATOR grant of the system stays, so that
 * someone can always administer it.
 *
 * @throws identity.user_not_found, identity.grant_not_found, identity.last_administrator
 */
export async function revokeGrant({ db, userId, grantId, actorUserId, client = {} }: { db: Database; userId: string; grantId: string; actorUserId: string; client?: ClientInfo }) {
  await db.transaction(async (tx) => {
    await getOfficial(tx, userId);
    const [grant] = await tx
      .select({ id: roleGrantsTable.id, role: roleGrantsTable.role, fieldCodes: roleGrantsTable.fieldCodes, unitCode: agenciesTable.code })
      .from(roleGrantsTable)
      .innerJoin(agenciesTable, eq(agenciesTable.id, roleGrantsTable.unitAgencyId))
      .where(and(eq(roleGrantsTable.id, grantId), eq(roleGrantsTable.userId, userId)));
    if (!grant) throw createGrantNotFoundError({ details: { grantId } });
    if (grant.role === 'ADMINISTRATOR') {
      // Serialise removals of administrator grants, so two at once cannot remove the last two.
      const admins = await tx.select({ id: roleGrantsTable.id }).from(roleGrantsTable).where(eq(roleGrantsTable.role, 'ADMINISTRATOR')).for('update');
      if (admins.length <= 1) throw createLastAdministratorError();
    }
    await tx.delete(roleGrantsTable).where(eq(roleGrantsTable.id, grant.id));
    await recordAuditEvent({ db: tx, event: { actorUserId, action: 'ROLE_REVOKED', subject: `user:${userId}`, ip: client.ip, outcome: 'SUCCESS', details: { grantId: grant.id, role: grant.role, unitCode: grant.unitCode, fieldCodes: grant.fieldCodes } } });
  });
  return getOfficialSummary({ db, userId });
}

/** Lifts a lockout after failed sign-ins. @throws identity.user_not_found */
export async function unlockOfficial({ db, userId, actorUserId, client = {}, now = new Date() }: { db: Database; userId: string; actorUserId: string; client?: ClientInfo; now?: Date }) {
  await db.transaction(async (tx) => {
    const user = await getOfficial(tx, userId, { forUpdate: true });
    await createIdentityRepository({ db: tx }).updateUser(userId, { failedLoginCount: 0, lockedUntil: null });
    const wasLocked = user.lockedUntil !== null && user.lockedUntil > now;
    await recordAuditEvent({ db: tx, event: { actorUserId, action: 'ACCOUNT_UNLOCKED', subject: `user:${userId}`, ip: client.ip, outcome: 'SUCCESS', details: { wasLocked, failedLoginCount: user.failedLoginCount } } });
  });
  return getOfficialSummary({ db, userId, now });
}

/**
 * Replaces an official's TOTP secret and recovery codes (a lost phone) and ends their sessions;
 * the new secret is shown to the administrator once, to hand over.
 *
 * @throws identity.user_not_found
 */
export async function resetOfficialTotp({ db, userId, actorUserId, client = {} }: { db: Database; userId: string; actorUserId: string; client?: ClientInfo }) {
  const result = await db.transaction(async (tx) => {
    const user = await getOfficial(tx, userId);
    const { secret, recoveryCodes } = await enableTotpWithSecret({ db: tx, userId });
    const ended = await revokeAllSessions({ db: tx, userId });
    await recordAuditEvent({ db: tx, event: { actorUserId, action: 'TOTP_RESET', subject: `user:${userId}`, ip: client.ip, outcome: 'SUCCESS', details: { sessionsEnded: ended } } });
    return { totpSecret: secret, otpauthUri: totpUri({ secret, account: user.email ?? user.id }), recoveryCodes };
  });
  return { official: await getOfficialSummary({ db, userId }), ...result };
}

