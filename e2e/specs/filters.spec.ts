import { expect, test, type Locator } from '@playwright/test';

/** "Tài nguyên nước (14)" → 14 */
async function countIn(radio: Locator): Promise<number> {
  const id = await radio.getAttribute('id');
  const label = (await radio.page().locator(`label[for="${id}"]`).textContent()) ?? '';
  const match = label.match(/\((\d+)\)\s*$/);
  if (!match) throw new Error(`no count in "${label}"`);
  return Number(match[1]);
}

test.describe('filters and facets', () => {
  test('field and level filters narrow the results and update the counts', async ({ page }) => {
    await page.goto('/thu-tuc');
    const status = page.getByRole('status');
    const fieldGroup = page.getByRole('radiogroup', { name: 'Lĩnh vực' });
    const levelGroup = page.getByRole('radiogroup', { name: 'Mức độ trực tuyến' });

    const allFields = fieldGroup.getByRole('radio', { name: /Tất cả lĩnh vực/ });
    await expect(allFields).toBeChecked();
    const total = await countIn(allFields);
    await expect(status).toContainText(`Tìm thấy ${total} thủ tục`);

    const water = fieldGroup.getByRole('radio', { name: /Tài nguyên nước/ });
    const waterCount = await countIn(water);
    expect(waterCount).toBeGreaterThan(0);
    expect(waterCount).toBeLessThan(total);
    await water.check();
    await expect(page).toHaveURL(/field=TAI_NGUYEN_NUOC/);
    await expect(status).toContainText(`Tìm thấy ${waterCount} thủ tục`);
    await expect(page.getByRole('list', { name: 'Danh sách thủ tục' }).getByRole('listitem').first()).toContainText('Tài nguyên nước');

    // The level facet now counts within the chosen field only.
    const allLevels = levelGroup.getByRole('radio', { name: /Tất cả mức độ/ });
    await expect.poll(() => countIn(allLevels)).toBe(waterCount);

    const partial = levelGroup.getByRole('radio', { name: /Một phần/ });
    const partialCount = await countIn(partial);
    await partial.check();
    await expect(page).toHaveURL(/level=PARTIAL/);
    await expect(status).toContainText(`Tìm thấy ${partialCount} thủ tục`);
    const items = page.getByRole('list', { name: 'Danh sách thủ tục' }).getByRole('listitem');
    // The badge says what can be done online, not the level's legal name.
    for (const text of await items.allTextContents()) expect(text).toContain('Nộp hồ sơ trực tuyến, nhận kết quả tại cơ quan');

    await page.getByRole('button', { name: 'Bỏ tất cả bộ lọc' }).click();
    await expect(status).toContainText(`Tìm thấy ${total} thủ tục`);
    await expect(allFields).toBeChecked();
  });

  test('results are paged on the server', async ({ page }) => {
    await page.goto('/thu-tuc');
    const pagination = page.getByRole('navigation', { name: 'Phân trang kết quả' });
    const items = page.getByRole('list', { name: 'Danh sách thủ tục' }).getByRole('listitem');
    await expect(items).toHaveCount(10);
    const firstOnPage1 = await items.first().textContent();

    await pagination.getByRole('button', { name: 'Trang 2', exact: true }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(items.first()).not.toHaveText(firstOnPage1 ?? '');
    await expect(pagination.getByRole('button', { name: 'Trang 2', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('status')).toContainText('Trang 2 /');

    await pagination.getByRole('button', { name: 'Trang trước' }).click();
    await expect(page).not.toHaveURL(/page=/);
  });
});
