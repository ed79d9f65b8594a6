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
import { callerFor, getRow, tempDataDir, userIdByEmail, type Caller } from '../../dossiers/e2e/dossiers.fixtures.js';
import { act, answers, content, form, official as officialIn, put, receivedDossier as receivedIn, workflow } from './authoring.fixtures.js';

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

const official = (role: 'CATALOGUE_EDITOR' | 'PROCESS_DESIGNER', name: string, unitCode?: string) => officialIn(ctx, role, name, unitCode);

/** Filed online by the citizen and received by the officer. */
const receivedDossier = (caseCode = 'TH1') => receivedIn({ citizen, officer, code: CODE }, caseCode);

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
    // The workspace names the agency asked, not only its code.
    expect((await specialist.get(`/dossiers/${d.id}/processing`)).json().workflow).toMatchObject({ coordinatingAgency: 'EXT.UBND_TINH', coordinatingAgencyName: expect.stringMatching(/Ủy ban nhân dân/) });
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
