import { describe, expect, it } from 'vitest';
import { activeFilterCount, inboxApiQuery, readInboxFilters, writeInboxFilters } from './inbox-params';

describe('inbox filters in the address', () => {
  it('reads Vietnamese parameters into the API query', () => {
    const filters = readInboxFilters(new URLSearchParams('pham-vi=don-vi&trang-thai=IN_PROGRESS&han=qua-han&thu-tuc=1.012601&chua-phan-cong=co&trang=3'));
    expect(filters).toEqual({ scope: 'unit', status: 'IN_PROGRESS', deadline: 'overdue', procedureCode: '1.012601', unassigned: true, page: 3 });
    expect(inboxApiQuery(filters)).toEqual({ scope: 'unit', status: 'IN_PROGRESS', deadline: 'overdue', procedureCode: '1.012601', assigned: 'unassigned', page: 3, pageSize: 20 });
    expect(activeFilterCount(filters)).toBe(4);
  });

  it('falls back to the defaults for unknown or missing values', () => {
    const filters = readInboxFilters(new URLSearchParams('pham-vi=ca-nuoc&trang-thai=DRAFT&han=hom-qua&trang=-2&thu-tuc=%20%20'));
    expect(filters).toEqual({ scope: 'mine', status: undefined, deadline: undefined, procedureCode: undefined, unassigned: false, page: 1 });
    expect(inboxApiQuery(filters)).toEqual({ scope: 'mine', page: 1, pageSize: 20 });
    expect(activeFilterCount(filters)).toBe(0);
  });

  it('writes back what it reads, leaving defaults out', () => {
    const query = 'han=sap-den-han&thu-tuc=2.001&trang=2';
    expect(writeInboxFilters(readInboxFilters(new URLSearchParams(query))).toString()).toBe(query);
    expect(writeInboxFilters(readInboxFilters(new URLSearchParams(''))).toString()).toBe('');
  });

  it('the signing queue is the unit\'s dossiers waiting on the leader', () => {
    const defaults = { scope: 'unit' as const };
    const filters = readInboxFilters(new URLSearchParams('han=con-han'), defaults);
    expect(inboxApiQuery(filters, 'LEADER')).toEqual({ scope: 'unit', role: 'LEADER', deadline: 'on_track', page: 1, pageSize: 20 });
    expect(writeInboxFilters(filters, defaults).toString()).toBe('han=con-han');
  });
});
