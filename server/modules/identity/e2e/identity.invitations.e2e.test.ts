import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/create-database.js';
import { MAIL_SEND } from '../../../platform/mail/mail.jobs.js';
import { createHttpClient, type HttpClient } from '../../../test/http-client.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { IDENTITY_INVITATION_MAIL, issueInvitationMail } from '../identity.invitations.usecases.js';

const PASSWORD = 'OpenDVC-demo-2026';
let ctx: TestContext;
let owner: HttpClient;
let invitee: HttpClient;
let stranger: HttpClient;
let orgId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  owner = createHttpClient(ctx.app);
  invitee = createHttpClient(ctx.app);
  stranger = createHttpClient(ctx.app);
  for (const [client, email] of [[owner, 'citizen@demo.opendvc.vn'], [invitee, 'business@demo.opendvc.vn'], [stranger, 'representative@demo.opendvc.vn']] as const) {
    expect((await client.login(email, PASSWORD)).statusCode).toBe(200);
  }
  const org = await owner.post('/api/v1/organisations', { taxCode: '0398765432', name: 'Công ty TNHH Lời Mời' });
  expect(org.statusCode, org.body).toBe(201);
  orgId = org.json().id;
});
afterAll(async () => ctx?.close());

const members = async () => queryRows<{ user_id: string }>(ctx.database.db, sql`SELECT user_id FROM organisation_members WHERE organisation_id = ${orgId}`);
const authorisationsOf = async (email: string) =>
  queryRows<{ id: string }>(ctx.database.db, sql`SELECT a.id FROM representative_authorisations a JOIN users u ON u.id = a.representative_user_id WHERE u.email = ${email}`);

/** Runs the invitation's mail job and returns the mail text queued for `to`. */
async function mailOf(invitationId: string, to: string) {
  const jobs = await queryRows<{ data: { invitationId: string } }>(ctx.database.db, sql`SELECT data FROM pgboss.job WHERE name = ${IDENTITY_INVITATION_MAIL}`);
  expect(jobs.some((j) => j.data.invitationId === invitationId)).toBe(true);
  await issueInvitationMail({ db: ctx.database.db, config: ctx.config, invitationId });
  const mails = await queryRows<{ data: { message: { to: string; text: string } } }>(ctx.database.db, sql`SELECT data FROM pgboss.job WHERE name = ${MAIL_SEND} ORDER BY created_on DESC`);
  return mails.find((m) => m.data.message.to === to)!.data.message.text;
}
const tokenIn = (text: string) => decodeURIComponent(/loi-moi\?token=([^\s]+)/.exec(text)![1]!);

describe('invitations', () => {
  it('answers the same for a known and an unknown address, without anything of the invitee, and adds nobody', async () => {
    const known = await owner.post(`/api/v1/organisations/${orgId}/members`, { email: 'Business@Demo.OpenDVC.vn' });
    const unknown = await owner.post(`/api/v1/organisations/${orgId}/members`, { email: 'chua.co@example.vn' });
    for (const res of [known, unknown]) {
      expect(res.statusCode, res.body).toBe(202);
      expect(Object.keys(res.json()).sort()).toEqual(['invitationId', 'message', 'status']);
      expect(res.body).not.toMatch(/Trần|usr_|business@|chua\.co/i);
    }
    expect(known.json().message).toBe(unknown.json().message);
    expect((await members()).length).toBe(1);

    const detail = (await owner.get(`/api/v1/organisations/${orgId}`)).json();
    expect(detail.members).toHaveLength(1);
    expect(detail.invitations.map((i: { email: string; statusLabel: string }) => [i.email, i.statusLabel])).toEqual([
      ['Business@Demo.OpenDVC.vn', 'Đang chờ chấp nhận'],
      ['chua.co@example.vn', 'Đang chờ chấp nhận'],
    ]);
    expect(Object.keys(detail.invitations[0]).sort()).toEqual(['email', 'expiresAt', 'id', 'status', 'statusLabel']);

    // The job mails both: the account holder to accept, the unknown address to register first.
    expect(await mailOf(known.json().invitationId, 'business@demo.opendvc.vn')).toMatch(/đăng nhập và mở liên kết/);
    expect(await mailOf(unknown.json().invitationId, 'chua.co@example.vn')).toMatch(/chưa có tài khoản OpenDVC/);
  });

  it('lets only the invited person accept; acceptance creates the membership', async () => {
    const invitationId = (await owner.get(`/api/v1/organisations/${orgId}`)).json().invitations[0].id;
    expect((await stranger.get('/api/v1/me/invitations')).json().items).toEqual([]);
    const other = await stranger.post(`/api/v1/me/invitations/${invitationId}/accept`);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('identity.invitation_not_found');
    expect((await owner.post(`/api/v1/me/invitations/${invitationId}/accept`)).statusCode).toBe(404);
    expect((await members()).length).toBe(1);

    const mine = (await invitee.get('/api/v1/me/invitations')).json().items;
    expect(mine).toEqual([expect.objectContaining({ id: invitationId, kind: 'MEMBER', organisationName: 'Công ty TNHH Lời Mời', invitedBy: 'Nguyễn Văn An' })]);
    const accepted = await invitee.post(`/api/v1/me/invitations/${invitationId}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toEqual({ id: invitationId, kind: 'MEMBER', status: 'ACCEPTED' });
    expect((await members()).length).toBe(2);
    expect((await invitee.get(`/api/v1/organisations/${orgId}`)).json().role).toBe('MEMBER');
    // Used once.
    expect((await invitee.post(`/api/v1/me/invitations/${invitationId}/accept`)).statusCode).toBe(404);
    expect((await owner.get(`/api/v1/organisations/${orgId}`)).json().invitations.map((i: { email: string }) => i.email)).toEqual(['chua.co@example.vn']);
  });

  it('creates no authorisation before acceptance, and none after a decline', async () => {
    const body = { representativeEmail: 'representative@demo.opendvc.vn', scope: 'Nộp hồ sơ thay tôi', validFrom: '2026-01-01', documentReference: 'GUQ 77/2026' };
    const before = (await authorisationsOf('representative@demo.opendvc.vn')).length;
    const invited = await owner.post('/api/v1/representatives', body);
    expect(invited.statusCode, invited.body).toBe(202);
    const listed = (await owner.get('/api/v1/representatives')).json();
    expect(listed.invitations).toEqual([expect.objectContaining({ id: invited.json().invitationId, email: 'representative@demo.opendvc.vn', statusLabel: 'Đang chờ chấp nhận', documentReference: 'GUQ 77/2026' })]);
    expect(JSON.stringify(listed.invitations)).not.toMatch(/userId|fullName/);
    expect((await authorisationsOf('representative@demo.opendvc.vn')).length).toBe(before);

    const declined = await stranger.post(`/api/v1/me/invitations/${invited.json().invitationId}/decline`);
    expect(declined.json()).toMatchObject({ status: 'DECLINED' });
    expect((await authorisationsOf('representative@demo.opendvc.vn')).length).toBe(before);
    expect((await owner.get('/api/v1/representatives')).json().invitations).toEqual([]);
    expect((await stranger.post(`/api/v1/me/invitations/${invited.json().invitationId}/accept`)).statusCode).toBe(404);
  });

  it('accepts by the mail\'s link for the invited person only, and refuses an expired one', async () => {
    const body = { representativeEmail: 'representative@demo.opendvc.vn', scope: 'Nhận kết quả thay tôi', validFrom: '2026-01-01', documentReference: 'GUQ 78/2026' };
    const invited = (await owner.post('/api/v1/representatives', body)).json();
    const token = tokenIn(await mailOf(invited.invitationId, 'representative@demo.opendvc.vn'));
    const wrong = await invitee.post('/api/v1/me/invitations/by-token', { token, decision: 'accept' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('auth.token_invalid');
    const before = (await authorisationsOf('representative@demo.opendvc.vn')).length;
    const ok = await stranger.post('/api/v1/me/invitations/by-token', { token, decision: 'accept' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await authorisationsOf('representative@demo.opendvc.vn')).length).toBe(before + 1);
    expect((await owner.get('/api/v1/representatives')).json().items.some((r: { documentReference: string }) => r.documentReference === 'GUQ 78/2026')).toBe(true);

    const late = (await owner.post('/api/v1/representatives', { ...body, documentReference: 'GUQ 79/2026' })).json();
    const lateToken = tokenIn(await mailOf(late.invitationId, 'representative@demo.opendvc.vn'));
    await ctx.database.db.execute(sql`UPDATE identity_invitations SET expires_at = now() - interval '1 second' WHERE id = ${late.invitationId}`);
    const expired = await stranger.post('/api/v1/me/invitations/by-token', { token: lateToken, decision: 'accept' });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().code).toBe('auth.token_invalid');
    expect((await authorisationsOf('representative@demo.opendvc.vn')).length).toBe(before + 1);
    const [row] = await queryRows<{ status: string }>(ctx.database.db, sql`SELECT status FROM identity_invitations WHERE id = ${late.invitationId}`);
    expect(row!.status).toBe('EXPIRED');
  });
});
