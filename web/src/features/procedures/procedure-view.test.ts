import { describe, expect, it } from 'vitest';
import { vi as viMessages } from '../../i18n/vi';
import { excludedTime, groupFees, phaseDuration, validityText } from './procedure-view';
import type { ChannelTerms } from './types';

const fee = { kind: 'FEE' as const, name: 'Phí thẩm định', amountVnd: 1_000_000 };
const phases = [{ name: 'Thẩm định', amount: 10, unit: 'WORKING_DAY' as const, excludes: ['APPLICANT_SUPPLEMENT' as const] }];

describe('procedure view helpers', () => {
  it('reads time limits aloud', () => {
    expect(phaseDuration({ name: 'x', amount: 42, unit: 'CALENDAR_DAY', excludes: [] }, viMessages, 'vi')).toBe('42 ngày');
    expect(phaseDuration({ name: 'x', amount: 8, unit: 'HOUR', excludes: [] }, viMessages, 'vi')).toBe('8 giờ');
    expect(phaseDuration(phases[0]!, viMessages, 'vi')).toBe('10 ngày làm việc');
    expect(excludedTime(phases, viMessages)).toBe('Không tính thời gian người nộp bổ sung, hoàn thiện hồ sơ.');
  });

  it('lists fees once when every channel charges the same', () => {
    const online: ChannelTerms = { channel: 'ONLINE', phases, fees: [fee] };
    const counter: ChannelTerms = { channel: 'IN_PERSON', phases, fees: [fee] };
    expect(groupFees([online, counter])).toEqual([{ channels: [], terms: online }]);
    const cheaper: ChannelTerms = { ...online, fees: [{ ...fee, amountVnd: 500_000 }] };
    expect(groupFees([cheaper, counter]).map((g) => g.channels)).toEqual([['ONLINE'], ['IN_PERSON']]);
  });

  it('states when a version applies, ending the day before validTo', () => {
    const version = { versionNo: 1, validFrom: '2024-07-01', validTo: '2025-01-01' } as Parameters<typeof validityText>[0];
    expect(validityText(version, viMessages)).toBe('Áp dụng từ 01/07/2024 đến hết ngày 31/12/2024');
  });
});
