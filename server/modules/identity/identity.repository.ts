/** Identity reads and writes. Plain rows out; unique violations become domain errors. */
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { UnitAddress } from '../../../common/administrative-units/index.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import { uniqueViolation } from '../../platform/db/db-errors.js';
import { createId } from '../../platform/db/ids.js';
import { agenciesTable } from '../catalog/index.js';
import { createEmailTakenError } from './identity.errors.js';
import {
  applicantProfilesTable,
  oneTimeTokensTable,
  organisationsTable,
  representativeAuthorisationsTable,
  roleGrantsTable,
  usersTable,
  type OfficialRole,
  type UserKind,
} from './identity.tables.js';

export type UserRow = typeof usersTable.$inferSelect;
type TokenPurpose = (typeof oneTimeTokensTable.$inferSelect)['purpose'];

function rethrowUnique(error: unknown): never {
  const constraint = uniqueViolation(error);
  if (constraint?.includes('email')) throw createEmailTakenError({ cause: error });
  throw error;
}

export function createIdentityRepository({ db }: { db: DbExecutor }) {
  return {
    async getUserById(userId: string, { forUpdate = false } = {}) {
      const query = db.select().from(usersTable).where(eq(usersTable.id, userId));
      const [row] = forUpdate ? await query.for('update') : await query;
      return row;
    },

    async getUserByEmail(email: string) {
      const [row] = await db.select().from(usersTable).where(eq(usersTable.email, email));
      return row;
    },

    async getUserByPhone(phone: string) {
      const [row] = await db.select().from(usersTable).where(eq(usersTable.phone, phone));
      return row;
    },

    async createUser(input: { kind: UserKind; email?: string | null; phone?: string | null; fullName: string; passwordHash: string | null; emailVerifiedAt?: Date | null; temporaryPasswordExpiresAt?: Date | null }) {
      try {
        const [row] = await db.insert(usersTable).values({ id: createId('usr'), ...input }).returning();
        return row!;
      } catch (e) {
        rethrowUnique(e);
      }
    },

    async updateUser(userId: string, changes: Partial<Pick<UserRow, 'fullName' | 'phone' | 'passwordHash' | 'temporaryPasswordExpiresAt' | 'emailVerifiedAt' | 'failedLoginCount' | 'lockedUntil' | 'status'>>) {
      try {
        const [row] = await db.update(usersTable).set({ ...changes, updatedAt: new Date() }).where(eq(usersTable.id, userId)).returning();
        return row;
      } catch (e) {
        rethrowUnique(e);
      }
    },

    async getProfile(userId: string) {
      const [row] = await db.select().from(applicantProfilesTable).where(eq(applicantProfilesTable.userId, userId));
      return row;
    },

    async upsertProfile(userId: string, changes: { personalIdNumber?: string | null; personalIdVerifiedAt?: Date | null; dateOfBirth?: string | null; address?: string | null; addressUnits?: UnitAddress | null }) {
      try {
        await db
          .insert(applicantProfilesTable)
          .values({ userId, ...changes })
          .onConflictDoUpdate({ target: applicantProfilesTable.userId, set: { ...changes, updatedAt: new Date() } });
      } catch (e) {
        rethrowUnique(e);
      }
    },

    async createOneTimeToken(input: { userId: string; purpose: TokenPurpose; tokenHash: string; expiresAt: Date }) {
      const id = createId('ott');
      await db.insert(oneTimeTokensTable).values({ id, ...input });
      return id;
    },

    /** Marks every unused token of the user for the purpose as used; returns how many. */
    async invalidateOneTimeTokens({ userId, purpose, now }: { userId: string; purpose: TokenPurpose; now: Date }) {
      const t = oneTimeTokensTable;
      const rows = await db.update(t).set({ usedAt: now }).where(and(eq(t.userId, userId), eq(t.purpose, purpose), isNull(t.usedAt))).returning({ id: t.id });
      return rows.length;
    },

    /** Tokens issued to the user for the purpose since the given time (used or not). */
    async countOneTimeTokensSince({ userId, purpose, since }: { userId: string; purpose: TokenPurpose; since: Date }) {
      const t = oneTimeTokensTable;
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(t).where(and(eq(t.userId, userId), eq(t.purpose, purpose), gt(t.createdAt, since)));
      return row?.n ?? 0;
    },

    /** Marks an unused, unexpired token as used in one statement; returns its user, or undefined. */
    async consumeOneTimeToken({ tokenHash, purpose, now }: { tokenHash: string; purpose: TokenPurpose; now: Date }) {
      const [row] = await db
        .update(oneTimeTokensTable)
        .set({ usedAt: now })
        .where(and(eq(oneTimeTokensTable.tokenHash, tokenHash), eq(oneTimeTokensTable.purpose, purpose), isNull(oneTimeTokensTable.usedAt), gt(oneTimeTokensTable.expiresAt, now)))
        .returning({ userId: oneTimeTokensTable.userId });
      return row;
    },

    async listGrants(userId: string) {
      return db
        .select({
          id: roleGrantsTable.id,
          role: roleGrantsTable.role,
          fieldCodes: roleGrantsTable.fieldCodes,
          unitId: agenciesTable.id,
          unitCode: agenciesTable.code,
          unitName: agenciesTable.name,
        })
        .from(roleGrantsTable)
        .innerJoin(agenciesTable, eq(agenciesTable.id, roleGrantsTable.unitAgencyId))
        .where(eq(roleGrantsTable.userId, userId))
        .orderBy(asc(agenciesTable.code), asc(roleGrantsTable.role));
    },

    /** Adds a grant; returns undefined when the same role on the same unit already exists. */
    async createGrant(input: { userId: string; role: OfficialRole; unitAgencyId: string; fieldCodes?: string[]; grantedByUserId?: string | null }) {
      const [row] = await db
        .insert(roleGrantsTable)
        .values({ id: createId('grt'), ...input, fieldCodes: input.fieldCodes ?? [] })
        .onConflictDoNothing()
        .returning();
      return row;
    },

    async getAgencyByCode(code: string) {
      const [row] = await db.select().from(agenciesTable).where(eq(agenciesTable.code, code));
      return row;
    },

    async listAgencies() {
      return db.select().from(agenciesTable).orderBy(asc(agenciesTable.code));
    },

    /** Authorisations the user holds as a representative, in force on the given date (YYYY-MM-DD). */
    async listRepresentationsOf(userId: string, onDate: string) {
      const rows = await db
        .select({ a: representativeAuthorisationsTable, personName: usersTable.fullName, organisationName: organisationsTable.name, taxCode: organisationsTable.taxCode, organisationStatus: organisationsTable.verificationStatus })
        .from(representativeAuthorisationsTable)
        .leftJoin(usersTable, eq(usersTable.id, representativeAuthorisationsTable.principalUserId))
        .leftJoin(organisationsTable, eq(organisationsTable.id, representativeAuthorisationsTable.principalOrganisationId))
        .where(and(
          eq(representativeAuthorisationsTable.representativeUserId, userId),
          sql`${representativeAuthorisationsTable.validFrom} <= ${onDate}`,
          sql`(${representativeAuthorisationsTable.validTo} IS NULL OR ${representativeAuthorisationsTable.validTo} >= ${onDate})`,
        ))
        .orderBy(asc(representativeAuthorisationsTable.validFrom));
      return rows.map(({ a, personName, organisationName, taxCode, organisationStatus }) => ({
        ...a,
        principalName: (a.principalOrganisationId ? organisationName : personName) ?? '',
        principalTaxCode: taxCode,
        principalVerified: a.principalOrganisationId ? organisationStatus === 'VERIFIED' : true,
      }));
    },
  };
}

export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
