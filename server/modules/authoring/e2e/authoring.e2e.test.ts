/**
 * The catalogue editor over HTTP (issue 17): a catalogue editor drafts a new procedure with two
 * cases and a form, a process designer gives it a four-step workflow with a coordination branch,
 * a second editor publishes it; it is then in the public catalogue, a citizen files a dossier and
 * officials take it to a signed result. A new version keeps running dossiers on theirs.
 */
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { auditEventsTable } from '../../../platform/audit/audit.tables.js';
import { createOfficial } from '../../identity/identity.admin.usecases.js';
import { callerFor, getRow, tempDataDir, userIdByEmail, type Caller } from '../../dossiers/e2e/dossiers.fixtures.js';

const CODE = '2.999017';

let ctx: TestContext;
let dataDir: string;
let editorA: Caller;
let editorB: Caller;
let designer: Caller;
let citizen: Caller;
let officer: Caller;
let specialist: Caller;
let leader: Caller;

async function official(role: 'CATALOGUE_EDITOR' | 'PROCESS_DESIGNER', name: string, unitCode = '000.00.00.G99') {
  const { user } = await createOfficial({ db: ctx.database.db, config: ctx.config, input: { email: `${name}@test.opendvc.vn`, password: 'Editor-pass-2026!', unitCode, role } });
  return callerFor(ctx, user.id);
}

const put = (caller: Caller, url: string, body: unknown) => caller.raw('PUT' as never, url, body);

const phases = [
  { name: 'Tiếp nhận và kiểm tra hồ sơ', amount: 2, unit: 'WORKING_DAY', excludes: ['APPLICANT_SUPPLEMENT'] },
  { name: 'Thẩm định và cấp giấy xác nhận', amount: 8, unit: 'WORKING_DAY', excludes: ['APPLICANT_SUPPLEMENT'] },
];

const content = (today: string) => ({
  procedure: {
    name: 'Xác nhận đăng ký hoạt động quan trắc thử nghiệm',
    description: 'Thủ tục soạn trong trình biên tập danh mục.',
    fieldCode: 'DO_DAC_BAN_DO',
    implementationLevels: ['CENTRAL'],
    applicantTypes: ['CITIZEN'],
    agencies: [{ agencyCode: '000.00.05.G99', role: 'IMPLEMENTING' }, { agencyCode: '000.00.00.G99', role: 'COMPETENT' }],
    keywords: ['quan trắc thử nghiệm'],
    provenance: { confidence: 'ILLUSTRATIVE', note: 'Thủ tục minh họa cho kiểm thử.', sources: [] },
  },
  version: {
    validFrom: today,
    publishingDecision: { number: '99/QĐ-BNNMT', title: 'Quyết định công bố thủ tục hành chính thử nghiệm' },
    legalBasis: [{ number: '27/2018/QH14', title: 'Luật Đo đạc và bản đồ', issuer: 'Quốc hội', issuedOn: '2018-06-14' }],
    requirements: ['Người đề nghị có năng lực hành vi dân sự đầy đủ'],
    submissionPlaces: ['Nộp trực tuyến trên Cổng Dịch vụ công của Bộ hoặc tại Văn phòng Một cửa'],
    results: [{ name: 'Giấy xác nhận đăng ký hoạt động quan trắc' }],
    cases: [
      {
        code: 'TH1', name: 'Đăng ký lần đầu',
        steps: ['Nộp hồ sơ', 'Văn phòng Một cửa kiểm tra', 'Thẩm định, lấy ý kiến địa phương', 'Lãnh đạo ký', 'Trả kết quả'],
        channels: [{ channel: 'ONLINE', phases, fees: [] }, { channel: 'IN_PERSON', phases, fees: [] }],
        components: [{ name: 'Đơn đề nghị xác nhận', mandatory: true, originals: 1, copies: 0 }],
        capabilities: { onlineSubmission: true, onlinePayment: 'NO_FEE', resultDelivery: ['COUNTER', 'ELECTRONIC'], requiresInPersonStep: false },
      },
      {
        code: 'TH2', name: 'Đăng ký lại do thay đổi thông tin',
        steps: ['Nộp hồ sơ tại Văn phòng Một cửa', 'Thẩm định', 'Trả kết quả'],
        channels: [{ channel: 'IN_PERSON', phases, fees: [] }],
        components: [{ name: 'Đơn đề nghị đăng ký lại', mandatory: true, originals: 1, copies: 0 }],
        capabilities: { onlineSubmission: false, onlinePayment: 'NO_FEE', resultDelivery: ['COUNTER'], requiresInPersonStep: true },
      },
    ],
  },
});

/** A repeatable group (stations), a condition (reason when "other") and an address from the administrative units. */
const form = {
  schema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    title: 'Tờ khai đăng ký hoạt động quan trắc',
    required: ['fullName', 'personalIdNumber', 'address', 'purpose', 'stations'],
    properties: {
      fullName: { type: 'string', title: 'Họ và tên', minLength: 2, maxLength: 150, 'x-prefill': 'fullName' },
      personalIdNumber: { type: 'string', title: 'Số định danh cá nhân', format: 'vn-personal-id', 'x-prefill': 'personalIdNumber' },
      address: {
        type: 'object', title: 'Địa chỉ liên hệ', 'x-address': true,
        required: ['provinceCode', 'communeCode'],
        dependentRequired: { provinceCode: ['provinceName'], communeCode: ['communeName'] },
        properties: {
          provinceCode: { type: 'string', title: 'Tỉnh, thành phố', pattern: '^[0-9]{2}$' },
          provinceName: { type: 'string', title: 'Tên tỉnh, thành phố', minLength: 1, maxLength: 100 },
          communeCode: { type: 'string', title: 'Xã, phường', pattern: '^[0-9]{5}$' },
          communeName: { type: 'string', title: 'Tên xã, phường', minLength: 1, maxLength: 100 },
          detail: { type: 'string', title: 'Số nhà, đường', maxLength: 200 },
        },
      },
      purpose: { type: 'string', title: 'Mục đích', oneOf: [{ const: 'RESEARCH', title: 'Nghiên cứu' }, { const: 'OTHER', title: 'Khác' }] },
      stations: {
        type: 'array', title: 'Các trạm quan trắc', minItems: 1, maxItems: 20,
        items: { type: 'object', required: ['name', 'depth'], properties: { name: { type: 'string', title: 'Tên trạm', minLength: 1, maxLength: 100 }, depth: { type: 'number', title: 'Độ sâu (m)', minimum: 0 } } },
      },
    },
    if: { properties: { purpose: { const: 'OTHER' } }, required: ['purpose'] },
    then: { required: ['otherPurpose'], properties: { otherPurpose: { type: 'string', title: 'Mục đích khác', minLength: 3, maxLength: 500 } } },
  },
  uiSchema: { 'ui:order': ['fullName', 'personalIdNumber', 'address', 'purpose', 'otherPurpose', 'stations'] },
};

const answers = {
  fullName: 'Nguyễn Văn An',
  personalIdNumber: '001090012345',
  address: { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00004', communeName: 'Phường Ba Đình', detail: 'Số 10' },
  purpose: 'OTHER',
  otherPurpose: 'Quan trắc mực nước ngầm phục vụ luận văn',
  stations: [{ name: 'Trạm 1', depth: 12.5 }, { name: 'Trạm 2', depth: 30 }],
};

const allowance = (amount: number, unit: string) => ({ amount, unit });

/** Four steps; the specialist may ask the province (coordination) and records its reply at the same step. */
const workflow = {
  name: 'Quy trình xác nhận quan trắc thử nghiệm',
  steps: [
    { id: 'tiep_nhan', name: 'Tiếp nhận hồ sơ', role: 'ONE_STOP_OFFICER', unit: 'RECEIVING', allowance: allowance(4, 'WORKING_HOUR'), actions: [
      { action: 'chuyen_xu_ly', kind: 'FORWARD', to: 'tham_dinh', label: 'Chuyển chuyên viên thẩm định' },
      { action: 'dung_xu_ly', kind: 'STOP', label: 'Dừng xử lý' },
    ] },
    { id: 'tham_dinh', name: 'Chuyên viên thẩm định', role: 'SPECIALIST', unit: 'PROCESSING', allowance: allowance(3, 'WORKING_DAY'), actions: [
      { action: 'lay_y_kien_tinh', kind: 'COORDINATE', to: 'tham_dinh', agency: 'EXT.UBND_TINH', label: 'Lấy ý kiến Ủy ban nhân dân tỉnh' },
      { action: 'trinh_ky', kind: 'FORWARD', to: 'phe_duyet', label: 'Trình lãnh đạo ký' },
    ] },
    { id: 'phe_duyet', name: 'Lãnh đạo ký', role: 'LEADER', unit: 'PROCESSING', allowance: allowance(1, 'WORKING_DAY'), actions: [
      { action: 'ky_duyet', kind: 'FORWARD', effect: 'SIGN_RESULT', to: 'tra_ket_qua', label: 'Ký duyệt' },
      { action: 'tra_lai', kind: 'SEND_BACK', to: 'tham_dinh', label: 'Trả lại chuyên viên' },
    ] },
    { id: 'tra_ket_qua', name: 'Trả kết quả', role: 'ONE_STOP_OFFICER', unit: 'RECEIVING', allowance: allowance(4, 'WORKING_HOUR'), actions: [
      { action: 'tra_ket_qua', kind: 'FINISH', label: 'Trả kết quả' },
    ] },
  ],
};

async function act(caller: Caller, id: string, action: string, body: Record<string, unknown> = {}) {
  const res = await caller.post(`/dossiers/${id}/actions/${action}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Filed online by the citizen and received by the officer. */
async function receivedDossier(caseCode = 'TH1') {
  const draft = await citizen.post('/dossiers', { procedureCode: CODE, caseCode });
  expect(draft.statusCode, draft.body).toBe(201);
  const d = draft.json();
  expect((await citizen.patch(`/dossiers/${d.id}`, { answers })).statusCode).toBe(200);
  const component = d.components.find((c: { mandatory: boolean }) => c.mandatory);
  expect((await citizen.upload(d.id, component.id)).statusCode).toBe(201);
  const submitted = await citizen.post(`/dossiers/${d.id}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  const received = await officer.post(`/dossiers/${d.id}/receive`);
  expect(received.statusCode, received.body).toBe(200);
  return received.json() as { id: string; code: string };
}

let draftId: string;
let today: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir });
  editorA = await official('CATALOGUE_EDITOR', 'editor-a');
  editorB = await official('CATALOGUE_EDITOR', 'editor-b');
  designer = await official('PROCESS_DESIGNER', 'designer');
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  officer = await callerFor(ctx, await userIdByEmail(ctx, 'officer@demo.opendvc.vn'));
  specialist = await callerFor(ctx, await userIdByEmail(ctx, 'specialist@demo.opendvc.vn'));
  leader = await callerFor(ctx, await userIdByEmail(ctx, 'leader@demo.opendvc.vn'));
  today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a new procedure from the editor to a signed result', () => {
  it('keeps an incomplete draft and names every problem in Vietnamese, field by field', async () => {
    const bad = content(today);
    bad.procedure.name = ' ';
    (bad.version.cases[0]!.channels as unknown[]) = [];
    const res = await editorA.post('/admin/catalogue/drafts', { procedureCode: CODE, content: bad });
    expect(res.statusCode, res.body).toBe(201);
    const draft = res.json();
    draftId = draft.id;
    expect(draft.status).toBe('DRAFT');
    expect(draft.problems).toEqual(expect.arrayContaining([
      { path: 'procedure.name', message: 'Không được để trống' },
      expect.objectContaining({ path: 'version.cases[0].channels' }),
    ]));
    // An official without the role, and the citizen, are refused.
    expect((await officer.get('/admin/catalogue/drafts')).statusCode).toBe(403);
    expect((await citizen.get(`/admin/catalogue/drafts/${draftId}`)).statusCode).toBe(403);
    // One open draft per procedure.
    expect((await editorB.post('/admin/catalogue/drafts', { procedureCode: CODE, content: content(today) })).json().code).toBe('authoring.draft_exists');
  });

  it('takes the catalogue elements and the form from a catalogue editor and the workflow from a process designer only', async () => {
    let res = await put(editorA, `/admin/catalogue/drafts/${draftId}`, content(today));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().problems).toEqual([{ path: 'forms.TH1', message: 'Trường hợp TH1 cho phép nộp trực tuyến nhưng chưa có biểu mẫu điện tử' }]);
    res = await put(editorA, `/admin/catalogue/drafts/${draftId}/forms/TH1`, { schema: { type: 'object' }, uiSchema: {} });
    expect(res.json().problems.map((p: { path: string }) => p.path)).toContain('forms.TH1');
    res = await put(editorA, `/admin/catalogue/drafts/${draftId}/forms/TH1`, form);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().problems).toEqual([]);
    expect((await put(editorA, `/admin/catalogue/drafts/${draftId}/forms/TH9`, form)).json().code).toBe('authoring.case_not_found');

    // Workflows belong to the process designer.
    expect((await put(editorA, `/admin/catalogue/drafts/${draftId}/workflows/TH1`, workflow)).statusCode).toBe(403);
    const broken = structuredClone(workflow);
    broken.steps[0]!.actions = [{ action: 'dung_xu_ly', kind: 'STOP', label: 'Dừng xử lý' }];
    res = await put(designer, `/admin/catalogue/drafts/${draftId}/workflows/TH1`, broken);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().problems).toEqual(expect.arrayContaining([
      { path: 'workflows.TH1.steps.1', message: 'Bước "tham_dinh" không thể tới được từ bước đầu tiên.' },
    ]));
    res = await put(designer, `/admin/catalogue/drafts/${draftId}/workflows/TH1`, workflow);
    expect(res.json().problems).toEqual([]);
    expect(res.json().editorUserIds).toEqual([editorA.userId, designer.userId]);

    const diff = (await editorA.get(`/admin/catalogue/drafts/${draftId}/diff`)).json();
    expect(diff.versionInForce).toBeNull();
    expect(diff.entries).toEqual(expect.arrayContaining([{ path: 'procedure.name', change: 'ADDED', after: 'Xác nhận đăng ký hoạt động quan trắc thử nghiệm' }]));
    const exported = (await editorA.get(`/admin/catalogue/drafts/${draftId}/export`)).json();
    expect(exported.procedures[0]).toMatchObject({ code: CODE, versions: [{ versionNo: 1, cases: [{ code: 'TH1', components: [{ id: `${CODE}-v1-TH1-1` }] }, { code: 'TH2' }] }] });
  });

  it('is published only by a second catalogue editor, then is immutable', async () => {
    expect((await editorA.post(`/admin/catalogue/drafts/${draftId}/publish`)).json().code).toBe('authoring.second_person_required');
    expect((await designer.post(`/admin/catalogue/drafts/${draftId}/publish`)).statusCode).toBe(403);
    expect((await citizen.get(`/procedures/${CODE}`)).statusCode).toBe(404);
    const res = await editorB.post(`/admin/catalogue/drafts/${draftId}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'PUBLISHED', publishedVersionNo: 1, publishedByUserId: editorB.userId });
    expect((await put(editorA, `/admin/catalogue/drafts/${draftId}`, content(today))).json().code).toBe('authoring.draft_not_editable');
    const audit = await ctx.database.db.select().from(auditEventsTable).where(eq(auditEventsTable.subject, `procedure:${CODE}`));
    expect(audit.map((a) => [a.action, a.actorUserId])).toEqual([['CATALOGUE_VERSION_PUBLISHED', editorB.userId]]);
    const drafted = await ctx.database.db.select().from(auditEventsTable).where(eq(auditEventsTable.subject, `catalogue-draft:${draftId}`));
    expect(drafted.map((a) => a.action)).toEqual(expect.arrayContaining(['CATALOGUE_DRAFT_CREATED', 'CATALOGUE_DRAFT_CONTENT_SAVED', 'CATALOGUE_DRAFT_FORM_SAVED', 'CATALOGUE_DRAFT_WORKFLOW_SAVED']));
  });

  it('appears in the public catalogue; a citizen files a dossier and officials take it through the coordination to a signed result', async () => {
    const search = (await citizen.get(`/procedures?q=${encodeURIComponent('quan trac thu nghiem')}`)).json();
    expect(search.items.map((i: { code: string }) => i.code)).toContain(CODE);
    const detail = (await citizen.get(`/procedures/${CODE}`)).json();
    expect(detail.cases.map((c: { code: string }) => c.code)).toEqual(['TH1', 'TH2']);
    expect(detail.version.versionNo).toBe(1);

    // The server checks the answers with the published form: the condition and the address.
    const draft = (await citizen.post('/dossiers', { procedureCode: CODE, caseCode: 'TH1' })).json();
    expect(draft.form.schema.properties.stations.type).toBe('array');
    await citizen.patch(`/dossiers/${draft.id}`, { answers: { ...answers, otherPurpose: undefined } });
    const refused = await citizen.post(`/dossiers/${draft.id}/submit`);
    expect(refused.statusCode).toBe(422);
    expect(JSON.stringify(refused.json().errors)).toContain('otherPurpose');
    expect((await citizen.delete(`/dossiers/${draft.id}`)).statusCode).toBe(204);

    const d = await receivedDossier();
    expect(await getRow(ctx, d.id)).toMatchObject({ workflowCode: `TT_${CODE}_V1_TH1`, stepId: 'tiep_nhan' });
    await act(officer, d.id, 'chuyen_xu_ly', { assigneeId: specialist.userId });
    const template = (await specialist.get(`/dossiers/${d.id}/result-draft`)).json();
    const saved = await specialist.raw('PUT' as never, `/dossiers/${d.id}/result-draft`, { title: template.title, summary: template.summary, body: template.body });
    expect(saved.statusCode, saved.body).toBe(200);
    await act(specialist, d.id, 'lay_y_kien_tinh', { comment: 'Đề nghị UBND tỉnh cho ý kiến' });
    expect(await getRow(ctx, d.id)).toMatchObject({ stepId: 'tham_dinh', workflowStatus: 'AWAITING_AGENCY', coordinatingAgency: 'EXT.UBND_TINH' });
    await act(specialist, d.id, 'trinh_ky', { assigneeId: leader.userId, comment: 'UBND tỉnh đồng ý' });
    await act(leader, d.id, 'ky_duyet');
    const result = (await leader.get(`/dossiers/${d.id}/processing`)).json().documents.find((doc: { kind: string }) => doc.kind === 'RESULT');
    expect(result).toMatchObject({ status: 'SIGNED', signer: { commonName: 'Đặng Văn Hùng' } });
    const returned = await act(officer, d.id, 'tra_ket_qua', { collectedBy: { fullName: 'Nguyễn Văn An', personalIdNumber: '001090012345' } });
    expect(returned).toMatchObject({ status: 'RESULT_RETURNED', nationalStatus: 10 });
  });
});

describe('a new version of a published procedure', () => {
  it('starts from the version in force, shows its diff, and running dossiers keep their version, form and workflow', async () => {
    const running = await receivedDossier();
    const before = await getRow(ctx, running.id);

    const created = await editorA.post('/admin/catalogue/drafts', { fromProcedureCode: CODE });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({ baseVersionNo: 1, problems: [] });
    expect(Object.keys(draft.forms)).toEqual(['TH1']);
    expect(draft.workflows.TH1.steps).toHaveLength(4);
    expect((await editorA.get(`/admin/catalogue/drafts/${draft.id}/diff`)).json().entries).toEqual([]);

    const next = structuredClone(draft.content);
    next.version.cases[0].name = 'Đăng ký lần đầu hoạt động quan trắc';
    expect((await put(editorA, `/admin/catalogue/drafts/${draft.id}`, next)).json().problems).toEqual([]);
    const changedForm = structuredClone(form);
    (changedForm.schema.properties.fullName as { maxLength: number }).maxLength = 100;
    await put(editorA, `/admin/catalogue/drafts/${draft.id}/forms/TH1`, changedForm);
    const diff = (await editorB.get(`/admin/catalogue/drafts/${draft.id}/diff`)).json();
    expect(diff.versionInForce).toBe(1);
    expect(diff.entries).toEqual([
      { path: 'version.cases[0].name', change: 'CHANGED', before: 'Đăng ký lần đầu', after: 'Đăng ký lần đầu hoạt động quan trắc' },
      { path: 'forms.TH1.schema.properties.fullName.maxLength', change: 'CHANGED', before: 150, after: 100 },
    ]);
    const published = await editorB.post(`/admin/catalogue/drafts/${draft.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().publishedVersionNo).toBe(2);

    const list = (await editorA.get('/admin/catalogue/procedures')).json().items.find((p: { code: string }) => p.code === CODE);
    expect(list).toMatchObject({ versionInForce: 2, latestVersion: 2, openDraftId: null });
    expect((await citizen.get(`/procedures/${CODE}`)).json().cases[0].name).toBe('Đăng ký lần đầu hoạt động quan trắc');

    // The running dossier stays on version 1 and its workflow; a new one takes version 2.
    const after = await getRow(ctx, running.id);
    expect(after).toMatchObject({ versionId: before.versionId, caseId: before.caseId, workflowCode: `TT_${CODE}_V1_TH1` });
    await act(officer, running.id, 'chuyen_xu_ly', { assigneeId: specialist.userId });
    const fresh = await receivedDossier();
    const freshRow = await getRow(ctx, fresh.id);
    expect(freshRow.versionId).not.toBe(before.versionId);
    expect(freshRow.workflowCode).toBe(`TT_${CODE}_V2_TH1`);
    const forms = (await citizen.get(`/dossiers/${fresh.id}`)).json().form.schema.properties.fullName.maxLength;
    expect(forms).toBe(100);
    expect((await citizen.get(`/dossiers/${running.id}`)).json().form.schema.properties.fullName.maxLength).toBe(150);
  });

  it('refuses an editor of another unit', async () => {
    const stranger = await official('CATALOGUE_EDITOR', 'editor-other', '000.00.03.G99');
    const res = await stranger.post('/admin/catalogue/drafts', { fromProcedureCode: CODE });
    expect(res.statusCode).toBe(403);
  });
});
