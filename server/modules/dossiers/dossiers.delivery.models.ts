/** Pure rules of result delivery (dossiers.delivery.ts has the use cases). */
import { deliveryChoices, dossierOnlineLevel, type ProcedureCapabilities } from '../../../common/service-levels.js';
import type { DeliveryMethod, DossierRow } from './dossiers.tables.js';

/** The method in force: the applicant's choice, else online when that is all the case offers, else the counter. */
export function effectiveDeliveryMethod(dossier: Pick<DossierRow, 'deliveryMethod'>, caps: Pick<ProcedureCapabilities, 'resultDelivery'>): DeliveryMethod {
  if (dossier.deliveryMethod) return dossier.deliveryMethod;
  const choices = deliveryChoices(caps);
  return choices.length === 1 ? choices[0]! : choices.includes('COUNTER') ? 'COUNTER' : (choices[0] ?? 'COUNTER');
}

/** Whether the applicant may download the issued result before it is handed over. */
export function deliversOnline(dossier: Pick<DossierRow, 'deliveryMethod'>, caps: Pick<ProcedureCapabilities, 'resultDelivery'>) {
  // Dossiers filed before the choice existed keep the case's rule.
  if (!dossier.deliveryMethod) return caps.resultDelivery.includes('ELECTRONIC');
  return dossier.deliveryMethod === 'ONLINE';
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentDelivery(dossier: DossierRow, caps: ProcedureCapabilities, postalFee: number) {
  const options = deliveryChoices(caps);
  return {
    method: dossier.deliveryMethod,
    options,
    postalFee: options.includes('POSTAL') && postalFee > 0 ? postalFee : null,
    address: dossier.deliveryAddress ?? null,
    fee: dossier.deliveryFee ?? null,
    carrier: dossier.postalCarrier,
    trackingNumber: dossier.postalTrackingNumber,
    shippedAt: iso(dossier.postalShippedAt),
    deliveredAt: iso(dossier.postalDeliveredAt),
    onlineLevel: dossierOnlineLevel(caps, { channel: dossier.channel, deliveryMethod: dossier.deliveryMethod }),
  };
}

