/** Shared set-up of the dossier HTTP tests: a small e-form, sessions for demo accounts, row counts. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import type { TestContext } from '../../../test/test-app.js';
import { createOfficial } from '../../identity/identity.admin.usecases.js';
import { createIdentityRepository } from '../../identity/identity.repository.js';
import { startSession } from '../../identity/identity.sessions.js';
import { seedCaseForms } from '../dossiers.forms-seed.js';
import { dossierAttachmentsTable, dossierCodeCountersTable, dossierEventsTable, dossiersTable, supplementRequestsTable } from '../dossiers.tables.js';
import { createId } from '../../../platform/db/ids.js';
import { mailDeliveriesTable } from '../../../platform/mail/mail-deliveries.tables.js';

/** A citizen procedure with one mandatory component (of two) in the bundled catalogue. */
export const PROCEDURE = '1.013302';
export const CASE = 'TH2';

export const testForm = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  title: 'Tờ khai thử nghiệm',
  required: ['fullName', 'personalIdNumber', 'purpose', 'address'],
  properties: {
    fullName: { type: 'string', title: 'Họ và tên', minLength: 2, 'x-prefill': 'fullName' },
    personalIdNumber: { type: 'string', title: 'Số định danh cá nhân', format: 'vn-personal-id', 'x-prefill': 'personalIdNumber' },
    purpose: { type: 'string', title: 'Mục đích đề nghị', minLength: 10 },
    address: {
      type: 'object',
      title: 'Địa chỉ liên hệ',
      required: ['street', 'province'],
      properties: {
        street: { type: 'string', title: 'Số nhà, đường phố', minLength: 2 },
        province: { type: 'string', title: 'Tỉnh, thành phố', minLength: 2 },
      },
    },
  },
} as const;

export const goodAnswers = {
  fullName: 'Nguyễn Văn An',
  personalIdNumber: '001090012345',
  purpose: 'Đề nghị cung cấp dữ liệu đo đạc phục vụ nghiên cứu',
  address: { street: 'Số 10 phố Tôn Thất Thuyết', province: 'Hà Nội' },
};

export async function seedTestForm(ctx: TestContext) {
  await seedCaseForms({ db: ctx.database.db, forms: [{ file: 'test.json', form: { procedureCode: PROCEDURE, versionNo: 1, cases: [{ caseCode: CASE, schema: testForm as never, uiSchema: {} }] } }] });
}

export const samplePdf = fs.readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/mau-don.pdf'));

/** A private DATA_DIR, so that stored files can be listed after each request. */
export function tempDataDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-dossiers-'));
}

/** Every stored file under DATA_DIR/files (relative paths). */
export function storedFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'files');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((p) => fs.statSync(path.join(root, p)).isFile()).sort();
}

/** A multipart body: the fields in order, then the file. */
export function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer; type?: string }) {
  const boundary = `----opendvc${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/pdf'}\r\n\r\n`));
    chunks.push(file.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const CSRF = 'dossier-test-csrf';

export type Caller = Awaited<ReturnType<typeof callerFor>>;

/** A signed-in caller (session made directly; sign-in itself is tested by the identity module). */
export async function callerFor(ctx: TestContext, userId: string) {
  const { token } = await startSession({ db: ctx.database.db, userId, policy: { idleMinutes: 30, absoluteHours: 1 } });
  const headers = { cookie: `opendvc_session=${token}; csrf=${CSRF}`, 'x-csrf-token': CSRF };
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, extra: Record<string, string> = {}) =>
    ctx.app.inject({ method, url: `/api/v1${url}`, headers: { ...headers, ...extra }, payload: payload as object | undefined });
  return {
    userId,
    headers,
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: unknown, extra?: Record<string, string>) => call('POST', url, payload ?? {}, extra),
    patch: (url: string, payload?: unknown, extra?: Record<string, string>) => call('PATCH', url, payload, extra),
    delete: (url: string) => call('DELETE', url),
    raw: call,
    upload: (dossierId: string, componentId: string, file: { name: string; bytes: Buffer; type?: string } = { name: 'Đơn đề nghị.pdf', bytes: samplePdf }) => {
      const body = multipart({ componentId }, file);
      return ctx.app.inject({ method: 'POST', url: `/api/v1/dossiers/${dossierId}/attachments`, headers: { ...headers, ...body.headers }, payload: body.payload });
    },
  };
}

export async function userIdByEmail(ctx: TestContext, email: string) {
  const user = await createIdentityRepository({ db: ctx.database.db }).getUserByEmail(email);
  if (!user) throw new Error(`missing ${email}`);
  return user.id;
}

export async function otherUnitOfficer(ctx: TestContext) {
  const { user } = await createOfficial({ db: ctx.database.db, config: ctx.config, input: { email: `officer-${createId('x')}@demo.opendvc.vn`, password: 'Other-unit-2026!', unitCode: '000.00.03.G99', role: 'ONE_STOP_OFFICER' } });
  return user.id;
}

/** Row counts of every dossier table, to prove that a refused request wrote nothing. */
export async function rowCounts(ctx: TestContext) {
  const db = ctx.database.db;
  const n = async (table: typeof dossiersTable | typeof dossierEventsTable | typeof dossierAttachmentsTable | typeof dossierCodeCountersTable | typeof supplementRequestsTable) => (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    dossiers: await n(dossiersTable),
    events: await n(dossierEventsTable),
    attachments: await n(dossierAttachmentsTable),
    counters: await n(dossierCodeCountersTable),
    supplements: await n(supplementRequestsTable),
    mails: (await db.select({ n: count() }).from(mailDeliveriesTable))[0]!.n,
  };
}

export async function getRow(ctx: TestContext, dossierId: string) {
  const [row] = await ctx.database.db.select().from(dossiersTable).where(eq(dossiersTable.id, dossierId));
  return row!;
}
