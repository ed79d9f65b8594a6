/**
 * Service levels derived from what a procedure case lets people do online (domain brief §1.4).
 * Decree 42/2022 defines two online levels (full-process / partial); reports and older data
 * still use the 1–4 levels of Decree 43/2011. Both come from the same capabilities so the
 * two regimes can never disagree. Pure: shared by the server and the web.
 */
export type OnlineLevel = 'INFO_ONLY' | 'PARTIAL' | 'FULL';
export type LegacyLevel = 1 | 2 | 3 | 4;

export interface ProcedureCapabilities {
  onlineSubmission: boolean;
  onlinePayment: boolean | 'NO_FEE';
  resultDelivery: Array<'COUNTER' | 'POSTAL' | 'ELECTRONIC'>;
  requiresInPersonStep: boolean;
  externalSystem?: { name: string; url?: string };
}

/** Full-process online: filed online, paid online (or nothing to pay), result online or by post, no visit. */
export function onlineLevel(c: ProcedureCapabilities): OnlineLevel {
  if (!c.onlineSubmission) return 'INFO_ONLY';
  const paymentOnline = c.onlinePayment === true || c.onlinePayment === 'NO_FEE';
  const resultRemote = c.resultDelivery.some((d) => d === 'ELECTRONIC' || d === 'POSTAL');
  return paymentOnline && resultRemote && !c.requiresInPersonStep ? 'FULL' : 'PARTIAL';
}

/** How the applicant of one dossier receives the result (the choice made at filing). */
export type ResultDeliveryChoice = 'ONLINE' | 'COUNTER' | 'POSTAL';

/** The delivery choices a case offers, in the order shown to the applicant. */
export function deliveryChoices(c: Pick<ProcedureCapabilities, 'resultDelivery'>): ResultDeliveryChoice[] {
  const order: [ProcedureCapabilities['resultDelivery'][number], ResultDeliveryChoice][] = [['ELECTRONIC', 'ONLINE'], ['POSTAL', 'POSTAL'], ['COUNTER', 'COUNTER']];
  return order.filter(([cap]) => c.resultDelivery.includes(cap)).map(([, choice]) => choice);
}

/**
 * The level one dossier was actually served at: full-process when it was filed online, the case's
 * fees can all be paid online (or there are none), no visit is needed and the applicant chose to
 * receive the result online or by post. Counter delivery (or a counter filing) makes it partial.
 */
export function dossierOnlineLevel(c: ProcedureCapabilities, d: { channel: 'ONLINE' | 'IN_PERSON' | 'POSTAL'; deliveryMethod: ResultDeliveryChoice | null }): OnlineLevel {
  if (!c.onlineSubmission) return 'INFO_ONLY';
  const paymentOnline = c.onlinePayment === true || c.onlinePayment === 'NO_FEE';
  const remote = d.deliveryMethod === 'ONLINE' || d.deliveryMethod === 'POSTAL';
  return d.channel === 'ONLINE' && paymentOnline && remote && !c.requiresInPersonStep ? 'FULL' : 'PARTIAL';
}

/** Decree 43/2011 level: 4 ⇔ full-process, 3 ⇔ partial with online filing, 2 with templates to download, else 1. */
export function legacyLevel(c: ProcedureCapabilities, hasTemplates: boolean): LegacyLevel {
  const level = onlineLevel(c);
  if (level === 'FULL') return 4;
  if (level === 'PARTIAL') return 3;
  return hasTemplates ? 2 : 1;
}

const onlineRank: Record<OnlineLevel, number> = { INFO_ONLY: 0, PARTIAL: 1, FULL: 2 };

/** A procedure is as online as its most online case. */
export function bestOnlineLevel(levels: OnlineLevel[]): OnlineLevel {
  return levels.reduce<OnlineLevel>((best, l) => (onlineRank[l] > onlineRank[best] ? l : best), 'INFO_ONLY');
}

export const onlineLevels: readonly OnlineLevel[] = ['INFO_ONLY', 'PARTIAL', 'FULL'];
