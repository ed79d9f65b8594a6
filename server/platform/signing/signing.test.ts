import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createPdfDocument, MARGINS, PdfWriter } from '../pdf/index.js';
import { flattenText, pdfText, pdfWords } from '../pdf/pdf-inspect.js';
import { isAppError } from '../errors/app-error.js';
import { createKeystore, createSigningPort, DEMO_CA_NAME, generateDemoPki, keystorePaths, loadSigner, stampAndSign, type PdfSigner } from './index.js';
import { PdfFile } from './pdf-incremental.js';
import { PdfString } from './pdf-objects.js';
import { pdfsig } from './pdfsig.js';

const dir = inject('signingKeystoreDir');
const passphrase = inject('signingPassphrase');
const LEADER = 'leader@demo.opendvc.vn';
const UNIT = '000.00.01.G99';

async function samplePdf(pages = 1): Promise<Buffer> {
  const doc = createPdfDocument({ title: 'Văn bản thử ký số', createdAt: '2026-11-27T09:00:00+07:00', fingerprint: { pages } });
  const w = new PdfWriter(doc);
  w.title('Quyết định cấp giấy phép');
  for (let p = 0; p < pages; p++) {
    if (p > 0) w.newPage();
    w.paragraph(`Trang ${p + 1}: nội dung văn bản có dấu tiếng Việt — Điều 1, khoản 2.`);
  }
  return w.finish();
}

async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

/** The /Sig dictionaries' /Reason texts, in field order, read with the module's own parser. */
function reasons(pdf: Buffer): string[] {
  const file = new PdfFile(pdf);
  const fields = file.resolve(file.dict(file.catalog.get('AcroForm'))?.get('Fields'));
  return (Array.isArray(fields) ? fields : []).map((f) => {
    const reason = file.dict(file.dict(f)?.get('V'))?.get('Reason');
    return reason instanceof PdfString ? reason.text() : '';
  });
}

describe('PAdES signing with PKCS#12 keys', () => {
  let leader: PdfSigner;
  let seal: PdfSigner;

  beforeAll(async () => {
    const keystore = createKeystore({ dir, passphrase });
    leader = (await keystore.signerForUser(LEADER))!;
    seal = (await keystore.signerForUnit(UNIT))!;
  });

  it('signs a pdfkit document so that pdfsig finds one valid ETSI.CAdES.detached signature over the whole file', async () => {
    const pdf = await samplePdf();
    const signed = await leader.sign(pdf, { reason: 'Phê duyệt kết quả giải quyết hồ sơ', location: 'Hà Nội' });
    // An incremental update: the original bytes come first, unchanged.
    expect(signed.subarray(0, pdf.length).equals(pdf)).toBe(true);
    const signatures = await pdfsig(signed);
    expect(signatures).toHaveLength(1);
    expect(signatures[0]).toMatchObject({
      fieldName: 'Signature1',
      commonName: 'Đặng Văn Hùng',
      subFilter: 'ETSI.CAdES.detached',
      coverage: 'Total document signed',
      validation: 'Signature is Valid.',
    });
    expect(signatures[0]!.distinguishedName).toContain('Phó Cục trưởng');
    expect(reasons(signed)).toEqual(['Phê duyệt kết quả giải quyết hồ sơ']);
    // The visible content is untouched.
    expect(flattenText(await pdfText(signed))).toBe(flattenText(await pdfText(pdf)));
  });

  it('is detected by pdfsig when a signed byte changes', async () => {
    const signed = await leader.sign(await samplePdf(), { reason: 'Phê duyệt' });
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('/Title');
    tampered[at + 1] = 't'.charCodeAt(0);
    const [signature] = await pdfsig(tampered);
    expect(signature!.validation).not.toBe('Signature is Valid.');
  });

  it('issues a signed document: the stamp shows on page 1 and both signatures stay valid', async () => {
    const pdf = await samplePdf(2);
    const signed = await leader.sign(pdf, { reason: 'Phê duyệt kết quả', location: 'Hà Nội' });
    const lines = ['VĂN PHÒNG BỘ', 'Số: 12/KQ-G99', 'Ban hành ngày 28/11/2026'];
    const issued = await stampAndSign(signed, { lines }, seal, { reason: 'Ban hành văn bản số 12/KQ-G99 ngày 28/11/2026', location: 'Hà Nội' });
    expect(issued.subarray(0, signed.length).equals(signed)).toBe(true);

    const signatures = await pdfsig(issued);
    expect(signatures.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    expect(signatures.map((s) => s.fieldName)).toEqual(['Signature1', 'Signature2']);
    expect(signatures[0]).toMatchObject({ commonName: 'Đặng Văn Hùng', coverage: 'Not total document signed' });
    expect(signatures[1]).toMatchObject({ commonName: seal.certificate.commonName, coverage: 'Total document signed', subFilter: 'ETSI.CAdES.detached' });
    // The first signature still covers exactly its own revision.
    expect(signatures[0]!.signedRanges).toMatch(new RegExp(`- ${signed.length}\\]$`));
    expect(reasons(issued)).toEqual(['Phê duyệt kết quả', 'Ban hành văn bản số 12/KQ-G99 ngày 28/11/2026']);

    // The stamp is on page 1 only, inside the top margin at the right.
    const page1 = flattenText(await pdfText(issued, { first: 1, last: 1 }));
    for (const line of lines) expect(page1).toContain(line);
    expect(flattenText(await pdfText(issued, { first: 2, last: 2 }))).not.toContain('12/KQ-G99');
    const words = (await pdfWords(issued)).filter((w) => w.page === 1 && ['12/KQ-G99', '28/11/2026'].includes(w.text));
    expect(words).toHaveLength(2);
    for (const w of words) {
      expect(w.yMax).toBeLessThan(MARGINS.top);
      expect(w.xMin).toBeGreaterThan(595.28 / 2);
    }
  });

  it('takes the stamp where it is asked to go', async () => {
    const signed = await leader.sign(await samplePdf(), { reason: 'Phê duyệt' });
    const issued = await stampAndSign(signed, { lines: ['Số: 7/KQ-G99'], rect: [100, 400, 260, 430] }, seal, { reason: 'Ban hành' });
    const [word] = (await pdfWords(issued)).filter((w) => w.text === '7/KQ-G99');
    expect(word!.yMin).toBeGreaterThan(841.89 - 430);
    expect(word!.yMax).toBeLessThan(841.89 - 400);
    expect((await pdfsig(issued)).map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
  });

  it('describes the certificate', () => {
    expect(leader.certificate).toMatchObject({ commonName: 'Đặng Văn Hùng', subject: expect.stringContaining('CN=Đặng Văn Hùng, T=Phó Cục trưởng') });
    expect(leader.certificate.issuer).toContain(`CN=${DEMO_CA_NAME}`);
    expect(leader.certificate.serialNumber).toMatch(/^[0-9A-F]+$/);
    expect(leader.certificate.notAfter.getTime()).toBeGreaterThan(Date.now() + 2 * 365 * 24 * 3600 * 1000);
    expect(seal.certificate.subject).toContain(`OU=${UNIT}`);
  });
});

describe('loadSigner errors', () => {
  const p12 = () => fs.readFileSync(keystorePaths(dir).user(LEADER));

  it('refuses a wrong passphrase', async () => {
    const e = await caught(() => loadSigner(p12(), 'not-the-passphrase'));
    expect(isAppError(e) && e.code).toBe('signing.wrong_passphrase');
    expect((e as Error).message).toMatch(/mật khẩu không đúng/);
  });

  it('refuses bytes that are not PKCS#12', async () => {
    const e = await caught(() => loadSigner(Buffer.from('không phải tệp PKCS#12'), passphrase));
    expect(isAppError(e) && e.code).toBe('signing.keystore_unreadable');
  });

  it('refuses an expired certificate, when loading and when signing', async () => {
    let now = new Date();
    const signer = loadSigner(p12(), passphrase, { now: () => now });
    now = new Date(Date.now() + 4 * 365 * 24 * 3600 * 1000);
    const atSign = await caught(() => signer.sign(Buffer.from('%PDF-1.3'), { reason: 'x' }));
    expect(isAppError(atSign) && atSign.code).toBe('signing.certificate_expired');
    const atLoad = await caught(() => loadSigner(p12(), passphrase, { now: () => now }));
    expect(isAppError(atLoad) && atLoad.code).toBe('signing.certificate_expired');
    expect((atLoad as Error).message).toMatch(/hết hạn/);
  });

  it('refuses a PKCS#12 without a private key', async () => {
    const own = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12().toString('binary'))), false, passphrase);
    const bags = own.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]!;
    const certsOnly = forge.pkcs12.toPkcs12Asn1(null, bags.map((b) => b.cert!), passphrase, { algorithm: '3des' });
    const e = await caught(() => loadSigner(Buffer.from(forge.asn1.toDer(certsOnly).getBytes(), 'binary'), passphrase));
    expect(isAppError(e) && e.code).toBe('signing.no_private_key');
  });

  it('reports a PDF it cannot extend', async () => {
    const signer = loadSigner(p12(), passphrase);
    const e = await caught(() => signer.sign(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n'), { reason: 'x' }));
    expect(isAppError(e) && e.code).toBe('signing.unsupported_pdf');
  });
});

describe('keystore', () => {
  it('finds signers by e-mail and unit code, caches them, and answers undefined when there is none', async () => {
    const keystore = createKeystore({ dir, passphrase });
    const a = await keystore.signerForUser('Leader@Demo.OpenDVC.vn');
    expect(a?.certificate.commonName).toBe('Đặng Văn Hùng');
    expect(await keystore.signerForUser(LEADER)).toBe(a);
    expect(await keystore.signerForUser('nobody@demo.opendvc.vn')).toBeUndefined();
    expect(await keystore.signerForUser('../ca')).toBeUndefined();
    expect((await keystore.signerForUnit(UNIT))?.certificate.subject).toContain(UNIT);
    expect(await keystore.signerForUnit('000.00.02.G99')).toBeUndefined();
  });
});

describe('signing port', () => {
  it('signs as an official and seals as a unit from the keystore, and answers undefined without a certificate', async () => {
    const port = createSigningPort(createKeystore({ dir, passphrase }));
    const pdf = await samplePdf();
    expect(await port.signAsUser('specialist@demo.opendvc.vn', pdf, { reason: 'x' })).toBeUndefined();
    const signed = (await port.signAsUser(LEADER, pdf, { reason: 'Phê duyệt', name: 'Đặng Văn Hùng' }))!;
    expect(signed.certificate).toEqual({ commonName: 'Đặng Văn Hùng', subject: expect.stringContaining('T=Phó Cục trưởng'), serialNumber: expect.any(String), issuer: expect.stringContaining(DEMO_CA_NAME) });
    expect(await port.sealAsUnit('000.00.02.G99', signed.pdf, { lines: ['Số: 1/KQ'] }, { reason: 'x' })).toBeUndefined();
    const sealed = (await port.sealAsUnit(UNIT, signed.pdf, { lines: ['Số: 1/2026/KQ-G99', 'Ban hành ngày 28/11/2026'] }, { reason: 'Ban hành văn bản số 1/2026/KQ-G99' }))!;
    expect(sealed.certificate.subject).toContain(UNIT);
    expect((await pdfsig(sealed.pdf)).map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
  });
});

describe('generateDemoPki', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-pki-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('writes a demo CA and signing certificates, and leaves existing files alone', async () => {
    const options = { dir: tmp, passphrase: 'demo-pki-test', units: [{ code: 'U.1', name: 'Sở Tài nguyên (mẫu)' }] };
    const first = await generateDemoPki(options);
    expect(first.created.sort()).toEqual(['ca.p12', 'ca.pem', path.join('units', 'U.1.p12')].sort());
    const before = fs.readFileSync(path.join(tmp, 'units', 'U.1.p12'));
    const again = await generateDemoPki(options);
    expect(again.created).toEqual([]);
    expect(fs.readFileSync(path.join(tmp, 'units', 'U.1.p12')).equals(before)).toBe(true);

    const ca = new X509Certificate(fs.readFileSync(path.join(tmp, 'ca.pem')));
    expect(ca.subject).toContain(`CN=${DEMO_CA_NAME}`);
    expect(ca.ca).toBe(true);
    const signer = loadSigner(before, 'demo-pki-test');
    expect(signer.certificate.issuer).toContain(DEMO_CA_NAME);
    const years = (signer.certificate.notAfter.getTime() - Date.now()) / (365.25 * 24 * 3600 * 1000);
    expect(years).toBeGreaterThan(2.9);
    expect(years).toBeLessThan(3.1);
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(before.toString('binary'))), false, 'demo-pki-test');
    const cert = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]!.map((b) => b.cert!).find((c) => c.subject.getField('OU'))!;
    expect(cert.getExtension('keyUsage')).toMatchObject({ digitalSignature: true, nonRepudiation: true, keyCertSign: false });
    expect((cert.publicKey as forge.pki.rsa.PublicKey).n.bitLength()).toBe(2048);
  });
});
