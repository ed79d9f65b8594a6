import { expect, test } from '@playwright/test';
import fs from 'node:fs/promises';
import { environmentalPermit, hazardousWasteExport, surfaceWater } from '../fixtures/catalog.js';

test.describe('procedure page', () => {
  test('shows steps, documents, time limit and fee, and offers the forms as PDF', async ({ page, request }) => {
    const api = await (await request.get(`/api/v1/procedures/${surfaceWater.code}`)).json();
    await page.goto(`/thu-tuc/${surfaceWater.code}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(surfaceWater.name);

    const online = page.getByRole('region', { name: 'Làm gì được trực tuyến' });
    await expect(online).toContainText('Bạn có thể nộp hồ sơ trực tuyến.');

    const steps = page.getByRole('region', { name: 'Trình tự thực hiện' });
    await expect(steps.getByRole('listitem').first()).toBeVisible();
    expect(await steps.locator('ol > li').count()).toBe(api.cases[0].steps.length);

    const documents = page.getByRole('region', { name: 'Hồ sơ cần chuẩn bị' });
    await expect(documents).toContainText('Bắt buộc');
    await expect(documents).toContainText(/bản chính|bản sao/);

    const time = page.getByRole('region', { name: 'Thời hạn giải quyết' });
    await expect(time).toContainText(/\d+ (ngày làm việc|ngày|giờ)/);

    const fees = page.getByRole('region', { name: 'Phí, lệ phí' });
    await expect(fees).toContainText(/\d{1,3}(\.\d{3})* ₫|Không thu phí|Mức thu tùy trường hợp/);

    await expect(page.getByRole('region', { name: 'Căn cứ pháp lý' })).toContainText(/Áp dụng từ \d{2}\/\d{2}\/\d{4}/);

    // The form template downloads as a PDF named as in the catalogue.
    const template = api.cases[0].components.flatMap((c: { templates: { fileName: string; title: string }[] }) => c.templates)[0];
    const link = documents.getByRole('link', { name: new RegExp(`Tải mẫu: ${escapeRegExp(template.title)}`) });
    await expect(link).toHaveAttribute('download', template.fileName);
    await expect(link).toContainText(/\(PDF, \d+([,.]\d)? KB\)/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(template.fileName);
    // The name keeps its Vietnamese diacritics (sent as RFC 5987 filename*).
    expect(download.suggestedFilename()).toMatch(/^Mẫu .*\.pdf$/);
    const file = await fs.readFile(await download.path());
    expect(file.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });

  test('a procedure done through the National Single Window says so, with no fee', async ({ page }) => {
    await page.goto(`/thu-tuc/${hazardousWasteExport.code}`);
    await expect(page.getByRole('region', { name: 'Làm gì được trực tuyến' })).toContainText(
      'Thủ tục này được thực hiện trực tuyến toàn trình qua Cổng thông tin một cửa quốc gia',
    );
    await expect(page.getByRole('region', { name: 'Phí, lệ phí' })).toContainText('Không thu phí');
    await expect(page.getByRole('region', { name: 'Thời hạn giải quyết' })).toContainText('Không tính thời gian');
  });

  test('choosing another case changes the documents', async ({ page }) => {
    await page.goto(`/thu-tuc/${environmentalPermit.code}`);
    const cases = page.getByRole('radiogroup', { name: 'Trường hợp của bạn' });
    const radios = cases.getByRole('radio');
    await expect(radios.first()).toBeVisible();
    expect(await radios.count()).toBeGreaterThan(1);
    await expect(radios.first()).toBeChecked();
    const documents = page.getByRole('region', { name: 'Hồ sơ cần chuẩn bị' });
    const before = await documents.textContent();
    await radios.nth(1).check();
    await expect(page).toHaveURL(/case=/);
    await expect(documents).not.toHaveText(before ?? '');
  });

  test('an unknown code shows a not-found page', async ({ page }) => {
    await page.goto('/thu-tuc/9.999999');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy thủ tục');
    await expect(page.getByText('9.999999')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Tìm thủ tục khác' })).toBeVisible();
  });

  test('an unknown address shows the generic not-found page', async ({ page }) => {
    await page.goto('/khong-co-trang-nay');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
    await expect(page).toHaveTitle('Không tìm thấy trang — OpenDVC');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
