/**
 * A demonstration PKI: a root CA that no relying party trusts ("không dùng cho giao dịch thật")
 * and one signing certificate per official and per unit, written as PKCS#12 files the keystore
 * reads. Keys and signatures come from node's crypto (fast, keys generated in parallel);
 * certificates and PKCS#12 are encoded by node-forge.
 * Idempotent: files already there are left as they are.
 */
import { createPrivateKey, generateKeyPair, randomBytes, sign as rsaSign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { keystorePaths } from './keystore.js';

export const DEMO_CA_NAME = 'OpenDVC Demo CA — không dùng cho giao dịch thật';

export interface DemoPkiUser {
  email: string;
  commonName: string;
  /** Position printed in the certificate (X.520 title), e.g. "Phó Cục trưởng". */
  title?: string;
  /** Organisation (O) of the certificate, e.g. the unit's name. */
  organization?: string;
}

export interface DemoPkiUnit {
  code: string;
  name: string;
}

export interface DemoPkiOptions {
  dir: string;
  passphrase: string;
  users?: DemoPkiUser[];
  units?: DemoPkiUnit[];
  /** Validity start (default now); certificates last 3 years, the CA 10. */
  now?: Date;
}

export interface DemoPkiResult {
  /** Files written by this call (relative to dir). */
  created: string[];
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

interface KeyPair {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
}

const generateRsa = promisify(generateKeyPair);

async function newKeyPair(): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateRsa('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return { privateKey: forge.pki.privateKeyFromPem(privateKey), publicKey: forge.pki.publicKeyFromPem(publicKey) as forge.pki.rsa.PublicKey };
}

/**
 * forge's certificate signing with node's RSA instead of forge's own (ten times faster): forge
 * feeds the DER of the TBSCertificate to `md.update` and asks `key.sign(md)` for the signature.
 */
function signCertificate(cert: forge.pki.Certificate, key: forge.pki.rsa.PrivateKey): void {
  const nodeKey = createPrivateKey(forge.pki.privateKeyToPem(key));
  let tbs = '';
  const recorder = { algorithm: 'sha256', update: (bytes: string) => { tbs += bytes; return recorder; } };
  const signer = { sign: () => rsaSign('sha256', Buffer.from(tbs, 'binary'), nodeKey).toString('binary') };
  cert.sign(signer as unknown as forge.pki.rsa.PrivateKey, recorder as unknown as forge.md.MessageDigest);
}

const utf8 = (name: string, value: string) => ({ name, value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class });
const country = { name: 'countryName', value: 'VN' };

function serial(): string {
  // Positive 128-bit serial number.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return bytes.toString('hex');
}

function createCertificate(options: {
  subject: forge.pki.CertificateField[];
  publicKey: forge.pki.PublicKey;
  issuer: forge.pki.Certificate | 'self';
  issuerKey: forge.pki.rsa.PrivateKey;
  from: Date;
  years: number;
  extensions: object[];
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = options.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(options.from.getTime() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(options.from.getTime() + options.years * YEAR_MS);
  cert.setSubject(options.subject);
  cert.setIssuer(options.issuer === 'self' ? options.subject : options.issuer.subject.attributes);
  const authorityKey = options.issuer === 'self' ? [] : [{ name: 'authorityKeyIdentifier', keyIdentifier: options.issuer.generateSubjectKeyIdentifier().getBytes() }];
  cert.setExtensions([...options.extensions, { name: 'subjectKeyIdentifier' }, ...authorityKey]);
  signCertificate(cert, options.issuerKey);
  return cert;
}

function toPkcs12(key: forge.pki.rsa.PrivateKey, chain: forge.pki.Certificate[], passphrase: string, friendlyName: string): Buffer {
  const p12 = forge.pkcs12.toPkcs12Asn1(key, chain, passphrase, { algorithm: '3des', friendlyName, generateLocalKeyId: true });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

/** Written whole or not at all; keys readable by the owner only (the CA certificate by all). */
function writeSecretFile(file: string, bytes: Buffer | string, mode = 0o600): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, bytes, { mode });
  fs.renameSync(temp, file);
}

async function loadOrCreateCa(dir: string, passphrase: string, now: Date, created: string[]): Promise<{ cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey }> {
  const { caP12, caPem } = keystorePaths(dir);
  if (fs.existsSync(caP12)) {
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(fs.readFileSync(caP12).toString('binary'))), false, passphrase);
    const bags = (type: string | undefined) => (type ? (p12.getBags({ bagType: type })[type] ?? []) : []);
    const key = bags(forge.pki.oids.pkcs8ShroudedKeyBag)[0]?.key as forge.pki.rsa.PrivateKey | undefined;
    const cert = bags(forge.pki.oids.certBag)[0]?.cert;
    if (!key || !cert) throw new Error(`${caP12}: no CA key or certificate`);
    if (!fs.existsSync(caPem)) {
      writeSecretFile(caPem, forge.pki.certificateToPem(cert), 0o644);
      created.push('ca.pem');
    }
    return { cert, key };
  }
  const keys = await newKeyPair();
  const cert = createCertificate({
    subject: [country, utf8('organizationName', 'OpenDVC'), utf8('commonName', DEMO_CA_NAME)],
    publicKey: keys.publicKey,
    issuer: 'self',
    issuerKey: keys.privateKey,
    from: now,
    years: 10,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  writeSecretFile(caP12, toPkcs12(keys.privateKey, [cert], passphrase, DEMO_CA_NAME));
  writeSecretFile(caPem, forge.pki.certificateToPem(cert), 0o644);
  created.push('ca.p12', 'ca.pem');
  return { cert, key: keys.privateKey };
}

/** Creates what is missing under `dir`: ca.p12 + ca.pem, users/{email}.p12, units/{code}.p12. */
export async function generateDemoPki(options: DemoPkiOptions): Promise<DemoPkiResult> {
  const { dir, passphrase } = options;
  const now = options.now ?? new Date();
  const created: string[] = [];
  const paths = keystorePaths(dir);
  const wanted = [
    ...(options.users ?? []).map((u) => ({ file: paths.user(u.email), user: u, unit: undefined })),
    ...(options.units ?? []).map((u) => ({ file: paths.unit(u.code), user: undefined, unit: u })),
  ];
  const missing = wanted.filter((w) => !fs.existsSync(w.file));
  if (missing.length === 0 && fs.existsSync(paths.caPem)) return { created };
  const [ca, ...keyPairs] = await Promise.all([loadOrCreateCa(dir, passphrase, now, created), ...missing.map(() => newKeyPair())]);
  const signerExtensions = [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
  ];
  for (const [i, w] of missing.entries()) {
    const keys = keyPairs[i]!;
    let subject: forge.pki.CertificateField[];
    let extensions: object[] = signerExtensions;
    let friendlyName: string;
    if (w.user) {
      const u = w.user;
      subject = [
        country,
        ...(u.organization ? [utf8('organizationName', u.organization)] : []),
        ...(u.title ? [utf8('title', u.title)] : []),
        utf8('commonName', u.commonName),
      ];
      extensions = [...signerExtensions, { name: 'subjectAltName', altNames: [{ type: 1, value: u.email.toLowerCase() }] }];
      friendlyName = u.commonName;
    } else {
      const u = w.unit;
      subject = [country, utf8('organizationName', u.name), utf8('organizationalUnitName', u.code), utf8('commonName', u.name)];
      friendlyName = u.name;
    }
    const cert = createCertificate({ subject, publicKey: keys.publicKey, issuer: ca.cert, issuerKey: ca.key, from: now, years: 3, extensions });
    writeSecretFile(w.file, toPkcs12(keys.privateKey, [cert, ca.cert], passphrase, friendlyName));
    created.push(path.relative(dir, w.file));
  }
  return { created };
}
