/**
 * Statistics (issue 16) in the browser: the leader opens the dashboard, sees the trend, the
 * on-time rates and the list of late and soon-due dossiers (the demo dossiers made by
 * `statistics demo-late` before the portal starts), drills into the overdue one, and downloads
 * the XLSX report; the dashboard and the public page /cong-khai pass axe and fit a 360 px phone.
 */
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { seriousViolations } from '../fixtures/axe.js';
import { signIn } from '../fixtures/sign-in.js';

test.setTimeout(120_000);

const leader = 'leader@demo.opendvc.vn';

test('the leader opens the dashboard, drills into an overdue dossier and downloads the XLSX', async ({ page }) => {
  await signIn(page, leader, true);
  await page.goto('/can-bo/thong-ke');
  await expect(page.getByRole('heading', { level: 1, name: 'Thống kê, báo cáo giải quyết hồ sơ' })).toBeVisible();
  // The first figures after the portal starts wait for the consumers' first pass over the stream.
  await expect(page.getByRole('region', { name: 'Xu hướng theo tháng' })).toBeVisible({ timeout: 60_000 });
  const attention = page.getByRole('region', { name: 'Hồ sơ quá hạn và sắp đến hạn' });
  // The projection catches up with the demo dossiers' events within a poll or two.
  await expect(async () => {
    await page.reload();
    await expect(attention.getByText('Đang quá hạn', { exact: true }).first()).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
  await expect(attention.getByText('Sắp đến hạn', { exact: true })).toBeVisible();
  await expect(attention.getByText('Đã giải quyết quá hạn', { exact: true })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // The table alternative of a chart opens under it.
  const trend = page.getByRole('region', { name: 'Xu hướng theo tháng' });
  await trend.getByText('Xem số liệu dạng bảng').click();
  await expect(trend.getByRole('table', { name: 'Xu hướng theo tháng' })).toBeVisible();

  // The XLSX of the report for this year so far.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tải báo cáo Excel (XLSX)' }).click();
  const file = await (await download).path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Tình hình giải quyết TTHC')!;
  expect(ws.getCell('A1').value).toBe('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
  expect(ws.getCell('C4').value).toBe('Số hồ sơ nhận giải quyết');
  let lastRow = 7;
  while (ws.getRow(lastRow + 1).getCell(2).value) lastRow += 1;
  expect(ws.getRow(lastRow).getCell(2).value).toBe('Tổng cộng');
  expect(typeof ws.getRow(lastRow).getCell(4).value).toBe('number');
  expect(ws.getRow(lastRow).getCell(4).value as number).toBeGreaterThan(0);

  // Drill into the overdue dossier: its workspace opens.
  const overdueRow = attention.getByRole('row').filter({ hasText: 'Đang quá hạn' }).first();
  const link = overdueRow.getByRole('link');
  const code = (await link.textContent())!.trim();
  await link.click();
  await expect(page).toHaveURL(/\/can-bo\/ho-so\/dos_demo_late_qh$/);
  await expect(page.getByRole('heading', { level: 1, name: `Xử lý hồ sơ ${code}` })).toBeVisible();
});

test('the dashboard and the public page fit a 360 px phone and pass axe', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 360, height: 740 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await page.goto('/cong-khai');
  await expect(page.getByRole('heading', { level: 1, name: 'Công khai kết quả giải quyết thủ tục hành chính' })).toBeVisible();
  // The five fields of the seeded catalogue have figures (demo history).
  const table = page.getByRole('region', { name: 'Công khai kết quả giải quyết thủ tục hành chính' }).getByRole('table');
  await expect(table).toBeVisible();
  for (const field of ['Môi trường', 'Tài nguyên nước', 'Địa chất và khoáng sản', 'Đo đạc và bản đồ', 'Biến đổi khí hậu']) {
    await expect(table.getByRole('rowheader', { name: field, exact: true })).toBeVisible();
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(await seriousViolations(page)).toEqual([]);

  await signIn(page, leader, true);
  await page.goto('/can-bo/thong-ke');
  await expect(page.getByRole('region', { name: 'Xu hướng theo tháng' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});
