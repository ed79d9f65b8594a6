/**
 * Fee items of a procedure case (phí, lệ phí) and what a dossier owes. An item has a fixed
 * amount, or a declared tier table over one numeric answer of the e-form (e.g. the flow rate
 * of a water licence): no expression is ever evaluated. Amounts are integer VND.
 */

export const feeStages = ['FILING', 'AFTER_APPRAISAL'] as const;
export type FeeStage = (typeof feeStages)[number];

/** One tier: applies when the answer is at most `upTo` (the last tier may omit it). */
export interface FeeTier {
  upTo?: number;
  amountVnd: number;
}

export interface CatalogFeeItem {
  code?: string;
  /** FEE = phí, CHARGE = lệ phí. */
  kind: 'FEE' | 'CHARGE';
  name: string;
  amountVnd?: number;
  description?: string;
  /** When it is paid; absent = FILING. */
  stage?: FeeStage;
  /** The amount from a numeric answer (`path` dot-separated in the answers). */
  tiers?: { path: string; label?: string; table: FeeTier[] };
  /** Amounts are illustrative (not taken from a fee circular). */
  illustrative?: boolean;
  /** FILING items: the applicant may submit now and pay later (submission does not wait). */
  payLater?: boolean;
}

/** An item of a payment request, as the event contract carries it. */
export interface PaymentItem {
  code: string;
  kind: 'PHI' | 'LE_PHI' | 'OTHER';
  name: string;
  amount: number;
}

/** The value at a dot-separated path of the answers, when it is a finite number. */
export function numberAt(answers: unknown, path: string): number | undefined {
  let v: unknown = answers;
  for (const k of path.split('.')) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  if (typeof v === 'string' && v.trim() !== '') v = Number(v);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The amount of one item for these answers; undefined when it cannot be computed (no answer, no amount). */
export function feeAmount(item: CatalogFeeItem, answers: unknown): number | undefined {
  if (item.tiers) {
    const x = numberAt(answers, item.tiers.path);
    if (x === undefined) return undefined;
    const tier = item.tiers.table.find((t) => t.upTo === undefined || x <= t.upTo);
    return tier?.amountVnd;
  }
  return item.amountVnd;
}

/** The stable code of an item: its catalogue code, else its position. */
export const feeCode = (item: CatalogFeeItem, index: number) => item.code ?? `fee-${index + 1}`;

/** The items of a stage with their amounts for these answers (items without a computable amount are left out). */
export function feesDue(items: readonly CatalogFeeItem[], answers: unknown, stage: FeeStage): PaymentItem[] {
  return items.flatMap((item, i) => {
    if ((item.stage ?? 'FILING') !== stage) return [];
    const amount = feeAmount(item, answers);
    if (amount === undefined || amount <= 0) return [];
    return [{ code: feeCode(item, i), kind: item.kind === 'FEE' ? 'PHI' as const : 'LE_PHI' as const, name: item.name, amount }];
  });
}

export const totalOf = (items: readonly { amount: number }[]) => items.reduce((s, i) => s + i.amount, 0);

const vnd = new Intl.NumberFormat('vi-VN');
/** `10.000.000 đ` */
export const formatVndAmount = (n: number) => `${vnd.format(n)} đ`;

/** The code and name of the postal delivery item (the applicant chose to receive the result by post). */
export const POSTAL_DELIVERY_ITEM = { code: 'postal-delivery', name: 'Cước chuyển phát kết quả qua dịch vụ bưu chính' } as const;

/**
 * What the applicant pays at filing: the case's FILING items for these answers, and the postal
 * delivery fee when the result is to be sent by post. The server's payment request and the
 * journey's review step both use this function, so the total shown is the total requested.
 */
export function filingItems(items: readonly CatalogFeeItem[], answers: unknown, deliveryFee?: number | null): PaymentItem[] {
  const due = feesDue(items, answers, 'FILING');
  if (deliveryFee && deliveryFee > 0) due.push({ code: POSTAL_DELIVERY_ITEM.code, kind: 'OTHER', name: POSTAL_DELIVERY_ITEM.name, amount: deliveryFee });
  return due;
}

/** FILING items whose amount depends on an answer not given yet (the review shows them as "to be computed"). */
export function unresolvedFilingItems(items: readonly CatalogFeeItem[], answers: unknown): CatalogFeeItem[] {
  return items.filter((item) => (item.stage ?? 'FILING') === 'FILING' && item.tiers !== undefined && feeAmount(item, answers) === undefined);
}

/** Whether the FILING items let the applicant submit now and pay later. */
export const filingPayLater = (items: readonly CatalogFeeItem[]) => items.some((f) => (f.stage ?? 'FILING') === 'FILING' && f.payLater === true);

/** The fee items of a case for a channel (its own terms, else the online terms, else the first). */
export function channelFees(channels: readonly { channel: string; fees?: readonly unknown[] }[], channel: string): CatalogFeeItem[] {
  const terms = channels.find((c) => c.channel === channel) ?? channels.find((c) => c.channel === 'ONLINE') ?? channels[0];
  return (terms?.fees ?? []) as CatalogFeeItem[];
}

/**
 * Whether a dossier submitted with these answers waits for payment before the desk sees it: the
 * case's own filing fees hold it (unless it allows paying later); the postal delivery fee alone
 * does not — it is requested at filing and may be paid any time before the result is posted.
 */
export function holdsForFilingPayment(items: readonly CatalogFeeItem[], answers: unknown): boolean {
  return !filingPayLater(items) && feesDue(items, answers, 'FILING').length > 0;
}
