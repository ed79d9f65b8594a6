import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { fillSignIn } from '../fixtures/sign-in.js';

const PATH = '/quan-tri/lich-lam-viec';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

test.describe('working calendar', () => {
  test('a signed-out visitor is sent to sign in first', async ({ page }) => {
    await page.goto(PATH);
    await expect(page).toHaveURL(/\/dang-nhap\?next=%2Fquan-tri%2Flich-lam-viec$/);
  });

  test('an administrator adds and removes a make-up Saturday, also on a phone', async ({ page }) => {
    await page.goto(`/dang-nhap?next=${encodeURIComponent(`${PATH}?nam=2026`)}`);
    await fillSignIn(page, 'admin@demo.opendvc.vn', true);
    await expect(page).toHaveURL(/\/quan-tri\/lich-lam-viec\?nam=2026$/);

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lịch làm việc');
    await expect(page.getByText('250 ngày làm việc trong năm')).toBeVisible();
    await expect(page.getByText('Giờ làm việc: 07:00–11:30, 13:30–17:00')).toBeVisible();
    const holidays = page.getByRole('table', { name: 'Ngày nghỉ lễ, Tết và nghỉ bù năm 2026' });
    await expect(holidays.getByRole('row', { name: /27\/04\/2026 Thứ Hai Nghỉ bù Giỗ Tổ Hùng Vương/ })).toBeVisible();
    await expect(holidays.getByRole('row', { name: /17\/02\/2026 Thứ Ba Tết Nguyên đán \(mùng 1\) Nghỉ/ })).toBeVisible();
    await expect(page.getByText('Năm này chưa có điều chỉnh nào.')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // Nothing chosen: the summary names the problem and the field says it too.
    await page.getByRole('button', { name: 'Lưu điều chỉnh' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: 'Chọn ngày cần điều chỉnh' })).toBeVisible();
    const date = page.getByLabel('Ngày', { exact: false }).and(page.locator('input[type="date"]'));
    await expect(date).toHaveAccessibleDescription(/Chọn ngày cần điều chỉnh/);

    await date.fill('2026-05-09');
    await page.getByLabel('Ngày làm việc (làm bù)').check();
    await page.getByLabel('Ghi chú').fill('Làm bù cho ngày nghỉ hoán đổi');
    await page.getByRole('button', { name: 'Lưu điều chỉnh' }).click();
    await expect(page.getByRole('status')).toHaveText('Đã lưu điều chỉnh ngày 09/05/2026.');
    await expect(page.getByText('251 ngày làm việc trong năm')).toBeVisible();
    const overrides = page.getByRole('table', { name: 'Điều chỉnh lịch làm việc năm 2026' });
    await expect(overrides.getByRole('row', { name: /09\/05\/2026 Thứ Bảy Ngày làm việc \(làm bù\) Làm bù cho ngày nghỉ hoán đổi/ })).toBeVisible();

    // A phone screen: nothing wider than the viewport, still accessible.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Xóa điều chỉnh ngày 09/05/2026' }).click();
    await expect(page.getByRole('status')).toHaveText('Đã xóa điều chỉnh ngày 09/05/2026. Ngày này trở lại theo quy định chung.');
    await expect(page.getByText('250 ngày làm việc trong năm')).toBeVisible();
    await expect(page.getByText('Năm này chưa có điều chỉnh nào.')).toBeVisible();
  });
});
