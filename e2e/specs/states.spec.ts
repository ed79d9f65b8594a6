import { expect, test } from '@playwright/test';

test.describe('loading and failure states', () => {
  test('a failed search shows the problem title and a retry button that recovers', async ({ page }) => {
    let fail = true;
    await page.route('**/api/v1/procedures?**', async (route) => {
      if (!fail) return route.continue();
      await route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          status: 503,
          code: 'platform.unavailable',
          title: 'Hệ thống đang bận, vui lòng thử lại sau.',
          detail: 'Cơ sở dữ liệu chưa sẵn sàng.',
          requestId: 'e2e',
        }),
      });
    });

    await page.goto('/thu-tuc?q=nuoc');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Đã có lỗi xảy ra');
    await expect(alert).toContainText('Hệ thống đang bận, vui lòng thử lại sau.');

    fail = false;
    await alert.getByRole('button', { name: 'Thử lại' }).click();
    await expect(page.getByRole('status')).toContainText(/Tìm thấy \d+ thủ tục/);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('results show skeletons while the answer is on its way', async ({ page }) => {
    let release: () => void = () => {};
    const answered = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/procedures?**', async (route) => {
      await answered;
      await route.continue();
    });
    await page.goto('/thu-tuc?q=nuoc');
    await expect(page.locator('[aria-busy="true"]').first()).toBeVisible();
    release();
    await expect(page.getByRole('status')).toContainText(/Tìm thấy \d+ thủ tục/);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  });
});
