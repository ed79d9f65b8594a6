import { expect, test, type Locator, type Page } from '@playwright/test';
import { seriousViolations } from '../fixtures/axe.js';
import { environmentalPermit, surfaceWater } from '../fixtures/catalog.js';

/** Each page, and what shows once its data has arrived. */
const pages: { name: string; path: string; ready: (page: Page) => Locator }[] = [
  { name: 'home', path: '/', ready: (page) => page.getByRole('link', { name: /Tài nguyên nước/ }) },
  { name: 'results', path: `/thu-tuc?q=${encodeURIComponent(surfaceWater.query)}`, ready: (page) => page.getByRole('list', { name: 'Danh sách thủ tục' }) },
  { name: 'empty results', path: '/thu-tuc?q=qwxzqwxz&field=MOI_TRUONG', ready: (page) => page.getByRole('heading', { name: 'Không tìm thấy thủ tục phù hợp' }) },
  { name: 'procedure', path: `/thu-tuc/${surfaceWater.code}`, ready: (page) => page.getByRole('heading', { name: 'Hồ sơ cần chuẩn bị' }) },
  { name: 'procedure with cases', path: `/thu-tuc/${environmentalPermit.code}`, ready: (page) => page.getByRole('radiogroup', { name: 'Trường hợp của bạn' }) },
  { name: 'unknown procedure', path: '/thu-tuc/9.999999', ready: (page) => page.getByRole('heading', { name: 'Không tìm thấy thủ tục' }) },
  { name: 'dossier tracking', path: '/tra-cuu?code=000.00.01.G99-261128-0001', ready: (page) => page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }) },
  { name: 'not found', path: '/trang-khong-ton-tai', ready: (page) => page.getByRole('heading', { name: 'Không tìm thấy trang' }) },
];

test.describe('accessibility (axe, WCAG 2.1 A and AA)', () => {
  for (const p of pages) {
    test(`${p.name} has no serious or critical violation`, async ({ page }) => {
      await page.goto(p.path);
      await expect(p.ready(page)).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  test('English pages have no serious or critical violation', async ({ page }) => {
    await page.addInitScript("window.localStorage.setItem('opendvc.lang', 'en')");
    await page.goto(`/thu-tuc/${surfaceWater.code}`);
    await expect(page.getByRole('heading', { name: 'Documents to prepare' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the skip link is the first stop and moves focus to the main content', async ({ page }) => {
    await page.goto('/');
    // The page's first Tab once it is drawn (the home page's code arrives after the load event).
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    for (const landmark of ['banner', 'main', 'contentinfo'] as const) await expect(page.getByRole(landmark)).toHaveCount(1);
    await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  });
});

test.describe('accessibility of the account pages (axe, WCAG 2.1 A and AA)', () => {
  const accountPages: { name: string; path: string; ready: (page: Page) => Locator }[] = [
    { name: 'sign-in', path: '/dang-nhap', ready: (page) => page.getByRole('heading', { level: 1, name: 'Đăng nhập' }) },
    { name: 'sign-up', path: '/dang-ky', ready: (page) => page.getByRole('heading', { level: 1, name: 'Đăng ký tài khoản' }) },
    { name: 'forgotten password', path: '/quen-mat-khau', ready: (page) => page.getByRole('heading', { level: 1, name: 'Quên mật khẩu' }) },
    { name: 'password reset', path: '/dat-lai-mat-khau?token=mot-ma-bat-ky-du-dai', ready: (page) => page.getByRole('heading', { level: 1, name: 'Đặt mật khẩu mới' }) },
  ];
  for (const p of accountPages) {
    test(`${p.name} has no serious or critical violation, also with errors shown`, async ({ page }) => {
      await page.goto(p.path);
      await expect(p.ready(page)).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('main form button[type="submit"]').click();
      await expect(page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  test('my account, its edit form and the header menu have no serious or critical violation', async ({ page }) => {
    await page.goto('/dang-nhap');
    await page.getByLabel('Email hoặc số điện thoại').fill('business@demo.opendvc.vn');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('OpenDVC-demo-2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sửa thông tin' }).click();
    await expect(page.getByLabel('Số định danh cá nhân')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('banner').getByRole('button', { name: /^Tài khoản: / }).click();
    await expect(page.getByRole('banner').getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the national sign-in error page and an expired e-mail link have no serious or critical violation', async ({ page }) => {
    await page.goto('/dang-nhap/loi-quoc-gia?ma=auth.oidc_id_unverified&ly-do=missing&yeu-cau=req-1');
    await expect(page.getByRole('heading', { level: 1, name: 'Chưa đăng nhập được bằng tài khoản quốc gia' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto('/xac-minh-email?token=mot-ma-da-het-han-tu-lau');
    await expect(page.getByRole('heading', { level: 1, name: 'Liên kết đã hết hạn hoặc đã được dùng' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the code step of an official’s sign-in has no serious or critical violation', async ({ page }) => {
    await page.goto('/dang-nhap');
    await page.getByLabel('Email hoặc số điện thoại').fill('head@demo.opendvc.vn');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('OpenDVC-demo-2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect(page.getByLabel('Mã xác thực')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

/**
 * The public page a signed document's QR code opens (/xac-minh/:id), on a phone and a desktop. An
 * issued document needs the whole back-office chain (back-office.spec.ts files, signs and issues
 * one); here the page is given the facts of an issued document as the server states them (the
 * shape of the API's DocumentVerification), and an unknown code is asked of the real server.
 */
test.describe('accessibility of the verification page (axe, WCAG 2.1 A and AA)', () => {
  const documentId = 'doc_01jdx8y2q4m7n9p3r5t7v9w1z3';
  const issued = {
    documentId,
    kind: 'RESULT',
    title: 'Giấy phép khai thác, sử dụng nước mặt',
    status: 'ISSUED',
    number: '12/KQ-G99',
    issuedAt: '2026-11-28T08:40:00.000Z',
    signedAt: '2026-11-28T03:15:00.000Z',
    signer: {
      commonName: 'Đặng Văn Hùng',
      subject: 'CN=Đặng Văn Hùng, T=Phó Cục trưởng, O=Văn phòng Bộ (Văn phòng Một cửa), C=VN',
      serialNumber: '5F112BE3F2333C767C610358DD062966',
      issuer: 'CN=OpenDVC Demo CA — không dùng cho giao dịch thật, O=OpenDVC, C=VN',
    },
    sha256: 'a3f1c2d4e5b6a7980123456789abcdef0123456789abcdef0123456789abcdef',
    agencyName: 'Văn phòng Bộ (Văn phòng Một cửa)',
    dossierCode: '000.00.01.G99-261128-0012',
    procedureName: 'Cấp giấy phép khai thác, sử dụng nước mặt',
  };

  for (const width of [360, 1280]) {
    test(`an issued document and an unknown code at ${width} px have no serious or critical violation`, async ({ page }) => {
      await page.setViewportSize({ width, height: width < 600 ? 740 : 800 });
      await page.route(`**/api/v1/verify/${documentId}`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(issued) }));
      await page.goto(`/xac-minh/${documentId}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Xác minh văn bản điện tử' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: 'Thông tin văn bản' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: 'Chứng thư số của người ký' })).toBeVisible();
      await expect(page.getByText('12/KQ-G99')).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll').toBe(true);
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto('/xac-minh/doc_khong_ton_tai_0000000000');
      await expect(page.getByRole('alert')).toContainText('Không tìm thấy văn bản đã ký số với mã này.');
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});
