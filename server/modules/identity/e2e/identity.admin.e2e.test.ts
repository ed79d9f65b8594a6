import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/create-database.js';
import { createHttpClient, type HttpClient } from '../../../test/http-client.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { createIdentityRepository } from '../identity.repository.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_UNIT_CODE } from '../identity.seed.js';
import { currentTotpCode } from '../identity.totp.js';

let ctx: TestContext;
let admin: HttpClient;
let demoUnitId: string;

interface Unit { id: string; code: string; name: string; parentId: string | null; depth: number; officialCount: number }
interface Grant { id: string; role: string; unitId: string; unitCode: string; fieldCodes: string[] }
interface Official { id: string; email: string; fullName: string; totpEnabled: boolean; locked: boolean; grants: Grant[] }

beforeAll(async () => {
  ctx = await createTestApp();
  admin = createHttpClient(ctx.app);
  const res = await admin.login('admin@demo.opendvc.vn', DEMO_PASSWORD, await currentTotpCode(DEMO_TOTP_SECRET));
  expect(res.statusCode, res.body).toBe(200);
  demoUnitId = (await createIdentityRepository({ db: ctx.database.db }).getAgencyByCode(DEMO_UNIT_CODE))!.id;
});
afterAll(async () => ctx?.close());

const auditOf = (subject: string) =>
  queryRows<{ action: string; actor_user_id: string | null; details: Record<string, unknown> }>(ctx.database.db, sql`SELECT action, actor_user_id, details FROM audit_events WHERE subject = ${subject} ORDER BY at, id`);
const units = async () => (await admin.get('/api/v1/admin/units')).json().items as Unit[];
const del = (url: string) => admin.request('DELETE', url);

describe('units', () => {
  it('lists the unit tree in order, without external bodies, with officials counted', async () => {
    const items = await units();
    expect(items[0]).toMatchObject({ code: '000.00.00.G99', depth: 0, parentId: null });
    expect(items.every((u) => !u.code.startsWith('EXT.'))).toBe(true);
    const office = items.find((u) => u.code === DEMO_UNIT_CODE)!;
    expect(office).toMatchObject({ depth: 1, parentId: items[0]!.id });
    // The seven demo officials (six roles of the desk and processing, and the accountant) hold their roles at the ministry's one-stop office.
    expect(office.officialCount).toBe(7);
  });

  it('creates a child unit, renames it, and audits both', async () => {
    const created = await admin.post('/api/v1/admin/units', { parentId: demoUnitId, code: '000.01.01.g99', name: 'Bộ phận tiếp nhận số 1' });
    expect(created.statusCode, created.body).toBe(201);
    const unit = created.json() as Unit;
    expect(unit).toMatchObject({ code: '000.01.01.G99', name: 'Bộ phận tiếp nhận số 1', parentId: demoUnitId, officialCount: 0 });
    const listed = await units();
    const at = listed.findIndex((u) => u.id === unit.id);
    expect(listed[at]).toMatchObject({ depth: 2 });
    expect(listed.findIndex((u) => u.id === demoUnitId)).toBeLessThan(at);

    const renamed = await admin.patch(`/api/v1/admin/units/${unit.id}`, { name: 'Bộ phận Một cửa số 1', nameEn: 'One-stop desk 1' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Bộ phận Một cửa số 1', nameEn: 'One-stop desk 1', code: '000.01.01.G99' });
    expect((await auditOf(`unit:${unit.id}`)).map((a) => a.action)).toEqual(['UNIT_CREATED', 'UNIT_RENAMED']);
  });

  it('names the field of a bad, taken or unknown unit in Vietnamese', async () => {
    const bad = await admin.post('/api/v1/admin/units', { parentId: demoUnitId, code: '12-34', name: 'X' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.code', 'body.name']);
    expect(bad.json().errors.find((e: { path: string }) => e.path === 'body.code').message).toMatch(/Mã định danh điện tử có dạng/);

    const taken = await admin.post('/api/v1/admin/units', { parentId: demoUnitId, code: '000.00.02.G99', name: 'Trùng mã' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'identity.unit_code_taken', errors: [{ path: 'body.code' }] });
    expect(taken.json().errors[0].message).toContain('000.00.02.G99');

    const orphan = await admin.post('/api/v1/admin/units', { parentId: 'agc_nope', code: '000.09.09.G99', name: 'Không có cha' });
    expect(orphan.statusCode).toBe(404);
    expect(orphan.json()).toMatchObject({ code: 'identity.unit_not_found', errors: [{ path: 'body.parentId' }] });

    const [external] = await queryRows<{ id: string }>(ctx.database.db, sql`SELECT id FROM agencies WHERE code = 'EXT.BCT'`);
    const underExternal = await admin.post('/api/v1/admin/units', { parentId: external!.id, code: '000.09.09.G99', name: 'Dưới cơ quan ngoài' });
    expect(underExternal.json().code).toBe('identity.unit_not_found');
  });
});

describe('officials', () => {
  let official: Official;
  let temporaryPassword: string;
  let totpSecret: string;

  it('creates an official with a temporary password and a TOTP secret shown once, who can then sign in', async () => {
    const res = await admin.post('/api/v1/admin/officials', { email: 'Tran.Minh@Demo.OpenDVC.vn', fullName: 'Trần Văn Minh', unitId: demoUnitId, role: 'SPECIALIST' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    official = body.official;
    temporaryPassword = body.temporaryPassword;
    totpSecret = body.totpSecret;
    expect(official).toMatchObject({ email: 'tran.minh@demo.opendvc.vn', fullName: 'Trần Văn Minh', totpEnabled: true, locked: false, grants: [{ role: 'SPECIALIST', unitCode: DEMO_UNIT_CODE, fieldCodes: [] }] });
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(body.recoveryCodes).toHaveLength(10);
    expect(body.otpauthUri).toContain(`secret=${totpSecret}`);

    const person = createHttpClient(ctx.app);
    expect((await person.login('tran.minh@demo.opendvc.vn', temporaryPassword)).json().code).toBe('auth.otp_required');
    // The temporary password works once, only to set a new one.
    const code = await currentTotpCode(totpSecret);
    const mustChange = await person.login('tran.minh@demo.opendvc.vn', temporaryPassword, code);
    expect(mustChange.statusCode).toBe(403);
    expect(mustChange.json()).toMatchObject({ code: 'auth.password_change_required', errors: [{ path: 'body.newPassword' }] });
    const signedIn = await person.post('/api/v1/auth/login', { login: 'tran.minh@demo.opendvc.vn', password: temporaryPassword, otp: code, newPassword: 'mat-khau-cua-minh-2026' });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    // Not an administrator: the administration answers 403.
    expect((await person.get('/api/v1/admin/officials')).statusCode).toBe(403);

    const audit = await auditOf(`user:${official.id}`);
    expect(audit.slice(0, 2).map((a) => a.action)).toEqual(['OFFICIAL_CREATED', 'ROLE_GRANTED']);
    expect(audit[0]!.actor_user_id).toMatch(/^usr_/);
    // The temporary password is never stored or audited in clear.
    expect(JSON.stringify(audit)).not.toContain(temporaryPassword);
  });

  it('refuses a taken e-mail, an unknown unit and an unknown role, naming the field', async () => {
    const taken = await admin.post('/api/v1/admin/officials', { email: 'officer@demo.opendvc.vn', fullName: 'Người Trùng', unitId: demoUnitId, role: 'SPECIALIST' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'identity.email_taken', errors: [{ path: 'body.email' }] });
    const unit = await admin.post('/api/v1/admin/officials', { email: 'x1@demo.opendvc.vn', fullName: 'Người Mới', unitId: 'agc_nope', role: 'SPECIALIST' });
    expect(unit.statusCode).toBe(404);
    expect(unit.json()).toMatchObject({ code: 'identity.unit_not_found', errors: [{ path: 'body.unitId' }] });
    const role = await admin.post('/api/v1/admin/officials', { email: 'x2@demo.opendvc.vn', fullName: 'Người Mới', unitId: demoUnitId, role: 'KING' });
    expect(role.statusCode).toBe(400);
    expect(role.json().errors).toEqual([expect.objectContaining({ path: 'body.role', message: expect.stringContaining('Vai trò phải là một trong') })]);
    expect(await createIdentityRepository({ db: ctx.database.db }).getUserByEmail('x1@demo.opendvc.vn')).toBeUndefined();
  });

  it('lists officials a page at a time, by unit and by text with or without diacritics', async () => {
    const page1 = (await admin.get('/api/v1/admin/officials?pageSize=3')).json();
    // Eight officials of the demo office (with the accountant) and the ministry's two catalogue editors and two process designers.
    expect(page1).toMatchObject({ total: 12, page: 1, pageSize: 3 });
    expect(page1.items).toHaveLength(3);
    const page4 = (await admin.get('/api/v1/admin/officials?pageSize=3&page=4')).json();
    expect(page4.items).toHaveLength(3);
    const middle = [...(await admin.get('/api/v1/admin/officials?pageSize=3&page=2')).json().items, ...(await admin.get('/api/v1/admin/officials?pageSize=3&page=3')).json().items];
    const names = [...page1.items, ...middle, ...page4.items].map((o: Official) => o.fullName);
    expect(new Set(names).size).toBe(12);

    const byText = (await admin.get(`/api/v1/admin/officials?q=${encodeURIComponent('tran van minh')}`)).json();
    expect(byText.items.map((o: Official) => o.email)).toEqual(['tran.minh@demo.opendvc.vn']);
    const byEmail = (await admin.get('/api/v1/admin/officials?q=OFFICER@')).json();
    expect(byEmail.items.map((o: Official) => o.email)).toEqual(['officer@demo.opendvc.vn']);
    const elsewhere = (await units()).find((u) => u.code === '000.00.03.G99')!;
    expect((await admin.get(`/api/v1/admin/officials?unitId=${elsewhere.id}`)).json()).toMatchObject({ items: [], total: 0 });
    expect((await admin.get('/api/v1/admin/officials?pageSize=500')).json().errors[0].path).toBe('query.pageSize');
  });

  it('grants a role limited to fields, refuses it twice, and removes it (404 for an unknown grant)', async () => {
    const field = (await queryRows<{ code: string }>(ctx.database.db, sql`SELECT code FROM fields ORDER BY sort_order LIMIT 1`))[0]!.code;
    const water = (await units()).find((u) => u.code === '000.00.03.G99')!;
    const granted = await admin.post(`/api/v1/admin/officials/${official.id}/grants`, { role: 'UNIT_HEAD', unitId: water.id, fieldCodes: [field] });
    expect(granted.statusCode, granted.body).toBe(201);
    const grant = (granted.json() as Official).grants.find((g) => g.role === 'UNIT_HEAD')!;
    expect(grant).toMatchObject({ unitCode: '000.00.03.G99', fieldCodes: [field] });
    expect((await units()).find((u) => u.id === water.id)!.officialCount).toBe(1);

    const twice = await admin.post(`/api/v1/admin/officials/${official.id}/grants`, { role: 'UNIT_HEAD', unitId: water.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'identity.grant_exists', errors: [{ path: 'body.role' }] });
    const badField = await admin.post(`/api/v1/admin/officials/${official.id}/grants`, { role: 'LEADER', unitId: water.id, fieldCodes: ['KHONG_CO'] });
    expect(badField.statusCode).toBe(400);
    expect(badField.json()).toMatchObject({ code: 'identity.field_not_found', errors: [{ path: 'body.fieldCodes' }] });
    const unknownUnit = await admin.post(`/api/v1/admin/officials/${official.id}/grants`, { role: 'LEADER', unitId: 'agc_nope' });
    expect(unknownUnit.json()).toMatchObject({ code: 'identity.unit_not_found', errors: [{ path: 'body.unitId' }] });

    const removed = await del(`/api/v1/admin/officials/${official.id}/grants/${grant.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((removed.json() as Official).grants.map((g) => g.role)).toEqual(['SPECIALIST']);
    const again = await del(`/api/v1/admin/officials/${official.id}/grants/${grant.id}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('identity.grant_not_found');
    // Another official's grant is not found through this official either.
    const officer = (await admin.get('/api/v1/admin/officials?q=officer@')).json().items[0] as Official;
    expect((await del(`/api/v1/admin/officials/${official.id}/grants/${officer.grants[0]!.id}`)).statusCode).toBe(404);

    const actions = (await auditOf(`user:${official.id}`)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['ROLE_GRANTED', 'ROLE_REVOKED']));
    const revoked = (await auditOf(`user:${official.id}`)).find((a) => a.action === 'ROLE_REVOKED')!;
    expect(revoked.details).toMatchObject({ role: 'UNIT_HEAD', unitCode: '000.00.03.G99' });
  });

  it('keeps the last administrator grant', async () => {
    const me = (await admin.get('/api/v1/admin/officials?q=admin@')).json().items[0] as Official;
    const adminGrant = me.grants.find((g) => g.role === 'ADMINISTRATOR')!;
    const res = await del(`/api/v1/admin/officials/${me.id}/grants/${adminGrant.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('identity.last_administrator');
  });

  it('unlocks a locked official and resets the second factor', async () => {
    await createIdentityRepository({ db: ctx.database.db }).updateUser(official.id, { failedLoginCount: 10, lockedUntil: new Date(Date.now() + 15 * 60_000) });
    const listed = (await admin.get('/api/v1/admin/officials?q=tran.minh')).json().items[0] as Official;
    expect(listed.locked).toBe(true);
    const unlocked = await admin.post(`/api/v1/admin/officials/${official.id}/unlock`);
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(unlocked.json()).toMatchObject({ locked: false, lockedUntil: null, failedLoginCount: 0 });

    const reset = await admin.post(`/api/v1/admin/officials/${official.id}/totp-reset`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().totpSecret).not.toBe(totpSecret);
    const person = createHttpClient(ctx.app);
    // The password the official set in place of the temporary one.
    expect((await person.login('tran.minh@demo.opendvc.vn', 'mat-khau-cua-minh-2026', await currentTotpCode(reset.json().totpSecret))).statusCode).toBe(200);
    expect((await auditOf(`user:${official.id}`)).map((a) => a.action)).toEqual(expect.arrayContaining(['ACCOUNT_UNLOCKED', 'TOTP_RESET']));

    expect((await admin.post('/api/v1/admin/officials/usr_nope/unlock')).json().code).toBe('identity.user_not_found');
    const citizen = await createIdentityRepository({ db: ctx.database.db }).getUserByEmail('citizen@demo.opendvc.vn');
    expect((await admin.post(`/api/v1/admin/officials/${citizen!.id}/unlock`)).statusCode).toBe(404);
  });
});

describe('API clients', () => {
  it('registers a client, whose secret is shown once, and revokes it: no new token, and its token stops working', async () => {
    const registered = await admin.post('/api/v1/admin/api-clients', { name: 'Hệ thống một cửa tỉnh', scopes: ['procedures:read'] });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.headers['cache-control']).toBe('no-store');
    const { clientId, clientSecret } = registered.json();
    const listed = (await admin.get('/api/v1/admin/api-clients')).json().items.find((c: { clientId: string }) => c.clientId === clientId);
    expect(listed).toMatchObject({ status: 'ACTIVE' });
    expect(listed).not.toHaveProperty('clientSecret');

    const token = async () => ctx.app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret } });
    const issued = await token();
    expect(issued.statusCode).toBe(200);
    const bearer = { authorization: `Bearer ${issued.json().access_token}` };
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/client', headers: bearer })).statusCode).toBe(200);

    const revoked = await admin.post(`/api/v1/admin/api-clients/${clientId}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ clientId, status: 'DISABLED' });
    expect((await token()).json()).toMatchObject({ error: 'invalid_client' });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/client', headers: bearer })).statusCode).toBe(401);
    // Again: nothing changes, and it is audited once.
    expect((await admin.post(`/api/v1/admin/api-clients/${clientId}/revoke`)).statusCode).toBe(200);
    const actions = (await auditOf(`api_client:${clientId}`)).map((a) => a.action);
    expect(actions.filter((a) => a === 'API_CLIENT_REVOKED')).toHaveLength(1);
    expect(actions).toContain('API_CLIENT_REGISTERED');

    const unknown = await admin.post('/api/v1/admin/api-clients/cli_nope/revoke');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('identity.api_client_not_found');
  });
});
