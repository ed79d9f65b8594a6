import { describe, expect, it } from 'vitest';
import { contentDisposition, pickCurrentVersion, sniffTemplateMediaType, todayInVietnam } from './catalog.models.js';

describe('pickCurrentVersion', () => {
  const v = (versionNo: number, validFrom: string, validTo: string | null = null, status = 'PUBLISHED') => ({ versionNo, validFrom, validTo, status });
  const versions = [v(1, '2022-01-01', '2024-07-01'), v(2, '2024-07-01'), v(3, '2027-01-01'), v(4, '2023-01-01', null, 'DRAFT')];

  it('takes the version in force on the date', () => {
    expect(pickCurrentVersion(versions, '2023-06-30')?.versionNo).toBe(1);
    expect(pickCurrentVersion(versions, '2024-07-01')?.versionNo).toBe(2);
    expect(pickCurrentVersion(versions, '2026-12-31')?.versionNo).toBe(2);
    expect(pickCurrentVersion(versions, '2027-01-01')?.versionNo).toBe(3);
  });
  it('has no version before the first starts and ignores drafts', () => {
    expect(pickCurrentVersion(versions, '2021-12-31')).toBeUndefined();
    expect(pickCurrentVersion([v(4, '2020-01-01', null, 'DRAFT')], '2024-01-01')).toBeUndefined();
  });
});

describe('todayInVietnam', () => {
  it('counts the date at UTC+7', () => {
    expect(todayInVietnam(new Date('2026-11-27T16:59:59Z'))).toBe('2026-11-27');
    expect(todayInVietnam(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
  });
});

describe('sniffTemplateMediaType', () => {
  it('recognises a PDF by its content and refuses text named .pdf', () => {
    expect(sniffTemplateMediaType(Buffer.from('%PDF-1.7\n...'))).toBe('application/pdf');
    expect(sniffTemplateMediaType(Buffer.from('hello, not a pdf'))).toBeUndefined();
  });
});

describe('contentDisposition', () => {
  it('keeps the Vietnamese name and gives an ASCII fallback', () => {
    expect(contentDisposition('Mẫu số 05 - Đơn đề nghị.pdf')).toBe(
      `attachment; filename="Mau so 05 - Don de nghi.pdf"; filename*=UTF-8''M%E1%BA%ABu%20s%E1%BB%91%2005%20-%20%C4%90%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B.pdf`,
    );
  });
});
