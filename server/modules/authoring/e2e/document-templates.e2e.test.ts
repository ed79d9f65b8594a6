/**
 * Document templates over HTTP: checked on save (unknown placeholder, syntax, refused tags, with
 * the line), previewed as PDF, published by a second catalogue editor and audited; a dossier's
 * result and receipt slip then carry the published texts.
 */
import fs from 'node:fs';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { auditEventsTable } from '../../../platform/audit/audit.tables.js';
import { flattenText, pdfText } from '../../../platform/pdf/pdf-inspect.js';
import { CASE, PROCEDURE, callerFor, goodAnswers, seedTestForm, tempDataDir, userIdByEmail, type Caller } from '../../dossiers/e2e/dossiers.fixtures.js';
import { official, put } from './authoring.fixtures.js';

let ctx: TestContext;
let dataDir: string;
let editorA: Caller;
let editorB: Caller;
let citizen: Caller;
let officer: Caller;
let specialist: Caller;
let head: Caller;
let leader: Caller;
let mandatoryComponentId: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir });
  await seedTestForm(ctx);
  editorA = await official(ctx, 'CATALOGUE_EDITOR', 'tpl-editor-a');
  editorB = await official(ctx, 'CATALOGUE_EDITOR', 'tpl-editor-b');
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  officer = await callerFor(ctx, await userIdByEmail(ctx, 'officer@demo.opendvc.vn'));
  specialist = await callerFor(ctx, await userIdByEmail(ctx, 'specialist@demo.opendvc.vn'));
  head = await callerFor(ctx, await userIdByEmail(ctx, 'head@demo.opendvc.vn'));
  leader = await callerFor(ctx, await userIdByEmail(ctx, 'leader@demo.opendvc.vn'));
  const probe = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
  mandatoryComponentId = probe.components.find((c: { mandatory: boolean }) => c.mandatory).id;
  expect((await citizen.delete(`/dossiers/${probe.id}`)).statusCode).toBe(204);
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function receivedDossier() {
  const draft = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
  expect((await citizen.patch(`/dossiers/${draft.id}`, { answers: goodAnswers })).statusCode).toBe(200);
  expect((await citizen.upload(draft.id, mandatoryComponentId)).statusCode).toBe(201);
  expect((await citizen.post(`/dossiers/${draft.id}/submit`)).statusCode).toBe(200);
  const received = await officer.post(`/dossiers/${draft.id}/receive`);
  expect(received.statusCode, received.body).toBe(200);
  return received.json() as { id: string; code: string };
}

async function act(caller: Caller, id: string, action: string, body: Record<string, unknown> = {}) {
  const res = await caller.post(`/dossiers/${id}/actions/${action}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const textOf = async (pdf: Buffer) => flattenText(await pdfText(pdf));

const newResult = {
  tieu_de: 'Giấy xác nhận kết quả',
  trich_yeu: 'Về việc chấp thuận hồ sơ {{ ho_so.ma }}',
  noi_dung: [
    'Căn cứ Luật Tài nguyên nước số 28/2023/QH15;',
    'Chấp thuận hồ sơ của {{ nguoi_nop.ten }} theo thủ tục "{{ thu_tuc.ten }}" (mã {{ thu_tuc.ma }}).',
    '{% if nguoi_nop.dia_chi != "" %}Địa chỉ liên hệ: {{ nguoi_nop.dia_chi }}.{% endif %}',
  ].join('\n'),
  noi_nhan: 'Ủy ban nhân dân xã nơi cư trú;\nLưu: VT, hồ sơ.',
};

describe('document templates', () => {
  it('lists every kind with its parts and documented placeholders', async () => {
    const res = await editorA.get('/admin/catalogue/document-templates');
    expect(res.statusCode, res.body).toBe(200);
    const kinds = res.json() as { kind: string; perProcedure: boolean; placeholders: { name: string }[]; fields: { key: string }[] }[];
    expect(kinds.map((k) => k.kind)).toEqual(['RESULT', '01', '02', '03', '04', '05']);
    const result = kinds.find((k) => k.kind === 'RESULT')!;
    expect(result.perProcedure).toBe(true);
    expect(result.fields.map((f) => f.key)).toEqual(['tieu_de', 'trich_yeu', 'noi_dung', 'noi_nhan']);
    expect(result.placeholders.map((p) => p.name)).toEqual(expect.arrayContaining(['ho_so.ma', 'nguoi_nop.ten', 'thu_tuc.ten', 'han_tra']));
    expect((await citizen.get('/admin/catalogue/document-templates')).statusCode).toBe(403);
  });

  it('refuses an unknown placeholder, a syntax error and a file tag with a Vietnamese message and the line', async () => {
    const unknown = await put(editorA, '/admin/catalogue/document-templates/RESULT/draft', { texts: { ...newResult, noi_dung: 'Dòng một;\nHồ sơ {{ ho_so.khong_co }}.' } });
    expect(unknown.statusCode, unknown.body).toBe(422);
    const body = unknown.json();
    expect(body.code).toBe('authoring.template_invalid');
    expect(body.errors).toEqual([{ path: 'texts.noi_dung', message: 'Dòng 2: biến {{ ho_so.khong_co }} không có trong danh sách biến của mẫu.' }]);
    expect(body.details.problems[0]).toMatchObject({ field: 'noi_dung', line: 2 });

    const syntax = await put(editorA, '/admin/catalogue/document-templates/03/draft', { texts: { mo_dau: 'Qua xem xét,\n{% if co_quan.ten %}thiếu endif', ket_thuc: 'Xin thông báo./.' } });
    expect(syntax.statusCode).toBe(422);
    expect(syntax.json().errors[0]).toMatchObject({ path: 'texts.mo_dau' });
    expect(syntax.json().errors[0].message).toMatch(/^Dòng 2: Thẻ hoặc biến chưa được đóng/);

    const include = await put(editorA, '/admin/catalogue/document-templates/03/draft', { texts: { mo_dau: "{% include 'secret' %}", ket_thuc: 'x' } });
    expect(include.statusCode).toBe(422);
    expect(include.json().errors[0].message).toContain('{% include %} không được dùng');

    const filter = await put(editorA, '/admin/catalogue/document-templates/03/draft', { texts: { mo_dau: '{{ co_quan.ten | khong_co }}', ket_thuc: 'x' } });
    expect(filter.json().errors[0].message).toContain('Bộ lọc "khong_co" không tồn tại');
    expect((await put(editorA, '/admin/catalogue/document-templates/03/draft', { texts: { mo_dau: 'x' } })).json().errors[0].message).toContain('Thiếu phần');
    expect((await put(editorA, '/admin/catalogue/document-templates/03/draft?procedureCode=1.013302', { texts: {} })).json().code).toBe('authoring.template_not_per_procedure');
  });

  it('previews the document as PDF with sample data', async () => {
    const res = await editorA.post('/admin/catalogue/document-templates/RESULT/preview', { texts: newResult });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await textOf(res.rawPayload);
    expect(text).toContain('GIẤY XÁC NHẬN KẾT QUẢ');
    expect(text).toContain('Chấp thuận hồ sơ của Nguyễn Thị Thu Hường theo thủ tục');
    expect(text).toContain('- Ủy ban nhân dân xã nơi cư trú;');
    const form = await editorA.post('/admin/catalogue/document-templates/04/preview', { texts: { mo_dau: 'Kính gửi **{{ nguoi_nop.ten }}**', noi_dung: 'Lý do: {{ ly_do }}', ket_thuc: 'Trân trọng./.' } });
    expect(form.statusCode, form.body).toBe(200);
    expect(await textOf(form.rawPayload)).toContain('Kính gửi Nguyễn Thị Thu Hường');
  });

  it('publishes only by a second editor, audited; the result of a dossier then carries the new texts', async () => {
    const saved = await put(editorA, '/admin/catalogue/document-templates/RESULT/draft', { texts: newResult });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ status: 'DRAFT', editorUserIds: [editorA.userId] });
    const self = await editorA.post('/admin/catalogue/document-templates/RESULT/draft/publish', {});
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('authoring.second_person_required');
    const published = await editorB.post('/admin/catalogue/document-templates/RESULT/draft/publish', {});
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'PUBLISHED', publishedByUserId: editorB.userId });
    expect((await editorB.post('/admin/catalogue/document-templates/RESULT/draft/publish', {})).statusCode).toBe(404);
    const view = (await editorA.get('/admin/catalogue/document-templates/RESULT')).json();
    expect(view.published.texts).toEqual(newResult);
    expect(view.draft).toBeNull();
    const audit = await ctx.database.db.select({ action: auditEventsTable.action, actor: auditEventsTable.actorUserId }).from(auditEventsTable)
      .where(and(like(auditEventsTable.subject, 'document-template:%'), eq(auditEventsTable.subject, `document-template:${published.json().id}`)));
    expect(audit).toEqual(expect.arrayContaining([
      { action: 'DOCUMENT_TEMPLATE_DRAFT_SAVED', actor: editorA.userId },
      { action: 'DOCUMENT_TEMPLATE_PUBLISHED', actor: editorB.userId },
    ]));

    const d = await receivedDossier();
    await act(officer, d.id, 'chuyen_tham_dinh', { assigneeId: specialist.userId });
    const draft = (await specialist.get(`/dossiers/${d.id}/result-draft`)).json();
    expect(draft).toMatchObject({ saved: false, title: 'Giấy xác nhận kết quả', summary: `Về việc chấp thuận hồ sơ ${d.code}` });
    expect(draft.body).toContain('Chấp thuận hồ sơ của Nguyễn Văn An theo thủ tục');
    expect((await put(specialist, `/dossiers/${d.id}/result-draft`, { title: draft.title, summary: draft.summary, body: draft.body })).statusCode).toBe(200);
    await act(specialist, d.id, 'trinh_lanh_dao_phong', { assigneeId: head.userId });
    await act(head, d.id, 'trinh_ky', { assigneeId: leader.userId });
    await act(leader, d.id, 'ky_duyet');
    const pdf = await leader.get(`/dossiers/${d.id}/result.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = await textOf(pdf.rawPayload);
    expect(text.normalize('NFC')).toBe(text);
    expect(text).toContain('GIẤY XÁC NHẬN KẾT QUẢ');
    expect(text).toContain(`Về việc chấp thuận hồ sơ ${d.code}`);
    expect(text).toContain('Căn cứ Luật Tài nguyên nước số 28/2023/QH15;');
    expect(text).toContain('Chấp thuận hồ sơ của Nguyễn Văn An theo thủ tục');
    expect(text).toContain('Nơi nhận: - Như trên; - Ủy ban nhân dân xã nơi cư trú; - Lưu: VT, hồ sơ.');
  });

  it('prints a published form text on slips issued afterwards; a slip issued before keeps its text', async () => {
    const before = await receivedDossier();
    const note = 'Ông/Bà {{ nguoi_nop.ten }} vui lòng mang theo bản chính giấy tờ khi nhận kết quả.';
    expect((await put(editorB, '/admin/catalogue/document-templates/01/draft', { texts: { tieu_de_tra_cuu: '**Tra cứu hồ sơ {{ ho_so.ma }}**', ghi_chu: note } })).statusCode).toBe(200);
    expect((await editorA.post('/admin/catalogue/document-templates/01/draft/publish', {})).statusCode).toBe(200);
    const after = await receivedDossier();
    const newSlip = await textOf((await officer.get(`/dossiers/${after.id}/receipt.pdf`)).rawPayload);
    expect(newSlip).toContain('vui lòng mang theo bản chính giấy tờ khi nhận kết quả.');
    expect(newSlip).toContain(`Tra cứu hồ sơ ${after.code}`);
    const oldSlip = await textOf((await officer.get(`/dossiers/${before.id}/receipt.pdf`)).rawPayload);
    expect(oldSlip).not.toContain('vui lòng mang theo bản chính');
    expect(oldSlip).toContain('Tra cứu tình trạng giải quyết hồ sơ');
  });
});
