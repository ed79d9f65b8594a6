import type { paymentsVi } from './payments.vi';

/** English texts of payments. */
export const paymentsEn: typeof paymentsVi = {
  title: 'Fees and charges',
  stage: { FILING: 'Paid when filing', AFTER_APPRAISAL: 'Paid after appraisal' },
  status: { PENDING: 'Awaiting payment', PAID: 'Paid', CANCELLED: 'Cancelled', EXPIRED: 'Expired', REFUNDED: 'Refunded' },
  total: 'Total',
  reference: 'Payment reference',
  payNow: 'Pay now',
  chooseProvider: 'Choose how to pay',
  providers: { national: 'National Public Service Portal payment platform', vnpay: 'VNPAY payment gateway' },
  goPay: 'Continue to payment',
  paying: 'Opening the payment page…',
  bankTransfer: 'Or pay by bank transfer with the VietQR code',
  bankTransferHint: (account, name, reference) => `Account ${account} (${name}); transfer description: ${reference}. Transfers are reconciled later, so the status may not change at once.`,
  qrLabel: (reference) => `VietQR bank transfer code, reference ${reference}`,
  receipt: 'Electronic receipt',
  paidAt: (when) => `Paid at ${when}`,
  returned: { ok: 'Payment received. The dossier has been passed to the agency.', huy: 'You cancelled the payment. You can pay again.', cho: 'The payment is being processed; the status updates when it is settled.', loi: 'The payment result could not be confirmed. Check the status or try again.' },
  noProvider: 'No online payment is offered for this unit yet; pay by bank transfer or at the one-stop office.',
};
