/**
 * Proving who owns an organisation. A registered organisation is a claim: its owner either signs
 * in through the national portal with an organisation account (whose tax code claim verifies it),
 * or uploads a proof (business registration certificate) that an administrator checks and then
 * verifies or refuses with a reason. At most one claim per tax code is verified; the owner is
 * told by mail. Every decision is audited.
 */
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { uniqueViolation } from '../../platform/db/db-errors.js';
import { createId } from '../../platform/db/ids.js';
import { storedFileName, storeUpload, type IncomingFile, type MalwareScanner } from '../../platform/files/index.js';
import { enqueueMail } from '../../platform/mail/mail.jobs.js';
import type { ObjectStorage } from '../../platform/storage/object-storage.js';
import type { ClientInfo } from './identity.deps.js';
import {
  createOrganisationAlreadyVerifiedError, createOrganisationClaimNotFoundError, createOrganisationNotFoundError,
  createOrganisationNotPendingError, createOrganisationProofInfectedError, createOrganisationProofLockedError,
} from './identity.errors.js';
import { isValidTaxCode } from './identity.models.js';
import { membership, presentOrganisation } from './identity.organisations.usecases.js';
import { organisationMembersTable, organisationsTable, usersTable } from './identity.tables.js';

/** A proof is a scan or a PDF of the certificate. */
export const PROOF_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export interface ProofDeps {
  db: Database;
  storage: ObjectStorage;
  scanner: MalwareScanner;
  maxBytes: number;
}

/**
 * The caller owns the organisation and it takes a proof (neither verified nor waiting).
 *
 * @throws identity.organisation_not_found (404), identity.organisation_proof_locked (409)
 */
export async function assertMayProveOwnership({ db, userId, organisationId }: { db: DbExecutor; userId: string; organisationId: string }) {
  const found = await membership(db, userId, organisationId, 'OWNER');
  if (!found) throw createOrganisationNotFoundError();
  if (found.org.verificationStatus === 'VERIFIED' || found.org.verificationStatus === 'PENDING') throw createOrganisationProofLockedError();
}

/**
 * The owner submits (or replaces, after a refusal) the proof of ownership: stored, scanned clean,
 * and the claim waits for an administrator (PENDING).
 *
 * @throws identity.organisation_not_found (404) unless the caller owns it, identity.organisation_proof_locked (409),
 *   files.* (400/413/415), files.scanner_unavailable (503), identity.organisation_proof_infected (422)
 */
export async function submitOrganisationProof(deps: ProofDeps, { userId, organisationId, file, client = {}, now = new Date() }: {
  userId: string; organisationId: string; file: IncomingFile; client?: ClientInfo; now?: Date;
}) {
  const { db, storage, scanner } = deps;
  await assertMayProveOwnership({ db, userId, organisationId });
  const key = `organisations/${organisationId}/proof-${createId('prf')}`;
  const stored = await storeUpload(storage, file, { key, allowedTypes: PROOF_TYPES, maxBytes: deps.maxBytes, fieldPath: 'body.file' });
  try {
    // No quarantine here: a proof an administrator will open must be known clean first.
    const verdict = await scanner.scan({ key });
    if (verdict.status === 'infected') {
      throw createOrganisationProofInfectedError({ details: { signature: verdict.signature } });
    }
    const previousKey = await db.transaction(async (tx) => {
      const [locked] = await tx.select().from(organisationsTable).where(eq(organisationsTable.id, organisationId)).for('update');
      if (!locked || locked.verificationStatus === 'VERIFIED' || locked.verificationStatus === 'PENDING') throw createOrganisationProofLockedError();
      await tx.update(organisationsTable).set({
        verificationStatus: 'PENDING', refusalReason: null, proofStorageKey: key, proofFileName: storedFileName(file.declaredName, stored.ext),
        proofMediaType: stored.mediaType, proofSizeBytes: stored.size, proofSubmittedAt: now, updatedAt: now,
      }).where(eq(organisationsTable.id, organisationId));
      await recordAuditEvent({ db: tx, event: { actorUserId: userId, action: 'ORGANISATION_PROOF_SUBMITTED', subject: `organisation:${organisationId}`, ip: client.ip, outcome: 'SUCCESS', details: { taxCode: locked.taxCode, sha256: stored.sha256, sizeBytes: stored.size } } });
      return locked.proofStorageKey;
    });
    if (previousKey) await storage.delete(previousKey).catch(() => {});
  } catch (e) {
    await storage.delete(key).catch(() => {});
    throw e;
  }
  const fresh = await membership(db, userId, organisationId);
  return presentOrganisation({ id: fresh!.org.id, taxCode: fresh!.org.taxCode, name: fresh!.org.name, address: fresh!.org.address, addressUnits: fresh!.org.addressUnits, role: fresh!.role, verificationStatus: fresh!.org.verificationStatus, refusalReason: fresh!.org.refusalReason, proofFileName: fresh!.org.proofFileName });
}

/** Claims for administrators: those waiting (PENDING) by default, oldest first, with their owners and any verified organisation of the same tax code. */
export async function listOrganisationClaims({ db, status = 'PENDING' }: { db: DbExecutor; status?: 'PENDING' | 'UNVERIFIED' | 'REFUSED' | 'VERIFIED' }) {
  const rows = await db.select().from(organisationsTable).where(eq(organisationsTable.verificationStatus, status)).orderBy(asc(organisationsTable.proofSubmittedAt), asc(organisationsTable.createdAt)).limit(200);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const owners = await db.select({ organisationId: organisationMembersTable.organisationId, fullName: usersTable.fullName, email: usersTable.email })
    .from(organisationMembersTable).innerJoin(usersTable, eq(usersTable.id, organisationMembersTable.userId))
    .where(and(inArray(organisationMembersTable.organisationId, ids), eq(organisationMembersTable.role, 'OWNER')));
  const verified = await db.select({ id: organisationsTable.id, taxCode: organisationsTable.taxCode, name: organisationsTable.name }).from(organisationsTable)
    .where(and(inArray(organisationsTable.taxCode, rows.map((r) => r.taxCode)), eq(organisationsTable.verificationStatus, 'VERIFIED')));
  return rows.map((r) => ({
    id: r.id,
    taxCode: r.taxCode,
    name: r.name,
    address: r.address,
    verificationStatus: r.verificationStatus,
    refusalReason: r.refusalReason,
    proof: r.proofStorageKey ? { fileName: r.proofFileName ?? 'giay-to', mediaType: r.proofMediaType ?? 'application/octet-stream', sizeBytes: r.proofSizeBytes ?? 0, submittedAt: r.proofSubmittedAt?.toISOString() ?? null } : null,
    owners: owners.filter((o) => o.organisationId === r.id).map(({ fullName, email }) => ({ fullName, email })),
    verifiedSameTaxCode: verified.find((v) => v.taxCode === r.taxCode && v.id !== r.id) ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}

/**
 * The proof file of a claim, for an administrator (audited).
 *
 * @throws identity.organisation_claim_not_found (404) for an unknown claim or one without a proof
 */
export async function openOrganisationProof({ db, storage, adminUserId, organisationId, client = {} }: { db: Database; storage: ObjectStorage; adminUserId: string; organisationId: string; client?: ClientInfo }) {
  const [org] = await db.select().from(organisationsTable).where(eq(organisationsTable.id, organisationId));
  if (!org?.proofStorageKey) throw createOrganisationClaimNotFoundError();
  await recordAuditEvent({ db, event: { actorUserId: adminUserId, action: 'ORGANISATION_PROOF_VIEWED', subject: `organisation:${org.id}`, ip: client.ip, outcome: 'SUCCESS', details: { taxCode: org.taxCode } } });
  return { fileName: org.proofFileName ?? 'giay-to', mediaType: org.proofMediaType ?? 'application/octet-stream', sizeBytes: org.proofSizeBytes ?? 0, body: await storage.get(org.proofStorageKey) };
}

async function ownerAddresses(db: DbExecutor, organisationId: string) {
  const rows = await db.select({ email: usersTable.email }).from(organisationMembersTable).innerJoin(usersTable, eq(usersTable.id, organisationMembersTable.userId))
    .where(and(eq(organisationMembersTable.organisationId, organisationId), eq(organisationMembersTable.role, 'OWNER')));
  return rows.map((r) => r.email).filter((e): e is string => Boolean(e));
}

/**
 * An administrator's decision on a pending claim: VERIFIED (when no other claim of the tax code
 * is verified) or REFUSED with a reason. The owners are told by mail.
 *
 * @throws identity.organisation_claim_not_found (404), identity.organisation_not_pending (409), identity.organisation_already_verified (409)
 */
export async function decideOrganisationClaim({ db, adminUserId, organisationId, decision, reason, client = {}, now = new Date() }: {
  db: Database; adminUserId: string; organisationId: string; decision: 'VERIFY' | 'REFUSE'; reason?: string; client?: ClientInfo; now?: Date;
}) {
  try {
    return await db.transaction(async (tx) => {
      const [org] = await tx.select().from(organisationsTable).where(eq(organisationsTable.id, organisationId)).for('update');
      if (!org) throw createOrganisationClaimNotFoundError();
      if (org.verificationStatus !== 'PENDING') throw createOrganisationNotPendingError();
      if (decision === 'VERIFY') {
        const [other] = await tx.select({ id: organisationsTable.id }).from(organisationsTable)
          .where(and(eq(organisationsTable.taxCode, org.taxCode), eq(organisationsTable.verificationStatus, 'VERIFIED'), ne(organisationsTable.id, org.id)));
        if (other) throw createOrganisationAlreadyVerifiedError();
        await tx.update(organisationsTable).set({ verificationStatus: 'VERIFIED', verificationMethod: 'ADMIN_REVIEW', verifiedAt: now, verifiedByUserId: adminUserId, refusalReason: null, updatedAt: now }).where(eq(organisationsTable.id, org.id));
      } else {
        await tx.update(organisationsTable).set({ verificationStatus: 'REFUSED', refusalReason: reason ?? null, updatedAt: now }).where(eq(organisationsTable.id, org.id));
      }
      await recordAuditEvent({ db: tx, event: { actorUserId: adminUserId, action: decision === 'VERIFY' ? 'ORGANISATION_VERIFIED' : 'ORGANISATION_REFUSED', subject: `organisation:${org.id}`, ip: client.ip, outcome: 'SUCCESS', details: { taxCode: org.taxCode, ...(reason ? { reason } : {}) } } });
      const text = decision === 'VERIFY'
        ? `Xin chào,\n\nGiấy tờ chứng minh quyền sở hữu của tổ chức "${org.name}" (mã số thuế ${org.taxCode}) đã được xác minh. Từ nay các thành viên có thể nộp hồ sơ dịch vụ công nhân danh tổ chức.\n`
        : `Xin chào,\n\nGiấy tờ chứng minh quyền sở hữu của tổ chức "${org.name}" (mã số thuế ${org.taxCode}) chưa được chấp nhận.\nLý do: ${reason ?? ''}\n\nBạn có thể gửi lại giấy chứng nhận đăng ký doanh nghiệp tại mục "Tổ chức của tôi" trong tài khoản, hoặc đăng nhập bằng tài khoản định danh điện tử của tổ chức.\n`;
      for (const to of await ownerAddresses(tx, org.id)) {
        await enqueueMail(tx, { to, subject: decision === 'VERIFY' ? 'Tổ chức đã được xác minh — OpenDVC' : 'Xác minh tổ chức chưa được chấp nhận — OpenDVC', text });
      }
      return { id: org.id, verificationStatus: decision === 'VERIFY' ? 'VERIFIED' as const : 'REFUSED' as const };
    });
  } catch (e) {
    // Two verifications of one tax code at once: the unique index stops the second.
    if (uniqueViolation(e) !== undefined) throw createOrganisationAlreadyVerifiedError({ cause: e });
    throw e;
  }
}

/**
 * After a national sign-in whose claims carry an organisation's tax code (an organisation
 * account): the verified organisation of that tax code, the caller's own claim made verified, or
 * a new verified organisation; the caller becomes its owner. Nothing happens without a valid
 * tax code claim.
 */
export async function applyNationalOrganisationClaim({ db, userId, taxCode, name, now = new Date() }: { db: Database; userId: string; taxCode: unknown; name: unknown; now?: Date }) {
  if (typeof taxCode !== 'string' || !isValidTaxCode(taxCode.trim())) return undefined;
  const code = taxCode.trim();
  const orgName = typeof name === 'string' && name.trim().length >= 2 ? name.trim().slice(0, 300) : `Tổ chức ${code}`;
  const run = () => db.transaction(async (tx) => {
    const [verified] = await tx.select().from(organisationsTable).where(and(eq(organisationsTable.taxCode, code), eq(organisationsTable.verificationStatus, 'VERIFIED')));
    let organisationId = verified?.id;
    if (!organisationId) {
      const [mine] = await tx.select({ id: organisationsTable.id }).from(organisationMembersTable)
        .innerJoin(organisationsTable, eq(organisationsTable.id, organisationMembersTable.organisationId))
        .where(and(eq(organisationMembersTable.userId, userId), eq(organisationsTable.taxCode, code)));
      const values = { verificationStatus: 'VERIFIED' as const, verificationMethod: 'NATIONAL_SIGN_IN' as const, verifiedAt: now, refusalReason: null, name: orgName, updatedAt: now };
      if (mine) {
        await tx.update(organisationsTable).set(values).where(eq(organisationsTable.id, mine.id));
        organisationId = mine.id;
      } else {
        organisationId = createId('org');
        await tx.insert(organisationsTable).values({ id: organisationId, taxCode: code, ...values });
      }
    }
    await tx.insert(organisationMembersTable).values({ organisationId, userId, role: 'OWNER' })
      .onConflictDoUpdate({ target: [organisationMembersTable.organisationId, organisationMembersTable.userId], set: { role: 'OWNER' } });
    await recordAuditEvent({ db: tx, event: { actorUserId: userId, action: 'ORGANISATION_VERIFIED', subject: `organisation:${organisationId}`, outcome: 'SUCCESS', details: { taxCode: code, method: 'national_sso', existing: Boolean(verified) } } });
    return organisationId;
  });
  // Two first sign-ins at once: the loser of the verified tax code joins the winner's organisation.
  return run().catch((e: unknown) => {
    if (uniqueViolation(e) === undefined) throw e;
    return run();
  });
}
