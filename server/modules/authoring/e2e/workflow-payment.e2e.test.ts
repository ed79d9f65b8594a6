/**
 * A PAYMENT transition of a workflow built by a process designer (issue 17 item 4): the official
 * who takes it makes the payment request for the fees due after appraisal; the dossier waits for
 * payment (national status 6) with its clock stopped at the transition's target step, and resumes
 * there once paid. Without such a fee in the catalogue the action is refused and nothing moves.
 */
import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { procedureCasesTable } from '../../catalog/index.js';
import { recordPaid } from '../../dossiers/index.js';
import { paymentRequestsTable } from '../../payments/index.js';
import { callerFor, getRow, tempDataDir, userIdByEmail, type Caller } from '../../dossiers/e2e/dossiers.fixtures.js';
import { act, allowance, content, form, official, put, receivedDossier as receivedIn, workflow } from './authoring.fixtures.js';

const CODE = '2.999024';

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;
let officer: Caller;
let specialist: Caller;

/** The four-step workflow, with "ask for the appraisal fee" from reception to the specialist. */
const withPayment = structuredClone(workflow);
withPayment.steps[0]!.actions.push({ action: 'thu_phi', kind: 'PAYMENT', to: 'tham_dinh', label: 'Yêu cầu nộp phí thẩm định' } as never);

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir });
  const editorA = await official(ctx, 'CATALOGUE_EDITOR', 'pay-editor-a');
  const editorB = await official(ctx, 'CATALOGUE_EDITOR', 'pay-editor-b');
  const designer = await official(ctx, 'PROCESS_DESIGNER', 'pay-designer');
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  officer = await callerFor(ctx, await userIdByEmail(ctx, 'officer@demo.opendvc.vn'));
  specialist = await callerFor(ctx, await userIdByEmail(ctx, 'specialist@demo.opendvc.vn'));
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const draft = (await editorA.post('/admin/catalogue/drafts', { procedureCode: CODE, content: content(today) })).json();
  expect((await put(editorA, `/admin/catalogue/drafts/${draft.id}/forms/TH1`, form)).statusCode).toBe(200);
  const saved = await put(designer, `/admin/catalogue/drafts/${draft.id}/workflows/TH1`, withPayment);
  expect(saved.json().problems).toEqual([]);
  const published = await editorB.post(`/admin/catalogue/drafts/${draft.id}/publish`);
  expect(published.statusCode, published.body).toBe(200);
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a PAYMENT transition', () => {
  it('is offered with its target and refused while the case has no fee due after appraisal', async () => {
    const d = await receivedIn({ citizen, officer, code: CODE });
    const actions = (await officer.get(`/dossiers/${d.id}/actions`)).json().items;
    expect(actions).toContainEqual(expect.objectContaining({ action: 'thu_phi', kind: 'PAYMENT', to: 'tham_dinh' }));
    const refused = await officer.post(`/dossiers/${d.id}/actions/thu_phi`, {});
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().code).toBe('payments.no_fee');
    expect(await getRow(ctx, d.id)).toMatchObject({ status: 'RECEIVED', stepId: 'tiep_nhan', workflowStatus: 'ACTIVE' });
  });

  it('requests the fee, waits for payment at its target with the clock stopped, and resumes there once paid', async () => {
    // The case gains an after-appraisal charge (catalogue data, as an import would set it).
    const row = await getRow(ctx, (await receivedIn({ citizen, officer, code: CODE })).id);
    const [kase] = await ctx.database.db.select().from(procedureCasesTable).where(eq(procedureCasesTable.id, row.caseId));
    const channels = kase!.channels.map((c) => ({ ...c, fees: [...c.fees, { kind: 'CHARGE' as const, name: 'Phí thẩm định (minh họa)', amountVnd: 300_000, stage: 'AFTER_APPRAISAL' as const }] }));
    await ctx.database.db.update(procedureCasesTable).set({ channels }).where(eq(procedureCasesTable.id, kase!.id));

    const moved = await act(officer, row.id, 'thu_phi', { assigneeId: specialist.userId, comment: 'Đề nghị nộp phí thẩm định' });
    expect(moved).toMatchObject({ status: 'AWAITING_PAYMENT' });
    const waiting = await getRow(ctx, row.id);
    expect(waiting).toMatchObject({ status: 'AWAITING_PAYMENT', stepId: 'tham_dinh', workflowStatus: 'AWAITING_APPLICANT', currentRole: 'SPECIALIST', assigneeUserId: specialist.userId });
    expect(waiting.clockStoppedAt).not.toBeNull();
    const [request] = await ctx.database.db.select().from(paymentRequestsTable).where(and(eq(paymentRequestsTable.dossierId, row.id), eq(paymentRequestsTable.stage, 'AFTER_APPRAISAL')));
    expect(request).toMatchObject({ status: 'PENDING', amount: 300_000 });
    // Nothing to do at the step while the applicant pays.
    expect((await specialist.get(`/dossiers/${row.id}/actions`)).json().items.map((a: { action: string }) => a.action)).not.toContain('trinh_ky');

    await ctx.database.db.transaction((tx) => recordPaid(tx, ctx.config, {
      dossierId: row.id, paymentId: request!.id, stage: 'AFTER_APPRAISAL', amount: 300_000, items: request!.items, provider: 'vnpay',
      providerTransactionId: 'T1', reference: request!.reference, paidAt: new Date(), release: true,
    }));
    expect(await getRow(ctx, row.id)).toMatchObject({ status: 'IN_PROGRESS', stepId: 'tham_dinh', workflowStatus: 'ACTIVE', clockStoppedAt: null });
    expect((await specialist.get(`/dossiers/${row.id}/actions`)).json().items.map((a: { action: string }) => a.action)).toContain('trinh_ky');
  });

  it('is checked like any transition: it needs a target', async () => {
    const designer = await official(ctx, 'PROCESS_DESIGNER', 'pay-designer-2');
    const draft = (await designer.post('/admin/catalogue/workflow-drafts', { workflowCode: 'QT_PHI_THU', name: 'Quy trình có thu phí' })).json();
    const steps = structuredClone(withPayment.steps);
    (steps[0]!.actions[2] as { to?: string | null }).to = null;
    steps[0]!.allowance = allowance(4, 'WORKING_HOUR');
    const res = await put(designer, `/admin/catalogue/workflow-drafts/${draft.id}`, { name: 'Quy trình có thu phí', steps });
    expect(res.json().problems).toEqual([{ path: 'steps.0.actions.2.to', message: 'Thao tác "thu_phi" của bước "tiep_nhan" phải chỉ ra bước tiếp theo.' }]);
  });
});
