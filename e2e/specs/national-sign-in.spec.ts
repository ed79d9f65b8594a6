import { expect, test, type Page } from '@playwright/test';
import { nationalPeople, oidcIssuer } from '../fixtures/services.js';

/** From the sign-in page, through the test provider's sign-in page, and back. */
async function nationalSignIn(page: Page, person: { name: string }) {
  await page.goto('/dang-nhap');
  await page.getByRole('link', { name: 'Đăng nhập bằng Cổng Dịch vụ công quốc gia / VNeID' }).click();
  await expect(page).toHaveURL(new RegExp(`^${oidcIssuer}/interaction/`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cổng xác thực thử nghiệm');
  await page.getByRole('button', { name: `Đăng nhập với tư cách ${person.name}` }).click();
}

test.describe('national sign-in (OpenID Connect)', () => {
  test('a person with a verified ID number signs in, and signs in again to the same account', async ({ page, context }) => {
    const person = nationalPeople.verified;
    await nationalSignIn(page, person);
    const header = page.getByRole('banner');
    const menu = header.getByRole('button', { name: `Tài khoản: ${person.name}` });
    await expect(menu).toBeVisible();

    await page.goto('/tai-khoan');
    const main = page.getByRole('main');
    await expect(main).toContainText(`${person.personal_id_number} — Đã xác thực qua Cổng Dịch vụ công quốc gia / VNeID`);
    await page.getByRole('button', { name: 'Sửa thông tin' }).click();
    const id = page.getByLabel('Số định danh cá nhân');
    await expect(id).toHaveValue(person.personal_id_number);
    await expect(id).toHaveAttribute('readonly', '');
    await expect(id).toHaveAccessibleDescription(/không sửa được/);
    await page.getByRole('button', { name: 'Hủy' }).click();
    const firstId = await page.evaluate(async () => (await (await fetch('/api/v1/me')).json()).id as string);

    // Signed out of the portal and of the provider: the second sign-in goes through the provider's page again.
    await menu.click();
    await header.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(header.getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
    await context.clearCookies();
    await nationalSignIn(page, person);
    await expect(menu).toBeVisible();
    const secondId = await page.evaluate(async () => (await (await fetch('/api/v1/me')).json()).id as string);
    expect(secondId).toBe(firstId);
  });

  test('a person whose ID number is not verified gets a clear page in Vietnamese', async ({ page }) => {
    await nationalSignIn(page, nationalPeople.unverified);
    await expect(page).toHaveURL(/\/dang-nhap\/loi-quoc-gia\?ma=auth\.oidc_id_unverified&ly-do=unverified&yeu-cau=/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chưa đăng nhập được bằng tài khoản quốc gia');
    const main = page.getByRole('main');
    await expect(main).toContainText('Số định danh cá nhân của bạn chưa được xác thực trên Cổng Dịch vụ công quốc gia / VNeID.');
    await expect(main).toContainText('Mã tra cứu khi cần hỗ trợ:');
    await expect(main.getByRole('link', { name: 'Đăng nhập bằng tài khoản của Cổng' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
  });

  test('a stale or forged return from the provider shows the portal page, not JSON', async ({ page }) => {
    await page.goto('/api/v1/auth/oidc/callback?code=gia-mao&state=gia-mao');
    await expect(page).toHaveURL(/\/dang-nhap\/loi-quoc-gia\?ma=auth\.oidc_failed/);
    await expect(page.getByRole('main')).toContainText('đã hết hạn hoặc bị gián đoạn');
    await expect(page.getByRole('link', { name: 'Thử đăng nhập lại bằng VNeID' })).toHaveAttribute('href', '/api/v1/auth/oidc/start');
  });
});
