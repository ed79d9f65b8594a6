/**
 * The National Single Window connector end to end, against the NSW simulator (a child process,
 * `simulators/nsw/server.ts`): the simulator's application becomes a dossier of origin NSW
 * (answer 99; the same document number again answers the same dossier; a wrong application is
 * answered 00 with its errors), officials take it to a signed, issued result, and the reception
 * notice (11/03) and the result (12/04, the signed PDF) come back to the simulator, through the
 * dossier event stream and the NSW outbox, with a retry when the NSW is down. XML with a DOCTYPE
 * (external entities, billion laughs), too deep or too large is refused before it is read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { dossierAttachmentsTable, dossiersTable } from '../../dossiers/index.js';
import { callerFor, userIdByEmail, type Caller } from '../../dossiers/e2e/dossiers.fixtures.js';
import { registerApiClient } from '../../identity/identity.oauth.usecases.js';
import { nswMessagesTable, type NswSender } from '../index.js';

const root = path.resolve(import.meta.dirname, '../../../..');

interface Sim {
  url: string;
  child: ChildProcess;
  post(pathname: string, body: unknown): Promise<Record<string, unknown>>;
  messages(documentNo?: string): Promise<{ items: Record<string, unknown>[] }>;
  stop(): Promise<void>;
}

async function startSimulator(): Promise<Sim> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'simulators/nsw/server.ts'), '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('simulator did not start')), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  const post = async (pathname: string, body: unknown) => (await fetch(`${url}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;
  return {
    url,
    child,
    post,
    messages: async (documentNo) => (await fetch(`${url}/_sim/messages${documentNo ? `?documentNo=${encodeURIComponent(documentNo)}` : ''}`)).json() as Promise<{ items: Record<string, unknown>[] }>,
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

let sim: Sim;
let ctx: TestContext;
let appUrl: string;
let sender: NswSender;
let token: string;
let officer: Caller;
let specialist: Caller;
let head: Caller;
let leader: Caller;
let clerk: Caller;
let admin: Caller;

beforeAll(async () => {
  sim = await startSimulator();
  // The test drives the consumers and the sender itself (no background loops once it listens).
  ctx = await createTestApp({ JOBS_WORKER: 'false', NSW_ENDPOINT_URL: `${sim.url}/nsw/receiveRequest`, NSW_BACKOFF_MS: '10', NSW_MAX_XML_DEPTH: '32', NSW_MAX_MESSAGE_BYTES: String(2 * 1024 * 1024) });
  appUrl = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  sender = ctx.app.nswSender!;
  const client = await registerApiClient({ db: ctx.database.db, name: 'Cổng thông tin một cửa quốc gia', scopes: ['nsw:submit'] });
  await sim.post('/_sim/config', { target: appUrl, clientId: client.clientId, clientSecret: client.clientSecret });
  const tokenRes = await ctx.app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret } });
  token = tokenRes.json().access_token;
  officer = await callerFor(ctx, await userIdByEmail(ctx, 'officer@demo.opendvc.vn'));
  specialist = await callerFor(ctx, await userIdByEmail(ctx, 'specialist@demo.opendvc.vn'));
  head = await callerFor(ctx, await userIdByEmail(ctx, 'head@demo.opendvc.vn'));
  leader = await callerFor(ctx, await userIdByEmail(ctx, 'leader@demo.opendvc.vn'));
  clerk = await callerFor(ctx, await userIdByEmail(ctx, 'clerk@demo.opendvc.vn'));
  admin = await callerFor(ctx, await userIdByEmail(ctx, 'admin@demo.opendvc.vn'));
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await sim?.stop();
});

/** Runs the event consumers and the NSW sender until nothing is left to do now. */
async function settle() {
  for (let i = 0; i < 50; i++) {
    await ctx.app.eventConsumers.drain();
    const r = await sender.drain();
    const open = await ctx.database.db.select({ id: nswMessagesTable.id }).from(nswMessagesTable)
      .where(and(eq(nswMessagesTable.direction, 'OUT'), eq(nswMessagesTable.state, 'PENDING')));
    if (open.length === 0 && r.sent + r.failed === 0) return;
    await new Promise((res) => setTimeout(res, 20));
  }
}

async function act(caller: Caller, id: string, action: string, body: Record<string, unknown> = {}) {
  const res = await caller.post(`/dossiers/${id}/actions/${action}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const soap = (payload: string) => ctx.app.inject({ method: 'POST', url: '/api/v1/nsw/receiveRequest', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/xml; charset=utf-8' }, payload });

describe('National Single Window connector', () => {
  it('publishes the WSDL of receiveRequest at a stable address', async () => {
    const res = await fetch(`${appUrl}/api/v1/nsw/receiveRequest?wsdl`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/xml');
    const wsdl = await res.text();
    expect(wsdl).toContain('<wsdl:operation name="receiveRequest">');
    expect(wsdl).toContain(`location="${ctx.config.publicUrl}/api/v1/nsw/receiveRequest"`);
  });

  it('turns the simulator\'s application into a dossier, and it comes back as reception notice and signed result', async () => {
    const sent = await sim.post('/_sim/applications', {}) as { documentNo: string; httpStatus: number; function: string; content: Record<string, string>; preReference: string; sentMessageId: string; from: Record<string, string> };
    expect(sent.httpStatus, JSON.stringify(sent)).toBe(200);
    expect(sent.function).toBe('99');
    expect(sent.preReference).toBe(sent.sentMessageId);
    expect(sent.from).toMatchObject({ Identity: 'BNNMT', MinistryCode: 'BNNMT', CountryCode: 'VN' });
    const code = sent.content.DossierCode!;
    expect(code).toMatch(/^000\.00\.01\.G99-\d{6}-\d{4}$/);
    const [dossier] = await ctx.database.db.select().from(dossiersTable).where(eq(dossiersTable.code, code));
    expect(dossier).toMatchObject({ origin: 'NSW', externalRef: sent.documentNo, status: 'SUBMITTED', channel: 'ONLINE', applicantUserId: null });
    expect(dossier!.applicant).toMatchObject({ fullName: 'Công ty TNHH Điện lạnh Minh An', organisationTaxCode: '0101234567' });
    const files = await ctx.database.db.select().from(dossierAttachmentsTable).where(eq(dossierAttachmentsTable.dossierId, dossier!.id));
    expect(files.map((f) => f.mediaType)).toEqual(['application/pdf', 'application/pdf']);

    // The same document number again: the same dossier, nothing new.
    const again = await sim.post('/_sim/applications', { documentNo: sent.documentNo }) as { function: string; content: Record<string, string> };
    expect(again).toMatchObject({ function: '99', content: { DossierCode: code, Duplicate: '1' } });
    expect(await ctx.database.db.select({ id: dossiersTable.id }).from(dossiersTable).where(eq(dossiersTable.externalRef, sent.documentNo))).toHaveLength(1);

    // The officials' view shows where it came from.
    const view = (await officer.get(`/dossiers/${dossier!.id}`)).json();
    expect(view.origin).toBe('NSW');

    // Reception → reception notice 11/03; the NSW is down for the first attempt.
    await sim.post('/_sim/faults', { failNext: 1, status: 503 });
    const received = await officer.post(`/dossiers/${dossier!.id}/receive`);
    expect(received.statusCode, received.body).toBe(200);
    await ctx.app.eventConsumers.drain();
    // One pass only: a second one would retry as soon as the (short) backoff is over.
    expect(await sender.runOnce()).toMatchObject({ taken: 1, sent: 0, failed: 1 });
    const [failing] = await ctx.database.db.select().from(nswMessagesTable).where(and(eq(nswMessagesTable.dossierId, dossier!.id), eq(nswMessagesTable.direction, 'OUT')));
    expect(failing).toMatchObject({ state: 'FAILING', attempts: 1, type: '11', function: '03' });
    await new Promise((r) => setTimeout(r, 30));
    await settle();
    let back = (await sim.messages(sent.documentNo)).items;
    expect(back).toHaveLength(1);
    expect(back[0]).toMatchObject({ type: '11', function: '03', documentType: 'BNNMT0100081', answered: '99', content: { DocumentNo: sent.documentNo, DossierCode: code } });

    // Officials process it to a signed, issued result.
    const id = dossier!.id;
    await act(officer, id, 'chuyen_tham_dinh', { assigneeId: specialist.userId });
    const template = (await specialist.get(`/dossiers/${id}/result-draft`)).json();
    const saved = await specialist.raw('PUT' as never, `/dossiers/${id}/result-draft`, { title: template.title, summary: template.summary, body: `${template.body}\nKhối lượng xác nhận: 12.000 kg HCFC-22.` });
    expect(saved.statusCode, saved.body).toBe(200);
    await act(specialist, id, 'trinh_lanh_dao_phong', { assigneeId: head.userId });
    await act(head, id, 'trinh_ky', { assigneeId: leader.userId });
    await act(leader, id, 'ky_duyet');
    await act(clerk, id, 'chuyen_tra_ket_qua');
    const issued = (await clerk.get(`/dossiers/${id}/processing`)).json().documents.find((d: { kind: string }) => d.kind === 'RESULT');
    expect(issued.status).toBe('ISSUED');
    await settle();

    back = (await sim.messages(sent.documentNo)).items;
    expect(back.map((m) => `${m.type}/${m.function}`)).toEqual(['11/03', '12/04']);
    const result = back[1] as { content: Record<string, string>; attachments: { mimeType: string; sha256: string; sha256Matches: boolean; bytes: number }[]; answered: string };
    expect(result.answered).toBe('99');
    expect(result.content).toMatchObject({ DocumentNo: sent.documentNo, DossierCode: code, ResultNumber: issued.number, Signer: 'Đặng Văn Hùng' });
    expect(result.attachments).toHaveLength(1);
    expect(result.attachments[0]).toMatchObject({ mimeType: 'application/pdf', sha256: issued.sha256, sha256Matches: true });
    const pdf = await clerk.get(`/dossiers/${id}/result.pdf`);
    expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(result.attachments[0]!.sha256);
    const out = await ctx.database.db.select().from(nswMessagesTable).where(and(eq(nswMessagesTable.dossierId, id), eq(nswMessagesTable.direction, 'OUT')));
    expect(out.map((m) => m.state)).toEqual(['SENT', 'SENT']);

    // A replayed event adds no second message.
    await ctx.app.eventConsumers.drain();
    expect(await ctx.database.db.select().from(nswMessagesTable).where(and(eq(nswMessagesTable.dossierId, id), eq(nswMessagesTable.direction, 'OUT')))).toHaveLength(2);
  }, 120_000);

  it('parks a message the NSW refuses (00) as dead; an administrator sends it again', async () => {
    const sent = await sim.post('/_sim/applications', {}) as { documentNo: string; function: string; content: Record<string, string> };
    expect(sent.function).toBe('99');
    const [dossier] = await ctx.database.db.select().from(dossiersTable).where(eq(dossiersTable.externalRef, sent.documentNo));
    await sim.post('/_sim/faults', { refuseNext: 1 });
    expect((await officer.post(`/dossiers/${dossier!.id}/receive`)).statusCode).toBe(200);
    await settle();
    const [dead] = await ctx.database.db.select().from(nswMessagesTable).where(and(eq(nswMessagesTable.dossierId, dossier!.id), eq(nswMessagesTable.direction, 'OUT')));
    expect(dead).toMatchObject({ state: 'DEAD', type: '11', function: '03' });
    expect(dead!.lastError).toContain('Từ chối thử nghiệm');
    const listed = (await admin.get('/admin/nsw/messages')).json().items.find((m: { id: string }) => m.id === dead!.id);
    expect(listed).toMatchObject({ state: 'DEAD', direction: 'OUT', documentNo: sent.documentNo });
    expect((await officer.post('/admin/nsw/messages/replay', { all: true })).statusCode).toBe(403);
    const replay = await admin.post('/admin/nsw/messages/replay', { ids: [dead!.id] });
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json()).toEqual({ replayed: 1, ids: [dead!.id] });
    await settle();
    const [again] = await ctx.database.db.select().from(nswMessagesTable).where(eq(nswMessagesTable.id, dead!.id));
    expect(again!.state).toBe('SENT');
    const back = (await sim.messages(sent.documentNo)).items;
    expect(back.map((m) => m.answered)).toEqual(['00', '99']);
  });

  it('answers an application it cannot accept with function 00 and the list of errors, and files nothing', async () => {
    const before = (await ctx.database.db.select({ id: dossiersTable.id }).from(dossiersTable)).length;
    const wrong = await sim.post('/_sim/applications', {
      enterprise: { TaxCode: '12', Name: 'Công ty X' },
      formData: { organisation: { name: 'Công ty X' } },
      attachments: [],
    }) as { function: string; errors: { ErrorCode: string; ErrorName: string }[] };
    expect(wrong.function).toBe('00');
    expect(wrong.errors.map((e) => e.ErrorCode)).toContain('Enterprise.TaxCode');
    const formErrors = await sim.post('/_sim/applications', { formData: { organisation: { name: 'Công ty X' } }, attachments: [] }) as { function: string; errors: { ErrorCode: string; ErrorName: string }[] };
    expect(formErrors.function).toBe('00');
    expect(formErrors.errors.some((e) => e.ErrorCode.startsWith('answers.'))).toBe(true);
    expect(formErrors.errors.some((e) => e.ErrorCode === 'components.1' && e.ErrorName.startsWith('Chưa đính kèm'))).toBe(true);
    const unknownProcedure = await sim.post('/_sim/applications', { documentType: 'BNNMT9999999' }) as { function: string; errors: { ErrorCode: string }[] };
    expect(unknownProcedure).toMatchObject({ function: '00', errors: [{ ErrorCode: 'Subject.DocumentType' }] });
    const notAnApplication = await sim.post('/_sim/applications', { type: '11', function: '03' }) as { function: string; errors: { ErrorCode: string }[] };
    expect(notAnApplication).toMatchObject({ function: '00', errors: [{ ErrorCode: 'Subject.Function' }] });
    const elsewhere = await sim.post('/_sim/applications', { to: { Identity: 'BCT', MinistryCode: 'BCT' } }) as { function: string; errors: { ErrorCode: string }[] };
    expect(elsewhere).toMatchObject({ function: '00', errors: [{ ErrorCode: 'Header.To' }] });
    expect((await ctx.database.db.select({ id: dossiersTable.id }).from(dossiersTable)).length).toBe(before);
  });

  it('refuses external entities, entity expansion, deep nesting and oversized messages before reading them', async () => {
    const recordedBefore = (await ctx.database.db.select({ id: nswMessagesTable.id }).from(nswMessagesTable)).length;
    const xxe = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><receiveRequest><officeCode>&xxe;</officeCode><documentType>X</documentType><data>x</data></receiveRequest></soapenv:Body></soapenv:Envelope>`;
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>`;
    // An inner message (in CDATA) with its own DOCTYPE is refused too.
    const inner = `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><receiveRequest><officeCode>O</officeCode><documentType>BNNMT0100081</documentType><data><![CDATA[<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:1/">]><Envelope><Header>&e;</Header></Envelope>]]></data></receiveRequest></soapenv:Body></soapenv:Envelope>`;
    for (const payload of [xxe, laughs, inner]) {
      const res = await soap(payload);
      expect(res.statusCode).toBe(500);
      expect(res.body).toContain('<faultcode>soapenv:Client</faultcode>');
      expect(res.body).toContain('DOCTYPE');
      expect(res.body).not.toContain('root:');
    }
    const deep = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${'<a>'.repeat(100)}x${'</a>'.repeat(100)}</soapenv:Body></soapenv:Envelope>`;
    const deepRes = await soap(deep);
    expect(deepRes.statusCode).toBe(500);
    expect(deepRes.body).toContain('lồng quá nhiều cấp');
    const malformed = await soap('<soapenv:Envelope><unclosed>');
    expect(malformed.statusCode).toBe(500);
    expect(malformed.body).toContain('không phải XML hợp lệ');
    const huge = await soap(`<x>${'a'.repeat(3 * 1024 * 1024)}</x>`);
    expect(huge.statusCode).toBe(413);
    // Nothing was read, so nothing was recorded or filed.
    expect((await ctx.database.db.select({ id: nswMessagesTable.id }).from(nswMessagesTable)).length).toBe(recordedBefore);
  });

  it('takes applications only from an API client holding nsw:submit', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/nsw/receiveRequest', headers: { 'content-type': 'text/xml' }, payload: '<x/>' })).statusCode).toBe(401);
    const other = await registerApiClient({ db: ctx.database.db, name: 'Hệ thống khác', scopes: ['procedures:read'] });
    const otherToken = (await ctx.app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', client_id: other.clientId, client_secret: other.clientSecret } })).json().access_token;
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/nsw/receiveRequest', headers: { authorization: `Bearer ${otherToken}`, 'content-type': 'text/xml' }, payload: '<x/>' });
    expect(res.statusCode).toBe(403);
  });
});
