import { z } from 'zod';

const isoDateTime = z.string().meta({ format: 'date-time' });

export const receiptParamsSchema = z.object({
  dossierId: z.string().min(1).max(100),
  paymentId: z.string().min(1).max(100),
});

export const receiptItemSchema = z.object({
  code: z.string(),
  kind: z.enum(['PHI', 'LE_PHI', 'OTHER']).meta({ description: 'PHI (phí), LE_PHI (lệ phí) or another payment item (e.g. the postal fee).' }),
  name: z.string(),
  amount: z.number().int().meta({ description: 'VND.' }),
}).meta({ id: 'ReceiptItem' });

export const receiptSchema = z.object({
  id: z.string().meta({ description: 'Public: the verification page is /xac-minh/{id}.' }),
  paymentId: z.string(),
  status: z.enum(['PENDING', 'ISSUED', 'CANCELLED']).meta({ description: 'PENDING: numbered, the sealed PDF is being made; ISSUED: downloadable; CANCELLED: the payment was refunded in full (hủy biên lai); the number is not reused.' }),
  formCode: z.string().meta({ description: 'Mẫu số (ký hiệu mẫu biên lai).' }),
  symbol: z.string().meta({ description: 'Ký hiệu biên lai, e.g. AA26E.' }),
  number: z.string().meta({ description: 'Số biên lai, seven digits, gap-free per unit and year.' }),
  unitName: z.string(),
  payerName: z.string(),
  items: z.array(receiptItemSchema),
  amount: z.number().int(),
  amountInWords: z.string(),
  currency: z.literal('VND'),
  provider: z.string(),
  reference: z.string(),
  paidAt: isoDateTime,
  issuedAt: isoDateTime.nullable(),
  sha256: z.string().nullable().meta({ description: 'SHA-256 of the sealed PDF once issued.' }),
  refundedAmount: z.number().int().meta({ description: 'VND refunded of this payment so far (partial refunds adjust the receipt).' }),
  refunds: z.array(z.object({ amount: z.number().int(), full: z.boolean(), reason: z.string(), at: isoDateTime })),
  cancelledAt: isoDateTime.nullable(),
  cancelReason: z.string().nullable(),
  receiptUrl: z.string().meta({ description: 'GET it for the sealed PDF.' }),
  verifyUrl: z.string(),
}).meta({ id: 'Receipt' });

export const receiptListSchema = z.object({ items: z.array(receiptSchema) });
