import { expect, test, type Page } from '@playwright/test';
import { citizen, DEMO_PASSWORD, DEMO_TOTP_SECRET, officer, representative, totp } from '../fixtures/accounts.js';

async function signIn(page: Page, login: string, password: string) {
  await page.goto('/dang-nhap');
  await page.getByLabel('Email hoặc số điện thoại').fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

test.describe('accounts', () => {
  test('a citizen signs in, sees their name and account, and signs out', async ({ page }) => {
    await page.goto('/');
    const header = page.getByRole('banner');
    await header.getByRole('link', { name: 'Đăng nhập' }).click();
    await expect(page).toHaveURL(/\/dang-nhap$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập');

    await page.getByLabel('Email hoặc số điện thoại').fill(citizen.login);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();

    await expect(page).toHaveURL(/\/tai-khoan$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tài khoản của tôi');
    const menu = header.getByRole('button', { name: `Tài khoản: ${citizen.fullName}` });
    await expect(menu).toBeVisible();
    await expect(page.getByRole('main')).toContainText(citizen.personalIdNumber);

    // The session survives a new page load (cookie); signed in, the sign-in page has nothing to do.
    await page.goto('/dang-nhap');
    await expect(page).toHaveURL(/\/tai-khoan$/);
    await expect(menu).toBeVisible();
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await header.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(header.getByRole('link', { name: 'Đăng nhập' })).toBeVisible();

    // Signed out for the server too: the account page sends back to sign-in.
    await page.goto('/tai-khoan');
    await expect(page).toHaveURL(/\/dang-nhap\?next=%2Ftai-khoan$/);
  });

  test('a wrong password shows the error at the top of the form', async ({ page }) => {
    await signIn(page, representative.login, 'not-the-password');
    const summary = page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
    await expect(summary).toBeVisible();
    await expect(summary).toContainText('Tên đăng nhập hoặc mật khẩu không đúng.');
    await expect(summary).toBeFocused();
    await expect(page).toHaveURL(/\/dang-nhap$/);
  });

  test('empty fields are named beside each field and in the summary', async ({ page }) => {
    await page.goto('/dang-nhap');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const login = page.getByLabel('Email hoặc số điện thoại');
    await expect(login).toHaveAttribute('aria-invalid', 'true');
    await expect(login).toHaveAccessibleDescription(/Nhập email hoặc số điện thoại/);
    const summary = page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
    await summary.getByRole('link', { name: 'Nhập mật khẩu' }).click();
    await expect(page.getByLabel('Mật khẩu', { exact: true })).toBeFocused();
  });

  test('the national sign-in is offered as a link', async ({ page }) => {
    await page.goto('/dang-nhap');
    await expect(page.getByRole('link', { name: 'Đăng nhập bằng Cổng Dịch vụ công quốc gia / VNeID' })).toHaveAttribute('href', '/api/v1/auth/oidc/start');
  });

  test('every way of signing in keeps the page the person was going to', async ({ page }) => {
    const target = '/thu-tuc/1.012604';
    // The header's "Đăng nhập" carries the page it was pressed on.
    await page.goto(target);
    await page.getByRole('banner').getByRole('link', { name: 'Đăng nhập' }).click();
    await expect(page).toHaveURL(`/dang-nhap?next=${encodeURIComponent(target)}`);
    // The national sign-in and registration carry it on.
    await expect(page.getByRole('link', { name: 'Đăng nhập bằng Cổng Dịch vụ công quốc gia / VNeID' })).toHaveAttribute('href', `/api/v1/auth/oidc/start?next=${encodeURIComponent(target)}`);
    await expect(page.getByRole('link', { name: 'Đăng ký tài khoản' })).toHaveAttribute('href', `/dang-ky?next=${encodeURIComponent(target)}`);
    // The "not set up" page keeps it for signing in with a password.
    await page.goto(`/dang-nhap/loi-quoc-gia?ma=auth.oidc_disabled&yeu-cau=x&next=${encodeURIComponent(target)}`);
    await page.getByRole('link', { name: /Đăng nhập bằng tài khoản của Cổng/ }).click();
    await expect(page).toHaveURL(`/dang-nhap?next=${encodeURIComponent(target)}`);
    await page.getByLabel('Email hoặc số điện thoại').fill(citizen.login);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect(page).toHaveURL(target);
  });

  test('a next that leaves the site is ignored', async ({ page }) => {
    await page.goto(`/dang-nhap?next=${encodeURIComponent('//evil.example/')}`);
    await expect(page.getByRole('link', { name: 'Đăng nhập bằng Cổng Dịch vụ công quốc gia / VNeID' })).toHaveAttribute('href', '/api/v1/auth/oidc/start');
    await page.getByLabel('Email hoặc số điện thoại').fill(citizen.login);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect(page).toHaveURL(/\/tai-khoan$/);
  });

  test('an official signs in with a code from the authenticator app', async ({ page }) => {
    await signIn(page, officer.login, DEMO_PASSWORD);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nhập mã xác thực');
    const code = page.getByLabel('Mã xác thực');
    await expect(code).toBeFocused();

    await code.fill('000000' === totp(DEMO_TOTP_SECRET) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await expect(code).toHaveAccessibleDescription(/Mã xác thực không đúng/);

    await code.fill(totp(DEMO_TOTP_SECRET));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    // Officials land on their inbox, not on the applicant's account page.
    await expect(page).toHaveURL(/\/can-bo\/ho-so$/);
    await expect(page.getByRole('banner').getByRole('button', { name: `Tài khoản: ${officer.fullName}` })).toBeVisible();
  });

  test('registering asks the new user to check their e-mail', async ({ page }) => {
    const email = `nguoi-dung-${Date.now()}@example.vn`;
    await page.goto('/dang-ky');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng ký tài khoản');
    await expect(page.getByText('Ít nhất 10 ký tự.')).toBeVisible();
    await page.getByLabel('Họ và tên').fill('Trịnh Thị Hoa');
    await page.getByLabel('Email hoặc số điện thoại').fill(email);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('mot-cum-tu-dai-de-nho');
    await page.getByLabel('Nhập lại mật khẩu').fill('mot-cum-tu-khac');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await expect(page.getByLabel('Nhập lại mật khẩu')).toHaveAccessibleDescription(/Mật khẩu nhập lại không khớp/);

    await page.getByLabel('Nhập lại mật khẩu').fill('mot-cum-tu-dai-de-nho');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await expect(page).toHaveURL(/\/dang-ky\/kiem-tra-thu$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kiểm tra hộp thư của bạn');
    await expect(page.getByRole('main')).toContainText(email);

    // A phone number that already has an account is answered like any other: the page asks for
    // the code (its owner gets a notice instead, see phone-verification.spec.ts).
    await page.goto('/dang-ky');
    await page.getByLabel('Họ và tên').fill('Trịnh Thị Hoa');
    await page.getByLabel('Email hoặc số điện thoại').fill(citizen.phone);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('mot-cum-tu-dai-de-nho');
    await page.getByLabel('Nhập lại mật khẩu').fill('mot-cum-tu-dai-de-nho');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await expect(page).toHaveURL(/\/xac-thuc-so-dien-thoai$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nhập mã xác thực');
  });

  test('the profile is edited, with the server’s field errors beside the fields', async ({ page }) => {
    await signIn(page, citizen.login, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/tai-khoan$/);
    await page.getByRole('button', { name: 'Sửa thông tin' }).click();

    // The demo citizen's ID number was verified: it is shown, not editable.
    const id = page.getByLabel('Số định danh cá nhân');
    await expect(id).toHaveValue(citizen.personalIdNumber);
    await expect(id).toHaveAttribute('readonly', '');

    const phone = page.getByLabel('Số điện thoại');
    await phone.fill('0123');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await expect(phone).toHaveAccessibleDescription(/số di động Việt Nam gồm 10 chữ số/);
    await expect(page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' })).toBeVisible();

    await phone.fill(citizen.phone);
    // The address is chosen by administrative units (profile-address.spec.ts); here only its street line changes.
    await page.getByLabel('Số nhà, đường phố, thôn, tổ').fill('Số 12 phố Tôn Thất Thuyết');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã lưu thông tin cá nhân.' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('Số 12 phố Tôn Thất Thuyết');
  });
});
