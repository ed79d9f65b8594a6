import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/test-app.js';

/**
 * What people actually type, and the procedure they mean. Each row names the procedure that
 * must come first; the phrasings mix diacritics and none, typos, the sector's abbreviations and
 * the everyday words people use instead of the legal names.
 */
const table: [query: string, expectedFirst: string, meaning: string][] = [
  // expectedFirst: a code, or codes separated by | when the phrasing is honestly ambiguous
  ['cap phep khai thac nuoc duoi dat', '1.012604', 'groundwater licence, not its suspension'],
  ['cấp phép khai thác nước dưới đất', '1.012604', 'groundwater licence with diacritics'],
  ['Cap Phep Khai Thac Nuoc Duoi Dat', '1.012604', 'capitals'],
  ['giay phep khai thac nuoc ngam', '1.012604', 'everyday "nước ngầm"'],
  ['khai thac nuoc ngam', '1.012604', 'everyday "nước ngầm" without "giấy phép"'],
  ['khai thac nuoc duoi dst', '1.012604', 'typo'],
  ['khai thác nươc dưới đất', '1.012604', 'missing horn'],
  ['tham do nuoc ngam', '1.012603', 'groundwater exploration'],
  ['hanh nghe khoan nuoc duoi dat', '1.012605', 'drilling practice licence'],
  ['khai thac nuoc mat', '1.012601', 'surface water'],
  ['thủy điện', '1.012601', 'hydropower plant needs the surface-water licence'],
  ['thuy dien', '1.012601', 'hydropower without diacritics'],
  ['khai thac nuoc bien', '1.012607', 'sea water'],
  ['xa nuoc thai vao nguon nuoc', '1.012609', 'waste-water discharge'],
  ['cap lai giay phep tai nguyen nuoc', '1.012608', 'reissue, typed'],
  ['tra lai giay phep tai nguyen nuoc', '1.012611', 'return, typed'],
  ['tạm dừng giấy phép nước', '1.012610', 'suspension, typed'],
  ['gia han giay phep khai thac nuoc', '1.012602', 'extension, typed'],
  ['tien cap quyen khai thac tai nguyen nuoc', '1.012612', 'approval, not the adjustment'],
  ['van hanh ho chua', '1.012614', 'reservoir operation'],
  ['mỏ cát', '2.001746', 'everyday "sand pit" means a mining licence'],
  ['mo cat', '2.001746', 'sand pit without diacritics'],
  ['khai thac cat soi', '2.001746', 'sand and gravel'],
  ['giay phep khai thac khoang san', '2.001746', 'mining licence, not its extension'],
  ['cap phep khai thac khoang san', '2.001746', 'mining licence, short form'],
  ['gia han giay phep khai thac khoang san', '1.004314', 'extension, typed'],
  ['thăm dò khoáng sản', '2.001816', 'mineral exploration'],
  ['dong cua mo', '1.004262', 'mine closure'],
  ['chuyen nhuong quyen khai thac khoang san', '1.004305', 'transfer of mining rights'],
  ['dau gia mo', '2.001822', 'auction'],
  ['khí thải', '1.010721', 'everyday "emissions" means the environmental permit'],
  ['khi thai', '1.010721', 'emissions without diacritics'],
  ['giay phep moi truong', '1.010721', 'environmental permit'],
  ['GPMT', '1.010721', 'environmental permit abbreviation'],
  ['DTM', '1.010722', 'EIA abbreviation'],
  ['ĐTM', '1.010722', 'EIA abbreviation with Đ'],
  ['danh gia tac dong moi truong', '1.010722', 'EIA in words'],
  ['phuong an cai tao phuc hoi moi truong', '1.010724|1.010726', 'rehabilitation plan or its completion, not its adjustment'],
  ['VIMCERTS', '1.010727', 'monitoring certificate, not its extension'],
  ['quan trac moi truong', '1.010727', 'monitoring services'],
  ['nhan sinh thai', '1.010731', 'eco-label, not its exchange'],
  ['tiep can nguon gen', '1.010738', 'genetic resources, not the extension'],
  ['giay xac nhan nhap khau phe lieu', '1.010735', 'scrap import certificate'],
  ['xuat khau chat thai', '2.002071', 'hazardous-waste export'],
  ['CTNH', '1.010734', 'hazardous waste abbreviation'],
  ['bai rac', '1.010743', 'everyday "landfill"'],
  ['rac thai', '1.010743', 'everyday "rubbish"'],
  ['EPR', '1.010747', 'producer responsibility abbreviation'],
  ['nhap khau HCFC', '2.002081', 'HCFC import'],
  ['giay phep do dac ban do', '1.013301', 'surveying licence'],
  ['chung chi hanh nghe do dac', '1.013302', 'surveying practice certificate'],
  ['flycam', '1.013304', 'everyday "drone"'],
];

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

async function firstCodes(q: string) {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/procedures?pageSize=5&q=${encodeURIComponent(q)}` });
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: { code: string; name: string }[] }).items;
}

describe('search ranking: what people type finds what they mean', () => {
  it('has a table of at least 30 phrasings', () => {
    expect(table.length).toBeGreaterThanOrEqual(30);
  });

  it.each(table)('"%s" → %s (%s)', async (q, expected) => {
    const items = await firstCodes(q);
    expect(items.map((i) => `${i.code} ${i.name}`).slice(0, 3).join('\n'), q).toMatch(new RegExp(`^(${expected.replaceAll('.', '\\.')}) `));
  });

  it('ranks a name that starts with the words typed above one that merely contains them', async () => {
    const items = await firstCodes('cap giay phep khai thac su dung nuoc duoi dat');
    expect(items[0]!.code).toBe('1.012604');
    const suspension = items.findIndex((i) => i.code === '1.012610');
    expect(suspension === -1 || suspension > 0).toBe(true);
  });

  it('does not let a meaning-changing word win when it was not typed', async () => {
    for (const [q, notFirst] of [
      ['giay phep khai thac tai nguyen nuoc', ['1.012602', '1.012608', '1.012610', '1.012611']],
      ['giay phep tham do khoang san', ['2.001812', '1.004324']],
      ['giay chung nhan quan trac moi truong', ['1.010728', '1.010729']],
    ] as const) {
      const items = await firstCodes(q);
      expect(notFirst, `${q}: ${items[0]?.code} ${items[0]?.name}`).not.toContain(items[0]?.code);
    }
  });
});
