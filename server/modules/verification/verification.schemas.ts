import { z } from 'zod';
import { documentKinds } from '../dossiers/index.js';

const isoDateTime = z.string().meta({ format: 'date-time' });

export const verifyParamsSchema = z.object({
  documentId: z.string().trim().min(1, 'Vui lòng nhập mã văn bản').max(100, 'Mã văn bản quá dài'),
});

export const signerCertificateSchema = z.object({
  commonName: z.string(),
  subject: z.string(),
  serialNumber: z.string().meta({ description: 'Upper-case hex.' }),
  issuer: z.string(),
}).meta({ id: 'SignerCertificate' });

export const documentVerificationSchema = z.object({
  documentId: z.string(),
  kind: z.enum([...documentKinds, 'RECEIPT']).meta({ description: 'RESULT, APOLOGY, or RECEIPT (an electronic fee receipt, sealed by the collecting unit).' }),
  title: z.string(),
  status: z.enum(['SIGNED', 'ISSUED']).meta({ description: 'SIGNED: signed by the leader, not yet issued; ISSUED: numbered, dated and sealed by the records clerk.' }),
  number: z.string().nullable().meta({ description: 'Number and symbol once issued, e.g. 12/KQ-G99.' }),
  issuedAt: isoDateTime.nullable(),
  signedAt: isoDateTime.nullable(),
  signer: signerCertificateSchema.nullable().meta({ description: 'The certificate of the official who signed.' }),
  sha256: z.string().meta({ description: 'Lower-case hex SHA-256 of the original file (the issued PDF, or the signed one before issuance). A copy is the original when its SHA-256 is equal.' }),
  agencyName: z.string().nullable().meta({ description: 'The unit that processed the dossier.' }),
  dossierCode: z.string().nullable(),
  procedureName: z.string(),
  receipt: z.object({
    formCode: z.string(),
    symbol: z.string(),
    number: z.string(),
    amount: z.number().int(),
    amountInWords: z.string(),
    currency: z.literal('VND'),
    paidAt: isoDateTime,
    items: z.array(z.object({ name: z.string(), kind: z.enum(['PHI', 'LE_PHI', 'OTHER']), amount: z.number().int() })),
    status: z.enum(['ISSUED', 'CANCELLED']).meta({ description: 'CANCELLED: the payment was refunded in full and the receipt cancelled (hủy).' }),
    cancelledAt: isoDateTime.nullable(),
    cancelReason: z.string().nullable(),
    refundedAmount: z.number().int().meta({ description: 'VND refunded so far (đã hoàn).' }),
    refunds: z.array(z.object({ amount: z.number().int(), at: isoDateTime })),
  }).optional().meta({ description: 'RECEIPT only: the series, number, amount and items (not the payer).' }),
}).meta({ id: 'DocumentVerification' });

export type DocumentVerification = z.infer<typeof documentVerificationSchema>;
