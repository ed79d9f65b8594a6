/**
 * PAdES signing with a PKCS#12 key: each signature is an incremental update holding a
 * /Sig dictionary (SubFilter ETSI.CAdES.detached) whose CMS covers every byte before and after it,
 * so earlier signatures keep covering their own revision.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { SignPdf } from '@signpdf/signpdf';
import { isAppError } from '../errors/app-error.js';
import { CadesSigner } from './cades.js';
import { IncrementalUpdate, PdfFile } from './pdf-incremental.js';
import { addSignatureField, DEFAULT_SIGNATURE_LENGTH } from './pdf-signature-field.js';
import { addStampAppearance, type StampOptions } from './stamp.js';
import {
  createCertificateExpiredError,
  createCertificateNotForSigningError,
  createKeystoreUnreadableError,
  createNoPrivateKeyError,
  createSigningFailedError,
  createWrongPassphraseError,
} from './signing.errors.js';

export interface CertificateInfo {
  commonName: string;
  /** e.g. "CN=Đặng Văn Hùng, T=Phó Cục trưởng, O=…, C=VN" (most specific first). */
  subject: string;
  /** Upper-case hex. */
  serialNumber: string;
  /** The issuer's name in the same form as `subject`. */
  issuer: string;
  notBefore: Date;
  notAfter: Date;
}

export interface SignatureMeta {
  /** /Reason, e.g. "Phê duyệt kết quả giải quyết hồ sơ 000.00.01.G99-261128-0001". */
  reason: string;
  location?: string;
  /** /Name; defaults to the certificate's common name. */
  name?: string;
  contactInfo?: string;
  /** The claimed signing time (/M); default now. */
  signingTime?: Date;
  /** A visible stamp on page 1 shown as the signature's widget. */
  stamp?: StampOptions;
}

export interface PdfSigner {
  certificate: CertificateInfo;
  /** Adds a signature in an incremental update and returns the whole signed file. */
  sign(pdf: Buffer, meta: SignatureMeta): Promise<Buffer>;
}

export interface LoadSignerOptions {
  /** The moment validity is checked against (tests); default the real time of each check. */
  now?: () => Date;
}

/** Opens a PKCS#12 (RSA key + certificate + chain). Throws `signing.*` AppErrors. */
export function loadSigner(p12: Buffer, passphrase: string, options: LoadSignerOptions = {}): PdfSigner {
  const now = options.now ?? (() => new Date());
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    const der = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
    try {
      parsed = forge.pkcs12.pkcs12FromAsn1(der, false, passphrase);
    } catch (e) {
      if (/MAC could not be verified|Invalid password|decrypt/i.test(String((e as Error).message))) throw createWrongPassphraseError({ cause: e });
      throw e;
    }
  } catch (e) {
    if (isAppError(e)) throw e;
    throw createKeystoreUnreadableError({ cause: e });
  }
  const bags = (type: string | undefined) => (type ? (parsed.getBags({ bagType: type })[type] ?? []) : []);
  const keyBags = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag), ...bags(forge.pki.oids.keyBag)];
  const certificates = bags(forge.pki.oids.certBag)
    .map((bag) => bag.cert)
    .filter((cert): cert is forge.pki.Certificate => Boolean(cert));
  const key = keyBags.map((bag) => bag.key as forge.pki.rsa.PrivateKey | undefined).find(Boolean);
  if (!key) throw createNoPrivateKeyError();
  const own = certificates.find((cert) => {
    const pub = cert.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.compareTo(key.n) === 0 && pub.e?.compareTo(key.e) === 0;
  });
  if (!own) throw createNoPrivateKeyError();
  const usage = own.getExtension('keyUsage') as { digitalSignature?: boolean; nonRepudiation?: boolean } | undefined;
  if (usage && !usage.digitalSignature && !usage.nonRepudiation) throw createCertificateNotForSigningError();

  const toDer = (cert: forge.pki.Certificate) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const certificateDer = toDer(own);
  const chain = certificates.filter((c) => c !== own).map(toDer);
  const certificate = describeCertificate(certificateDer);
  const privateKey: KeyObject = createPrivateKey(forge.pki.privateKeyToPem(key));
  const cades = new CadesSigner({ privateKey, certificate: certificateDer, chain });

  const assertValid = (at: Date) => {
    if (at < certificate.notBefore || at > certificate.notAfter) {
      throw createCertificateExpiredError({ details: { notBefore: certificate.notBefore.toISOString(), notAfter: certificate.notAfter.toISOString() } });
    }
  };
  assertValid(now());

  return {
    certificate,
    async sign(pdf, meta) {
      const signingTime = meta.signingTime ?? now();
      assertValid(now());
      try {
        const update = new IncrementalUpdate(new PdfFile(pdf));
        const appearance = meta.stamp ? addStampAppearance(update, meta.stamp) : undefined;
        addSignatureField(update, {
          reason: meta.reason,
          name: meta.name ?? certificate.commonName,
          location: meta.location,
          contactInfo: meta.contactInfo,
          signingTime,
          signatureLength: DEFAULT_SIGNATURE_LENGTH,
          appearance: await appearance,
        });
        return await new SignPdf().sign(update.finish(), cades);
      } catch (e) {
        if (isAppError(e)) throw e;
        throw createSigningFailedError({ cause: e });
      }
    },
  };
}

/**
 * The records clerk's issuance: an incremental update on an already signed PDF that shows the
 * stamp lines (number and date) on page 1, signed by the agency seal; the earlier signature
 * keeps covering its own revision.
 */
export function stampAndSign(signedPdf: Buffer, stamp: StampOptions, seal: PdfSigner, meta: Omit<SignatureMeta, 'stamp'>): Promise<Buffer> {
  return seal.sign(signedPdf, { ...meta, stamp });
}

const shortNames: Record<string, string> = { title: 'T' };

/** Subject, issuer, serial and validity of a DER certificate, read by node's X509Certificate. */
export function describeCertificate(der: Buffer): CertificateInfo {
  const x509 = new X509Certificate(der);
  const dn = (text: string) =>
    text
      .split('\n')
      .filter(Boolean)
      .reverse()
      .map((part) => {
        const eq = part.indexOf('=');
        const type = part.slice(0, eq);
        return `${shortNames[type] ?? type}=${part.slice(eq + 1)}`;
      })
      .join(', ');
  const cn = x509.subject.split('\n').find((p) => p.startsWith('CN='))?.slice(3) ?? '';
  return {
    commonName: cn,
    subject: dn(x509.subject),
    serialNumber: x509.serialNumber.toUpperCase(),
    issuer: dn(x509.issuer),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
  };
}
