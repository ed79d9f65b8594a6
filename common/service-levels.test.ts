import { describe, expect, it } from 'vitest';
import { bestOnlineLevel, deliveryChoices, dossierOnlineLevel, legacyLevel, onlineLevel, type ProcedureCapabilities } from './service-levels.js';

const base: ProcedureCapabilities = { onlineSubmission: true, onlinePayment: false, resultDelivery: ['COUNTER'], requiresInPersonStep: false };

describe('service levels', () => {
  const cases: Array<[string, ProcedureCapabilities, boolean, string, number]> = [
    ['no online filing, no templates', { ...base, onlineSubmission: false }, false, 'INFO_ONLY', 1],
    ['no online filing, templates to download', { ...base, onlineSubmission: false }, true, 'INFO_ONLY', 2],
    ['online filing, fee paid at the counter', base, true, 'PARTIAL', 3],
    ['online filing and payment, result only at the counter', { ...base, onlinePayment: true }, true, 'PARTIAL', 3],
    ['online filing, no fee, result by post', { ...base, onlinePayment: 'NO_FEE', resultDelivery: ['POSTAL'] }, true, 'FULL', 4],
    ['online filing and payment, electronic result', { ...base, onlinePayment: true, resultDelivery: ['ELECTRONIC'] }, false, 'FULL', 4],
    ['everything online but an in-person step', { ...base, onlinePayment: true, resultDelivery: ['ELECTRONIC'], requiresInPersonStep: true }, true, 'PARTIAL', 3],
  ];
  it.each(cases)('%s', (_name, capabilities, hasTemplates, online, legacy) => {
    expect(onlineLevel(capabilities)).toBe(online);
    expect(legacyLevel(capabilities, hasTemplates)).toBe(legacy);
  });

  it('takes the most online case as the procedure level', () => {
    expect(bestOnlineLevel(['INFO_ONLY', 'FULL', 'PARTIAL'])).toBe('FULL');
    expect(bestOnlineLevel([])).toBe('INFO_ONLY');
  });
});

describe('one dossier\'s level from the delivery chosen at filing', () => {
  const paidOnline: ProcedureCapabilities = { onlineSubmission: true, onlinePayment: true, resultDelivery: ['ELECTRONIC', 'POSTAL', 'COUNTER'], requiresInPersonStep: false };
  it('offers the case\'s choices, online first', () => {
    expect(deliveryChoices(paidOnline)).toEqual(['ONLINE', 'POSTAL', 'COUNTER']);
    expect(deliveryChoices({ resultDelivery: ['COUNTER', 'POSTAL'] })).toEqual(['POSTAL', 'COUNTER']);
  });
  it('is full-process when fees are paid online and the result is delivered online or by post', () => {
    expect(dossierOnlineLevel(paidOnline, { channel: 'ONLINE', deliveryMethod: 'ONLINE' })).toBe('FULL');
    expect(dossierOnlineLevel(paidOnline, { channel: 'ONLINE', deliveryMethod: 'POSTAL' })).toBe('FULL');
    expect(dossierOnlineLevel({ ...paidOnline, onlinePayment: 'NO_FEE' }, { channel: 'ONLINE', deliveryMethod: 'ONLINE' })).toBe('FULL');
  });
  it('is partial at the counter, with fees paid in person, or filed at the counter', () => {
    expect(dossierOnlineLevel(paidOnline, { channel: 'ONLINE', deliveryMethod: 'COUNTER' })).toBe('PARTIAL');
    expect(dossierOnlineLevel(paidOnline, { channel: 'ONLINE', deliveryMethod: null })).toBe('PARTIAL');
    expect(dossierOnlineLevel({ ...paidOnline, onlinePayment: false }, { channel: 'ONLINE', deliveryMethod: 'ONLINE' })).toBe('PARTIAL');
    expect(dossierOnlineLevel(paidOnline, { channel: 'IN_PERSON', deliveryMethod: 'ONLINE' })).toBe('PARTIAL');
  });
});
