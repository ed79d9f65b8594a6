/**
 * CAdES detached signatures (ETSI EN 319 122-1, baseline B) over the bytes @signpdf hands over:
 * a CMS SignedData with the signed attributes content-type, message-digest and
 * signing-certificate-v2 (the hash of the signer's certificate, which binds it to the signature)
 * and no signing-time (PAdES takes the time from the signature dictionary's /M).
 * RSA PKCS#1 v1.5 with SHA-256, computed by node's crypto; ASN.1 built with node-forge.
 */
import { createHash, sign as rsaSign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { Signer } from '@signpdf/utils';

const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

const oid = (value: string) => asn1.create(U, T.OID, false, asn1.oidToDer(value).getBytes());
const seq = (items: forge.asn1.Asn1[]) => asn1.create(U, T.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(U, T.SET, true, items);
const octets = (bytes: Buffer) => asn1.create(U, T.OCTETSTRING, false, bytes.toString('binary'));
const integer = (n: number) => asn1.create(U, T.INTEGER, false, asn1.integerToDer(n).getBytes());
const algorithm = (id: string) => seq([oid(id), asn1.create(U, T.NULL, false, '')]);
const der = (node: forge.asn1.Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const fromDer = (bytes: Buffer) => asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));

/** Compares DER encodings the way a DER SET OF must be ordered (X.690 § 11.6). */
function derSorted(items: forge.asn1.Asn1[]): forge.asn1.Asn1[] {
  return items
    .map((item) => ({ item, bytes: der(item) }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map(({ item }) => item);
}

/** Issuer Name and serial number INTEGER of a certificate, copied from its DER (never re-encoded). */
function issuerAndSerial(certificateDer: Buffer): { issuer: forge.asn1.Asn1; serial: forge.asn1.Asn1 } {
  const tbs = (fromDer(certificateDer).value as forge.asn1.Asn1[])[0]!;
  const fields = tbs.value as forge.asn1.Asn1[];
  const start = fields[0]!.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return { serial: fields[start]!, issuer: fields[start + 2]! };
}

export interface CadesKey {
  privateKey: KeyObject;
  /** DER of the signer's certificate. */
  certificate: Buffer;
  /** DER of the rest of the chain (issuer first), embedded for validators. */
  chain: Buffer[];
}

/** The DER CMS SignedData (detached) of `content`. */
export function createCadesSignature(content: Buffer, key: CadesKey): Buffer {
  const { issuer, serial } = issuerAndSerial(key.certificate);
  const sid = seq([issuer, serial]);
  const essCertIdV2 = seq([
    // hashAlgorithm is omitted: SHA-256 is its default.
    octets(createHash('sha256').update(key.certificate).digest()),
    seq([seq([asn1.create(asn1.Class.CONTEXT_SPECIFIC, 4, true, [issuer])]), serial]),
  ]);
  const attributes = derSorted([
    seq([oid(OID.contentType), set([oid(OID.data)])]),
    seq([oid(OID.messageDigest), set([octets(createHash('sha256').update(content).digest())])]),
    seq([oid(OID.signingCertificateV2), set([seq([seq([essCertIdV2])])])]),
  ]);
  // The signature covers the attributes encoded as a SET (tag 0x31), not as the [0] of SignerInfo.
  const signature = rsaSign('sha256', der(set(attributes)), key.privateKey);
  const signerInfo = seq([
    integer(1),
    sid,
    algorithm(OID.sha256),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attributes),
    algorithm(OID.sha256WithRsa),
    octets(signature),
  ]);
  const certificates = [key.certificate, ...key.chain].map(fromDer);
  const signedData = seq([
    integer(1),
    set([algorithm(OID.sha256)]),
    seq([oid(OID.data)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, certificates),
    set([signerInfo]),
  ]);
  return der(seq([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}

/** The @signpdf Signer that produces CAdES signatures with one key. */
export class CadesSigner extends Signer {
  constructor(private readonly key: CadesKey) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return createCadesSignature(pdfBuffer, this.key);
  }
}
