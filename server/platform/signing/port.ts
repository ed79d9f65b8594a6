/**
 * The signing port the dossier results use (ResultSigning in modules/dossiers), over the keystore:
 * the leader signs with users/{email}.p12, the records clerk issues under units/{code}.p12.
 * Undefined when the keystore has no certificate for them (the caller answers 409).
 */
import type { Keystore } from './keystore.js';
import { stampAndSign, type CertificateInfo, type SignatureMeta } from './signer.js';
import type { StampOptions } from './stamp.js';

type PortMeta = Pick<SignatureMeta, 'reason' | 'location' | 'name' | 'contactInfo' | 'signingTime'>;
export type SignerCertificate = Pick<CertificateInfo, 'commonName' | 'subject' | 'serialNumber' | 'issuer'>;

const facts = ({ commonName, subject, serialNumber, issuer }: CertificateInfo): SignerCertificate => ({ commonName, subject, serialNumber, issuer });

export function createSigningPort(keystore: Keystore) {
  return {
    async signAsUser(email: string, pdf: Buffer, meta: PortMeta): Promise<{ pdf: Buffer; certificate: SignerCertificate } | undefined> {
      const signer = await keystore.signerForUser(email);
      if (!signer) return undefined;
      return { pdf: await signer.sign(pdf, meta), certificate: facts(signer.certificate) };
    },
    async sealAsUnit(unitCode: string, signedPdf: Buffer, stamp: StampOptions, meta: PortMeta): Promise<{ pdf: Buffer; certificate: SignerCertificate } | undefined> {
      const seal = await keystore.signerForUnit(unitCode);
      if (!seal) return undefined;
      return { pdf: await stampAndSign(signedPdf, stamp, seal, meta), certificate: facts(seal.certificate) };
    },
  };
}
