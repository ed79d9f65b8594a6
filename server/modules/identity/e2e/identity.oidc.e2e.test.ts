/**
 * National sign-in against a real OpenID Connect provider started here, driven with plain HTTP:
 * the app through `inject`, the provider through fetch, redirects followed by hand.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/create-database.js';
import { startTestOidcProvider, type TestAccount, type TestOidcProvider } from '../../../test/oidc-provider.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { verifiedIdNumber } from '../identity.oidc.usecases.js';
import { createOrganisation } from '../identity.organisations.usecases.js';

const PUBLIC_URL = 'http://localhost:3000';
const CALLBACK = `${PUBLIC_URL}/api/v1/auth/oidc/callback`;
let provider: TestOidcProvider;
let ctx: TestContext;

beforeAll(async () => {
  provider = await startTestOidcProvider({ redirectUri: CALLBACK });
  ctx = await createTestApp({ PUBLIC_URL, OIDC_ISSUER_URL: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret, OIDC_ACR_VALUES: 'LoA2' });
});
afterAll(async () => {
  await ctx?.close();
  await provider?.close();
});

/** A cookie jar for the provider's host (paths ignored: the test talks to one provider). */
function providerJar() {
  const jar = new Map<string, string>();
  return {
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    store(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair!.indexOf('=');
        const name = pair!.slice(0, eq);
        const value = pair!.slice(eq + 1);
        if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
    },
  };
}

/** Runs the whole browser flow; returns the app's answer to the callback. */
async function nationalSignIn(account: TestAccount, next?: string) {
  provider.signInAs(account);
  const start = await ctx.app.inject({ method: 'GET', url: `/api/v1/auth/oidc/start${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}` });
  expect(start.statusCode, start.body).toBe(302);
  const stateCookie = start.cookies.find((c) => c.name === 'opendvc_oidc')!;
  const jar = providerJar();
  let location = start.headers.location as string;
  expect(location.startsWith(provider.issuer)).toBe(true);
  const authUrl = new URL(location);
  expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authUrl.searchParams.get('acr_values')).toBe('LoA2');
  for (let hop = 0; hop < 10 && !location.startsWith(CALLBACK); hop++) {
    const res = await fetch(new URL(location, provider.issuer), { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(res);
    expect([302, 303], await res.clone().text()).toContain(res.status);
    location = res.headers.get('location')!;
  }
  expect(location.startsWith(CALLBACK)).toBe(true);
  const nextCookie = start.cookies.find((c) => c.name === 'opendvc_oidc_next' && c.value !== '');
  return ctx.app.inject({ method: 'GET', url: location.slice(PUBLIC_URL.length), cookies: { opendvc_oidc: stateCookie.value, ...(nextCookie ? { opendvc_oidc_next: nextCookie.value } : {}) } });
}

async function me(callback: Awaited<ReturnType<typeof nationalSignIn>>) {
  const session = callback.cookies.find((c) => c.name === 'opendvc_session')!;
  const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { opendvc_session: session.value } });
  expect(res.statusCode).toBe(200);
  return res.json();
}

const ID = '001095067890';

describe('national sign-in', () => {
  let firstUserId: string;

  it('creates an applicant account on the first sign-in, opens a session and goes to the account page', async () => {
    const res = await nationalSignIn({ sub: 'vneid-1', name: 'Ngô Thị Hạnh', email: 'hanh@dichvucong.gov.vn', birthdate: '1990-04-02', personal_id_number: ID, personal_id_verified: true });
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe('/tai-khoan');
    const user = await me(res);
    expect(user).toMatchObject({ kind: 'APPLICANT', fullName: 'Ngô Thị Hạnh', email: null });
    expect(user.profile.personalIdNumber).toBe(ID);
    firstUserId = user.id;
  });

  it('takes the address the national identity carries: by units of the list when they are found, else as text', async () => {
    const units = await me(await nationalSignIn({
      sub: 'vneid-addr-1', name: 'Đỗ Minh Tâm', personal_id_number: '001092045671', personal_id_verified: true,
      address: { street_address: 'Số 12 phố Kim Mã', locality: 'Phường Giảng Võ', region: 'Thành phố Hà Nội', country: 'VN', formatted: 'Số 12 phố Kim Mã, Phường Giảng Võ, Thành phố Hà Nội' },
    }));
    expect(units.profile.addressUnits).toEqual({ provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00025', communeName: 'Phường Giảng Võ', detail: 'Số 12 phố Kim Mã' });
    expect(units.profile.address).toBe('Số 12 phố Kim Mã, Phường Giảng Võ, Thành phố Hà Nội');
    // An address of units no longer in force stays as the identity wrote it, without units.
    const text = await me(await nationalSignIn({
      sub: 'vneid-addr-2', name: 'Đỗ Minh Khôi', personal_id_number: '001092045672', personal_id_verified: true,
      address: { locality: 'Quận Nam Từ Liêm', region: 'Hà Nội', formatted: 'Số 3 đường Lê Đức Thọ, quận Nam Từ Liêm, Hà Nội' },
    }));
    expect(text.profile).toMatchObject({ address: 'Số 3 đường Lê Đức Thọ, quận Nam Từ Liêm, Hà Nội', addressUnits: null });
  });

  it('links the second sign-in to the same account, and returns to the page given as next', async () => {
    const res = await nationalSignIn({ sub: 'vneid-1', name: 'Ngô Thị Hạnh', personal_id_number: ID, personal_id_verified: true }, '/nop-ho-so?thu-tuc=1.012604');
    expect(res.headers.location).toBe('/nop-ho-so?thu-tuc=1.012604');
    expect((await me(res)).id).toBe(firstUserId);
  });

  it('ignores a next that is not a path on this site', async () => {
    for (const next of ['https://evil.example/', '//evil.example', '/\\evil.example']) {
      const res = await nationalSignIn({ sub: 'vneid-1', name: 'Ngô Thị Hạnh', personal_id_number: ID, personal_id_verified: true }, next);
      expect(res.headers.location, next).toBe('/tai-khoan');
    }
  });

  it('links on the ID number even with another e-mail and subject', async () => {
    const res = await nationalSignIn({ sub: 'portal-77', name: 'Ngô Thị Hạnh', email: 'khac@example.vn', personal_id_number: ID, personal_id_verified: true });
    expect((await me(res)).id).toBe(firstUserId);
    const rows = await queryRows<{ n: number }>(ctx.database.db, sql`SELECT count(*)::int AS n FROM applicant_profiles WHERE personal_id_number = ${ID}`);
    expect(rows[0]!.n).toBe(1);
  });

  it('never links on e-mail: a demo account\'s address with a new ID number makes a new account', async () => {
    const res = await nationalSignIn({ sub: 'vneid-2', name: 'Nguyễn Văn An', email: 'citizen@demo.opendvc.vn', personal_id_number: '079085000111', personal_id_verified: true });
    const user = await me(res);
    expect(user.email).toBeNull();
    expect(user.id).not.toBe(firstUserId);
  });

  it('links to a password account whose profile holds the ID number', async () => {
    const res = await nationalSignIn({ sub: 'vneid-9', name: 'Nguyễn Văn An', personal_id_number: '001090012345', personal_id_verified: true });
    expect((await me(res)).email).toBe('citizen@demo.opendvc.vn');
  });

  it('does not link to an ID number that was only typed into a profile, and releases it', async () => {
    const typed = '001099088888';
    const [holder] = await queryRows<{ id: string }>(ctx.database.db, sql`SELECT id FROM users WHERE email = 'business@demo.opendvc.vn'`);
    await ctx.database.db.execute(sql`UPDATE applicant_profiles SET personal_id_number = ${typed}, personal_id_verified_at = NULL WHERE user_id = ${holder!.id}`);
    const res = await nationalSignIn({ sub: 'vneid-typed', name: 'Trần Thị Thật', personal_id_number: typed, personal_id_verified: true });
    const user = await me(res);
    expect(user.id).not.toBe(holder!.id);
    expect(user.profile.personalIdNumber).toBe(typed);
    const [old] = await queryRows<{ n: string | null }>(ctx.database.db, sql`SELECT personal_id_number AS n FROM applicant_profiles WHERE user_id = ${holder!.id}`);
    expect(old!.n).toBeNull();
    const [audit] = await queryRows<{ n: number }>(ctx.database.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'ID_NUMBER_RELEASED' AND subject = ${`user:${holder!.id}`}`);
    expect(audit!.n).toBe(1);
  });

  it('gives two simultaneous first sign-ins with one ID number the same account', async () => {
    const account = { sub: 'vneid-5', name: 'Trịnh Văn Sơn', personal_id_number: '036092001122', personal_id_verified: true };
    const [a, b] = await Promise.all([nationalSignIn(account), nationalSignIn(account)]);
    expect((await me(a)).id).toBe((await me(b)).id);
  });

  it('refuses a missing or unverified ID number with a clear problem, keeping next', async () => {
    for (const account of [
      { sub: 'vneid-3', name: 'Không có số' },
      { sub: 'vneid-4', name: 'Chưa xác thực', personal_id_number: '001090099999', personal_id_verified: false },
    ]) {
      const res = await nationalSignIn(account, '/ho-so-cua-toi');
      expect(res.statusCode, res.body).toBe(302);
      const page = new URL(res.headers.location as string, PUBLIC_URL);
      expect(page.pathname).toBe('/dang-nhap/loi-quoc-gia');
      expect(page.searchParams.get('ma')).toBe('auth.oidc_id_unverified');
      expect(page.searchParams.get('ly-do')).toBe(account.personal_id_number ? 'unverified' : 'missing');
      expect(page.searchParams.get('yeu-cau')).toBe(res.headers['x-request-id']);
      expect(page.searchParams.get('next')).toBe('/ho-so-cua-toi');
      expect(res.cookies.find((c) => c.name === 'opendvc_session')).toBeUndefined();
    }
  });

  it('refuses a callback without the state cookie, and a replayed one', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/callback?code=x&state=y' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toMatch(/^\/dang-nhap\/loi-quoc-gia\?ma=auth\.oidc_failed&yeu-cau=/);
  });

  it('audits national sign-ins and refusals', async () => {
    const rows = await queryRows<{ action: string }>(ctx.database.db, sql`SELECT action FROM audit_events WHERE action IN ('LOGIN_SUCCEEDED', 'NATIONAL_LOGIN_REFUSED', 'ACCOUNT_CREATED') AND (details->>'method' = 'national_sso' OR action = 'NATIONAL_LOGIN_REFUSED')`);
    expect(rows.filter((r) => r.action === 'LOGIN_SUCCEEDED')).toHaveLength(13);
    expect(rows.filter((r) => r.action === 'ACCOUNT_CREATED')).toHaveLength(6);
    expect(rows.filter((r) => r.action === 'NATIONAL_LOGIN_REFUSED')).toHaveLength(2);
  });

  it('verifies the organisation of an organisation account\'s tax code claim and makes the person its owner', async () => {
    const res = await nationalSignIn({ sub: 'vneid-org-1', name: 'Phạm Quốc Bảo', personal_id_number: '001080099001', personal_id_verified: true, organisation_tax_code: '0108888888', organisation_name: 'Công ty Cổ phần Nước sạch Đông Anh' });
    const user = await me(res);
    expect(user.organisations).toEqual([expect.objectContaining({ taxCode: '0108888888', name: 'Công ty Cổ phần Nước sạch Đông Anh', role: 'OWNER', verificationStatus: 'VERIFIED', verified: true })]);
    // Signing in again changes nothing.
    const again = await me(await nationalSignIn({ sub: 'vneid-org-1', name: 'Phạm Quốc Bảo', personal_id_number: '001080099001', personal_id_verified: true, organisation_tax_code: '0108888888', organisation_name: 'Công ty Cổ phần Nước sạch Đông Anh' }));
    expect(again.organisations).toHaveLength(1);
    expect(again.organisations[0].id).toBe(user.organisations[0].id);
  });

  it('verifies the person\'s own unverified claim of that tax code rather than adding another', async () => {
    const claim = await createOrganisation({ db: ctx.database.db, userId: firstUserId, input: { taxCode: '0107777777', name: 'Tên gõ tay' } });
    expect(claim.verificationStatus).toBe('UNVERIFIED');
    const user = await me(await nationalSignIn({ sub: 'vneid-1', name: 'Ngô Thị Hạnh', personal_id_number: ID, personal_id_verified: true, organisation_tax_code: '0107777777', organisation_name: 'Công ty TNHH Hạnh Phúc' }));
    expect(user.organisations).toEqual([expect.objectContaining({ id: claim.id, name: 'Công ty TNHH Hạnh Phúc', verificationStatus: 'VERIFIED' })]);
  });

  it('joins the verified organisation of the tax code as an owner, and ignores a tax code that is not valid', async () => {
    const user = await me(await nationalSignIn({ sub: 'vneid-org-2', name: 'Đỗ Minh Tâm', personal_id_number: '001080099002', personal_id_verified: true, organisation_tax_code: '0108888888', organisation_name: 'Tên khác' }));
    expect(user.organisations).toEqual([expect.objectContaining({ taxCode: '0108888888', name: 'Công ty Cổ phần Nước sạch Đông Anh', role: 'OWNER', verified: true })]);
    const verified = await queryRows<{ n: number }>(ctx.database.db, sql`SELECT count(*)::int AS n FROM organisations WHERE tax_code = '0108888888'`);
    expect(verified[0]!.n).toBe(1);
    const none = await me(await nationalSignIn({ sub: 'vneid-org-3', name: 'Lý Văn Sơn', personal_id_number: '001080099003', personal_id_verified: true, organisation_tax_code: '12345', organisation_name: 'Sai mã' }));
    expect(none.organisations).toEqual([]);
  });
});

describe('verifiedIdNumber', () => {
  const config = { oidcIdNumberClaim: 'cccd', oidcIdVerifiedClaim: 'loa', oidcAcrValues: 'LoA2' };
  it('reads the configured claims and accepts a level from OIDC_ACR_VALUES as the verified flag', () => {
    expect(verifiedIdNumber({ cccd: ID, loa: 'LoA2' }, config)).toEqual({ idNumber: ID });
    expect(verifiedIdNumber({ cccd: ID, loa: 'LoA1' }, config)).toEqual({ problem: 'unverified' });
    expect(verifiedIdNumber({ cccd: '12345' , loa: true }, config)).toEqual({ problem: 'invalid' });
    expect(verifiedIdNumber({ personal_id_number: ID, loa: true }, config)).toEqual({ problem: 'missing' });
  });
});

describe('national sign-in not set up', () => {
  let plain: TestContext;
  beforeAll(async () => {
    plain = await createTestApp({ PUBLIC_URL });
  });
  afterAll(async () => plain?.close());

  it('explains it on the portal page and keeps next', async () => {
    const res = await plain.app.inject({ method: 'GET', url: `/api/v1/auth/oidc/start?next=${encodeURIComponent('/thu-tuc/1.012604')}` });
    expect(res.statusCode).toBe(302);
    const page = new URL(res.headers.location as string, PUBLIC_URL);
    expect(page.pathname).toBe('/dang-nhap/loi-quoc-gia');
    expect(page.searchParams.get('ma')).toBe('auth.oidc_disabled');
    expect(page.searchParams.get('next')).toBe('/thu-tuc/1.012604');
    const unsafe = await plain.app.inject({ method: 'GET', url: `/api/v1/auth/oidc/start?next=${encodeURIComponent('//evil.example')}` });
    expect(new URL(unsafe.headers.location as string, PUBLIC_URL).searchParams.has('next')).toBe(false);
  });
});
