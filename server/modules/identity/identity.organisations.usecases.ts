/**
 * Businesses and organisations an applicant belongs to, and authorised representatives
 * (người được ủy quyền) acting for an applicant or an organisation. Policy near the data: every
 * query is filtered by the caller's membership, so a foreign organisation is simply not found.
 */
import { and, asc, desc, eq, inArray, or } from 'drizzle-orm';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import type { ClientInfo } from './identity.deps.js';
import { createOrganisationNotFoundError, createRepresentativeNotFoundError } from './identity.errors.js';
import { listPendingInvitations } from './identity.invitations.usecases.js';
import { addressChanges } from './identity.profile.usecases.js';
import { organisationMembersTable, organisationsTable, representativeAuthorisationsTable, usersTable, type OrganisationVerificationStatus } from './identity.tables.js';

type MemberRole = 'OWNER' | 'MEMBER';

/** The organisation if the user is a member (with at least `role` when asked), else undefined. */
export async function membership(db: DbExecutor, userId: string, organisationId: string, role?: MemberRole) {
  const [row] = await db.select({ org: organisationsTable, role: organisationMembersTable.role })
    .from(organisationMembersTable)
    .innerJoin(organisationsTable, eq(organisationsTable.id, organisationMembersTable.organisationId))
    .where(and(eq(organisationMembersTable.userId, userId), eq(organisationMembersTable.organisationId, organisationId)));
  if (!row || (role === 'OWNER' && row.role !== 'OWNER')) return undefined;
  return row;
}

/** What an organisation's verification status means for its members, in Vietnamese. */
export const verificationLabels: Record<OrganisationVerificationStatus, string> = {
  UNVERIFIED: 'Chưa xác minh',
  PENDING: 'Chưa xác minh — đang chờ duyệt giấy tờ',
  VERIFIED: 'Đã xác minh',
  REFUSED: 'Chưa xác minh — giấy tờ bị từ chối',
};

const organisationColumns = {
  id: organisationsTable.id,
  taxCode: organisationsTable.taxCode,
  name: organisationsTable.name,
  address: organisationsTable.address,
  addressUnits: organisationsTable.addressUnits,
  verificationStatus: organisationsTable.verificationStatus,
  refusalReason: organisationsTable.refusalReason,
  proofFileName: organisationsTable.proofFileName,
  role: organisationMembersTable.role,
};

type OrganisationRow = { verificationStatus: OrganisationVerificationStatus; refusalReason: string | null; proofFileName: string | null };

/** How an organisation is shown to its members: its status, and what to do while unverified. */
export function presentOrganisation<T extends OrganisationRow>(row: T) {
  const { verificationStatus: status, refusalReason, proofFileName, ...rest } = row;
  return { ...rest, verificationStatus: status, verified: status === 'VERIFIED', verificationLabel: verificationLabels[status], refusalReason, proofFileName };
}

/**
 * Registers a claim to an organisation with the caller as its owner. The claim is unverified:
 * nobody files in its name until its ownership is proven. The answer is the same whether or not
 * the tax code is already registered by someone else (several claims may name one tax code; at
 * most one is verified), so it reveals nothing about other accounts. A caller who already holds
 * a claim to the tax code gets that claim back.
 */
export async function createOrganisation({ db, userId, input, client = {} }: { db: Database; userId: string; input: { taxCode: string; name: string; address?: string | null; addressUnits?: { provinceCode: string; communeCode: string; detail?: string } | null }; client?: ClientInfo }) {
  const address = addressChanges({ address: input.address ?? undefined, addressUnits: input.addressUnits ?? undefined });
  return db.transaction(async (tx) => {
    const [mine] = await tx.select(organisationColumns)
      .from(organisationMembersTable)
      .innerJoin(organisationsTable, eq(organisationsTable.id, organisationMembersTable.organisationId))
      .where(and(eq(organisationMembersTable.userId, userId), eq(organisationsTable.taxCode, input.taxCode)));
    if (mine) return presentOrganisation(mine);
    const [org] = await tx.insert(organisationsTable).values({ id: createId('org'), taxCode: input.taxCode, name: input.name.trim(), address: address.address ?? null, addressUnits: address.addressUnits ?? null }).returning();
    await tx.insert(organisationMembersTable).values({ organisationId: org!.id, userId, role: 'OWNER' });
    await recordAuditEvent({ db: tx, event: { actorUserId: userId, action: 'ORGANISATION_CREATED', subject: `organisation:${org!.id}`, ip: client.ip, outcome: 'SUCCESS', details: { taxCode: org!.taxCode, verificationStatus: org!.verificationStatus } } });
    return presentOrganisation({ ...org!, role: 'OWNER' as const });
  });
}

/** The caller's organisations with their role in each. */
export async function listMyOrganisations({ db, userId }: { db: DbExecutor; userId: string }) {
  const rows = await db.select(organisationColumns)
    .from(organisationMembersTable)
    .innerJoin(organisationsTable, eq(organisationsTable.id, organisationMembersTable.organisationId))
    .where(eq(organisationMembersTable.userId, userId))
    .orderBy(asc(organisationsTable.name));
  return rows.map(presentOrganisation);
}

/**
 * An organisation of the caller with its members.
 *
 * @throws identity.organisation_not_found (404) when the caller is not a member
 */
export async function getMyOrganisation({ db, userId, organisationId }: { db: DbExecutor; userId: string; organisationId: string }) {
  const found = await membership(db, userId, organisationId);
  if (!found) throw createOrganisationNotFoundError();
  const members = await db.select({ userId: usersTable.id, fullName: usersTable.fullName, email: usersTable.email, role: organisationMembersTable.role })
    .from(organisationMembersTable)
    .innerJoin(usersTable, eq(usersTable.id, organisationMembersTable.userId))
    .where(eq(organisationMembersTable.organisationId, organisationId))
    .orderBy(asc(usersTable.fullName));
  // Invitations not yet accepted: the address the owner typed, nothing of the invitee.
  const invitations = (await listPendingInvitations({ db, kind: 'MEMBER', organisationIds: [organisationId] })).map(({ id, email, status, statusLabel, expiresAt }) => ({ id, email, status, statusLabel, expiresAt }));
  return { ...presentOrganisation({ id: found.org.id, taxCode: found.org.taxCode, name: found.org.name, address: found.org.address, addressUnits: found.org.addressUnits, role: found.role, verificationStatus: found.org.verificationStatus, refusalReason: found.org.refusalReason, proofFileName: found.org.proofFileName }), members, invitations };
}

export interface RepresentativeInput {
  representativeEmail: string;
  organisationId?: string | null;
  scope: string;
  validFrom: string;
  validTo?: string | null;
  documentReference: string;
}

/** Who may act for the caller or the caller's organisations, with validity and whether in force today. */
export async function listMyRepresentatives({ db, userId, today = new Date().toISOString().slice(0, 10) }: { db: DbExecutor; userId: string; today?: string }) {
  const orgIds = (await listMyOrganisations({ db, userId })).map((o) => o.id);
  return listRepresentativesOf({ db, userId, orgIds, today });
}

/** Invitations to represent the caller or the caller's organisations that wait for an answer. */
export async function listMyRepresentativeInvitations({ db, userId }: { db: DbExecutor; userId: string }) {
  const orgIds = (await listMyOrganisations({ db, userId })).map((o) => o.id);
  return listPendingInvitations({ db, kind: 'REPRESENTATIVE', organisationIds: orgIds, principalUserId: userId });
}

async function listRepresentativesOf({ db, userId, orgIds, today }: { db: DbExecutor; userId: string; orgIds: string[]; today: string }) {
  const t = representativeAuthorisationsTable;
  const rows = await db.select({ a: t, fullName: usersTable.fullName, email: usersTable.email, organisationName: organisationsTable.name })
    .from(t)
    .innerJoin(usersTable, eq(usersTable.id, t.representativeUserId))
    .leftJoin(organisationsTable, eq(organisationsTable.id, t.principalOrganisationId))
    .where(orgIds.length > 0 ? or(eq(t.principalUserId, userId), inArray(t.principalOrganisationId, orgIds)) : eq(t.principalUserId, userId))
    .orderBy(asc(t.validFrom), asc(t.id));
  return rows.map(({ a, fullName, email, organisationName }) => ({
    id: a.id,
    representative: { userId: a.representativeUserId, fullName, email },
    organisationId: a.principalOrganisationId,
    organisationName,
    scope: a.scope,
    validFrom: a.validFrom,
    validTo: a.validTo,
    documentReference: a.documentReference,
    inForce: a.validFrom <= today && (a.validTo === null || a.validTo >= today),
  }));
}

/** Authorisations in which the caller is the representative: whom they may act for. */
export async function listRepresentationsOfMe({ db, userId, today = new Date().toISOString().slice(0, 10) }: { db: DbExecutor; userId: string; today?: string }) {
  const t = representativeAuthorisationsTable;
  const rows = await db.select({ a: t, personName: usersTable.fullName, organisationName: organisationsTable.name, taxCode: organisationsTable.taxCode })
    .from(t)
    .leftJoin(usersTable, eq(usersTable.id, t.principalUserId))
    .leftJoin(organisationsTable, eq(organisationsTable.id, t.principalOrganisationId))
    .where(eq(t.representativeUserId, userId))
    .orderBy(desc(t.validFrom), asc(t.id));
  return rows.map(({ a, personName, organisationName, taxCode }) => ({
    id: a.id,
    principal: a.principalOrganisationId
      ? { kind: 'ORGANISATION' as const, name: organisationName ?? '', taxCode }
      : { kind: 'PERSON' as const, name: personName ?? '', taxCode: null },
    scope: a.scope,
    validFrom: a.validFrom,
    validTo: a.validTo,
    documentReference: a.documentReference,
    inForce: a.validFrom <= today && (a.validTo === null || a.validTo >= today),
  }));
}

/**
 * Ends an authorisation the caller gave, for themselves or for an organisation they own, from
 * today on: it stays on record as valid until yesterday, or is removed when it had not started
 * before today. Ending an authorisation that is already over changes nothing.
 *
 * @throws identity.representative_not_found (404) when the caller did not give it, or is not an owner of its organisation
 */
export async function revokeRepresentative({ db, userId, authorisationId, client = {}, now = new Date() }: { db: Database; userId: string; authorisationId: string; client?: ClientInfo; now?: Date }) {
  const t = representativeAuthorisationsTable;
  const [row] = await db.select().from(t).where(eq(t.id, authorisationId));
  const allowed = row && (row.principalUserId === userId || (row.principalOrganisationId && (await membership(db, userId, row.principalOrganisationId, 'OWNER'))));
  if (!row || !allowed) throw createRepresentativeNotFoundError();
  const today = now.toISOString().slice(0, 10);
  if (row.validTo !== null && row.validTo < today) return;
  const yesterday = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
  const started = row.validFrom <= yesterday;
  await db.transaction(async (tx) => {
    if (started) await tx.update(t).set({ validTo: yesterday, updatedAt: now }).where(eq(t.id, row.id));
    else await tx.delete(t).where(eq(t.id, row.id));
    await recordAuditEvent({ db: tx, event: { actorUserId: userId, action: 'REPRESENTATIVE_REVOKED', subject: `representative_authorisation:${row.id}`, ip: client.ip, outcome: 'SUCCESS', details: { representativeUserId: row.representativeUserId, organisationId: row.principalOrganisationId, validTo: started ? yesterday : null, removed: !started } } });
  });
}
