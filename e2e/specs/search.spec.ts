import { expect, test } from '@playwright/test';
import { groundwater, hazardousWasteExport, surfaceWater } from '../fixtures/catalog.js';

test.describe('search from the home page', () => {
  test('finds a procedure typed without diacritics and opens it', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('Dịch vụ công trực tuyến — OpenDVC');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dịch vụ công trực tuyến');

    const box = page.getByRole('combobox', { name: 'Tìm thủ tục hành chính' });
    await expect(box).toHaveAttribute('placeholder', /Ví dụ: khai thác nước mặt/);
    await box.fill(surfaceWater.query);
    await box.press('Enter');

    await expect(page).toHaveURL(/\/thu-tuc\?q=khai\+thac\+nuoc\+mat$/);
    await expect(page.getByRole('searchbox', { name: 'Tìm thủ tục hành chính' })).toHaveValue(surfaceWater.query);
    await expect(page.getByRole('status')).toContainText(/Tìm thấy \d+ thủ tục/);

    const results = page.getByRole('list', { name: 'Danh sách thủ tục' });
    const first = results.getByRole('listitem').first();
    await expect(first.getByRole('heading', { level: 2 })).toHaveText(surfaceWater.name);
    await expect(first).toContainText(new RegExp(`Mã thủ tục:\\s*${surfaceWater.code.replace('.', '\\.')}`));
    // Matches are highlighted even though the query had no diacritics.
    await expect(first.locator('mark').first()).toHaveText('khai');

    await first.getByRole('link', { name: surfaceWater.name }).click();
    await expect(page).toHaveURL(`/thu-tuc/${surfaceWater.code}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(surfaceWater.name);
    await expect(page).toHaveTitle(`${surfaceWater.name} — OpenDVC`);
  });

  test('finds the hazardous-waste export procedure', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Tìm thủ tục hành chính' }).fill(hazardousWasteExport.query);
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    const first = page.getByRole('list', { name: 'Danh sách thủ tục' }).getByRole('listitem').first();
    await expect(first).toContainText(hazardousWasteExport.namePart);
    await expect(first).toContainText('Nộp hồ sơ và nhận kết quả trực tuyến');
    await expect(first).not.toContainText('Toàn trình');
  });

  test('suggests procedures as the words are typed, with or without diacritics, and opens the one picked', async ({ page }) => {
    await page.goto('/');
    const box = page.getByRole('combobox', { name: 'Tìm thủ tục hành chính' });
    const list = page.getByRole('listbox', { name: 'Gợi ý thủ tục' });
    await box.fill(groundwater.query);
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    // The search's own ranking: the licence itself comes first, not "Tạm dừng hiệu lực…".
    await expect(list.getByRole('option').first()).toHaveText(groundwater.name);
    await list.getByRole('option', { name: groundwater.name, exact: true }).click();
    await expect(page).toHaveURL(`/thu-tuc/${groundwater.code}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(groundwater.name);

    // With diacritics, by keyboard: arrow down marks the first suggestion, Enter opens it; Escape closes the list.
    await page.goto('/');
    await box.fill('khai thác nước mặt');
    await expect(list.getByRole('option').first()).toHaveText(surfaceWater.name);
    await box.press('Escape');
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await box.press('ArrowDown');
    await expect(box).toHaveAttribute('aria-activedescendant', /.+/);
    await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
    await box.press('Enter');
    await expect(page).toHaveURL(`/thu-tuc/${surfaceWater.code}`);
  });

  test('a field card lists the procedures of that field', async ({ page }) => {
    await page.goto('/');
    const fields = page.getByRole('region', { name: 'Thủ tục theo lĩnh vực' });
    const water = fields.getByRole('link', { name: /Tài nguyên nước/ });
    await expect(water).toContainText(/\d+ thủ tục/);
    const count = Number((await water.textContent())?.match(/(\d+) thủ tục/)?.[1]);
    await water.click();
    await expect(page).toHaveURL(/field=TAI_NGUYEN_NUOC/);
    await expect(page.getByRole('status')).toContainText(`Tìm thấy ${count} thủ tục`);
  });

  test('says so when nothing matches', async ({ page }) => {
    await page.goto('/thu-tuc?q=qwxzqwxz');
    await expect(page.getByRole('heading', { name: 'Không tìm thấy thủ tục phù hợp' })).toBeVisible();
    await expect(page.getByText('Kiểm tra lại chính tả')).toBeVisible();
  });
});
