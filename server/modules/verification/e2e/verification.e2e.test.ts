/**
 * Public verification over HTTP: a result signed by the demo leader and issued under the demo
 * unit's seal (with the real renderer, keystore and storage), then the facts the QR page shows —
 * and nothing about the applicant. Drafts and unknown ids are the same 404.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityRepository } from '../../identity/identity.repository.js';
import { DEMO_UNIT_CODE } from '../../identity/identity.seed.js';
import { procedureCasesTable, proceduresTable, procedureVersionsTable } from '../../catalog/catalog.tables.js';
import { dossierDocumentsTable, dossiersTable } from '../../dossiers/dossiers.tables.js';
import { renderResult } from '../../dossiers/documents/index.js';
import { createId } from '../../../platform/db/ids.js';
import { stampAndSign } from '../../../platform/signing/index.js';
import { createHttpClient } from '../../../test/http-client.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';

let ctx: TestContext;
let dataDir: string;
let ipCounter = 0;
/** Each test calls from its own address, so that the route's low rate limit is per test. */
const anonymous = () => createHttpClient(ctx.app, { ip: `10.9.0.${++ipCounter}` });

const APPLICANT = { fullName: 'Nguyễn Văn An', personalIdNumber: '001090012345', phone: '0912000001', address: 'Số 10 phố Tôn Thất Thuyết' };
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let dossier: { id: string; code: string; procedureName: string; unitName: string };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-verify-'));
  ctx = await createTestApp({ DATA_DIR: dataDir, VERIFICATION_RATE_LIMIT_PER_MINUTE: '5' });
  const db = ctx.database.db;
  const citizen = await createIdentityRepository({ db }).getUserByEmail('citizen@demo.opendvc.vn');
  const unit = await createIdentityRepository({ db }).getAgencyByCode(DEMO_UNIT_CODE);
  const [kase] = await db
    .select({ id: procedureCasesTable.id, versionId: procedureCasesTable.versionId, procedureId: procedureVersionsTable.procedureId, procedureName: proceduresTable.name })
    .from(procedureCasesTable)
    .innerJoin(procedureVersionsTable, eq(procedureVersionsTable.id, procedureCasesTable.versionId))
    .innerJoin(proceduresTable, eq(proceduresTable.id, procedureVersionsTable.procedureId))
    .limit(1);
  const id = createId('dos');
  const code = `${DEMO_UNIT_CODE}-261128-${id.slice(-4)}`;
  await db.insert(dossiersTable).values({
    id, code, procedureId: kase!.procedureId, versionId: kase!.versionId, caseId: kase!.id, applicantUserId: citizen!.id,
    applicant: APPLICANT, channel: 'ONLINE', status: 'IN_PROGRESS', receivingUnitId: unit!.id, processingUnitId: unit!.id, submittedAt: new Date(),
  });
  dossier = { id, code, procedureName: kase!.procedureName, unitName: unit!.name };
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A result document row in the given state, with its PDFs in storage as the dossier engine keeps them. */
async function resultDocument(status: 'DRAFT' | 'SIGNED' | 'ISSUED') {
  const documentId = createId('doc');
  const leader = (await ctx.app.keystore.signerForUser('leader@demo.opendvc.vn'))!;
  const seal = (await ctx.app.keystore.signerForUnit(DEMO_UNIT_CODE))!;
  const signedAt = new Date('2026-11-28T03:15:00Z');
  const issuedAt = new Date('2026-11-28T08:40:00Z');
  const row: typeof dossierDocumentsTable.$inferInsert = {
    id: documentId, dossierId: dossier.id, kind: 'RESULT', status, title: 'Giấy phép khai thác, sử dụng nước mặt',
    content: { summary: 'Cấp giấy phép', body: 'Nội dung.' },
  };
  let signed: Buffer | undefined;
  let issued: Buffer | undefined;
  if (status !== 'DRAFT') {
    const pdf = await renderResult({
      agencyName: dossier.unitName, documentTitle: 'Giấy phép khai thác, sử dụng nước mặt', procedureName: dossier.procedureName, dossierCode: dossier.code,
      applicantName: APPLICANT.fullName, applicantAddress: APPLICANT.address, summary: 'Cấp giấy phép', body: 'Nội dung.',
      signerName: 'Đặng Văn Hùng', signerTitle: 'Phó Cục trưởng', verifyUrl: `${ctx.config.publicUrl}/xac-minh/${documentId}`, documentId, signedAt,
    });
    signed = await leader.sign(pdf, { reason: `Phê duyệt kết quả hồ sơ ${dossier.code}`, signingTime: signedAt });
    const key = `dossiers/${dossier.id}/documents/${documentId}-signed.pdf`;
    const stored = await ctx.app.storage.put(key, signed, { contentType: 'application/pdf' });
    Object.assign(row, { signedStorageKey: key, signedSha256: stored.sha256, signedAt, signer: leader.certificate });
  }
  if (status === 'ISSUED') {
    issued = await stampAndSign(signed!, { lines: [dossier.unitName, 'Số: 12/KQ-G99', 'Ban hành ngày 28/11/2026'] }, seal, { reason: 'Ban hành văn bản số 12/KQ-G99', signingTime: issuedAt });
    const key = `dossiers/${dossier.id}/documents/${documentId}-issued.pdf`;
    const stored = await ctx.app.storage.put(key, issued, { contentType: 'application/pdf' });
    Object.assign(row, { issuedStorageKey: key, issuedSha256: stored.sha256, number: '12/KQ-G99', issuedAt });
  }
  await ctx.database.db.insert(dossierDocumentsTable).values(row);
  return { documentId, signed, issued, leader };
}

describe('GET /api/v1/verify/{documentId}', () => {
  it('answers an issued document: number, dates, signer and the SHA-256 of the issued file, without the applicant', async () => {
    const { documentId, issued, signed, leader } = await resultDocument('ISSUED');
    const res = await anonymous().get(`/api/v1/verify/${documentId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({
      documentId,
      kind: 'RESULT',
      title: 'Giấy phép khai thác, sử dụng nước mặt',
      status: 'ISSUED',
      number: '12/KQ-G99',
      issuedAt: '2026-11-28T08:40:00.000Z',
      signedAt: '2026-11-28T03:15:00.000Z',
      signer: {
        commonName: 'Đặng Văn Hùng',
        subject: leader.certificate.subject,
        serialNumber: leader.certificate.serialNumber,
        issuer: leader.certificate.issuer,
      },
      sha256: sha256(issued!),
      agencyName: dossier.unitName,
      dossierCode: dossier.code,
      procedureName: dossier.procedureName,
    });
    expect(res.json().sha256).not.toBe(sha256(signed!));
    for (const personal of [APPLICANT.fullName, APPLICANT.personalIdNumber, APPLICANT.phone, APPLICANT.address, 'citizen@demo.opendvc.vn']) {
      expect(res.body).not.toContain(personal);
    }
  });

  it('answers a signed document not yet issued with the signed file\'s SHA-256 and no number', async () => {
    const { documentId, signed } = await resultDocument('SIGNED');
    const res = await anonymous().get(`/api/v1/verify/${documentId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'SIGNED', number: null, issuedAt: null, sha256: sha256(signed!), signer: { commonName: 'Đặng Văn Hùng' } });
  });

  it('answers the same Vietnamese 404 for a draft and for an unknown id', async () => {
    const { documentId } = await resultDocument('DRAFT');
    const client = anonymous();
    for (const id of [documentId, 'doc_00000000000000000000000000']) {
      const res = await client.get(`/api/v1/verify/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 404, code: 'verification.document_not_found', detail: expect.stringContaining('Không tìm thấy văn bản') });
    }
  });

  it('limits look-ups per client address', async () => {
    const client = anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await client.get('/api/v1/verify/doc_unknown')).statusCode);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    const limited = await client.get('/api/v1/verify/doc_unknown');
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    // Another address is not affected.
    expect((await anonymous().get('/api/v1/verify/doc_unknown')).statusCode).toBe(404);
  });
});
