import { describe, expect, it } from 'vitest';
import { filingItems, filingPayLater, holdsForFilingPayment, totalOf, unresolvedFilingItems, type CatalogFeeItem } from './fees.js';

const appraisal: CatalogFeeItem = {
  kind: 'FEE', name: 'Phí thẩm định', stage: 'FILING',
  tiers: { path: 'source.flow', table: [{ upTo: 50000, amountVnd: 10_000_000 }, { upTo: 500000, amountVnd: 20_000_000 }, { amountVnd: 30_000_000 }] },
};
const licence: CatalogFeeItem = { kind: 'CHARGE', name: 'Lệ phí cấp phép', amountVnd: 500_000, stage: 'AFTER_APPRAISAL' };

describe('filing items', () => {
  it('takes the tier the answer falls in, leaves after-appraisal items out, and adds the postal fee when the result goes by post', () => {
    expect(filingItems([appraisal, licence], { source: { flow: 50000 } })).toEqual([{ code: 'fee-1', kind: 'PHI', name: 'Phí thẩm định', amount: 10_000_000 }]);
    const items = filingItems([appraisal, licence], { source: { flow: '120000' } }, 30_000);
    expect(items.map((i) => i.amount)).toEqual([20_000_000, 30_000]);
    expect(items[1]).toMatchObject({ code: 'postal-delivery', kind: 'OTHER' });
    expect(totalOf(filingItems([appraisal], { source: { flow: 10_000_000 } }))).toBe(30_000_000);
  });

  it('reports a tiered item whose answer is missing, and no item at all for a case without filing fees', () => {
    expect(filingItems([appraisal], {})).toEqual([]);
    expect(unresolvedFilingItems([appraisal], {})).toHaveLength(1);
    expect(unresolvedFilingItems([appraisal], { source: { flow: 1 } })).toHaveLength(0);
    expect(filingItems([licence], {}, null)).toEqual([]);
    expect(filingPayLater([appraisal])).toBe(false);
    expect(holdsForFilingPayment([appraisal], { source: { flow: 1 } })).toBe(true);
    expect(holdsForFilingPayment([licence], {})).toBe(false);
    expect(holdsForFilingPayment([{ ...appraisal, payLater: true }], { source: { flow: 1 } })).toBe(false);
    expect(filingPayLater([{ ...appraisal, payLater: true }])).toBe(true);
  });
});
