/**
 * For whom a dossier is filed. An organisation is a claim until its ownership is proven (an
 * administrator's check of a submitted proof here; the national sign-in's organisation claims in
 * the identity module's tests); a claim reveals nothing about other claims of its tax code, and an
 * unverified organisation cannot be a dossier's applicant. A dossier filed for a verified
 * organisation names it — with the person who filed it — on the dossier, the lists, the inbox
 * and the receipt slip.
 */
import fs from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/create-database.js';
import { mailDeliveriesTable } from '../../../platform/mail/mail-deliveries.tables.js';
import { flattenText, pdfText } from '../../../platform/pdf/pdf-inspect.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { DEMO_BUSINESS_TAX_CODE, DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../identity/identity.seed.js';
import { currentTotpCode } from '../../identity/identity.totp.js';
import { createHttpClient, type HttpClient } from '../../../test/http-client.js';
import { CASE, PROCEDURE, callerFor, goodAnswers, multipart, samplePdf, seedTestForm, tempDataDir, userIdByEmail, type Caller } from './dossiers.fixtures.js';

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;
let business: Caller;
let officer: Caller;
let admin: HttpClient;

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir });
  await seedTestForm(ctx);
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  business = await callerFor(ctx, await userIdByEmail(ctx, 'business@demo.opendvc.vn'));
  officer = await callerFor(ctx, await userIdByEmail(ctx, 'officer@demo.opendvc.vn'));
  admin = createHttpClient(ctx.app);
  const signedIn = await admin.login('admin@demo.opendvc.vn', DEMO_PASSWORD, await currentTotpCode(DEMO_TOTP_SECRET));
  expect(signedIn.statusCode, signedIn.body).toBe(200);
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const uploadProof = (caller: Caller, organisationId: string, file = { name: 'Giấy chứng nhận ĐKDN.pdf', bytes: samplePdf }) => {
  const body = multipart({}, file);
  return ctx.app.inject({ method: 'POST', url: `/api/v1/organisations/${organisationId}/proof`, headers: { ...caller.headers, ...body.headers }, payload: body.payload });
};
const mailsTo = (email: string) => ctx.database.db.select().from(mailDeliveriesTable).where(eq(mailDeliveriesTable.recipient, email));
const auditOf = (organisationId: string) =>
  queryRows<{ action: string; details: Record<string, unknown> }>(ctx.database.db, sql`SELECT action, details FROM audit_events WHERE subject = ${`organisation:${organisationId}`} ORDER BY at, id`);
const startFor = (caller: Caller, organisationId: string) => caller.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE, onBehalfOf: { organisationId } });

describe('prefill of the applicant block', () => {
  it('fills the permanent address with the profile\'s administrative units and street line', async () => {
    const res = await citizen.post('/dossiers', { procedureCode: '1.013302', caseCode: 'TH1' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().answers.applicant).toMatchObject({
      fullName: 'Nguyễn Văn An',
      personalIdNumber: '001090012345',
      address: { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00166', communeName: 'Phường Cầu Giấy', detail: 'Số 10 phố Tôn Thất Thuyết' },
    });
    expect(res.json().problems.map((p: { path: string }) => p.path).filter((p: string) => p.startsWith('answers.applicant'))).toEqual([]);
    await citizen.delete(`/dossiers/${res.json().id}`);
  });
});

describe('claiming an organisation', () => {
  let claimId: string;

  it('answers a tax code already registered and verified exactly as a new one: 201, the caller\'s own unverified claim', async () => {
    const taken = await citizen.post('/organisations', { taxCode: DEMO_BUSINESS_TAX_CODE, name: 'Công ty giả danh' });
    const fresh = await citizen.post('/organisations', { taxCode: '0109876543', name: 'Công ty TNHH Sao Mai' });
    for (const res of [taken, fresh]) {
      expect(res.statusCode, res.body).toBe(201);
      expect(Object.keys(res.json()).sort()).toEqual(['address', 'addressUnits', 'id', 'name', 'proofFileName', 'refusalReason', 'role', 'taxCode', 'verificationLabel', 'verificationStatus', 'verified']);
      expect(res.json()).toMatchObject({ role: 'OWNER', verificationStatus: 'UNVERIFIED', verified: false, verificationLabel: 'Chưa xác minh' });
    }
    expect(taken.json().name).toBe('Công ty giả danh');
    claimId = taken.json().id;
    // Claiming the same tax code again gives back the same claim, still with no 409.
    const again = await citizen.post('/organisations', { taxCode: DEMO_BUSINESS_TAX_CODE, name: 'Lần nữa' });
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(claimId);
    // The real owner's verified organisation is untouched and stays theirs alone.
    const owned = (await business.get('/me')).json().organisations;
    expect(owned).toEqual([expect.objectContaining({ taxCode: DEMO_BUSINESS_TAX_CODE, verificationStatus: 'VERIFIED', verified: true, role: 'OWNER' })]);
    expect(owned[0].id).not.toBe(claimId);
  });

  it('refuses an unverified organisation as a dossier\'s applicant, with a Vietnamese problem saying what to do', async () => {
    const res = await startFor(citizen, claimId);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'dossiers.organisation_unverified' });
    expect(res.json().title).toMatch(/chưa được xác minh/);
    expect(res.json().title).toMatch(/giấy chứng nhận đăng ký doanh nghiệp/);
  });

  it('lets only the owner submit a proof; the claim then waits for an administrator', async () => {
    expect((await uploadProof(business, claimId)).statusCode).toBe(404);
    const wrongType = await uploadProof(citizen, claimId, { name: 'giay-to.pdf', bytes: Buffer.from('<html>không phải PDF</html>') });
    expect(wrongType.statusCode).toBe(415);
    const res = await uploadProof(citizen, claimId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ verificationStatus: 'PENDING', verified: false, proofFileName: 'Giấy chứng nhận ĐKDN.pdf' });
    expect((await uploadProof(citizen, claimId)).json().code).toBe('identity.organisation_proof_locked');
    expect((await startFor(citizen, claimId)).statusCode).toBe(403);
  });

  it('shows administrators the pending claim with its proof; only they may see it', async () => {
    const list = await admin.get('/api/v1/admin/organisation-claims');
    expect(list.statusCode, list.body).toBe(200);
    const claim = list.json().items.find((c: { id: string }) => c.id === claimId);
    expect(claim).toMatchObject({ taxCode: DEMO_BUSINESS_TAX_CODE, verificationStatus: 'PENDING', owners: [{ fullName: 'Nguyễn Văn An', email: 'citizen@demo.opendvc.vn' }], proof: { fileName: 'Giấy chứng nhận ĐKDN.pdf', mediaType: 'application/pdf' } });
    expect(claim.verifiedSameTaxCode).toMatchObject({ taxCode: DEMO_BUSINESS_TAX_CODE });
    const proof = await admin.get(`/api/v1/admin/organisation-claims/${claimId}/proof`);
    expect(proof.statusCode).toBe(200);
    expect(proof.headers['content-type']).toBe('application/pdf');
    expect(proof.rawPayload.equals(samplePdf)).toBe(true);
    for (const res of [await citizen.get('/admin/organisation-claims'), await officer.get(`/admin/organisation-claims/${claimId}/proof`)]) expect(res.statusCode).toBe(403);
  });

  it('cannot verify a second claim of a tax code already verified; refusing it tells the owner why', async () => {
    const verify = await admin.post(`/api/v1/admin/organisation-claims/${claimId}/verify`, {});
    expect(verify.statusCode).toBe(409);
    expect(verify.json().code).toBe('identity.organisation_already_verified');
    expect((await admin.post(`/api/v1/admin/organisation-claims/${claimId}/refuse`, { reason: 'x' })).statusCode).toBe(400);
    const refuse = await admin.post(`/api/v1/admin/organisation-claims/${claimId}/refuse`, { reason: 'Giấy chứng nhận không mang tên người nộp' });
    expect(refuse.statusCode, refuse.body).toBe(200);
    expect(refuse.json()).toEqual({ id: claimId, verificationStatus: 'REFUSED' });
    const mine = (await citizen.get(`/organisations/${claimId}`)).json();
    expect(mine).toMatchObject({ verificationStatus: 'REFUSED', verified: false, refusalReason: 'Giấy chứng nhận không mang tên người nộp' });
    expect(mine.verificationLabel).toMatch(/^Chưa xác minh/);
    const mails = await mailsTo('citizen@demo.opendvc.vn');
    expect(mails.some((m) => m.subject.startsWith('Xác minh tổ chức chưa được chấp nhận'))).toBe(true);
    expect((await auditOf(claimId)).map((a) => a.action)).toEqual(['ORGANISATION_CREATED', 'ORGANISATION_PROOF_SUBMITTED', 'ORGANISATION_PROOF_VIEWED', 'ORGANISATION_REFUSED']);
    expect((await admin.post(`/api/v1/admin/organisation-claims/${claimId}/refuse`, { reason: 'Lần thứ hai' })).json().code).toBe('identity.organisation_not_pending');
  });

  it('verifies a new organisation from its proof: the owner is told, and members may then file in its name', async () => {
    const org = (await citizen.get('/organisations')).json().items.find((o: { taxCode: string }) => o.taxCode === '0109876543');
    expect((await uploadProof(citizen, org.id)).statusCode).toBe(200);
    const res = await admin.post(`/api/v1/admin/organisation-claims/${org.id}/verify`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect((await citizen.get(`/organisations/${org.id}`)).json()).toMatchObject({ verificationStatus: 'VERIFIED', verified: true, verificationLabel: 'Đã xác minh' });
    expect((await mailsTo('citizen@demo.opendvc.vn')).some((m) => m.subject === 'Tổ chức đã được xác minh — OpenDVC')).toBe(true);
    const draft = await startFor(citizen, org.id);
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json().applicant).toMatchObject({ fullName: 'Công ty TNHH Sao Mai', organisationTaxCode: '0109876543', filedByName: 'Nguyễn Văn An' });
  });
});

describe('a dossier filed for an organisation', () => {
  let dossierId: string;
  let orgId: string;

  it('names the organisation as the applicant, prefilled from it, with the person who filed it', async () => {
    orgId = (await business.get('/organisations')).json().items[0].id;
    const res = await startFor(business, orgId);
    expect(res.statusCode, res.body).toBe(201);
    const draft = res.json();
    dossierId = draft.id;
    expect(draft.onBehalfOf).toEqual({ organisationId: orgId, principalUserId: null });
    expect(draft.applicant).toMatchObject({ fullName: 'Công ty TNHH Môi trường Xanh (dữ liệu mẫu)', organisationTaxCode: DEMO_BUSINESS_TAX_CODE, address: 'Số 25 phố Láng Hạ, Phường Láng, Thành phố Hà Nội', filedByName: 'Trần Thị Bình' });
    expect((await business.patch(`/dossiers/${dossierId}`, { answers: { ...goodAnswers, fullName: 'Trần Thị Bình', personalIdNumber: '001185023456' } })).statusCode).toBe(200);
    const component = draft.components.find((c: { mandatory: boolean }) => c.mandatory);
    expect((await business.upload(dossierId, component.id)).statusCode).toBe(201);
    const submitted = await business.post(`/dossiers/${dossierId}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
  });

  it('shows the organisation and who filed it on the applicant\'s list, the reception queue and the officials\' inbox', async () => {
    const mine = (await business.get('/dossiers')).json().items.find((i: { id: string }) => i.id === dossierId);
    expect(mine).toMatchObject({ applicantName: 'Công ty TNHH Môi trường Xanh (dữ liệu mẫu)', filedByName: 'Trần Thị Bình' });
    const queue = (await officer.get('/reception/queue')).json().items.find((i: { id: string }) => i.id === dossierId);
    expect(queue).toMatchObject({ applicantName: 'Công ty TNHH Môi trường Xanh (dữ liệu mẫu)', filedByName: 'Trần Thị Bình' });
    const received = await officer.post(`/dossiers/${dossierId}/receive`);
    expect(received.statusCode, received.body).toBe(200);
    const inbox = await officer.get('/inbox');
    expect(inbox.statusCode, inbox.body).toBe(200);
    const item = inbox.json().items.find((i: { id: string }) => i.id === dossierId);
    expect(item).toMatchObject({ applicantName: 'Công ty TNHH Môi trường Xanh (dữ liệu mẫu)', filedByName: 'Trần Thị Bình' });
  });

  it('prints the organisation, its tax code and who filed it on the receipt slip', async () => {
    const res = await business.get(`/dossiers/${dossierId}/receipt.pdf`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const text = flattenText(await pdfText(res.rawPayload));
    expect(text).toContain('Tiếp nhận hồ sơ của: Công ty TNHH Môi trường Xanh (dữ liệu mẫu)');
    expect(text).toContain('(do Trần Thị Bình nộp thay)');
    expect(text).toContain(`Mã số thuế: ${DEMO_BUSINESS_TAX_CODE}`);
    expect(text).not.toContain('Số CCCD/định danh cá nhân: 001185023456');
  });

  it('keeps the member\'s own dossiers in their own name', async () => {
    const own = await business.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE });
    expect(own.json().applicant).toMatchObject({ fullName: 'Trần Thị Bình' });
    expect(own.json().applicant.filedByName ?? null).toBeNull();
    const rows = await queryRows<{ n: number }>(ctx.database.db, sql`SELECT count(*)::int AS n FROM dossiers WHERE organisation_id = ${orgId}`);
    expect(rows[0]!.n).toBe(1);
  });
});

describe('for whom, chosen on the form\'s page', () => {
  const GROUNDWATER = { procedureCode: '1.012604', caseCode: 'TH1' };
  let draftId: string;
  let version: number;
  let orgId: string;
  const patch = async (body: Record<string, unknown>, caller = business) => {
    const res = await caller.patch(`/dossiers/${draftId}`, { version, ...body });
    if (res.statusCode === 200) version = res.json().version;
    return res;
  };

  it('starts for the person, then files for their verified organisation with its details filled', async () => {
    orgId = (await business.get('/organisations')).json().items[0].id;
    const res = await business.post('/dossiers', GROUNDWATER);
    expect(res.statusCode, res.body).toBe(201);
    draftId = res.json().id;
    version = res.json().version;
    expect(res.json().applicant).toMatchObject({ fullName: 'Trần Thị Bình' });
    expect(res.json().answers.organisation?.taxCode).toBeUndefined();

    const chosen = await patch({ answers: { ...res.json().answers, notes: 'Ghi chú giữ nguyên' }, onBehalfOf: { organisationId: orgId } });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().onBehalfOf).toEqual({ organisationId: orgId, principalUserId: null });
    expect(chosen.json().applicant).toMatchObject({ fullName: 'Công ty TNHH Môi trường Xanh (dữ liệu mẫu)', organisationTaxCode: DEMO_BUSINESS_TAX_CODE, filedByName: 'Trần Thị Bình' });
    expect(chosen.json().answers.organisation).toMatchObject({ taxCode: DEMO_BUSINESS_TAX_CODE, name: 'Công ty TNHH Môi trường Xanh (dữ liệu mẫu)', representative: 'Trần Thị Bình' });
    // The head office by administrative units, from the organisation's profile.
    expect(chosen.json().answers.organisation.address).toEqual({ provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00199', communeName: 'Phường Láng', detail: 'Số 25 phố Láng Hạ' });
    expect(chosen.json().answers.notes).toBe('Ghi chú giữ nguyên');
  });

  it('files for an organisation the form names by its tax code: the dossier takes its name and tax code as typed, with who files it', async () => {
    const chosen = await patch({ answers: (await business.get(`/dossiers/${draftId}`)).json().answers, onBehalfOf: { organisationInForm: true } });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().onBehalfOf).toEqual({ organisationId: null, principalUserId: null, organisationInForm: true });
    // The registered organisation's details are gone; the person's stay.
    expect(chosen.json().answers.organisation.taxCode).toBeUndefined();
    expect(chosen.json().answers.organisation.name).toBeUndefined();
    expect(chosen.json().answers.organisation.representative).toBe('Trần Thị Bình');
    expect(chosen.json().applicant).toMatchObject({ fullName: 'Trần Thị Bình', organisationTaxCode: null, filedByName: 'Trần Thị Bình', organisationInForm: true });
    const rows = await queryRows<{ organisation_id: string | null }>(ctx.database.db, sql`SELECT organisation_id FROM dossiers WHERE id = ${draftId}`);
    expect(rows[0]!.organisation_id).toBeNull();

    const typed = await patch({ answers: { ...chosen.json().answers, organisation: { ...chosen.json().answers.organisation, taxCode: '0100109106', name: 'Công ty TNHH Nước sạch Sông Hồng' } } });
    expect(typed.statusCode, typed.body).toBe(200);
    expect(typed.json().applicant).toMatchObject({ fullName: 'Công ty TNHH Nước sạch Sông Hồng', organisationTaxCode: '0100109106', filedByName: 'Trần Thị Bình', organisationInForm: true });
    const mine = (await business.get('/dossiers?status=DRAFT')).json().items.find((i: { id: string }) => i.id === draftId);
    expect(mine).toMatchObject({ applicantName: 'Công ty TNHH Nước sạch Sông Hồng', filedByName: 'Trần Thị Bình' });
  });

  it('goes back to the person (null), and refuses an organisation the caller does not belong to or another\'s draft', async () => {
    const self = await patch({ answers: (await business.get(`/dossiers/${draftId}`)).json().answers, onBehalfOf: null });
    expect(self.statusCode, self.body).toBe(200);
    expect(self.json().onBehalfOf).toBeNull();
    expect(self.json().applicant.fullName).toBe('Trần Thị Bình');
    expect(self.json().applicant.organisationInForm).toBeUndefined();
    expect(self.json().applicant.filedByName ?? null).toBeNull();

    const own = await citizen.post('/dossiers', GROUNDWATER);
    expect(own.statusCode, own.body).toBe(201);
    const notMember = await citizen.patch(`/dossiers/${own.json().id}`, { answers: own.json().answers, onBehalfOf: { organisationId: orgId } });
    expect(notMember.statusCode).toBe(403);
    expect(notMember.json().code).toBe('dossiers.not_authorised_to_act');
    const others = await citizen.patch(`/dossiers/${draftId}`, { answers: {}, onBehalfOf: null });
    expect(others.statusCode).toBe(404);
    await citizen.delete(`/dossiers/${own.json().id}`);
    await business.delete(`/dossiers/${draftId}`);
  });
});
