import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workflow } from '../../../../common/workflows/index.js';
import { auditEventsTable } from '../../../platform/audit/audit.tables.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { createIdentityRepository } from '../../identity/identity.repository.js';
import { startSession } from '../../identity/identity.sessions.js';

let ctx: TestContext;
const CSRF = 'workflows-test-csrf';

async function headersOf(email: string) {
  const user = await createIdentityRepository({ db: ctx.database.db }).getUserByEmail(email);
  if (!user) throw new Error(`demo account ${email} missing`);
  const { token } = await startSession({ db: ctx.database.db, userId: user.id, policy: { idleMinutes: 30, absoluteHours: 1 } });
  return { cookie: `opendvc_session=${token}; csrf=${CSRF}`, 'x-csrf-token': CSRF };
}

let admin: Record<string, string>;
const get = (url: string) => ctx.app.inject({ method: 'GET', url: `/api/v1/admin/workflows${url}`, headers: admin });
const put = (code: string, body: unknown, headers = admin) => ctx.app.inject({ method: 'PUT', url: `/api/v1/admin/workflows/${code}`, headers, payload: body as object });

const small = (): Omit<Workflow, 'code'> => ({
  name: 'Quy trình rút gọn',
  steps: [
    { id: 'a', name: 'Tiếp nhận', role: 'ONE_STOP_OFFICER', unit: 'RECEIVING', allowance: { amount: 4, unit: 'WORKING_HOUR' }, actions: [{ action: 'go', kind: 'FORWARD', to: 'b', effect: 'ISSUE_RESULT', label: 'Chuyển' }] },
    { id: 'b', name: 'Ký', role: 'LEADER', unit: 'PROCESSING', allowance: { amount: 1, unit: 'WORKING_DAY' }, actions: [{ action: 'done', kind: 'FINISH', label: 'Xong' }] },
  ],
});

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await headersOf('admin@demo.opendvc.vn');
});
afterAll(async () => ctx?.close());

describe('administrators: workflows', () => {
  it('lists the seeded workflows with their case counts', async () => {
    const res = await get('');
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: { code: string; isDefault: boolean; caseCount: number; stepCount: number; editedAt: string | null }[] }).items;
    expect(items.map((i) => i.code)).toEqual(['GPMT_HOI_DONG', 'MOT_CUA_MAC_DINH']);
    expect(items.find((i) => i.code === 'GPMT_HOI_DONG')).toMatchObject({ isDefault: false, caseCount: 1, stepCount: 8, editedAt: null });
    expect(items.find((i) => i.code === 'MOT_CUA_MAC_DINH')).toMatchObject({ isDefault: true, stepCount: 6 });
    expect(items.find((i) => i.code === 'MOT_CUA_MAC_DINH')!.caseCount).toBeGreaterThan(50);
  });

  it('shows a workflow with the cases using it; an unknown one is 404', async () => {
    const res = await get('/GPMT_HOI_DONG');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { definition: Workflow; cases: { procedureCode: string; caseCode: string }[] };
    expect(body.cases).toEqual([expect.objectContaining({ procedureCode: '1.010721', caseCode: 'TH1', versionNo: 1 })]);
    expect(body.definition.steps[0]!.id).toBe('tiep_nhan');
    const missing = await get('/KHONG_CO');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'workflows.not_found' });
    expect((await get('/ma thuong')).statusCode).toBe(400);
  });

  it('creates (201) and replaces (200) a workflow, audited', async () => {
    const created = await put('RUT_GON', small());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'RUT_GON', isDefault: false, caseCount: 0, definition: { code: 'RUT_GON', name: 'Quy trình rút gọn' } });
    const changed = small();
    changed.name = 'Quy trình rút gọn (sửa)';
    const replaced = await put('RUT_GON', changed);
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().hash).not.toBe(created.json().hash);
    expect(replaced.json().editedAt).toEqual(expect.any(String));
    const audits = await ctx.database.db.select().from(auditEventsTable).where(and(eq(auditEventsTable.subject, 'workflow:RUT_GON')));
    expect(audits.map((a) => a.action).sort()).toEqual(['WORKFLOW_CREATED', 'WORKFLOW_UPDATED']);
  });

  it('refuses an invalid workflow with every problem (422 problem+json) and stores nothing', async () => {
    const bad = small();
    bad.steps[0]!.role = 'JANITOR';
    bad.steps[0]!.actions[0]!.to = 'zzz';
    bad.steps.push({ ...bad.steps[1]!, id: 'b' });
    bad.steps[1]!.unit = '999.99.99.X99';
    const res = await put('SAI', bad);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = res.json() as { code: string; requestId: string; errors: { path: string; message: string }[] };
    expect(problem.code).toBe('workflows.invalid');
    expect(problem.requestId).toEqual(expect.any(String));
    expect(problem.errors).toEqual(expect.arrayContaining([
      { path: 'body.steps.0.role', message: 'Vai trò "JANITOR" của bước "a" không tồn tại.' },
      { path: 'body.steps.0.actions.0.to', message: expect.stringContaining('bước "zzz" không tồn tại') },
      { path: 'body.steps.2.id', message: expect.stringContaining('"b" bị trùng') },
      { path: 'body.steps.1.unit', message: expect.stringContaining('Đơn vị "999.99.99.X99"') },
      { path: 'body.steps.1', message: expect.stringContaining('không thể tới được') },
    ]));
    expect((await get('/SAI')).statusCode).toBe(404);
  });

  it('refuses allowances beyond the time limit of a case using the workflow', async () => {
    const res = await get('/GPMT_HOI_DONG');
    const definition = (res.json() as { definition: Workflow }).definition;
    const longer = { name: definition.name, steps: definition.steps.map((s) => (s.id === 'hoi_dong' ? { ...s, allowance: { amount: 30, unit: 'WORKING_DAY' as const } } : s)) };
    const refused = await put('GPMT_HOI_DONG', longer);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().errors).toEqual([{ path: 'body.steps', message: expect.stringMatching(/Tổng thời gian các bước \(47 ngày làm việc\) vượt thời hạn giải quyết của trường hợp TH1 của thủ tục 1\.010721 \(phiên bản 1\) \(trực tuyến\) \(37 ngày làm việc\)/) }]);
    expect((await put('GPMT_HOI_DONG', { name: definition.name, steps: definition.steps })).statusCode).toBe(200);
  });

  it('a malformed body is 400 with the field named; an official is 403', async () => {
    const res = await put('X', { name: 'X', steps: [{ id: 'a' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.steps.0.name']));
    const official = await put('X', small(), await headersOf('specialist@demo.opendvc.vn'));
    expect(official.statusCode).toBe(403);
  });
});
