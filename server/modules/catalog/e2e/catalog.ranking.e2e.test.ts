import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { rankingTable as table } from './catalog.ranking-table.js';


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
