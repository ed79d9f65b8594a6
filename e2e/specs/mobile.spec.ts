import { expect, test, type Locator, type Page } from '@playwright/test';
import { environmentalPermit, hazardousWasteExport, surfaceWater } from '../fixtures/catalog.js';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

async function expectNoHorizontalScroll(page: Page) {
  // A string runs in the browser (this project type-checks tests without DOM types).
  const [scrollWidth, clientWidth] = await page.evaluate<[number, number]>(
    '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
  );
  expect(scrollWidth, 'page is wider than the screen').toBeLessThanOrEqual(clientWidth);
}

/** Each page, and what shows once its data has arrived. */
const pages: { name: string; path: string; ready: (page: Page) => Locator }[] = [
  { name: 'home', path: '/', ready: (page) => page.getByRole('link', { name: /Tài nguyên nước/ }) },
  { name: 'results', path: `/thu-tuc?q=${encodeURIComponent('giay phep')}`, ready: (page) => page.getByRole('list', { name: 'Danh sách thủ tục' }) },
  { name: 'procedure', path: `/thu-tuc/${environmentalPermit.code}`, ready: (page) => page.getByRole('heading', { name: 'Hồ sơ cần chuẩn bị' }) },
  { name: 'procedure (single window)', path: `/thu-tuc/${hazardousWasteExport.code}`, ready: (page) => page.getByRole('heading', { name: 'Thời hạn giải quyết' }) },
  { name: 'sign-in', path: '/dang-nhap', ready: (page) => page.getByRole('link', { name: /VNeID/ }) },
  { name: 'sign-up', path: '/dang-ky', ready: (page) => page.getByRole('heading', { level: 1, name: 'Đăng ký tài khoản' }) },
  { name: 'procedure (surface water)', path: `/thu-tuc/${surfaceWater.code}`, ready: (page) => page.getByRole('heading', { name: 'Phí, lệ phí' }) },
];

test.describe('phone-sized screen (360 × 740)', () => {
  for (const p of pages) {
    test(`${p.name} has no horizontal scroll`, async ({ page }) => {
      await page.goto(p.path);
      await expect(p.ready(page)).toBeVisible();
      await expectNoHorizontalScroll(page);
    });
  }

  test('filters fold behind a summary and still work', async ({ page }) => {
    await page.goto('/thu-tuc');
    const fieldGroup = page.getByRole('radiogroup', { name: 'Lĩnh vực' });
    await expect(fieldGroup).toBeHidden();
    await page.locator('summary', { hasText: 'Bộ lọc' }).click();
    await expect(fieldGroup).toBeVisible();
    await fieldGroup.getByRole('radio', { name: /Tài nguyên nước/ }).check();
    await expect(page).toHaveURL(/field=TAI_NGUYEN_NUOC/);
    await expectNoHorizontalScroll(page);
  });

  test('sign-in with errors, and the signed-in header, have no horizontal scroll', async ({ page }) => {
    await page.goto('/dang-nhap');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' })).toBeVisible();
    await expectNoHorizontalScroll(page);

    await page.getByLabel('Email hoặc số điện thoại').fill('representative@demo.opendvc.vn');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('OpenDVC-demo-2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' })).toBeVisible();
    await expectNoHorizontalScroll(page);
  });
});
