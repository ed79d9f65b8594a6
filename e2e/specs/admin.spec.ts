/**
 * The administrator's area (/quan-tri): units, officials and their roles, connected
 * applications. The administrator signs in once (a TOTP code is accepted once).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { citizen, DEMO_TOTP_SECRET, totp } from '../fixtures/accounts.js';
import { fillSignIn } from '../fixtures/sign-in.js';

const administrator = { login: 'admin@demo.opendvc.vn', fullName: 'Đỗ Văn Minh' };

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

async function signIn(page: Page, login: string, otpSecret?: string) {
  await page.goto('/dang-nhap');
  // The shared helper takes a TOTP time step no other spec has used (each code is accepted once).
  await fillSignIn(page, login, otpSecret === DEMO_TOTP_SECRET);
  // Officials land on their inbox, applicants on their account.
  await expect(page).toHaveURL(otpSecret ? /\/can-bo\/ho-so$/ : /\/tai-khoan$/);
}

async function expectNoSidewaysScroll(page: Page) {
  const [scrollWidth, clientWidth] = await page.evaluate<[number, number]>('[document.documentElement.scrollWidth, document.documentElement.clientWidth]');
  expect(scrollWidth, 'page is wider than the screen').toBeLessThanOrEqual(clientWidth);
}

/** Picks the option whose text contains `text` (unit options are indented by depth). */
async function chooseOption(page: Page, label: string, text: string, scope = page.getByRole('main')) {
  const select = scope.getByLabel(label, { exact: true });
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  await select.selectOption(value!);
}

test.describe('administration', () => {
  test('an administrator manages units, officials, roles and connected applications', async ({ page, context, playwright, browser }) => {
    test.setTimeout(120_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const stamp = String(Date.now());
    const unitCode = `000.9${stamp.slice(-1)}.${stamp.slice(-3, -1)}.G99`;
    const unitName = `Bộ phận tiếp nhận thử ${stamp.slice(-4)}`;
    const email = `can-bo-${stamp}@demo.opendvc.vn`;
    const officialName = 'Ngô Thị Thu';
    const clientName = `Hệ thống một cửa tỉnh ${stamp.slice(-4)}`;

    await signIn(page, administrator.login, DEMO_TOTP_SECRET);
    const main = page.getByRole('main');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Quản trị' }).click();
    await expect(page).toHaveURL(/\/quan-tri\/don-vi$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quản trị hệ thống');
    await expect(page.getByRole('navigation', { name: 'Mục quản trị' }).getByRole('link', { name: 'Đơn vị' })).toHaveAttribute('aria-current', 'page');
    const tree = main.getByRole('list', { name: 'Danh sách đơn vị' });
    await expect(tree).toContainText('Văn phòng Bộ (Văn phòng Một cửa)');
    expect(await seriousViolations(page)).toEqual([]);

    // Units: the errors first (beside the fields and in the summary), then a new unit.
    await main.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await main.getByRole('button', { name: 'Thêm đơn vị' }).last().click();
    const summary = main.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
    await expect(summary).toBeFocused();
    await expect(main.getByLabel('Mã định danh điện tử', { exact: true })).toHaveAccessibleDescription(/000\.00\.01\.G99/);
    expect(await seriousViolations(page)).toEqual([]);
    await chooseOption(page, 'Đơn vị cấp trên', '000.00.01.G99');
    await main.getByLabel('Mã định danh điện tử', { exact: true }).fill('000.00.02.G99');
    await main.getByLabel('Tên đơn vị', { exact: true }).fill(unitName);
    await main.getByRole('button', { name: 'Thêm đơn vị' }).last().click();
    await expect(main.getByLabel('Mã định danh điện tử', { exact: true })).toHaveAccessibleDescription(/đã được dùng/);
    await main.getByLabel('Mã định danh điện tử', { exact: true }).fill(unitCode.toLowerCase());
    await main.getByRole('button', { name: 'Thêm đơn vị' }).last().click();
    await expect(main.getByRole('status').filter({ hasText: `Đã thêm đơn vị “${unitName}”.` })).toBeVisible();
    const unitRow = tree.getByRole('listitem').filter({ hasText: unitCode });
    await expect(unitRow).toContainText(unitName);
    await expect(unitRow).toContainText('0 cán bộ');

    // Officials: create one in the new unit; what to hand over is shown once.
    await page.getByRole('navigation', { name: 'Mục quản trị' }).getByRole('link', { name: 'Cán bộ' }).click();
    // The first page (ten, by name) of the demo officials; the administrator, Đỗ Văn Minh, is on the second.
    await expect(main.getByRole('list', { name: 'Danh sách cán bộ' })).toContainText('clerk@demo.opendvc.vn');
    expect(await seriousViolations(page)).toEqual([]);
    await main.getByRole('button', { name: 'Tạo tài khoản cán bộ' }).click();
    const createForm = main.getByRole('region', { name: 'Tạo tài khoản cán bộ' });
    await createForm.getByLabel('Thư điện tử', { exact: true }).fill(email);
    await createForm.getByLabel('Họ và tên', { exact: true }).fill(officialName);
    await chooseOption(page, 'Đơn vị', unitCode, createForm);
    await createForm.getByLabel('Vai trò', { exact: true }).selectOption({ label: 'Chuyên viên xử lý' });
    await createForm.getByRole('button', { name: 'Tạo tài khoản', exact: true }).click();
    const handover = main.getByRole('region', { name: `Đã tạo tài khoản cho ${officialName}` });
    await expect(handover).toBeVisible();
    await expect(handover).toContainText('chỉ hiện một lần');
    await expect(handover.getByTestId('temporary-password')).toHaveText(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    await expect(handover.getByTestId('totp-secret')).toHaveText(/^[A-Z2-7]{16,}$/);
    const temporaryPassword = (await handover.getByTestId('temporary-password').textContent())!;
    const officialSecret = (await handover.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
    await handover.getByRole('button', { name: 'Tôi đã lưu lại, đóng' }).click();
    await expect(handover).toHaveCount(0);

    // The new official's first sign-in: the temporary password works once, only to set a new one.
    const newcomerContext = await browser.newContext();
    const newcomer = await newcomerContext.newPage();
    await newcomer.goto('/dang-nhap');
    await newcomer.getByLabel('Email hoặc số điện thoại').fill(email);
    await newcomer.getByLabel('Mật khẩu', { exact: true }).fill(temporaryPassword);
    await newcomer.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await newcomer.getByLabel('Mã xác thực').fill(totp(officialSecret));
    await newcomer.getByRole('button', { name: 'Xác nhận' }).click();
    await expect(newcomer.getByRole('heading', { level: 1, name: 'Đặt mật khẩu của bạn' })).toBeVisible();
    await newcomer.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-rieng-cua-can-bo');
    await newcomer.getByLabel('Nhập lại mật khẩu').fill('mat-khau-rieng-cua-can-bo');
    await newcomer.getByRole('button', { name: 'Đặt mật khẩu và đăng nhập' }).click();
    // An official lands on the inbox after signing in.
    await expect(newcomer.getByRole('heading', { level: 1, name: 'Hộp xử lý hồ sơ' })).toBeVisible();
    await newcomerContext.close();

    // Filter to the new unit, then grant a second role there.
    await chooseOption(page, 'Đơn vị', unitCode, main.getByRole('search'));
    await main.getByRole('button', { name: 'Lọc' }).click();
    await expect(main.getByRole('status').filter({ hasText: /^1 cán bộ$/ })).toBeVisible();
    const card = main.getByRole('article', { name: officialName });
    await expect(card).toContainText('Chuyên viên xử lý');
    await expect(card).toContainText('Đã bật xác thực hai lớp');
    await card.getByRole('button', { name: `Thêm vai trò cho ${officialName}` }).click();
    const grantForm = card.getByRole('form', { name: `Thêm vai trò cho ${officialName}` });
    await grantForm.getByLabel('Vai trò', { exact: true }).selectOption({ label: 'Chuyên viên xử lý' });
    await chooseOption(page, 'Tại đơn vị', unitCode, grantForm);
    await grantForm.getByRole('button', { name: 'Thêm vai trò' }).click();
    // The same role twice: the server's answer shows beside the role.
    await expect(grantForm.getByLabel('Vai trò', { exact: true })).toHaveAccessibleDescription(/đã có vai trò này/);
    await grantForm.getByLabel('Vai trò', { exact: true }).selectOption({ label: 'Lãnh đạo đơn vị (phân công)' });
    await grantForm.getByRole('button', { name: 'Thêm vai trò' }).click();
    await expect(main.getByRole('status').filter({ hasText: 'Đã thêm vai trò.' })).toBeVisible();
    await expect(card.getByRole('listitem')).toHaveCount(2);
    await card.getByRole('button', { name: `Gỡ vai trò Chuyên viên xử lý tại ${unitName}` }).click();
    await expect(main.getByRole('status').filter({ hasText: 'Đã gỡ vai trò.' })).toBeVisible();
    await expect(card.getByRole('listitem')).toHaveCount(1);
    await expect(card).toContainText('Lãnh đạo đơn vị (phân công)');

    // Connected applications: register, see the secret once, copy it, revoke.
    await page.getByRole('navigation', { name: 'Mục quản trị' }).getByRole('link', { name: 'Ứng dụng kết nối' }).click();
    await main.getByRole('button', { name: 'Đăng ký ứng dụng' }).click();
    await main.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await expect(main.getByRole('alert').filter({ hasText: 'Chọn ít nhất một phạm vi' })).toBeVisible();
    await main.getByLabel('Tên ứng dụng / hệ thống', { exact: true }).fill(clientName);
    await main.getByRole('checkbox', { name: /Đọc thủ tục hành chính/ }).check();
    await main.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    const once = main.getByRole('region', { name: `Đã đăng ký “${clientName}”` });
    await expect(once).toContainText('Khóa bí mật chỉ hiện một lần');
    const secret = (await once.getByTestId('client-secret').textContent())!;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await once.getByRole('button', { name: 'Sao chép Khóa bí mật (client_secret)' }).click();
    await expect(once.getByRole('button', { name: 'Sao chép Khóa bí mật (client_secret)' })).toHaveText('Đã sao chép');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
    expect(await seriousViolations(page)).toEqual([]);
    await once.getByRole('button', { name: 'Tôi đã lưu lại, đóng' }).click();
    await expect(main).not.toContainText(secret);

    const clientCard = main.getByRole('article', { name: clientName });
    await expect(clientCard).toContainText('Đang hoạt động');
    await clientCard.getByRole('button', { name: `Thu hồi ứng dụng ${clientName}` }).click();
    await clientCard.getByRole('button', { name: 'Xác nhận' }).click();
    await expect(clientCard).toContainText('Đã thu hồi');
    await expect(main.getByRole('status').filter({ hasText: `Đã thu hồi “${clientName}”.` })).toBeVisible();
    // The revoked client gets no token.
    const clientId = (await clientCard.getByText(/^cli_/).textContent())!;
    // Another system has no cookies of the portal: a request context of its own.
    const otherSystem = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
    const token = await otherSystem.post('/oauth/token', { form: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret } });
    expect(token.status()).toBe(401);
    expect((await token.json()).error).toBe('invalid_client');
    await otherSystem.dispose();

    // Every section fits a 360 px screen.
    await page.setViewportSize({ width: 360, height: 740 });
    for (const [path, ready] of [['don-vi', 'Danh sách đơn vị'], ['can-bo', 'Danh sách cán bộ'], ['ung-dung', 'Danh sách ứng dụng kết nối']] as const) {
      await page.goto(`/quan-tri/${path}`);
      await expect(main.getByRole('list', { name: ready })).toBeVisible();
      await expectNoSidewaysScroll(page);
    }
  });

  test('a citizen sees "no permission", not the administration', async ({ page }) => {
    await signIn(page, citizen.login);
    const navigation = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await expect(navigation.getByRole('link', { name: 'Hồ sơ của tôi' })).toBeVisible();
    await expect(navigation.getByRole('link', { name: 'Quản trị' })).toHaveCount(0);
    await page.goto('/quan-tri/can-bo');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bạn không có quyền truy cập trang này');
    await expect(page.getByRole('list', { name: 'Danh sách cán bộ' })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('an anonymous visitor is sent to sign in', async ({ page }) => {
    await page.goto('/quan-tri');
    await expect(page).toHaveURL(/\/dang-nhap\?next=%2Fquan-tri/);
  });
});
