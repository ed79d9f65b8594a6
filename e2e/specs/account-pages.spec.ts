import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, totp } from '../fixtures/accounts.js';
import { linkIn, waitForMail } from '../fixtures/mail.js';
import { freshOfficial, freshOfficialCredentials } from '../fixtures/official.js';
import { chooseUnit, unitSelect } from '../fixtures/places.js';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

async function signIn(page: Page, login: string, password: string, code?: string) {
  // Officials land on their inbox by default: these specs start from the account page.
  await page.goto('/dang-nhap?next=%2Ftai-khoan');
  await page.getByLabel('Email hoặc số điện thoại').fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  if (code !== undefined) {
    await page.getByLabel('Mã xác thực').fill(code);
    await page.getByRole('button', { name: 'Xác nhận' }).click();
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' })).toBeVisible();
}

/** Registers an applicant by e-mail through the page; returns the address. */
async function register(page: Page, name: string, password: string) {
  const email = `nguoi-${Date.now()}-${Math.floor(Math.random() * 1000)}@example.vn`;
  await page.goto('/dang-ky');
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Email hoặc số điện thoại').fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByLabel('Nhập lại mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await expect(page).toHaveURL(/\/dang-ky\/kiem-tra-thu$/);
  return email;
}

test.describe('e-mail verification and password reset', () => {
  // Several sign-ins (argon2) and e-mails through the job queue and SMTP.
  test.describe.configure({ timeout: 90_000 });

  test('the link in the e-mail lands on a portal page; a used link offers a new one', async ({ page }) => {
    const password = 'mot-cum-tu-dai-de-nho';
    const email = await register(page, 'Phan Thị Thu', password);
    const link = linkIn(await waitForMail(email), '/xac-minh-email');
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đã xác minh địa chỉ thư điện tử');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Liên kết đã hết hạn hoặc đã được dùng');
    await page.getByRole('button', { name: 'Gửi lại liên kết xác minh' }).click();
    await expect(page.getByLabel('Địa chỉ thư điện tử')).toHaveAccessibleDescription(/Nhập địa chỉ thư điện tử/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Địa chỉ thư điện tử').fill(email);
    await page.getByRole('button', { name: 'Gửi lại liên kết xác minh' }).click();
    // Verified already: the same answer, and no new mail.
    await expect(page.getByRole('status')).toContainText('Nếu địa chỉ này có tài khoản chưa xác minh');
    await signIn(page, email, password);
  });

  test('a forgotten password is reset from the e-mail link, without telling which addresses have accounts', async ({ page }) => {
    const email = await register(page, 'Đoàn Văn Quên', 'mat-khau-cu-rat-dai');
    await page.goto(linkIn(await waitForMail(email), '/xac-minh-email'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đã xác minh địa chỉ thư điện tử');

    await page.goto('/dang-nhap');
    await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
    await expect(page).toHaveURL(/\/quen-mat-khau$/);
    await page.getByRole('button', { name: 'Gửi liên kết đặt lại mật khẩu' }).click();
    await expect(page.getByLabel('Địa chỉ thư điện tử')).toHaveAttribute('aria-invalid', 'true');
    expect(await seriousViolations(page)).toEqual([]);

    // An address without an account gets the very same answer.
    await page.getByLabel('Địa chỉ thư điện tử').fill('khong-co-tai-khoan@example.vn');
    await page.getByRole('button', { name: 'Gửi liên kết đặt lại mật khẩu' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kiểm tra hộp thư của bạn');
    const unknownText = (await page.getByRole('status').textContent())!.replace('khong-co-tai-khoan@example.vn', 'ADDRESS');

    await page.goto('/quen-mat-khau');
    await page.getByLabel('Địa chỉ thư điện tử').fill(email);
    await page.getByRole('button', { name: 'Gửi liên kết đặt lại mật khẩu' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kiểm tra hộp thư của bạn');
    expect((await page.getByRole('status').textContent())!.replace(email, 'ADDRESS')).toBe(unknownText);

    const reset = linkIn(await waitForMail(email, 2), '/dat-lai-mat-khau');
    await page.goto(reset);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đặt mật khẩu mới');
    await expect(page.getByText('Ít nhất 10 ký tự.')).toBeVisible();
    await page.getByLabel('Mật khẩu', { exact: true }).fill('ngan');
    await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    await expect(page.getByLabel('Mật khẩu', { exact: true })).toHaveAccessibleDescription(/ít nhất 10 ký tự/);
    await expect(page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' })).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-moi-rat-dai');
    await page.getByLabel('Nhập lại mật khẩu').fill('mat-khau-moi-rat-dai');
    await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đã đặt mật khẩu mới');

    // The link works once.
    await page.goto(reset);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-khac-rat-dai');
    await page.getByLabel('Nhập lại mật khẩu').fill('mat-khau-khac-rat-dai');
    await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Liên kết không hợp lệ hoặc đã hết hạn');
    await expect(page.getByRole('link', { name: 'Yêu cầu liên kết mới' })).toBeVisible();

    await signIn(page, email, 'mat-khau-moi-rat-dai');
  });
});

test.describe('organisations and representatives', () => {
  // Several sign-ins (argon2) and e-mails through the job queue and SMTP.
  test.describe.configure({ timeout: 90_000 });

  test('an organisation is created after a bad tax code, and an owner adds a member', async ({ page }) => {
    await signIn(page, 'citizen@demo.opendvc.vn', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Doanh nghiệp / tổ chức' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Doanh nghiệp / tổ chức');
    await expect(page.getByRole('main')).toContainText('Bạn chưa có doanh nghiệp, tổ chức nào.');
    expect(await seriousViolations(page)).toEqual([]);

    const taxCode = page.getByLabel('Mã số thuế');
    await taxCode.fill('12345');
    await page.getByLabel('Tên doanh nghiệp / tổ chức').fill('Công ty TNHH Bình Minh');
    await page.getByRole('button', { name: 'Đăng ký doanh nghiệp / tổ chức' }).click();
    await expect(taxCode).toHaveAttribute('aria-invalid', 'true');
    await expect(taxCode).toHaveAccessibleDescription(/Mã số thuế gồm 10 chữ số, hoặc 13 chữ số/);
    await expect(page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' })).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);

    // A code registered by someone else is answered like any other (nothing tells that it is
    // taken): the caller gets their own claim, not verified, with what to do.
    await taxCode.fill('0101234567');
    await page.getByLabel('Tên doanh nghiệp / tổ chức').fill('Công ty TNHH Trùng Mã');
    await page.getByRole('button', { name: 'Đăng ký doanh nghiệp / tổ chức' }).click();
    await expect(page.getByRole('status')).toContainText('Đã thêm Công ty TNHH Trùng Mã.');
    const claimed = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Công ty TNHH Trùng Mã' }) });
    await expect(claimed.getByText('Chưa xác minh', { exact: true })).toBeVisible();

    await page.getByLabel('Tên doanh nghiệp / tổ chức').fill('Công ty TNHH Bình Minh');
    const code = `01${String(Date.now()).slice(-8)}-001`;
    await taxCode.fill(code);
    // The head office is chosen from the administrative units in force, as the profile's address;
    // a province without its commune is named before anything is sent.
    await expect(page.getByRole('group', { name: 'Địa chỉ trụ sở' })).toBeVisible();
    await chooseUnit(page, /^Tỉnh, thành phố/, 'ha noi', 'Thành phố Hà Nội');
    await page.getByRole('button', { name: 'Đăng ký doanh nghiệp / tổ chức' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Vui lòng chọn xã, phường, đặc khu của địa chỉ' });
    await expect(summary).toBeFocused();
    await summary.getByRole('link', { name: 'Vui lòng chọn xã, phường, đặc khu của địa chỉ' }).click();
    await expect(unitSelect(page, /^Xã, phường, đặc khu/)).toBeFocused();
    await page.keyboard.press('Escape');
    expect(await seriousViolations(page)).toEqual([]);
    await chooseUnit(page, /^Xã, phường, đặc khu/, 'lang', 'Phường Láng');
    await page.getByLabel('Số nhà, đường phố, thôn, tổ').fill('Số 25 phố Láng Hạ');
    await page.screenshot({ path: `test-results/organisation-head-office-${page.viewportSize()!.width}.png`, fullPage: true });
    await page.getByRole('button', { name: 'Đăng ký doanh nghiệp / tổ chức' }).click();
    await expect(page.getByRole('status')).toContainText('Đã thêm Công ty TNHH Bình Minh.');
    const card = page.getByRole('listitem').filter({ hasText: 'Công ty TNHH Bình Minh' });
    await expect(card).toContainText(code);
    await expect(card).toContainText('Số 25 phố Láng Hạ, Phường Láng, Thành phố Hà Nội');
    await expect(card).toContainText('Chủ sở hữu');

    await card.getByRole('button', { name: 'Xem thành viên của Công ty TNHH Bình Minh' }).click();
    await card.getByLabel('Thư điện tử của thành viên').fill('representative@demo.opendvc.vn');
    await card.getByRole('button', { name: 'Thêm thành viên' }).click();
    await expect(card.getByRole('status')).toContainText('Đã gửi lời mời.');
    // Nothing of the invitee before they accept: the address typed, waiting.
    await expect(card.getByRole('list', { name: 'Lời mời chưa được chấp nhận' })).toContainText('representative@demo.opendvc.vn — Đang chờ chấp nhận');
    await expect(card.getByRole('list', { name: 'Xem thành viên của Công ty TNHH Bình Minh' })).not.toContainText('Lê Văn Cường');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('a business owner authorises a representative, who sees it; the owner then ends it', async ({ page, browser }) => {
    await signIn(page, 'business@demo.opendvc.vn', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Người được ủy quyền' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Người được ủy quyền');
    expect(await seriousViolations(page)).toEqual([]);

    const onBehalf = page.getByLabel('Ủy quyền thay cho');
    await expect(onBehalf.locator('option')).not.toHaveCount(1);
    await page.getByRole('button', { name: 'Ủy quyền', exact: true }).click();
    await expect(page.getByLabel('Thư điện tử của người được ủy quyền')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Phạm vi ủy quyền')).toHaveAccessibleDescription(/phạm vi ủy quyền/);
    expect(await seriousViolations(page)).toEqual([]);

    await onBehalf.selectOption({ index: 1 });
    const orgLabel = (await onBehalf.locator('option:checked').textContent())!;
    const orgName = orgLabel.replace(/ \(\d[\d-]+\)$/, '');
    await page.getByLabel('Thư điện tử của người được ủy quyền').fill('citizen@demo.opendvc.vn');
    const scope = `Nộp hồ sơ cấp phép môi trường ${Date.now()}`;
    await page.getByLabel('Phạm vi ủy quyền').fill(scope);
    await page.getByLabel('Số, ngày giấy ủy quyền').fill('Giấy ủy quyền số 07/2026 ngày 01/11/2026');
    await page.getByRole('button', { name: 'Ủy quyền', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Đã gửi lời mời.');
    await expect(page.getByRole('region', { name: 'Lời mời chưa được chấp nhận' })).toContainText('citizen@demo.opendvc.vn — Đang chờ chấp nhận');

    // The invitee accepts in their account, then sees whom they may act for.
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await signIn(other, 'citizen@demo.opendvc.vn', DEMO_PASSWORD);
    await other.goto('/tai-khoan/uy-quyen');
    const invitation = other.getByRole('region', { name: 'Lời mời', exact: true }).getByRole('listitem').filter({ hasText: scope });
    await invitation.getByRole('button', { name: 'Chấp nhận' }).click();
    await expect(other.getByRole('status')).toContainText('Đã chấp nhận lời mời.');
    await page.reload();
    const given = page.getByRole('region', { name: 'Tôi đã ủy quyền' }).getByRole('listitem').filter({ hasText: scope });
    await expect(given).toContainText('Nguyễn Văn An');
    await expect(given).toContainText(`Cho ${orgName}`);
    await expect(given).toContainText('Đang hiệu lực');
    const received = other.getByRole('region', { name: 'Tôi được ủy quyền' }).getByRole('listitem').filter({ hasText: scope });
    await expect(received).toContainText(orgName);
    await expect(received).toContainText('Đang hiệu lực');
    expect(await seriousViolations(other)).toEqual([]);

    await given.getByRole('button', { name: 'Chấm dứt ủy quyền cho Nguyễn Văn An' }).click();
    await given.getByRole('button', { name: 'Chấm dứt ủy quyền', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Đã chấm dứt ủy quyền.');
    // It started today: nothing of it remains in force.
    await expect(page.getByRole('region', { name: 'Tôi đã ủy quyền' }).getByRole('listitem').filter({ hasText: scope })).toHaveCount(0);
    await other.reload();
    await expect(other.getByRole('region', { name: 'Tôi được ủy quyền' }).getByRole('listitem').filter({ hasText: scope })).toHaveCount(0);
    await otherContext.close();
  });
});

test.describe('invitation by e-mail link', () => {
  // Registration, e-mail verification and several sign-ins (argon2); mail through the job queue.
  test.describe.configure({ timeout: 90_000 });

  test('an address without an account is invited, registers, and accepts through the link after signing in', async ({ page, browser }) => {
    const ownerContext = await browser.newContext();
    const owner = await ownerContext.newPage();
    await signIn(owner, 'business@demo.opendvc.vn', DEMO_PASSWORD);
    await owner.goto('/tai-khoan/uy-quyen');
    const email = `moi-${Date.now()}@example.vn`;
    const scope = `Nhận kết quả thay doanh nghiệp ${Date.now()}`;
    await owner.getByLabel('Thư điện tử của người được ủy quyền').fill(email);
    await owner.getByLabel('Phạm vi ủy quyền').fill(scope);
    await owner.getByLabel('Số, ngày giấy ủy quyền').fill('Giấy ủy quyền số 09/2026');
    await owner.getByRole('button', { name: 'Ủy quyền', exact: true }).click();
    await expect(owner.getByRole('status')).toContainText('Đã gửi lời mời.');
    await expect(owner.getByRole('region', { name: 'Lời mời chưa được chấp nhận' })).toContainText(`${email} — Đang chờ chấp nhận`);

    const invitation = await waitForMail(email);
    expect(invitation.text).toContain('chưa có tài khoản OpenDVC');
    const link = linkIn(invitation, '/loi-moi');

    await page.goto('/dang-ky');
    await page.getByLabel('Họ và tên').fill('Đỗ Thị Mời');
    await page.getByLabel('Email hoặc số điện thoại').fill(email);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-nguoi-moi');
    await page.getByLabel('Nhập lại mật khẩu').fill('mat-khau-nguoi-moi');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await expect(page).toHaveURL(/\/dang-ky\/kiem-tra-thu$/);
    await page.goto(linkIn(await waitForMail(email, 2), '/xac-minh-email'));
    await expect(page.getByRole('heading', { level: 1, name: 'Đã xác minh địa chỉ thư điện tử' })).toBeVisible();

    // The link asks to sign in, then comes back to the invitation.
    await page.context().clearCookies();
    await page.goto(link);
    await expect(page).toHaveURL(/\/dang-nhap\?next=/);
    await page.getByLabel('Email hoặc số điện thoại').fill(email);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-nguoi-moi');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('button', { name: 'Chấp nhận' }).click();
    await expect(page.getByRole('status')).toContainText('Đã chấp nhận lời mời.');

    await owner.reload();
    await expect(owner.getByRole('region', { name: 'Tôi đã ủy quyền' }).getByRole('listitem').filter({ hasText: scope })).toContainText('Đỗ Thị Mời');
    await ownerContext.close();
  });
});

test.describe('changing one\'s password', () => {
  // Registration, e-mail verification and several sign-ins (argon2).
  test.describe.configure({ timeout: 90_000 });

  test('needs the current password, and signs out the other devices', async ({ page, browser }) => {
    const email = await register(page, 'Mai Văn Đổi', 'mat-khau-cu-rat-dai');
    await page.goto(linkIn(await waitForMail(email), '/xac-minh-email'));
    await expect(page.getByRole('heading', { level: 1, name: 'Đã xác minh địa chỉ thư điện tử' })).toBeVisible();
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await signIn(other, email, 'mat-khau-cu-rat-dai');
    await signIn(page, email, 'mat-khau-cu-rat-dai');

    await page.getByRole('link', { name: 'Đổi mật khẩu' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đổi mật khẩu');
    await page.getByLabel('Mật khẩu hiện tại').fill('khong-phai-mat-khau');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-moi-rat-dai');
    await page.getByLabel('Nhập lại mật khẩu').fill('mat-khau-moi-rat-dai');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect(page.getByLabel('Mật khẩu hiện tại')).toHaveAccessibleDescription(/không đúng/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Mật khẩu hiện tại').fill('mat-khau-cu-rat-dai');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã đổi mật khẩu. Đã kết thúc 1 phiên' })).toBeVisible();

    // The other device is signed out; the new password works.
    await other.goto('/tai-khoan');
    await expect(other).toHaveURL(/\/dang-nhap/);
    await otherContext.close();
    await page.goto('/tai-khoan');
    await expect(page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' })).toBeVisible();
  });
});

test.describe('authenticator app of an official', () => {
  // Several sign-ins (argon2) and e-mails through the job queue and SMTP.
  test.describe.configure({ timeout: 90_000 });

  test('a freshly created official enrols a new authenticator app and keeps the recovery codes', async ({ page }) => {
    const { totpSecret } = freshOfficialCredentials();
    await signIn(page, freshOfficial.email, freshOfficial.password, totp(totpSecret));
    await page.getByRole('link', { name: 'Ứng dụng xác thực' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ứng dụng xác thực');
    // A session alone cannot replace the second factor.
    await page.getByRole('button', { name: 'Bắt đầu đăng ký' }).click();
    await expect(page.getByLabel('Mật khẩu hiện tại')).toHaveAccessibleDescription(/Nhập mật khẩu hiện tại/);
    await page.getByLabel('Mật khẩu hiện tại').fill('khong-phai-mat-khau');
    await page.getByRole('button', { name: 'Bắt đầu đăng ký' }).click();
    await expect(page.getByLabel('Mật khẩu hiện tại')).toHaveAccessibleDescription(/không đúng/);
    await page.getByLabel('Mật khẩu hiện tại').fill(freshOfficial.password);
    await page.getByRole('button', { name: 'Bắt đầu đăng ký' }).click();
    await expect(page.getByRole('img', { name: 'Mã QR để thêm tài khoản vào ứng dụng xác thực' })).toBeVisible();
    const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await seriousViolations(page)).toEqual([]);

    const code = page.getByLabel('Mã xác thực');
    await code.fill('12345');
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await expect(code).toHaveAccessibleDescription(/6 chữ số/);
    await code.fill(totp(secret));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đã bật ứng dụng xác thực');
    const codes = await page.getByRole('list', { name: 'Mã khôi phục' }).getByRole('listitem').allTextContents();
    expect(codes.length).toBeGreaterThanOrEqual(8);
    expect(await seriousViolations(page)).toEqual([]);

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải về tệp mã khôi phục' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('ma-khoi-phuc-opendvc.txt');
    const saved = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(saved, 'utf8').trim().split('\n')).toEqual(codes);
    await page.getByRole('link', { name: 'Tôi đã lưu các mã' }).click();
    await expect(page).toHaveURL(/\/tai-khoan$/);

    // Signed out everywhere, the official signs in with a recovery code (the new app's codes work too).
    await page.getByRole('button', { name: 'Đăng xuất trên mọi thiết bị' }).click();
    await expect(page).toHaveURL(/\/$/);
    await signIn(page, freshOfficial.email, freshOfficial.password, codes[0]!);
  });
});

test.describe('360 px', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test('the account pages fit a small phone', async ({ page }) => {
    await signIn(page, 'business@demo.opendvc.vn', DEMO_PASSWORD);
    for (const path of ['/tai-khoan', '/tai-khoan/to-chuc', '/tai-khoan/uy-quyen', '/quen-mat-khau', '/dang-nhap/loi-quoc-gia?ma=auth.oidc_failed']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
  });
});
