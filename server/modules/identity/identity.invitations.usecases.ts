/**
 * Invitations to join an organisation or to act as a representative. The inviter's request only
 * records the invitation and queues the `identity.invitation-mail` job, with the same answer for
 * any address, so it tells nothing about which addresses have accounts; nothing of the invitee
 * is shown to the inviter and nothing is linked to them until they accept, signed in with the
 * verified address the invitation was sent to (in their account, or by the mail's link).
 */
import { and, asc, desc, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Config } from '../../platform/config/config.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import { enqueueInTransaction } from '../../platform/jobs/job-queue.js';
import { enqueueMail } from '../../platform/mail/mail.jobs.js';
import type { ClientInfo } from './identity.deps.js';
import { createInvitationNotFoundError, createOrganisationNotFoundError, createTokenInvalidError } from './identity.errors.js';
import { createRandomToken, hashToken, normalizeEmail } from './identity.models.js';
import { membership, type RepresentativeInput } from './identity.organisations.usecases.js';
import { invitationsTable, organisationMembersTable, organisationsTable, representativeAuthorisationsTable, usersTable } from './identity.tables.js';

export const IDENTITY_INVITATION_MAIL = 'identity.invitation-mail';
export const INVITATION_DAYS = 14;
export const PENDING_LABEL = 'Đang chờ chấp nhận';

export interface InvitationMailJobData {
  invitationId: string;
}

/** What the inviter gets, the same for every address. */
function sentAnswer(id: string) {
  return { invitationId: id, status: 'PENDING' as const, message: 'Đã gửi lời mời. Người được mời cần đăng nhập bằng địa chỉ thư điện tử này và chấp nhận lời mời.' };
}

async function createInvitation(db: Database, values: Omit<typeof invitationsTable.$inferInsert, 'id' | 'emailNormalized' | 'expiresAt' | 'status'>, client: ClientInfo, now = new Date()) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(invitationsTable).values({
      ...values,
      id: createId('inv'),
      email: values.email.trim(),
      emailNormalized: normalizeEmail(values.email),
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
    }).returning();
    await enqueueInTransaction<InvitationMailJobData>(tx, IDENTITY_INVITATION_MAIL, { invitationId: row!.id });
    await recordAuditEvent({ db: tx, event: { actorUserId: values.createdByUserId, action: 'INVITATION_SENT', subject: `invitation:${row!.id}`, ip: client.ip, outcome: 'SUCCESS', details: { kind: row!.kind, organisationId: row!.organisationId } } });
    return sentAnswer(row!.id);
  });
}

/**
 * Invites an address to become a member. Owners only. The same answer for any address.
 *
 * @throws identity.organisation_not_found (404: not a member, or not an owner)
 */
export async function inviteOrganisationMember({ db, userId, organisationId, email, client = {} }: { db: Database; userId: string; organisationId: string; email: string; client?: ClientInfo }) {
  if (!(await membership(db, userId, organisationId, 'OWNER'))) throw createOrganisationNotFoundError();
  return createInvitation(db, { kind: 'MEMBER', organisationId, email, role: 'MEMBER', createdByUserId: userId }, client);
}

/**
 * Invites an address to act for the caller, or for an organisation the caller owns. The same
 * answer for any address.
 *
 * @throws identity.organisation_not_found (404)
 */
export async function inviteRepresentative({ db, userId, input, client = {} }: { db: Database; userId: string; input: RepresentativeInput; client?: ClientInfo }) {
  if (input.organisationId && !(await membership(db, userId, input.organisationId, 'OWNER'))) throw createOrganisationNotFoundError();
  return createInvitation(db, {
    kind: 'REPRESENTATIVE',
    organisationId: input.organisationId ?? null,
    principalUserId: input.organisationId ? null : userId,
    email: input.representativeEmail,
    details: { scope: input.scope.trim(), validFrom: input.validFrom, validTo: input.validTo ?? null, documentReference: input.documentReference.trim() },
    createdByUserId: userId,
  }, client);
}

/**
 * The work of the `identity.invitation-mail` job: issues the link token and queues the mail, an
 * invitation to accept for an address with an account, to register and accept for one without.
 * Returns what happened (for the job log).
 */
export async function issueInvitationMail({ db, config, invitationId, now = new Date() }: { db: Database; config: Pick<Config, 'publicUrl'>; invitationId: string; now?: Date }) {
  return db.transaction(async (tx) => {
    const [inv] = await tx.select().from(invitationsTable).where(and(eq(invitationsTable.id, invitationId), eq(invitationsTable.status, 'PENDING'))).for('update');
    if (!inv || inv.expiresAt <= now) return 'not_pending' as const;
    const [inviter] = await tx.select({ fullName: usersTable.fullName }).from(usersTable).where(eq(usersTable.id, inv.createdByUserId));
    const [org] = inv.organisationId ? await tx.select({ name: organisationsTable.name }).from(organisationsTable).where(eq(organisationsTable.id, inv.organisationId)) : [];
    const [account] = await tx.select({ id: usersTable.id }).from(usersTable).where(and(eq(usersTable.email, inv.emailNormalized), eq(usersTable.kind, 'APPLICANT')));
    const token = createRandomToken();
    await tx.update(invitationsTable).set({ tokenHash: hashToken(token), updatedAt: now }).where(eq(invitationsTable.id, inv.id));
    const what = inv.kind === 'MEMBER'
      ? `tham gia tổ chức "${org?.name ?? ''}" với vai trò thành viên`
      : `làm người được ủy quyền${org ? ` của tổ chức "${org.name}"` : ''} (phạm vi: ${inv.details?.scope ?? ''})`;
    const link = `${config.publicUrl}/loi-moi?token=${encodeURIComponent(token)}`;
    const how = account
      ? `Để chấp nhận hoặc từ chối, hãy đăng nhập và mở liên kết sau`
      : `Địa chỉ này chưa có tài khoản OpenDVC. Hãy đăng ký tài khoản bằng chính địa chỉ thư điện tử này, xác minh địa chỉ, rồi mở liên kết sau để chấp nhận`;
    await enqueueMail(tx, {
      to: inv.emailNormalized,
      subject: 'Lời mời trên Cổng dịch vụ công — OpenDVC',
      text: `Xin chào,\n\n${inviter?.fullName ?? 'Một người dùng'} mời bạn ${what}.\n${how} (hiệu lực đến ${inv.expiresAt.toISOString().slice(0, 10)}):\n\n${link}\n\nNếu bạn không biết người mời, hãy bỏ qua thư này; không có gì thay đổi khi bạn chưa chấp nhận.\n`,
    });
    return account ? 'sent_to_account' as const : 'sent_to_new_address' as const;
  });
}

/** Invitations waiting for an answer, as the inviter sees them: the address typed, never the invitee. */
export async function listPendingInvitations({ db, kind, organisationIds = [], principalUserId, now = new Date() }: { db: DbExecutor; kind: 'MEMBER' | 'REPRESENTATIVE'; organisationIds?: string[]; principalUserId?: string; now?: Date }) {
  const t = invitationsTable;
  const owners = [
    ...(organisationIds.length > 0 ? [inArray(t.organisationId, organisationIds)] : []),
    ...(principalUserId ? [and(eq(t.principalUserId, principalUserId), isNull(t.organisationId))] : []),
  ];
  if (owners.length === 0) return [];
  const rows = await db.select().from(t).where(and(eq(t.kind, kind), eq(t.status, 'PENDING'), gt(t.expiresAt, now), or(...owners))).orderBy(asc(t.createdAt), asc(t.id));
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    organisationId: r.organisationId,
    status: 'PENDING' as const,
    statusLabel: PENDING_LABEL,
    expiresAt: r.expiresAt.toISOString(),
    ...(r.details ? { scope: r.details.scope, validFrom: r.details.validFrom, validTo: r.details.validTo, documentReference: r.details.documentReference } : {}),
  }));
}

/** The signed-in applicant's verified address, or undefined (then nothing is addressed to them). */
async function verifiedEmailOf(db: DbExecutor, userId: string) {
  const [user] = await db.select().from(usersTable).where(eq(usersTable.id, userId));
  return user && user.kind === 'APPLICANT' && user.status === 'ACTIVE' && user.email && user.emailVerifiedAt ? user.email : undefined;
}

/** Pending invitations sent to the caller's verified address. */
export async function listMyInvitations({ db, userId, now = new Date() }: { db: DbExecutor; userId: string; now?: Date }) {
  const email = await verifiedEmailOf(db, userId);
  if (!email) return [];
  const t = invitationsTable;
  const rows = await db.select({ inv: t, organisationName: organisationsTable.name, inviterName: usersTable.fullName })
    .from(t)
    .leftJoin(organisationsTable, eq(organisationsTable.id, t.organisationId))
    .innerJoin(usersTable, eq(usersTable.id, t.createdByUserId))
    .where(and(eq(t.emailNormalized, email), eq(t.status, 'PENDING'), gt(t.expiresAt, now)))
    .orderBy(desc(t.createdAt), asc(t.id));
  return rows.map(({ inv, organisationName, inviterName }) => ({
    id: inv.id,
    kind: inv.kind,
    invitedBy: inviterName,
    organisationName,
    scope: inv.details?.scope ?? null,
    validFrom: inv.details?.validFrom ?? null,
    validTo: inv.details?.validTo ?? null,
    documentReference: inv.details?.documentReference ?? null,
    expiresAt: inv.expiresAt.toISOString(),
  }));
}

type Decision = 'accept' | 'decline';

/**
 * Accepts or declines an invitation, found by id or by the mail's token, for the signed-in
 * applicant whose verified address it was sent to. Accepting creates the membership or the
 * authorisation.
 *
 * @throws identity.invitation_not_found (404) for an unknown id, another person's invitation, or one no longer pending; auth.token_invalid (400) likewise for a token
 */
export async function respondToInvitation({ db, userId, invitationId, token, decision, client = {}, now = new Date() }: { db: Database; userId: string; invitationId?: string; token?: string; decision: Decision; client?: ClientInfo; now?: Date }) {
  const notFound = () => (token !== undefined ? createTokenInvalidError() : createInvitationNotFoundError());
  const email = await verifiedEmailOf(db, userId);
  if (!email || (invitationId === undefined && token === undefined)) throw notFound();
  return db.transaction(async (tx) => {
    const t = invitationsTable;
    const [inv] = await tx.select().from(t).where(invitationId !== undefined ? eq(t.id, invitationId) : eq(t.tokenHash, hashToken(token!))).for('update');
    if (!inv || inv.status !== 'PENDING' || inv.emailNormalized !== email || inv.principalUserId === userId) throw notFound();
    if (inv.expiresAt <= now) {
      await tx.update(t).set({ status: 'EXPIRED', updatedAt: now }).where(eq(t.id, inv.id));
      // The status change stays although the request fails.
      return { expired: true as const };
    }
    if (decision === 'accept') {
      if (inv.kind === 'MEMBER') {
        await tx.insert(organisationMembersTable).values({ organisationId: inv.organisationId!, userId, role: 'MEMBER' }).onConflictDoNothing();
      } else {
        const d = inv.details!;
        await tx.insert(representativeAuthorisationsTable).values({
          id: createId('rep'),
          representativeUserId: userId,
          principalUserId: inv.principalUserId,
          principalOrganisationId: inv.organisationId,
          scope: d.scope,
          validFrom: d.validFrom,
          validTo: d.validTo,
          documentReference: d.documentReference,
        });
      }
    }
    const status = decision === 'accept' ? 'ACCEPTED' as const : 'DECLINED' as const;
    await tx.update(t).set({ status, acceptedByUserId: decision === 'accept' ? userId : null, respondedAt: now, updatedAt: now }).where(eq(t.id, inv.id));
    await recordAuditEvent({ db: tx, event: { actorUserId: userId, action: decision === 'accept' ? 'INVITATION_ACCEPTED' : 'INVITATION_DECLINED', subject: `invitation:${inv.id}`, ip: client.ip, outcome: 'SUCCESS', details: { kind: inv.kind, organisationId: inv.organisationId } } });
    return { expired: false as const, id: inv.id, kind: inv.kind, status };
  }).then((result) => {
    if (result.expired) throw notFound();
    return result;
  });
}
