/**
 * The provider port: how the payments module talks to a payment provider. Each adapter speaks
 * its provider's real protocol over HTTP (the simulators in simulators/payments speak the same),
 * and proves every message by its checksum before the module trusts it.
 */
export type OnlineProvider = 'national' | 'vnpay';

export interface CheckoutInput {
  /** The attempt's reference at the provider (MaThamChieu / vnp_TxnRef). */
  providerReference: string;
  amount: number;
  /** yyyyMMddHHmmss, Asia/Ho_Chi_Minh. */
  createdAt: string;
  expiresAt: string;
  description: string;
  /** Where the provider sends the payer's browser back. */
  returnUrl: string;
  /** Where the provider calls back server to server (national; VNPAY's IPN address is registered with the merchant). */
  callbackUrl: string;
  ip: string;
  receipt: { dossierCode: string; procedureCode: string; procedureName: string; unitCode: string; unitName: string; payerName: string; payerId?: string | null; items: { code: string; name: string; amount: number }[]; beneficiary?: { accountNumber: string; bankBin: string; accountName: string } };
}

/** What a provider says about one attempt, once its checksum is verified. */
export interface ProviderOutcome {
  providerReference: string;
  amount: number;
  /** SUCCEEDED: paid; FAILED: refused or cancelled by the payer; PENDING: not settled yet; UNKNOWN: the provider does not know it. */
  status: 'SUCCEEDED' | 'FAILED' | 'PENDING' | 'UNKNOWN';
  transactionId: string | null;
  bankCode: string | null;
  paidAt: Date | null;
}

export type Verified = { ok: true; outcome: ProviderOutcome } | { ok: false; reason: string };

export interface PaymentProvider {
  name: OnlineProvider;
  /** Opens an attempt; the payer's browser goes to `redirectUrl`. */
  checkout(input: CheckoutInput): Promise<{ redirectUrl: string }>;
  /** Verifies a callback / IPN / return message (its checksum); never trusts an unverified field. */
  verify(message: Record<string, unknown>): Verified;
  /** Asks the provider about an attempt (QUERY / querydr); the answer's checksum is verified too. */
  query(attempt: { providerReference: string; createdAt: string; ip: string }): Promise<Verified>;
  /** Refunds all or part of a paid attempt through the provider's refund message; absent when the provider has none we know. */
  refund?(input: RefundInput): Promise<RefundOutcome>;
  /** The provider's list of transactions paid on a day (yyyyMMdd, Asia/Ho_Chi_Minh), for reconciliation. */
  dailyTransactions?(day: string): Promise<ProviderOutcome[]>;
}

export interface RefundInput {
  providerReference: string;
  /** The provider's transaction number of the payment. */
  transactionId: string | null;
  /** yyyyMMddHHmmss the payment attempt was created (as sent to the provider). */
  transactionDate: string;
  amount: number;
  full: boolean;
  createdBy: string;
  ip: string;
  description: string;
}

/** What the provider answered to a refund (checksum verified). */
export type RefundOutcome = { ok: true; transactionId: string | null; code: string } | { ok: false; code: string; message: string };

/** yyyyMMddHHmmss in Asia/Ho_Chi_Minh. */
export function vnTimestamp(d: Date): string {
  const local = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return local.slice(0, 19).replace(/[-T:]/g, '');
}

/** yyyyMMddHHmmss (Asia/Ho_Chi_Minh) → instant. */
export function fromVnTimestamp(s: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`);
}

export class ProviderError extends Error {
  constructor(message: string, readonly providerCode?: string) {
    super(message);
  }
}
