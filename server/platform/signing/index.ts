/**
 * Digital signatures on PDF documents (PAdES baseline B, SubFilter ETSI.CAdES.detached) with
 * PKCS#12 keys, the issuance stamp, the keystore and the demo PKI.
 *
 *   loadSigner(p12, passphrase) → PdfSigner { certificate, sign(pdf, meta) }
 *   stampAndSign(signedPdf, { lines }, seal, meta) → the issued PDF (stamp + seal signature)
 *   createKeystore({ dir, passphrase }) → { signerForUser(email), signerForUnit(code) }
 *   generateDemoPki({ dir, passphrase, users, units })
 *   createSigningPort(keystore) → { signAsUser, sealAsUnit } (the dossier results' ResultSigning)
 */
export { loadSigner, stampAndSign, describeCertificate } from './signer.js';
export type { CertificateInfo, LoadSignerOptions, PdfSigner, SignatureMeta } from './signer.js';
export type { StampOptions } from './stamp.js';
export { createKeystore, keystorePaths } from './keystore.js';
export { createSigningPort, type SignerCertificate } from './port.js';
export type { Keystore } from './keystore.js';
export { DEMO_CA_NAME, generateDemoPki } from './demo-pki.js';
export type { DemoPkiOptions, DemoPkiResult, DemoPkiUnit, DemoPkiUser } from './demo-pki.js';
export * from './signing.errors.js';
