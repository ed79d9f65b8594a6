/**
 * Who may call each route: the table the access-matrix test checks. Every route of the
 * contract needs an entry; a new route fails the test until its access is decided here.
 *
 * - `access`: `public` (anonymous callers are served), or the least a caller must be
 *   (`signed-in`, `official`, `admin`, `client` for a bearer token); anything but `public` answers 401 auth.unauthenticated
 *   to an anonymous caller.
 * - `as`: what each signed-in actor gets with the sample request. `otherApplicant` and
 *   `otherUnitOfficial` stand for callers who do not own the sample resource (expect 404);
 *   `client` is another system with a bearer token holding every scope.
 * - `scope`: for the routes an API client may call, the scope its token must hold (the route's
 *   `config.apiScope`; `any` for every client). The test checks that a token without it gets 403,
 *   one with only it does not, and that every /api route without a scope refuses clients.
 */
import { and, eq } from 'drizzle-orm';
import { createOfficial } from '../modules/identity/identity.admin.usecases.js';
import { createIdentityRepository } from '../modules/identity/identity.repository.js';
import { DEMO_BUSINESS_TAX_CODE, DEMO_UNIT_CODE } from '../modules/identity/identity.seed.js';
import { organisationsTable, type ApiScope } from '../modules/identity/identity.tables.js';
import { procedureCasesTable, procedureVersionsTable } from '../modules/catalog/catalog.tables.js';
import { dossiersTable } from '../modules/dossiers/dossiers.tables.js';
import { notificationsTable } from '../modules/notifications/notifications.tables.js';
import { createId } from '../platform/db/ids.js';
import type { TestContext } from './test-app.js';
import { NSW_PARTY, buildMessageXml, buildReceiveRequest } from '../../common/nsw/protocol.js';

export type ActorName = 'applicant' | 'otherApplicant' | 'business' | 'official' | 'admin' | 'otherUnitOfficial' | 'client';
/** A status, or a status and the problem code. */
export type Expectation = number | [number, string];

export interface Sample {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Rule {
  access: 'public' | 'signed-in' | 'official' | 'admin' | 'client';
  scope?: ApiScope | 'any';
  as?: Partial<Record<ActorName, Expectation>>;
  /** What an anonymous caller gets instead of the default (any non-401 for public routes). */
  anonymous?: Expectation;
  /** The request to send; a function when it depends on the actor or on data made for the test. */
  sample?: Sample | ((ctx: TestContext, actor?: ActorName) => Promise<Sample>);
}

const FORBIDDEN: Expectation = [403, 'auth.forbidden'];
const NOT_FOUND: Expectation = [404, 'identity.organisation_not_found'];

/** A request about the demo business (its owner is `business`); `asRepresentative` sends it as the principal of a representation. */
function demoBusiness(body?: unknown, asRepresentative = false): Rule['sample'] {
  return async (ctx) => {
    const [org] = await ctx.database.db.select().from(organisationsTable).where(and(eq(organisationsTable.taxCode, DEMO_BUSINESS_TAX_CODE), eq(organisationsTable.verificationStatus, 'VERIFIED')));
    if (!org) throw new Error('demo business missing');
    if (asRepresentative) return { body: { representativeEmail: 'representative@demo.opendvc.vn', organisationId: org.id, scope: 'Nộp hồ sơ thay doanh nghiệp', validFrom: '2026-01-01', documentReference: 'GUQ 02/2026' } };
    return { params: { organisationId: org.id }, body };
  };
}

/** An NSW receiveRequest for a procedure code the ministry does not take (answered with function 00). */
const nswSample: Rule['sample'] = {
  headers: { 'content-type': 'text/xml; charset=utf-8' },
  body: buildReceiveRequest({
    officeCode: 'BNNMT',
    documentType: 'BNNMT0000000',
    messageXml: buildMessageXml({
      messageId: 'access-matrix', from: NSW_PARTY, to: { ...NSW_PARTY, Identity: 'BNNMT', MinistryCode: 'BNNMT' },
      subject: { DocumentType: 'BNNMT0000000', Type: '10', Function: '01', Reference: 'NSW-ACCESS-MATRIX', SendDate: '2026-01-01 00:00:00' },
      content: { DocumentNo: 'NSW-ACCESS-MATRIX' },
    }),
  }),
};

const DOSSIER_NOT_FOUND: Expectation = [404, 'dossiers.not_found'];
const DOSSIER_CASE_NOT_FOUND: Expectation = [404, 'dossiers.case_not_found'];

/**
 * A fresh dossier of the demo citizen in the given status, made directly in the database (the
 * lifecycle itself is tested in modules/dossiers/e2e), for a request with `body`.
 */
function citizenDossier(status: 'DRAFT' | 'SUBMITTED', body?: unknown): Rule['sample'] {
  return async (ctx) => {
    const db = ctx.database.db;
    const citizen = await createIdentityRepository({ db }).getUserByEmail('citizen@demo.opendvc.vn');
    const unit = await createIdentityRepository({ db }).getAgencyByCode(DEMO_UNIT_CODE);
    const [kase] = await db.select({ id: procedureCasesTable.id, versionId: procedureCasesTable.versionId, procedureId: procedureVersionsTable.procedureId })
      .from(procedureCasesTable).innerJoin(procedureVersionsTable, eq(procedureVersionsTable.id, procedureCasesTable.versionId)).limit(1);
    const id = createId('dos');
    await db.insert(dossiersTable).values({
      id, procedureId: kase!.procedureId, versionId: kase!.versionId, caseId: kase!.id, applicantUserId: citizen!.id,
      applicant: { fullName: citizen!.fullName }, channel: 'ONLINE', status, receivingUnitId: unit!.id,
      answers: { purpose: 'x' }, code: status === 'DRAFT' ? null : `${DEMO_UNIT_CODE}-000101-${id.slice(-6)}`, submittedAt: status === 'DRAFT' ? null : new Date(),
    });
    return { params: { dossierId: id }, body };
  };
}

const NOTIFICATION_NOT_FOUND: Expectation = [404, 'notifications.not_found'];

/** A fresh notification of the demo citizen. */
const citizenNotification: Rule['sample'] = async (ctx) => {
  const db = ctx.database.db;
  const citizen = await createIdentityRepository({ db }).getUserByEmail('citizen@demo.opendvc.vn');
  const id = createId('ntf');
  await db.insert(notificationsTable).values({ id, userId: citizen!.id, kind: 'test', title: 'Thông báo thử', body: 'Nội dung', dedupeKey: id });
  return { params: { notificationId: id } };
};

const CATALOGUE_STAFF_ONLY: Rule['as'] = { applicant: FORBIDDEN, official: FORBIDDEN, otherUnitOfficial: FORBIDDEN, admin: FORBIDDEN, client: FORBIDDEN };
const DRAFT: Sample = { params: { draftId: 'cdraft_x' } };

const rules: Record<string, Rule> = {
  // Operations
  'GET /healthz': { access: 'public' },
  'GET /readyz': { access: 'public' },
  // Open outside production (the tests); production needs METRICS_TOKEN (metrics.test.ts).
  'GET /metrics': { access: 'public' },

  // Catalogue (levels 1–2): public
  'GET /api/v1/procedures': { access: 'public', scope: 'procedures:read', as: { applicant: 200, official: 200 } },
  'GET /api/v1/procedures/{code}': { access: 'public', scope: 'procedures:read' },
  'GET /api/v1/forms/{hash}/validator.js': { access: 'public', sample: { params: { hash: '0'.repeat(64) } } },
  'GET /api/v1/procedures/{code}/templates/{templateId}': { access: 'public', scope: 'procedures:read' },
  'GET /api/v1/fields': { access: 'public', scope: 'procedures:read', as: { applicant: 200 } },
  'GET /api/v1/agencies': { access: 'public', scope: 'procedures:read', as: { applicant: 200 } },

  // Accounts: the way in is public
  'GET /api/v1/auth/csrf': { access: 'public' },
  'POST /api/v1/auth/register': { access: 'public', sample: { body: {} } },
  'GET /api/v1/auth/verify-email': { access: 'public' },
  'POST /api/v1/auth/verify-email/resend': { access: 'public', sample: { body: {} } },
  'POST /api/v1/auth/verify-phone': { access: 'public', sample: { body: {} } },
  'POST /api/v1/auth/verify-phone/resend': { access: 'public', sample: { body: {} } },
  'POST /api/v1/auth/login': { access: 'public', sample: { body: {} } },
  'POST /api/v1/auth/password/forgot': { access: 'public', sample: { body: {} } },
  'POST /api/v1/auth/password/reset': { access: 'public', sample: { body: {} } },
  // National sign-on (off in this test configuration: a redirect to the portal page explaining auth.oidc_disabled)
  'GET /api/v1/auth/oidc/start': { access: 'public', anonymous: 302 },
  'GET /api/v1/auth/oidc/callback': { access: 'public', anonymous: 302 },

  // Accounts: one's own session and profile
  'POST /api/v1/auth/logout': { access: 'signed-in', as: { applicant: 204, official: 204 } },
  'POST /api/v1/auth/logout-everywhere': { access: 'signed-in', as: { applicant: 200 } },
  'GET /api/v1/me': { access: 'public', anonymous: 200, as: { applicant: 200, business: 200, official: 200, otherUnitOfficial: 200, client: FORBIDDEN } },
  'PATCH /api/v1/me/profile': { access: 'signed-in', sample: { body: {} }, as: { applicant: 200, official: 200 } },
  'POST /api/v1/me/password': { access: 'signed-in', sample: { body: {} }, as: { applicant: 400, official: 400, client: FORBIDDEN } },
  'POST /api/v1/me/phone/confirm': { access: 'signed-in', sample: { body: { code: '000000' } }, as: { applicant: 400, official: 400, client: FORBIDDEN } },

  // Officials' second factor
  'POST /api/v1/me/totp/enrolment': { access: 'official', sample: { body: {} }, as: { applicant: FORBIDDEN, otherUnitOfficial: 400 } },
  'POST /api/v1/me/totp/verify': { access: 'official', sample: { body: { code: '000000' } }, as: { applicant: FORBIDDEN, business: FORBIDDEN } },
  'POST /api/v1/me/totp/recovery-codes': { access: 'official', sample: { body: { code: '000000' } }, as: { applicant: FORBIDDEN } },

  // Organisations and representatives: applicants only; someone else's organisation is not found
  'GET /api/v1/organisations': { access: 'signed-in', as: { business: 200, applicant: 200, official: FORBIDDEN, client: FORBIDDEN } },
  'POST /api/v1/organisations': { access: 'signed-in', sample: { body: {} }, as: { applicant: 400, official: FORBIDDEN } },
  'GET /api/v1/organisations/{organisationId}': { access: 'signed-in', sample: demoBusiness(), as: { business: 200, otherApplicant: NOT_FOUND, official: FORBIDDEN } },
  'POST /api/v1/organisations/{organisationId}/proof': { access: 'signed-in', sample: demoBusiness(), as: { applicant: NOT_FOUND, business: [409, 'identity.organisation_proof_locked'], official: FORBIDDEN, client: FORBIDDEN } },
  'POST /api/v1/organisations/{organisationId}/members': { access: 'signed-in', sample: demoBusiness({ email: 'representative@demo.opendvc.vn' }), as: { applicant: NOT_FOUND, otherUnitOfficial: FORBIDDEN } },
  'GET /api/v1/representatives': { access: 'signed-in', as: { applicant: 200, business: 200, official: FORBIDDEN } },
  'GET /api/v1/representatives/received': { access: 'signed-in', as: { applicant: 200, business: 200, official: FORBIDDEN, client: FORBIDDEN } },
  'POST /api/v1/representatives/{authorisationId}/revoke': { access: 'signed-in', as: { applicant: [404, 'identity.representative_not_found'], business: [404, 'identity.representative_not_found'], official: FORBIDDEN } },
  'POST /api/v1/representatives': { access: 'signed-in', sample: demoBusiness(undefined, true), as: { applicant: NOT_FOUND, official: FORBIDDEN } },
  // Invitations: only the invitee, signed in with the invited verified address, answers them.
  'GET /api/v1/me/invitations': { access: 'signed-in', as: { applicant: 200, business: 200, official: FORBIDDEN, client: FORBIDDEN } },
  'POST /api/v1/me/invitations/{invitationId}/accept': { access: 'signed-in', as: { applicant: [404, 'identity.invitation_not_found'], business: [404, 'identity.invitation_not_found'], official: FORBIDDEN } },
  'POST /api/v1/me/invitations/{invitationId}/decline': { access: 'signed-in', as: { applicant: [404, 'identity.invitation_not_found'], business: [404, 'identity.invitation_not_found'], official: FORBIDDEN } },
  'POST /api/v1/me/invitations/by-token': { access: 'signed-in', sample: { body: { token: 'khong-hop-le', decision: 'accept' } }, as: { applicant: [400, 'auth.token_invalid'], business: [400, 'auth.token_invalid'], official: FORBIDDEN } },

  // Dossiers: applicants own theirs; officials see dossiers of their receiving unit; a foreign dossier is not found
  'POST /api/v1/dossiers': { access: 'signed-in', sample: { body: { procedureCode: '1.013302', caseCode: 'TH99' } }, as: { applicant: DOSSIER_CASE_NOT_FOUND, official: FORBIDDEN, client: FORBIDDEN } },
  'GET /api/v1/dossiers': { access: 'signed-in', as: { applicant: 200, business: 200, official: FORBIDDEN, client: FORBIDDEN } },
  'GET /api/v1/dossiers/{dossierId}': { access: 'signed-in', sample: citizenDossier('DRAFT'), as: { applicant: 200, otherApplicant: DOSSIER_NOT_FOUND, official: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND, client: FORBIDDEN } },
  'PATCH /api/v1/dossiers/{dossierId}': { access: 'signed-in', sample: citizenDossier('DRAFT', { answers: {} }), as: { applicant: 200, otherApplicant: DOSSIER_NOT_FOUND, official: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'DELETE /api/v1/dossiers/{dossierId}': { access: 'signed-in', sample: citizenDossier('DRAFT'), as: { applicant: 204, otherApplicant: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'POST /api/v1/dossiers/{dossierId}/attachments': { access: 'signed-in', sample: citizenDossier('DRAFT'), as: { applicant: 400, otherApplicant: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'GET /api/v1/dossiers/{dossierId}/attachments/{attachmentId}': { access: 'signed-in', sample: citizenDossier('SUBMITTED'), as: { applicant: [404, 'dossiers.attachment_not_found'], official: [404, 'dossiers.attachment_not_found'], otherApplicant: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'DELETE /api/v1/dossiers/{dossierId}/attachments/{attachmentId}': { access: 'signed-in', sample: citizenDossier('DRAFT'), as: { applicant: [404, 'dossiers.attachment_not_found'], otherApplicant: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'POST /api/v1/dossiers/{dossierId}/submit': { access: 'signed-in', sample: citizenDossier('DRAFT'), as: { applicant: [422, 'dossiers.answers_invalid'], otherApplicant: DOSSIER_NOT_FOUND, official: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'POST /api/v1/dossiers/{dossierId}/resubmit': { access: 'signed-in', sample: citizenDossier('SUBMITTED', {}), as: { applicant: [409, 'dossiers.not_awaiting_supplement'], otherApplicant: DOSSIER_NOT_FOUND, official: FORBIDDEN } },
  'POST /api/v1/dossiers/{dossierId}/withdraw': { access: 'signed-in', sample: citizenDossier('SUBMITTED', { reason: 'Không còn nhu cầu' }), as: { applicant: 200, otherApplicant: DOSSIER_NOT_FOUND, official: FORBIDDEN } },
  'GET /api/v1/dossiers/{dossierId}/events': { access: 'signed-in', sample: citizenDossier('SUBMITTED'), as: { applicant: 200, official: 200, otherApplicant: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'GET /api/v1/dossiers/{dossierId}/receipt.pdf': { access: 'signed-in', sample: citizenDossier('DRAFT'), as: { applicant: [404, 'dossiers.no_receipt'], otherApplicant: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'GET /api/v1/dossiers/{dossierId}/supplement-requests/{round}.pdf': { access: 'signed-in', sample: citizenDossier('SUBMITTED'), as: { applicant: [404, 'dossiers.supplement_request_not_found'], otherApplicant: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'GET /api/v1/dossiers/{dossierId}/refusal.pdf': { access: 'signed-in', sample: citizenDossier('SUBMITTED'), as: { applicant: [404, 'dossiers.not_refused'], otherApplicant: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'GET /api/v1/tracking': { access: 'public', sample: { query: 'code=000.00.01.G99-000101-0001&key=1234' }, anonymous: [404, 'dossiers.tracking_not_found'] },
  'GET /api/v1/dossiers/{dossierId}/payments': { access: 'signed-in', sample: citizenDossier('SUBMITTED'), as: { applicant: 200, official: 200, otherApplicant: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'POST /api/v1/dossiers/{dossierId}/payments': { access: 'official', sample: citizenDossier('SUBMITTED', {}), as: { applicant: FORBIDDEN, official: [409, 'payments.no_fee'], otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'POST /api/v1/dossiers/{dossierId}/payments/{paymentId}/checkout': {
    access: 'signed-in',
    sample: async (ctx) => {
      const s = await (citizenDossier('SUBMITTED', { provider: 'national' }) as (c: TestContext) => Promise<Sample>)(ctx);
      return { ...s, params: { ...s.params, paymentId: 'pay_unknown' } };
    },
    as: { applicant: [404, 'payments.not_found'], official: [404, 'payments.not_found'], otherApplicant: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND },
  },
  'GET /api/v1/payments/reconciliation': { access: 'official', as: { applicant: FORBIDDEN, official: [403, 'payments.not_accountant'], otherUnitOfficial: [403, 'payments.not_accountant'], client: FORBIDDEN, admin: 200 } },
  'POST /api/v1/payments/reconciliation/statements': {
    access: 'official', sample: { headers: { 'content-type': 'text/csv; charset=utf-8' }, body: 'Ngày,Số tiền,Nội dung\n04/12/2026,"1.000.000",CHUYEN KHOAN KHONG MA\n' },
    as: { applicant: FORBIDDEN, official: [403, 'payments.not_accountant'], otherUnitOfficial: [403, 'payments.not_accountant'], client: FORBIDDEN, admin: 200 },
  },
  'POST /api/v1/payments/reconciliation/resolutions': {
    access: 'official', sample: { body: { provider: 'vnpay', reference: 'DVCX', kind: 'PAID_THERE_NOT_HERE', reason: 'Đã đối chiếu với sao kê ngân hàng' } },
    as: { applicant: FORBIDDEN, official: [403, 'payments.not_accountant'], otherUnitOfficial: [403, 'payments.not_accountant'], client: FORBIDDEN, admin: 201 },
  },
  'POST /api/v1/payments/{paymentId}/refunds': {
    access: 'official', sample: { params: { paymentId: 'pay_unknown' }, body: { reason: 'Hoàn phí nộp thừa' } },
    as: { applicant: FORBIDDEN, official: [403, 'payments.not_accountant'], otherUnitOfficial: [403, 'payments.not_accountant'], client: FORBIDDEN, admin: [404, 'payments.not_found'] },
  },
  'POST /api/v1/payments/national/callback': { access: 'public', sample: { body: { MaThamChieu: 'DVCX', MaXacThuc: 'forged' } } },
  'GET /api/v1/payments/national/return': { access: 'public', sample: { query: 'MaThamChieu=DVCX&MaXacThuc=forged' } },
  'GET /api/v1/payments/vnpay/callback': { access: 'public', sample: { query: 'vnp_TxnRef=DVCX&vnp_SecureHash=forged' } },
  'GET /api/v1/payments/vnpay/return': { access: 'public', sample: { query: 'vnp_TxnRef=DVCX&vnp_SecureHash=forged' } },
  'GET /api/v1/verify/{documentId}': { access: 'public', sample: { params: { documentId: 'doc_unknown' } }, anonymous: [404, 'verification.document_not_found'] },
  'GET /api/v1/reception/queue': { access: 'official', as: { applicant: FORBIDDEN, official: 200, otherUnitOfficial: 200, client: FORBIDDEN } },
  'POST /api/v1/dossiers/{dossierId}/receive': { access: 'official', sample: citizenDossier('SUBMITTED'), as: { applicant: FORBIDDEN, official: 200, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'POST /api/v1/dossiers/{dossierId}/request-supplement': { access: 'official', sample: citizenDossier('SUBMITTED', { fields: ['purpose'], reason: 'Bổ sung mục đích' }), as: { applicant: FORBIDDEN, official: 200, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'POST /api/v1/dossiers/{dossierId}/refuse': { access: 'official', sample: citizenDossier('SUBMITTED', { reasons: ['Không thuộc thẩm quyền'] }), as: { applicant: FORBIDDEN, official: 200, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  // Back office: officials of the dossier's units; the actions list is empty for anyone who may not act.
  'GET /api/v1/inbox': { access: 'official', as: { applicant: FORBIDDEN, business: FORBIDDEN, official: 200, otherUnitOfficial: 200, client: FORBIDDEN } },
  'GET /api/v1/dossiers/{dossierId}/actions': { access: 'signed-in', sample: citizenDossier('SUBMITTED'), as: { applicant: 200, official: 200, otherApplicant: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'POST /api/v1/dossiers/{dossierId}/actions/{action}': { access: 'official', sample: citizenDossier('SUBMITTED', {}), as: { applicant: FORBIDDEN, official: [409, 'dossiers.action_not_available'], otherUnitOfficial: DOSSIER_NOT_FOUND, client: FORBIDDEN } },
  'GET /api/v1/dossiers/{dossierId}/processing': { access: 'official', sample: citizenDossier('SUBMITTED'), as: { applicant: FORBIDDEN, official: 200, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'GET /api/v1/dossiers/{dossierId}/result-draft': { access: 'official', sample: citizenDossier('SUBMITTED'), as: { applicant: FORBIDDEN, official: 200, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'PUT /api/v1/dossiers/{dossierId}/result-draft': { access: 'official', sample: citizenDossier('SUBMITTED', { title: 'Giấy phép', summary: 'Về việc cấp phép', body: 'Nội dung kết quả giải quyết' }), as: { applicant: FORBIDDEN, official: [409, 'dossiers.result_not_ready'], otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'GET /api/v1/dossiers/{dossierId}/result.pdf': { access: 'signed-in', sample: citizenDossier('SUBMITTED'), as: { applicant: [404, 'dossiers.result_not_available'], official: [404, 'dossiers.result_not_available'], otherApplicant: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'GET /api/v1/dossiers/{dossierId}/documents/{documentId}.pdf': { access: 'signed-in', sample: citizenDossier('SUBMITTED'), as: { applicant: [404, 'dossiers.document_not_found'], official: [404, 'dossiers.document_not_found'], otherApplicant: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'GET /api/v1/dossiers/{dossierId}/control-sheet.pdf': { access: 'official', sample: citizenDossier('SUBMITTED'), as: { applicant: FORBIDDEN, official: [404, 'dossiers.result_not_available'], otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'POST /api/v1/dossiers/{dossierId}/rating': { access: 'signed-in', sample: citizenDossier('SUBMITTED', { score: 5 }), as: { applicant: [409, 'dossiers.not_ratable'], otherApplicant: DOSSIER_NOT_FOUND, official: FORBIDDEN } },
  'PUT /api/v1/dossiers/{dossierId}/delivery': { access: 'signed-in', sample: citizenDossier('SUBMITTED', { method: 'COUNTER' }), as: { applicant: [409, 'dossiers.not_editable'], official: [409, 'dossiers.not_editable'], otherApplicant: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'POST /api/v1/dossiers/{dossierId}/delivery/shipment': { access: 'official', sample: citizenDossier('SUBMITTED', { carrier: 'VNPost', trackingNumber: 'EB123456789VN' }), as: { applicant: FORBIDDEN, official: [409, 'dossiers.not_postal_delivery'], otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'POST /api/v1/dossiers/{dossierId}/delivery/confirmation': { access: 'official', sample: citizenDossier('SUBMITTED', {}), as: { applicant: FORBIDDEN, official: [409, 'dossiers.not_postal_delivery'], otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'GET /api/v1/dossiers/{dossierId}/receipts': { access: 'signed-in', sample: citizenDossier('SUBMITTED'), as: { applicant: 200, official: 200, otherApplicant: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'GET /api/v1/dossiers/{dossierId}/payments/{paymentId}/receipt.pdf': { access: 'signed-in', sample: citizenDossier('SUBMITTED'), as: { applicant: [404, 'receipts.not_found'], official: [404, 'receipts.not_found'], otherApplicant: DOSSIER_NOT_FOUND, otherUnitOfficial: DOSSIER_NOT_FOUND } },
  'POST /api/v1/counter/dossiers': { access: 'official', sample: { body: { procedureCode: '1.013302', caseCode: 'TH2', channel: 'IN_PERSON', applicant: { fullName: 'Nguyễn Văn Quầy' }, answers: {} } }, as: { applicant: FORBIDDEN, official: 201, otherUnitOfficial: [403, 'dossiers.not_officer'] } },

  // Other systems: the token endpoint and keys are public (the client authenticates itself);
  // registering clients is for administrators; /auth/client is for bearer tokens only.
  'POST /oauth/token': { access: 'public', sample: { body: { grant_type: 'client_credentials' } }, anonymous: [401, 'invalid_client'] },
  'GET /.well-known/jwks.json': { access: 'public' },
  'GET /api/v1/admin/api-clients': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, admin: 200, client: FORBIDDEN } },
  'POST /api/v1/admin/api-clients': { access: 'admin', sample: { body: { name: 'Hệ thống thử', scopes: ['procedures:read'] } }, as: { applicant: FORBIDDEN, otherUnitOfficial: FORBIDDEN, admin: 201 } },
  'POST /api/v1/admin/api-clients/{clientId}/revoke': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: [404, 'identity.api_client_not_found'] } },
  'GET /api/v1/auth/client': { access: 'client', scope: 'any', as: { applicant: FORBIDDEN, admin: FORBIDDEN, client: 200 } },

  // System API (issue 15): bearer tokens with their scope only; open data is public (clients need catalogue:read).
  'GET /api/v1/system/dossiers/{code}': { access: 'client', scope: 'dossiers:read', sample: { params: { code: 'KHONG-CO-HO-SO' } }, as: { applicant: FORBIDDEN, official: FORBIDDEN, admin: FORBIDDEN, client: [404, 'system.dossier_not_found'] } },
  'GET /api/v1/events': { access: 'client', scope: 'dossiers:read', sample: { query: 'after=0&limit=5' }, as: { applicant: FORBIDDEN, official: FORBIDDEN, admin: FORBIDDEN, client: 200 } },
  'GET /api/v1/open-data/catalog.json': { access: 'public', scope: 'catalogue:read', anonymous: 200, as: { applicant: 200, client: 200 } },
  'GET /api/v1/open-data/procedures.json': { access: 'public', scope: 'catalogue:read', anonymous: 200, as: { applicant: 200 } },
  'GET /api/v1/open-data/procedures.csv': { access: 'public', scope: 'catalogue:read', anonymous: 200 },
  'GET /api/v1/open-data/statistics-monthly.json': { access: 'public', scope: 'catalogue:read', anonymous: 200, as: { applicant: 200 } },
  'GET /api/v1/open-data/statistics-monthly.csv': { access: 'public', scope: 'catalogue:read', anonymous: 200 },
  'GET /api/v1/open-data/schemas/{name}': { access: 'public', scope: 'catalogue:read', sample: { params: { name: 'catalog.schema.json' } }, anonymous: 200 },
  // Webhook subscriptions: administrators only.
  'POST /api/v1/admin/webhooks': { access: 'admin', sample: { body: { url: 'http://10.0.0.1/hook', eventTypes: ['dossier.status_changed'] } }, as: { applicant: FORBIDDEN, official: FORBIDDEN, otherUnitOfficial: FORBIDDEN, client: FORBIDDEN, admin: [422, 'webhooks.forbidden_target'] } },
  'GET /api/v1/admin/webhooks': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: 200 } },
  'POST /api/v1/admin/webhooks/{subscriptionId}/disable': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: [404, 'webhooks.subscription_not_found'] } },
  'POST /api/v1/admin/webhooks/{subscriptionId}/enable': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: [404, 'webhooks.subscription_not_found'] } },
  'POST /api/v1/admin/webhooks/{subscriptionId}/rotate': { access: 'admin', sample: { body: { overlapHours: 1 } }, as: { applicant: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: [404, 'webhooks.subscription_not_found'] } },
  'GET /api/v1/admin/webhooks/{subscriptionId}/messages': { access: 'admin', sample: { query: 'status=DEAD' }, as: { applicant: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: [404, 'webhooks.subscription_not_found'] } },
  'POST /api/v1/admin/webhooks/{subscriptionId}/replay': { access: 'admin', sample: { body: { all: true } }, as: { applicant: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: [404, 'webhooks.subscription_not_found'] } },
  'POST /api/v1/admin/webhooks/{subscriptionId}/test': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: [404, 'webhooks.subscription_not_found'] } },

  // Administration: administrators only (other officials, applicants and API clients get 403)
  // National portal sync: administrators only; the file links are public but need the server's signature.
  // Statistics (issue 16): leaders and unit heads only (officer@ is a one-stop officer, admin@ an administrator)
  'GET /api/v1/system/statistics/resolution': { access: 'client', scope: 'statistics:read', sample: { query: 'from=2026-01-01&to=2026-12-31&groupBy=field' }, as: { applicant: FORBIDDEN, official: FORBIDDEN, admin: FORBIDDEN, client: 200 } },
  'GET /api/v1/statistics/resolution': { access: 'official', sample: { query: 'from=2026-01-01&to=2026-12-31&groupBy=field' }, as: { applicant: FORBIDDEN, business: FORBIDDEN, official: FORBIDDEN, otherUnitOfficial: FORBIDDEN, admin: FORBIDDEN, client: FORBIDDEN } },
  'GET /api/v1/system/statistics/late': { access: 'client', scope: 'statistics:read', sample: { query: 'from=2026-01-01&to=2026-12-31&groupBy=field' }, as: { applicant: FORBIDDEN, official: FORBIDDEN, admin: FORBIDDEN, client: 200 } },
  'GET /api/v1/statistics/late': { access: 'official', sample: { query: 'from=2026-01-01&to=2026-12-31&groupBy=field' }, as: { applicant: FORBIDDEN, business: FORBIDDEN, official: FORBIDDEN, otherUnitOfficial: FORBIDDEN, admin: FORBIDDEN, client: FORBIDDEN } },
  'GET /api/v1/statistics/dashboard': { access: 'official', as: { applicant: FORBIDDEN, official: FORBIDDEN, admin: FORBIDDEN, client: FORBIDDEN } },
  'GET /api/v1/public/statistics': { access: 'public', anonymous: 200, as: { applicant: 200, official: 200 } },
  'GET /api/v1/admin/dvcqg/sync': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, otherUnitOfficial: FORBIDDEN, client: FORBIDDEN, admin: 200 } },
  'POST /api/v1/admin/dvcqg/sync/replay': { access: 'admin', sample: { body: { all: true } }, as: { applicant: FORBIDDEN, official: FORBIDDEN, otherUnitOfficial: FORBIDDEN, client: FORBIDDEN, admin: 200 } },
  'POST /api/v1/admin/dvcqg/sync/pause': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, otherUnitOfficial: FORBIDDEN, client: FORBIDDEN, admin: 200 } },
  'POST /api/v1/admin/dvcqg/sync/resume': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, otherUnitOfficial: FORBIDDEN, client: FORBIDDEN, admin: 200 } },
  'GET /api/v1/admin/dvcqg/catalogue': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, otherUnitOfficial: FORBIDDEN, client: FORBIDDEN, admin: 200 } },
  'POST /api/v1/admin/dvcqg/catalogue/pull': { access: 'admin', sample: { body: { codes: ['1.010721'] } }, as: { applicant: FORBIDDEN, official: FORBIDDEN, otherUnitOfficial: FORBIDDEN, client: FORBIDDEN, admin: [409, 'integration.portal_not_configured'] } },
  'POST /api/v1/dvcqg/dossiers': { access: 'client', scope: 'dvcqg:push', sample: { body: { data: {} } }, as: { applicant: FORBIDDEN, admin: FORBIDDEN, client: 200 } },
  'GET /api/v1/dvcqg/files/{attachmentId}': { access: 'public', sample: { query: 'expires=4102444800&signature=khong-hop-le' }, anonymous: [403, 'integration.file_link_invalid'], as: { applicant: [403, 'integration.file_link_invalid'], admin: [403, 'integration.file_link_invalid'] } },
  // National Single Window: the WSDL is public; receiveRequest is for an API client holding nsw:submit
  // (the sample is an application for a procedure not taken through the NSW: answered 00, nothing filed).
  'GET /api/v1/nsw/receiveRequest': { access: 'public', sample: { query: 'wsdl' }, as: { applicant: 200, admin: 200 } },
  'POST /api/v1/nsw/receiveRequest': { access: 'client', scope: 'nsw:submit', sample: nswSample, as: { applicant: FORBIDDEN, official: FORBIDDEN, admin: FORBIDDEN, client: 200 } },
  'GET /api/v1/admin/nsw/messages': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, otherUnitOfficial: FORBIDDEN, client: FORBIDDEN, admin: 200 } },
  'POST /api/v1/admin/nsw/messages/replay': { access: 'admin', sample: { body: { all: true } }, as: { applicant: FORBIDDEN, official: FORBIDDEN, otherUnitOfficial: FORBIDDEN, client: FORBIDDEN, admin: 200 } },
  'GET /api/v1/admin/consumers': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, otherUnitOfficial: FORBIDDEN, client: FORBIDDEN, admin: 200 } },
  'GET /api/v1/admin/organisation-claims': { access: 'admin', as: { applicant: FORBIDDEN, business: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: 200 } },
  'GET /api/v1/admin/organisation-claims/{organisationId}/proof': { access: 'admin', as: { applicant: FORBIDDEN, business: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: [404, 'identity.organisation_claim_not_found'] } },
  'POST /api/v1/admin/organisation-claims/{organisationId}/verify': { access: 'admin', sample: { body: {} }, as: { applicant: FORBIDDEN, business: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: [404, 'identity.organisation_claim_not_found'] } },
  'POST /api/v1/admin/organisation-claims/{organisationId}/refuse': { access: 'admin', sample: { body: { reason: 'Giấy tờ không hợp lệ' } }, as: { applicant: FORBIDDEN, business: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: [404, 'identity.organisation_claim_not_found'] } },
  'GET /api/v1/admin/units': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, otherUnitOfficial: FORBIDDEN, client: FORBIDDEN, admin: 200 } },
  'POST /api/v1/admin/units': { access: 'admin', sample: { body: {} }, as: { applicant: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: 400 } },
  'PATCH /api/v1/admin/units/{unitId}': { access: 'admin', sample: { body: { name: 'Đơn vị thử' } }, as: { applicant: FORBIDDEN, official: FORBIDDEN, admin: [404, 'identity.unit_not_found'] } },
  'GET /api/v1/me/personal-data/export': { access: 'signed-in', as: { applicant: 200, business: 200, official: 200, client: FORBIDDEN } },
  'POST /api/v1/admin/users/{userId}/personal-data/export': { access: 'admin', sample: { body: { reason: 'Đơn yêu cầu số 12 ngày 01/12/2026' } }, as: { applicant: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: [404, 'privacy.user_not_found'] } },
  'GET /api/v1/admin/officials': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: 200 } },
  'POST /api/v1/admin/officials': { access: 'admin', sample: { body: {} }, as: { applicant: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: 400 } },
  'POST /api/v1/admin/officials/{userId}/grants': { access: 'admin', sample: { body: { role: 'SPECIALIST', unitId: 'agc_none' } }, as: { applicant: FORBIDDEN, official: FORBIDDEN, admin: [404, 'identity.user_not_found'] } },
  'DELETE /api/v1/admin/officials/{userId}/grants/{grantId}': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: [404, 'identity.user_not_found'] } },
  'POST /api/v1/admin/officials/{userId}/unlock': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, admin: [404, 'identity.user_not_found'] } },
  'POST /api/v1/admin/officials/{userId}/totp-reset': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, admin: [404, 'identity.user_not_found'] } },
  // Administrative units in force: public, for address selects.
  'GET /api/v1/administrative-units': { access: 'public', scope: 'procedures:read', sample: { query: 'parent=01&q=ba%20dinh' }, as: { applicant: 200, official: 200, client: 200 } },
  // The business registry lookup: signed-in users filling an e-form (the registry is not configured in this test: 503).
  'GET /api/v1/business-registry/enterprises/{taxCode}': { access: 'signed-in', sample: { params: { taxCode: '0100109106' } }, as: { applicant: [503, 'business_registry.unavailable'], business: [503, 'business_registry.unavailable'], official: [503, 'business_registry.unavailable'], client: FORBIDDEN } },
  // Working calendar: due dates and the year are public; overrides are for administrators.
  'GET /api/v1/calendar/due-date': { access: 'public', scope: 'procedures:read', sample: { query: 'from=2026-03-02T09:00:00%2B07:00&amount=1&unit=WORKING_DAY' }, as: { applicant: 200, official: 200, client: 200 } },
  'GET /api/v1/calendar/years/{year}': { access: 'public', scope: 'procedures:read', sample: { params: { year: '2026' } }, as: { applicant: 200, official: 200 } },
  'PUT /api/v1/admin/calendar/days/{date}': { access: 'admin', sample: { params: { date: '2026-06-06' }, body: { kind: 'WORKING', note: 'Làm bù' } }, as: { applicant: FORBIDDEN, official: FORBIDDEN, otherUnitOfficial: FORBIDDEN, admin: 200, client: FORBIDDEN } },
  // Workflows of procedure cases: administrators only.
  // Catalogue editor (issue 17): CATALOGUE_EDITOR / PROCESS_DESIGNER only; none of the sample actors holds either (the roles are tested in modules/authoring/e2e)
  'GET /api/v1/admin/catalogue/procedures': { access: 'official', as: CATALOGUE_STAFF_ONLY },
  'GET /api/v1/admin/catalogue/drafts': { access: 'official', as: CATALOGUE_STAFF_ONLY },
  'POST /api/v1/admin/catalogue/form-validators': { access: 'official', sample: { body: { schema: { type: 'object' } } }, as: CATALOGUE_STAFF_ONLY },
  'GET /api/v1/admin/catalogue/form-validators/{hash}/validator.js': { access: 'official', sample: { params: { hash: '0'.repeat(64) } }, as: CATALOGUE_STAFF_ONLY },
  'POST /api/v1/admin/catalogue/drafts': { access: 'official', sample: { body: { fromProcedureCode: '1.013302' } }, as: CATALOGUE_STAFF_ONLY },
  'GET /api/v1/admin/catalogue/drafts/{draftId}': { access: 'official', sample: DRAFT, as: CATALOGUE_STAFF_ONLY },
  'PUT /api/v1/admin/catalogue/drafts/{draftId}': { access: 'official', sample: { ...DRAFT, body: { procedure: {}, version: {} } }, as: CATALOGUE_STAFF_ONLY },
  'DELETE /api/v1/admin/catalogue/drafts/{draftId}': { access: 'official', sample: DRAFT, as: CATALOGUE_STAFF_ONLY },
  'PUT /api/v1/admin/catalogue/drafts/{draftId}/forms/{caseCode}': { access: 'official', sample: { params: { draftId: 'cdraft_x', caseCode: 'TH1' }, body: { schema: {}, uiSchema: {} } }, as: CATALOGUE_STAFF_ONLY },
  'PUT /api/v1/admin/catalogue/drafts/{draftId}/workflows/{caseCode}': { access: 'official', sample: { params: { draftId: 'cdraft_x', caseCode: 'TH1' }, body: { name: 'Thử', steps: [] } }, as: CATALOGUE_STAFF_ONLY },
  'DELETE /api/v1/admin/catalogue/drafts/{draftId}/workflows/{caseCode}': { access: 'official', sample: { params: { draftId: 'cdraft_x', caseCode: 'TH1' } }, as: CATALOGUE_STAFF_ONLY },
  'GET /api/v1/admin/catalogue/drafts/{draftId}/diff': { access: 'official', sample: DRAFT, as: CATALOGUE_STAFF_ONLY },
  'GET /api/v1/admin/catalogue/drafts/{draftId}/export': { access: 'official', sample: DRAFT, as: CATALOGUE_STAFF_ONLY },
  'POST /api/v1/admin/catalogue/drafts/{draftId}/publish': { access: 'official', sample: { ...DRAFT, body: {} }, as: CATALOGUE_STAFF_ONLY },
  // Document templates (issue 17 item 5): catalogue staff read; CATALOGUE_EDITOR saves, another one publishes (tested in modules/authoring/e2e).
  'GET /api/v1/admin/catalogue/document-templates': { access: 'official', as: CATALOGUE_STAFF_ONLY },
  'GET /api/v1/admin/catalogue/document-templates/{kind}': { access: 'official', sample: { params: { kind: 'RESULT' } }, as: CATALOGUE_STAFF_ONLY },
  'PUT /api/v1/admin/catalogue/document-templates/{kind}/draft': { access: 'official', sample: { params: { kind: '03' }, body: { texts: { mo_dau: 'x', ket_thuc: 'y' } } }, as: CATALOGUE_STAFF_ONLY },
  'DELETE /api/v1/admin/catalogue/document-templates/{kind}/draft': { access: 'official', sample: { params: { kind: '03' } }, as: CATALOGUE_STAFF_ONLY },
  'POST /api/v1/admin/catalogue/document-templates/{kind}/draft/publish': { access: 'official', sample: { params: { kind: '03' }, body: {} }, as: CATALOGUE_STAFF_ONLY },
  'POST /api/v1/admin/catalogue/document-templates/{kind}/preview': { access: 'official', sample: { params: { kind: '03' }, body: { texts: { mo_dau: 'x', ket_thuc: 'y' } } }, as: CATALOGUE_STAFF_ONLY },
  // Workflow designer (issue 17 item 4): PROCESS_DESIGNER in scope changes; both editor roles read.
  'GET /api/v1/admin/catalogue/workflows': { access: 'official', as: CATALOGUE_STAFF_ONLY },
  'GET /api/v1/admin/catalogue/workflows/{code}': { access: 'official', sample: { params: { code: 'MOT_CUA_MAC_DINH' } }, as: CATALOGUE_STAFF_ONLY },
  'GET /api/v1/admin/catalogue/workflows/{code}/versions': { access: 'official', sample: { params: { code: 'MOT_CUA_MAC_DINH' } }, as: CATALOGUE_STAFF_ONLY },
  'POST /api/v1/admin/catalogue/workflow-drafts': { access: 'official', sample: { body: { workflowCode: 'MOT_CUA_MAC_DINH' } }, as: CATALOGUE_STAFF_ONLY },
  'GET /api/v1/admin/catalogue/workflow-drafts/{draftId}': { access: 'official', sample: { params: { draftId: 'wfdraft_x' } }, as: CATALOGUE_STAFF_ONLY },
  'PUT /api/v1/admin/catalogue/workflow-drafts/{draftId}': { access: 'official', sample: { params: { draftId: 'wfdraft_x' }, body: { name: 'Thử', steps: [] } }, as: CATALOGUE_STAFF_ONLY },
  'DELETE /api/v1/admin/catalogue/workflow-drafts/{draftId}': { access: 'official', sample: { params: { draftId: 'wfdraft_x' } }, as: CATALOGUE_STAFF_ONLY },
  'POST /api/v1/admin/catalogue/workflow-drafts/{draftId}/request-publish': { access: 'official', sample: { params: { draftId: 'wfdraft_x' }, body: {} }, as: CATALOGUE_STAFF_ONLY },
  'POST /api/v1/admin/catalogue/workflow-drafts/{draftId}/publish': { access: 'official', sample: { params: { draftId: 'wfdraft_x' }, body: {} }, as: CATALOGUE_STAFF_ONLY },
  'GET /api/v1/admin/workflows': { access: 'admin', as: { applicant: FORBIDDEN, official: FORBIDDEN, otherUnitOfficial: FORBIDDEN, client: FORBIDDEN, admin: 200 } },
  'GET /api/v1/admin/workflows/{code}': { access: 'admin', sample: { params: { code: 'MOT_CUA_MAC_DINH' } }, as: { applicant: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: 200 } },
  'PUT /api/v1/admin/workflows/{code}': { access: 'admin', sample: { params: { code: 'THU_MA_TRAN' }, body: { name: 'Thử', steps: [] } }, as: { applicant: FORBIDDEN, official: FORBIDDEN, client: FORBIDDEN, admin: [422, 'workflows.invalid'] } },
  'DELETE /api/v1/admin/calendar/days/{date}': { access: 'admin', sample: { params: { date: '2026-06-07' } }, as: { applicant: FORBIDDEN, official: FORBIDDEN, admin: [404, 'calendar.day_not_found'], client: FORBIDDEN } },

  // Notifications: one's own, for applicants and officials alike; someone else's is not found.
  'GET /api/v1/me/notifications': { access: 'signed-in', as: { applicant: 200, business: 200, official: 200, otherUnitOfficial: 200, client: FORBIDDEN } },
  'POST /api/v1/me/notifications/{notificationId}/read': { access: 'signed-in', sample: citizenNotification, as: { applicant: 204, otherApplicant: NOTIFICATION_NOT_FOUND, official: NOTIFICATION_NOT_FOUND, client: FORBIDDEN } },
  'POST /api/v1/me/notifications/read-all': { access: 'signed-in', as: { applicant: 204, official: 204, client: FORBIDDEN } },
};

export const accessMatrix = {
  rules,

  /** Values for path parameters that an entry's sample does not set. */
  sampleParams: { code: '1.000000', templateId: 'tpl_none', organisationId: 'org_none', authorisationId: 'rep_none', invitationId: 'inv_none', unitId: 'agc_none', userId: 'usr_none', grantId: 'grt_none', clientId: 'cli_none', dossierId: 'dos_none', attachmentId: 'att_none', round: '1', action: 'claim', documentId: 'doc_none', notificationId: 'ntf_none', paymentId: 'pay_none', subscriptionId: 'whk_none' } as Record<string, string>,

  async sampleFor(route: string, ctx: TestContext, actor?: ActorName): Promise<Sample> {
    const sample = rules[route]?.sample;
    if (!sample) return {};
    return typeof sample === 'function' ? sample(ctx, actor) : sample;
  },

  /** An official of a unit other than the demo unit; returns the user id. */
  async createOtherUnitOfficial(ctx: TestContext): Promise<string> {
    const agencies = await createIdentityRepository({ db: ctx.database.db }).listAgencies();
    const unit = agencies.find((a) => a.code !== DEMO_UNIT_CODE);
    if (!unit) throw new Error('the test catalogue has a single agency');
    const { user } = await createOfficial({ db: ctx.database.db, config: ctx.config, input: { email: 'other-unit@demo.opendvc.vn', password: 'Other-unit-2026!', unitCode: unit.code, role: 'SPECIALIST' } });
    return user.id;
  },
};
