import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/create-database.js';
import { profileFromMe } from '../../../../common/forms/index.js';
import { createHttpClient, type HttpClient } from '../../../test/http-client.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';

let ctx: TestContext;
let citizen: HttpClient;
beforeAll(async () => {
  // Some checks change rows behind the API's back: no kept session answers (SESSION_CACHE_MS).
  ctx = await createTestApp({ SESSION_CACHE_MS: '0' });
  citizen = createHttpClient(ctx.app);
  await citizen.login('citizen@demo.opendvc.vn', 'OpenDVC-demo-2026');
});
afterAll(async () => ctx?.close());

describe('PATCH /api/v1/me/profile', () => {
  it('names each bad field in Vietnamese', async () => {
    const res = await citizen.patch('/api/v1/me/profile', { personalIdNumber: '12345', dateOfBirth: '2999-01-01', phone: '123', fullName: 'A' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const byPath = Object.fromEntries(res.json().errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(byPath['body.personalIdNumber']).toContain('12 chữ số');
    expect(byPath['body.dateOfBirth']).toBe('Ngày sinh không hợp lệ');
    expect(byPath['body.phone']).toContain('Số điện thoại');
    expect(byPath['body.fullName']).toContain('Họ và tên');
  });

  it('changes only the fields sent', async () => {
    const res = await citizen.patch('/api/v1/me/profile', { address: 'Số 1 phố Tràng Tiền, quận Hoàn Kiếm, Hà Nội', phone: '+84 912 000 009' });
    expect(res.statusCode).toBe(200);
    // A new phone waits for the code sent to it (identity.phone.e2e.test.ts).
    expect(res.json()).toMatchObject({
      fullName: 'Nguyễn Văn An',
      phone: '0912000001',
      pendingPhone: '0912000009',
      // Free text (an older client) stays readable and clears the units.
      profile: { personalIdNumber: '001090012345', dateOfBirth: '1990-05-12', address: 'Số 1 phố Tràng Tiền, quận Hoàn Kiếm, Hà Nội', addressUnits: null },
    });
  });

  it('keeps the address by units of the list: names from the list, its one line as address', async () => {
    const before = (await citizen.get('/api/v1/me')).json();
    const res = await citizen.patch('/api/v1/me/profile', { addressUnits: { provinceCode: '01', communeCode: '00070', detail: ' Số 1 phố Tràng Tiền ' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().profile).toMatchObject({
      address: 'Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội',
      addressUnits: { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00070', communeName: 'Phường Hoàn Kiếm', detail: 'Số 1 phố Tràng Tiền' },
    });
    expect(before.profile.addressUnits).toBeNull();
    expect((await citizen.patch('/api/v1/me/profile', { addressUnits: null })).json().profile).toMatchObject({ address: null, addressUnits: null });
  });

  it('refuses a unit that is not in the list, or a commune of another province, in Vietnamese', async () => {
    const outside = await citizen.patch('/api/v1/me/profile', { addressUnits: { provinceCode: '79', communeCode: '00070' } });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors).toEqual([{ path: 'body.addressUnits.communeCode', message: 'Xã, phường, đặc khu không thuộc tỉnh, thành phố đã chọn' }]);
    const gone = await citizen.patch('/api/v1/me/profile', { addressUnits: { provinceCode: '02', communeCode: '00070' } });
    expect(gone.json().errors[0]).toMatchObject({ path: 'body.addressUnits.provinceCode', message: 'Tỉnh, thành phố không có trong danh mục đơn vị hành chính hiện hành' });
    const malformed = await citizen.patch('/api/v1/me/profile', { addressUnits: { provinceCode: 'Ha Noi', communeCode: '1' } });
    expect(malformed.statusCode).toBe(400);
  });

  it('gives the demo citizen an address of units in force since 1 July 2025', async () => {
    const [row] = await queryRows<{ address: string; address_units: Record<string, string> }>(ctx.database.db, sql`SELECT address, address_units FROM applicant_profiles p JOIN users u ON u.id = p.user_id WHERE u.email = 'representative@demo.opendvc.vn'`);
    expect(row!.address).toBe('Số 5 phố Trần Duy Hưng, Phường Yên Hòa, Thành phố Hà Nội');
    expect(row!.address_units).toMatchObject({ provinceCode: '01', communeCode: '00175', communeName: 'Phường Yên Hòa' });
    expect(row!.address).not.toMatch(/quận/i);
  });

  it('refuses to change a personal ID number proven by national sign-in', async () => {
    const res = await citizen.patch('/api/v1/me/profile', { personalIdNumber: '001099077777' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('identity.personal_id_verified');
    expect(res.json().errors[0].path).toBe('body.personalIdNumber');
    // Sending the same number again is not a change.
    expect((await citizen.patch('/api/v1/me/profile', { personalIdNumber: '001090012345' })).statusCode).toBe(200);
    // The portal shows the number as verified and does not offer to edit it.
    expect((await citizen.get('/api/v1/me')).json().profile).toMatchObject({ personalIdNumber: '001090012345', personalIdVerified: true });
  });

  it('does not tell whether a personal ID number or phone belongs to someone else', async () => {
    // A number typed by hand (never proven) may be changed, to anything: it stays unverified.
    await ctx.database.db.execute(sql`UPDATE applicant_profiles SET personal_id_verified_at = NULL WHERE personal_id_number = '001090012345'`);
    expect((await citizen.get('/api/v1/me')).json().profile.personalIdVerified).toBe(false);
    const id = await citizen.patch('/api/v1/me/profile', { personalIdNumber: '001185023456' });
    expect(id.statusCode).toBe(200);
    expect(id.json().profile).toMatchObject({ personalIdNumber: '001185023456', personalIdVerified: false });
    const free = await citizen.patch('/api/v1/me/profile', { phone: '0912000088' });
    const taken = await citizen.patch('/api/v1/me/profile', { phone: '0912000002' });
    expect(taken.statusCode).toBe(free.statusCode);
    expect(taken.json()).toMatchObject({ phone: '0912000001', pendingPhone: '0912000002' });
  });

  it('needs a signed-in user', async () => {
    const res = await createHttpClient(ctx.app).patch('/api/v1/me/profile', { address: 'x' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.unauthenticated');
  });
});

describe('GET /api/v1/me for businesses and representatives', () => {
  it('lists the business the user belongs to, with the address that e-form prefill uses', async () => {
    const client = createHttpClient(ctx.app);
    await client.login('business@demo.opendvc.vn', 'OpenDVC-demo-2026');
    const me = (await client.get('/api/v1/me')).json();
    const address = 'Số 25 phố Láng Hạ, Phường Láng, Thành phố Hà Nội';
    expect(me.organisations).toEqual([expect.objectContaining({ taxCode: '0101234567', role: 'OWNER', address })]);
    const addressUnits = { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00199', communeName: 'Phường Láng', detail: 'Số 25 phố Láng Hạ' };
    expect(me.organisations[0].addressUnits).toEqual(addressUnits);
    expect(profileFromMe(me, me.organisations[0].id).organisation).toEqual({ name: me.organisations[0].name, taxCode: '0101234567', address, addressUnits });
  });

  it('lists the authorisation a representative holds', async () => {
    const client = createHttpClient(ctx.app);
    await client.login('representative@demo.opendvc.vn', 'OpenDVC-demo-2026');
    const me = (await client.get('/api/v1/me')).json();
    expect(me.representations).toHaveLength(1);
    expect(me.representations[0]).toMatchObject({ principalUserId: expect.stringMatching(/^usr_/), documentReference: expect.stringContaining('01/2026/GUQ') });
  });
});
