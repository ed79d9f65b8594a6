import { describe, expect, it } from 'vitest';
import { vi as viMessages } from '../../i18n/vi';
import { excludedTime, groupFees, phaseDuration, totalDuration, validityText } from './procedure-view';
import type { ChannelTerms } from './types';

const fee = { kind: 'FEE' as const, name: 'Phí thẩm định', amountVnd: 1_000_000 };
const phases = [{ name: 'Thẩm định', amount: 10, unit: 'WORKING_DAY' as const, excludes: ['APPLICANT_SUPPLEMENT' as const] }];

describe('procedure view helpers', () => {
  it('gives the total of a time limit in several phases, per unit', () => {
    const two = [
      { name: 'Tiếp nhận và kiểm tra', amount: 3, unit: 'WORKING_DAY' as const, excludes: [] },
      { name: 'Thẩm định', amount: 42, unit: 'CALENDAR_DAY' as const, excludes: [] },
    ];
    expect(viMessages.procedure.totalTime(totalDuration(two, viMessages, 'vi'))).toBe('Tổng thời hạn: 3 ngày làm việc và 42 ngày, gồm các bước:');
    expect(totalDuration([...two, { name: 'Trả kết quả', amount: 2, unit: 'WORKING_DAY' as const, excludes: [] }], viMessages, 'vi')).toEqual(['5 ngày làm việc', '42 ngày']);
    expect(totalDuration(phases, viMessages, 'vi')).toEqual([]);
  });

  it('says what the citizen can do online instead of the level\'s legal name', () => {
    expect(viMessages.levelBadges.PARTIAL).toBe('Nộp hồ sơ trực tuyến, nhận kết quả tại cơ quan');
    expect(viMessages.levelBadges.FULL).not.toMatch(/Toàn trình|Một phần/);
  });

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
