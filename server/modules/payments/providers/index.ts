/** The providers this installation offers (PAYMENT_PROVIDERS), each configured for its protocol. */
import type { Config } from '../../../platform/config/config.js';
import { createNationalProvider } from './national.js';
import type { OnlineProvider, PaymentProvider } from './port.js';
import { createVnpayProvider } from './vnpay.js';

export function createProviders(config: Config): Map<OnlineProvider, PaymentProvider> {
  const map = new Map<OnlineProvider, PaymentProvider>();
  if (config.paymentProviders.includes('national') && config.paymentNationalUrl) {
    map.set('national', createNationalProvider({ baseUrl: config.paymentNationalUrl, partnerCode: config.paymentNationalPartnerCode, secret: config.paymentNationalSecret, token: config.paymentNationalToken }));
  }
  if (config.paymentProviders.includes('vnpay') && config.paymentVnpayUrl) {
    map.set('vnpay', createVnpayProvider({ baseUrl: config.paymentVnpayUrl, tmnCode: config.paymentVnpayTmnCode, hashSecret: config.paymentVnpayHashSecret }));
  }
  return map;
}
export type { OnlineProvider, PaymentProvider } from './port.js';
