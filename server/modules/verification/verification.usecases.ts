/**
 * Public verification of a signed document (the page its QR code opens): who signed it, when it
 * was issued and under which number, and the SHA-256 of the original file so that anyone can
 * check a copy. Nothing about the applicant is answered.
 */
import type { Database } from '../../platform/db/create-database.js';
import { createDocumentNotFoundError } from './verification.errors.js';
import { findDocumentForVerification } from './verification.repository.js';
import { findReceiptForVerification } from '../receipts/index.js';
import type { DocumentVerification } from './verification.schemas.js';

export async function verifyDocument({ db }: { db: Database }, documentId: string): Promise<DocumentVerification> {
  if (documentId.startsWith('rcp_')) return verifyReceipt(db, documentId);
  const found = await findDocumentForVerification(db, documentId);
  const doc = found?.document;
  // Drafts are not documents yet; a signed row without its file's hash has nothing to compare.
  const sha256 = doc?.status === 'ISSUED' ? (doc.issuedSha256 ?? doc.signedSha256) : doc?.signedSha256;
  if (!found || !doc || doc.status === 'DRAFT' || !sha256) throw createDocumentNotFoundError();
  return {
    documentId: doc.id,
    kind: doc.kind,
    title: doc.title,
    status: doc.status,
    number: doc.status === 'ISSUED' ? doc.number : null,
    issuedAt: doc.status === 'ISSUED' && doc.issuedAt ? doc.issuedAt.toISOString() : null,
    signedAt: doc.signedAt ? doc.signedAt.toISOString() : null,
    signer: doc.signer ? { commonName: doc.signer.commonName, subject: doc.signer.subject, serialNumber: doc.signer.serialNumber, issuer: doc.signer.issuer } : null,
    sha256,
    agencyName: found.agencyName,
    dossierCode: found.dossierCode,
    procedureName: found.procedureName,
  };
}

/** An electronic fee receipt: issued (sealed) ones only; a receipt still being made is the same 404. */
async function verifyReceipt(db: Database, receiptId: string): Promise<DocumentVerification> {
  const r = await findReceiptForVerification(db, receiptId);
  if (!r) throw createDocumentNotFoundError();
  return {
    documentId: r.documentId,
    kind: 'RECEIPT',
    title: r.title,
    status: 'ISSUED',
    number: r.number,
    issuedAt: r.issuedAt,
    signedAt: r.issuedAt,
    signer: r.signer,
    sha256: r.sha256,
    agencyName: r.agencyName,
    dossierCode: r.dossierCode,
    procedureName: r.procedureName,
    receipt: r.receipt,
  };
}
