/**
 * The workflow designer over HTTP (issue 17 item 4): a process designer drafts the next version of
 * a procedure's workflow, the checks name every problem in Vietnamese, a second designer publishes
 * it after a request (four eyes), the version is immutable, and a dossier received under version 1
 * keeps version 1 after version 2 is published while a dossier received afterwards starts on version 2.
 */
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { auditEventsTable } from '../../../platform/audit/audit.tables.js';
import { callerFor, getRow, tempDataDir, userIdByEmail, type Caller } from '../../dossiers/e2e/dossiers.fixtures.js';
import { act, allowance, content, form, official as officialIn, put, receivedDossier as receivedIn, workflow } from './authoring.fixtures.js';

const CODE = '2.999018';
const WF = `TT_${CODE}_V1_TH1`;

let ctx: TestContext;
let dataDir: string;
let editorA: Caller;
let editorB: Caller;
let designer: Caller;
let designer2: Caller;
let citizen: Caller;
let officer: Caller;
let specialist: Caller;
let leader: Caller;
let today: string;

const official = (role: 'CATALOGUE_EDITOR' | 'PROCESS_DESIGNER', name: string, unitCode?: string) => officialIn(ctx, role, name, unitCode);

/** Filed online by the citizen and received by the officer. */
const receivedDossier = (caseCode = 'TH1') => receivedIn({ citizen, officer, code: CODE }, caseCode);


beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir });
  editorA = await official('CATALOGUE_EDITOR', 'wf-editor-a');
  editorB = await official('CATALOGUE_EDITOR', 'wf-editor-b');
  designer = await official('PROCESS_DESIGNER', 'wf-designer');
  designer2 = await official('PROCESS_DESIGNER', 'wf-designer-2');
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  officer = await callerFor(ctx, await userIdByEmail(ctx, 'officer@demo.opendvc.vn'));
  specialist = await callerFor(ctx, await userIdByEmail(ctx, 'specialist@demo.opendvc.vn'));
  leader = await callerFor(ctx, await userIdByEmail(ctx, 'leader@demo.opendvc.vn'));
  today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  // The procedure, its form and version 1 of its workflow, through the catalogue editor.
  const draft = (await editorA.post('/admin/catalogue/drafts', { procedureCode: CODE, content: content(today) })).json();
  await put(editorA, `/admin/catalogue/drafts/${draft.id}/forms/TH1`, form);
  await put(designer, `/admin/catalogue/drafts/${draft.id}/workflows/TH1`, workflow);
  const published = await editorB.post(`/admin/catalogue/drafts/${draft.id}/publish`);
  expect(published.statusCode, published.body).toBe(200);
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Problem = { path: string; message: string };
const messages = (res: { json(): { problems: Problem[] } }) => res.json().problems.map((p) => p.message);

describe('workflow drafts', () => {
  let draftId: string;
  let running: { id: string };

  it('lists the workflows for process designers only, and starts a draft from the version in force', async () => {
    running = await receivedDossier();
    expect(await getRow(ctx, running.id)).toMatchObject({ workflowCode: WF, workflowVersionNo: 1 });

    expect((await officer.get('/admin/catalogue/workflows')).statusCode).toBe(403);
    expect((await citizen.get('/admin/catalogue/workflows')).statusCode).toBe(403);
    const list = (await designer.get('/admin/catalogue/workflows')).json().items;
    expect(list.find((w: { code: string }) => w.code === WF)).toMatchObject({ versionInForce: 1, caseCount: 1, stepCount: 4, openDraft: null });

    expect((await editorA.post('/admin/catalogue/workflow-drafts', { workflowCode: WF })).statusCode).toBe(403);
    const stranger = await official('PROCESS_DESIGNER', 'wf-designer-other-unit', '000.00.03.G99');
    expect((await stranger.post('/admin/catalogue/workflow-drafts', { workflowCode: WF })).statusCode).toBe(403);

    const res = await designer.post('/admin/catalogue/workflow-drafts', { workflowCode: WF });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'DRAFT', baseVersionNo: 1, versionNo: null, name: workflow.name, problems: [], cases: [{ procedureCode: CODE, caseCode: 'TH1', versionNo: 1 }] });
    draftId = res.json().id;
    expect((await designer2.post('/admin/catalogue/workflow-drafts', { workflowCode: WF })).json().code).toBe('authoring.draft_exists');
  });

  it('saves an invalid draft and names every problem in Vietnamese', async () => {
    const bad = structuredClone(workflow) as { name: string; steps: Record<string, unknown>[] };
    // An unreachable step, a step without a role, a coordination without an agency, a signature on a send-back,
    // and allowances beyond the case's 10 working days.
    bad.steps[0]!.actions = [{ action: 'chuyen_xu_ly', kind: 'FORWARD', to: 'phe_duyet', label: 'Chuyển lãnh đạo' }];
    bad.steps[1]!.role = 'NOBODY';
    (bad.steps[1]!.actions as Record<string, unknown>[])[0] = { action: 'lay_y_kien_tinh', kind: 'COORDINATE', to: 'tham_dinh', label: 'Lấy ý kiến' };
    (bad.steps[2]!.actions as Record<string, unknown>[])[1] = { action: 'tra_lai', kind: 'SEND_BACK', to: 'phe_duyet', label: 'Trả lại', effect: 'SIGN_RESULT' };
    bad.steps[3]!.allowance = allowance(20, 'WORKING_DAY');
    const res = await put(designer, `/admin/catalogue/workflow-drafts/${draftId}`, bad);
    expect(res.statusCode, res.body).toBe(200);
    expect(messages(res)).toEqual(expect.arrayContaining([
      'Bước "tham_dinh" không thể tới được từ bước đầu tiên.',
      'Vai trò "NOBODY" của bước "tham_dinh" không tồn tại.',
      'Thao tác phối hợp "lay_y_kien_tinh" của bước "tham_dinh" phải chỉ ra cơ quan phối hợp.',
      'Chỉ thao tác chuyển tiếp mới ký hoặc ban hành kết quả (thao tác "tra_lai").',
      expect.stringMatching(/^Tổng thời gian các bước \(24 ngày làm việc 4 giờ làm việc\) vượt thời hạn giải quyết của trường hợp TH1/),
    ]));
    expect(res.json().problems).toEqual(expect.arrayContaining([{ path: 'steps.1', message: 'Bước "tham_dinh" không thể tới được từ bước đầu tiên.' }]));
    // A path that never ends.
    const loop = structuredClone(workflow);
    loop.steps[3]!.actions = [{ action: 'quay_lai', kind: 'SEND_BACK', to: 'tham_dinh', label: 'Quay lại' }] as never;
    expect(messages(await put(designer, `/admin/catalogue/workflow-drafts/${draftId}`, loop))).toContain('Quy trình không có bước nào kết thúc (thao tác loại FINISH).');
    // An invalid draft cannot be put up for publishing.
    const refused = await designer.post(`/admin/catalogue/workflow-drafts/${draftId}/request-publish`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('authoring.draft_invalid');
  });

  it('is published by a second designer after a request, then is immutable and audited', async () => {
    // Version 2: no coordination any more, and an extra check by the unit head.
    const v2 = structuredClone(workflow);
    v2.steps[1]!.actions = [{ action: 'trinh_truong_phong', kind: 'FORWARD', to: 'kiem_tra', label: 'Trình trưởng phòng' }] as never;
    v2.steps.splice(2, 0, { id: 'kiem_tra', name: 'Trưởng phòng kiểm tra', role: 'UNIT_HEAD', unit: 'PROCESSING', allowance: allowance(1, 'WORKING_DAY'), actions: [
      { action: 'trinh_ky', kind: 'FORWARD', to: 'phe_duyet', label: 'Trình lãnh đạo ký' },
    ] } as never);
    let res = await put(designer, `/admin/catalogue/workflow-drafts/${draftId}`, v2);
    expect(res.json().problems).toEqual([]);
    expect((await designer2.post(`/admin/catalogue/workflow-drafts/${draftId}/publish`)).json().code).toBe('authoring.publish_not_requested');
    res = await designer.post(`/admin/catalogue/workflow-drafts/${draftId}/request-publish`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().publishRequestedByUserId).toBe(designer.userId);
    expect((await designer.post(`/admin/catalogue/workflow-drafts/${draftId}/publish`)).json().code).toBe('authoring.second_designer_required');
    expect((await editorB.post(`/admin/catalogue/workflow-drafts/${draftId}/publish`)).statusCode).toBe(403);
    res = await designer2.post(`/admin/catalogue/workflow-drafts/${draftId}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'PUBLISHED', versionNo: 2, publishedByUserId: designer2.userId, editorUserIds: [designer.userId] });
    expect((await put(designer, `/admin/catalogue/workflow-drafts/${draftId}`, workflow)).json().code).toBe('authoring.draft_not_editable');
    expect((await designer.delete(`/admin/catalogue/workflow-drafts/${draftId}`)).json().code).toBe('authoring.draft_not_editable');

    const versions = (await designer.get(`/admin/catalogue/workflows/${WF}/versions`)).json();
    expect(versions.versionInForce).toBe(2);
    expect(versions.items.map((v: { versionNo: number; stepCount: number }) => [v.versionNo, v.stepCount])).toEqual([[2, 5], [1, 4]]);
    // A workflow code that is not stored is a workflow not found (not a draft).
    for (const path of ['/admin/catalogue/workflows/TT_KHONG_CO', '/admin/catalogue/workflows/TT_KHONG_CO/versions']) {
      const missing = await editorA.get(path);
      expect(missing.statusCode, path).toBe(404);
      expect(missing.json()).toMatchObject({ code: 'authoring.workflow_not_found', title: 'Không tìm thấy quy trình xử lý.' });
    }
    const audit = await ctx.database.db.select().from(auditEventsTable).where(eq(auditEventsTable.subject, `workflow:${WF}`));
    expect(audit.map((a) => [a.action, a.actorUserId])).toEqual([['WORKFLOW_VERSION_PUBLISHED', designer2.userId]]);
    const drafted = await ctx.database.db.select().from(auditEventsTable).where(eq(auditEventsTable.subject, `workflow-draft:${draftId}`));
    expect(drafted.map((a) => a.action)).toEqual(expect.arrayContaining(['WORKFLOW_DRAFT_CREATED', 'WORKFLOW_DRAFT_SAVED', 'WORKFLOW_PUBLISH_REQUESTED']));
  });

  it('keeps a dossier received under version 1 on version 1; a dossier received afterwards runs version 2', async () => {
    // The running dossier still has version 1's coordination, which version 2 no longer has.
    await act(officer, running.id, 'chuyen_xu_ly', { assigneeId: specialist.userId });
    const template = (await specialist.get(`/dossiers/${running.id}/result-draft`)).json();
    expect((await specialist.raw('PUT' as never, `/dossiers/${running.id}/result-draft`, { title: template.title, summary: template.summary, body: template.body })).statusCode).toBe(200);
    await act(specialist, running.id, 'lay_y_kien_tinh', { comment: 'Đề nghị UBND tỉnh cho ý kiến' });
    expect(await getRow(ctx, running.id)).toMatchObject({ workflowCode: WF, workflowVersionNo: 1, stepId: 'tham_dinh', workflowStatus: 'AWAITING_AGENCY' });
    await act(specialist, running.id, 'trinh_ky', { assigneeId: leader.userId });
    expect(await getRow(ctx, running.id)).toMatchObject({ stepId: 'phe_duyet', workflowVersionNo: 1 });

    const fresh = await receivedDossier();
    expect(await getRow(ctx, fresh.id)).toMatchObject({ workflowCode: WF, workflowVersionNo: 2 });
    await act(officer, fresh.id, 'chuyen_xu_ly', { assigneeId: specialist.userId });
    const res = await specialist.post(`/dossiers/${fresh.id}/actions/lay_y_kien_tinh`, { comment: 'x' });
    expect(res.statusCode).not.toBe(200);
    await act(specialist, fresh.id, 'trinh_truong_phong');
    expect(await getRow(ctx, fresh.id)).toMatchObject({ stepId: 'kiem_tra', workflowVersionNo: 2 });
  });

  it('starts a new workflow from a name, and discards a draft', async () => {
    expect((await designer.post('/admin/catalogue/workflow-drafts', { workflowCode: 'QT_MOI' })).json().code).toBe('authoring.draft_invalid');
    const res = await designer.post('/admin/catalogue/workflow-drafts', { workflowCode: 'QT_MOI', name: 'Quy trình mới' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ baseVersionNo: null, steps: [], problems: [{ path: 'steps', message: 'Quy trình phải có ít nhất một bước.' }] });
    expect((await designer2.get('/admin/catalogue/workflows')).json().items.find((w: { code: string }) => w.code === 'QT_MOI')).toMatchObject({ versionInForce: null, openDraft: { id: res.json().id } });
    expect((await designer2.delete(`/admin/catalogue/workflow-drafts/${res.json().id}`)).statusCode).toBe(204);
  });
});
