import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../../../test/http-client.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';

const PASSWORD = 'OpenDVC-demo-2026';
let ctx: TestContext;
let citizen: HttpClient;
let business: HttpClient;
let representative: HttpClient;

beforeAll(async () => {
  ctx = await createTestApp();
  citizen = createHttpClient(ctx.app);
  business = createHttpClient(ctx.app);
  representative = createHttpClient(ctx.app);
  for (const [client, email] of [[citizen, 'citizen@demo.opendvc.vn'], [business, 'business@demo.opendvc.vn'], [representative, 'representative@demo.opendvc.vn']] as const) {
    expect((await client.login(email, PASSWORD)).statusCode).toBe(200);
  }
});
afterAll(async () => ctx?.close());

/** The invitee accepts the invitation an inviting request answered with (202). */
async function accept(invitee: HttpClient, invited: { statusCode: number; body: string; json(): { invitationId: string } }) {
  expect(invited.statusCode, invited.body).toBe(202);
  const res = await invitee.post(`/api/v1/me/invitations/${invited.json().invitationId}/accept`);
  expect(res.statusCode, res.body).toBe(200);
}

/** A representative authorisation the caller gave, by its document reference. */
async function given(principal: HttpClient, documentReference: string) {
  const items = (await principal.get('/api/v1/representatives')).json().items as { id: string; documentReference: string; inForce: boolean }[];
  return items.find((r) => r.documentReference === documentReference)!;
}

describe('organisations', () => {
  let orgId: string;

  it('validates the tax code', async () => {
    for (const taxCode of ['12345', '01012345678', '0101234567-01', 'abcdefghij']) {
      const res = await citizen.post('/api/v1/organisations', { taxCode, name: 'Hộ kinh doanh An Phát' });
      expect(res.statusCode, taxCode).toBe(400);
      expect(res.json().errors[0].path).toBe('body.taxCode');
      expect(res.json().errors[0].message).toMatch(/^Mã số thuế gồm 10 chữ số/);
    }
  });

  it('creates an organisation owned by the caller, for a 10-digit code and a 13-digit branch code', async () => {
    const res = await citizen.post('/api/v1/organisations', { taxCode: '0312345678', name: 'Công ty TNHH An Phát', address: 'Quận 1, TP. Hồ Chí Minh' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ taxCode: '0312345678', role: 'OWNER' });
    orgId = res.json().id;
    expect((await citizen.post('/api/v1/organisations', { taxCode: '0312345678-001', name: 'Chi nhánh Hà Nội' })).statusCode).toBe(201);
    const mine = await citizen.get('/api/v1/organisations');
    expect(mine.json().items.map((o: { taxCode: string }) => o.taxCode).sort()).toEqual(['0312345678', '0312345678-001']);
  });

  it('keeps the head office by administrative units (names from the list), refusing a commune outside its province', async () => {
    const res = await citizen.post('/api/v1/organisations', { taxCode: '0312345679', name: 'Công ty TNHH Bình Minh', addressUnits: { provinceCode: '01', communeCode: '00199', detail: 'Số 25 phố Láng Hạ' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      address: 'Số 25 phố Láng Hạ, Phường Láng, Thành phố Hà Nội',
      addressUnits: { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00199', communeName: 'Phường Láng', detail: 'Số 25 phố Láng Hạ' },
    });
    const detail = await citizen.get(`/api/v1/organisations/${res.json().id}`);
    expect(detail.json().addressUnits).toMatchObject({ communeCode: '00199' });
    const me = await citizen.get('/api/v1/me');
    expect(me.json().organisations.find((o: { taxCode: string }) => o.taxCode === '0312345679').addressUnits).toMatchObject({ communeName: 'Phường Láng' });
    // Phường Láng is in Hà Nội, not in Thành phố Hồ Chí Minh (79).
    const outside = await citizen.post('/api/v1/organisations', { taxCode: '0312345670', name: 'Công ty TNHH Sai Địa Chỉ', addressUnits: { provinceCode: '79', communeCode: '00199' } });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors).toEqual([{ path: 'body.addressUnits.communeCode', message: 'Xã, phường, đặc khu không thuộc tỉnh, thành phố đã chọn' }]);
    const malformed = await citizen.post('/api/v1/organisations', { taxCode: '0312345670', name: 'Công ty TNHH Sai Địa Chỉ', addressUnits: { provinceCode: 'HN', communeCode: '00199' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0]).toMatchObject({ path: 'body.addressUnits.provinceCode', message: 'Vui lòng chọn tỉnh, thành phố trong danh sách' });
  });

  it('answers a tax code someone else registered as a new one: the caller\'s own unverified claim, nothing of the other', async () => {
    const res = await business.post('/api/v1/organisations', { taxCode: '0312345678', name: 'Trùng mã' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ taxCode: '0312345678', name: 'Trùng mã', role: 'OWNER', verificationStatus: 'UNVERIFIED', address: null });
    expect(res.json().id).not.toBe(orgId);
    expect((await citizen.get(`/api/v1/organisations/${res.json().id}`)).statusCode).toBe(404);
  });

  it('invites a member by e-mail; once they accept, the member sees the organisation', async () => {
    await accept(business, await citizen.post(`/api/v1/organisations/${orgId}/members`, { email: 'Business@demo.opendvc.vn' }));
    const detail = (await citizen.get(`/api/v1/organisations/${orgId}`)).json();
    expect(detail.members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual(expect.arrayContaining([['business@demo.opendvc.vn', 'MEMBER'], ['citizen@demo.opendvc.vn', 'OWNER']]));
    expect(detail.invitations).toEqual([]);
    expect((await business.get(`/api/v1/organisations/${orgId}`)).json().role).toBe('MEMBER');
    // Inviting a member again, or a stranger, answers the same.
    expect((await citizen.post(`/api/v1/organisations/${orgId}/members`, { email: 'business@demo.opendvc.vn' })).statusCode).toBe(202);
    expect((await citizen.post(`/api/v1/organisations/${orgId}/members`, { email: 'nobody@example.vn' })).statusCode).toBe(202);
  });

  it('answers 404 for someone else\'s organisation, and lets only owners add members', async () => {
    for (const res of [
      await representative.get(`/api/v1/organisations/${orgId}`),
      await representative.post(`/api/v1/organisations/${orgId}/members`, { email: 'representative@demo.opendvc.vn' }),
      await business.post(`/api/v1/organisations/${orgId}/members`, { email: 'representative@demo.opendvc.vn' }),
      await citizen.get('/api/v1/organisations/org_does_not_exist'),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('identity.organisation_not_found');
    }
  });

  describe('representatives', () => {
    it('records a representative for me and for my organisation, with dates and document reference', async () => {
      await accept(representative, await business.post('/api/v1/representatives', { representativeEmail: 'representative@demo.opendvc.vn', scope: 'Nộp hồ sơ và nhận kết quả', validFrom: '2026-01-01', validTo: '2099-12-31', documentReference: 'Giấy ủy quyền số 12/2026' }));
      const forMe = (await business.get('/api/v1/representatives')).json().items.find((r: { documentReference: string }) => r.documentReference === 'Giấy ủy quyền số 12/2026');
      expect(forMe).toMatchObject({ organisationId: null, validTo: '2099-12-31', documentReference: 'Giấy ủy quyền số 12/2026', inForce: true, representative: { email: 'representative@demo.opendvc.vn' } });
      await accept(representative, await citizen.post('/api/v1/representatives', { representativeEmail: 'representative@demo.opendvc.vn', organisationId: orgId, scope: 'Thực hiện thủ tục thay doanh nghiệp', validFrom: '2020-01-01', validTo: '2020-12-31', documentReference: 'GUQ 01/2020' }));
      expect(await given(citizen, 'GUQ 01/2020')).toMatchObject({ organisationId: orgId, inForce: false });
    });

    it('lists who may act for me, including for my organisations', async () => {
      const mine = (await citizen.get('/api/v1/representatives')).json().items;
      // The demo citizen already authorised the demo representative in the seed.
      expect(mine.map((r: { organisationId: string | null }) => r.organisationId)).toEqual([orgId, null]);
      const member = (await business.get('/api/v1/representatives')).json().items;
      expect(member.some((r: { organisationId: string | null }) => r.organisationId === orgId)).toBe(true);
      expect((await representative.get('/api/v1/representatives')).json().items).toEqual([]);
    });

    it('refuses an organisation the caller does not own, bad dates, and oneself', async () => {
      const body = { representativeEmail: 'citizen@demo.opendvc.vn', scope: 'Nộp hồ sơ', validFrom: '2026-01-01', documentReference: 'GUQ 3' };
      expect((await business.post('/api/v1/representatives', { ...body, organisationId: orgId })).statusCode).toBe(404);
      const dates = await business.post('/api/v1/representatives', { ...body, validTo: '2025-01-01' });
      expect(dates.statusCode).toBe(400);
      expect(dates.json().errors[0]).toMatchObject({ path: 'body.validTo', message: 'Ngày hết hiệu lực phải sau ngày bắt đầu' });
      // Inviting oneself answers like any address, and cannot be accepted.
      const self = await citizen.post('/api/v1/representatives', body);
      expect(self.statusCode).toBe(202);
      expect((await citizen.post(`/api/v1/me/invitations/${self.json().invitationId}/accept`)).json().code).toBe('identity.invitation_not_found');
    });

    it('shows the representative whom they may act for, with the organisation\'s name and tax code', async () => {
      const received = (await representative.get('/api/v1/representatives/received')).json().items;
      expect(received).toEqual(expect.arrayContaining([
        expect.objectContaining({ principal: { kind: 'PERSON', name: 'Nguyễn Văn An', taxCode: null }, inForce: true }),
        expect.objectContaining({ principal: { kind: 'ORGANISATION', name: 'Công ty TNHH An Phát', taxCode: '0312345678' }, inForce: false, documentReference: 'GUQ 01/2020' }),
      ]));
      expect((await citizen.get('/api/v1/representatives/received')).json().items).toEqual([]);
      const mine = (await citizen.get('/api/v1/representatives')).json().items;
      expect(mine.find((r: { organisationId: string | null }) => r.organisationId === orgId).organisationName).toBe('Công ty TNHH An Phát');
    });

    it('lets the one who gave an authorisation end it from today; anyone else gets 404', async () => {
      const today = new Date().toISOString().slice(0, 10);
      await accept(representative, await citizen.post('/api/v1/representatives', { representativeEmail: 'representative@demo.opendvc.vn', organisationId: orgId, scope: 'Nộp hồ sơ thuế', validFrom: '2024-01-01', documentReference: 'GUQ 05/2024' }));
      await accept(representative, await citizen.post('/api/v1/representatives', { representativeEmail: 'representative@demo.opendvc.vn', scope: 'Nhận kết quả', validFrom: '2099-01-01', documentReference: 'GUQ 06/2099' }));
      const started = await given(citizen, 'GUQ 05/2024');
      const future = await given(citizen, 'GUQ 06/2099');
      expect(started.inForce).toBe(true);

      for (const res of [
        await representative.post(`/api/v1/representatives/${started.id}/revoke`),
        await business.post(`/api/v1/representatives/${started.id}/revoke`),
        await citizen.post('/api/v1/representatives/rep_none/revoke'),
      ]) {
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('identity.representative_not_found');
      }

      expect((await citizen.post(`/api/v1/representatives/${started.id}/revoke`)).statusCode).toBe(204);
      expect((await citizen.post(`/api/v1/representatives/${future.id}/revoke`)).statusCode).toBe(204);
      const after = (await citizen.get('/api/v1/representatives')).json().items as { id: string; validTo: string | null; inForce: boolean }[];
      const ended = after.find((r) => r.id === started.id)!;
      expect(ended.inForce).toBe(false);
      expect(ended.validTo! < today).toBe(true);
      expect(after.some((r) => r.id === future.id)).toBe(false);
      // Ending it again changes nothing.
      expect((await citizen.post(`/api/v1/representatives/${started.id}/revoke`)).statusCode).toBe(204);
    });
  });
});
