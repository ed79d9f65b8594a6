/**
 * Filing online on a phone (360 × 740): a citizen files a surface-water abstraction dossier from
 * the procedure page to the receipt slip in at most four steps, with autosave across a reload and
 * files judged by content; then finds it in "Hồ sơ của tôi" and on the public tracking page. The
 * one-stop officer asks for a supplement, the citizen answers it, the officer receives it; and a
 * counter intake by the officer.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { citizen, officer } from '../fixtures/accounts.js';
import { surfaceWater } from '../fixtures/catalog.js';
import { payFilingFee } from '../fixtures/payments.js';
import { disguisedGif, smallPdf } from '../fixtures/files.js';
import { discardDrafts } from '../fixtures/eform.js';
import { fillSignIn, signIn } from '../fixtures/sign-in.js';
import { chooseUnit } from '../fixtures/places.js';

test.use({ viewport: { width: 360, height: 740 } });
test.describe.configure({ mode: 'serial' });
// Several people's steps in one test; CI runs three browser shards at once on 2 cores.
test.setTimeout(180_000);

const shared: { code?: string; dossierUrl?: string } = {};

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Records each "Bước n/4" the applicant sees. */
async function seenStep(page: Page, steps: Set<string>) {
  const text = (await page.getByTestId('journey-step').textContent()) ?? '';
  const m = /Bước (\d)\/(\d)/.exec(text);
  expect(m, `step indicator: ${text}`).not.toBeNull();
  expect(Number(m![2])).toBeLessThanOrEqual(4);
  steps.add(m![1]!);
}

/** A second person on another phone (own cookies). */
async function phonePage(browser: Browser) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 360, height: 740 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  return context.newPage();
}

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

test('a citizen files a surface-water dossier online in at most four steps', async ({ page }) => {
  const steps = new Set<string>();
  // Setup: a citizen who has not begun this procedure (no draft left by another spec), signed out.
  await signIn(page, citizen.login);
  await discardDrafts(page, surfaceWater.code);
  await page.context().clearCookies();

  // From the procedure page, not signed in: sign in and come back to the journey.
  await page.goto(`/thu-tuc/${surfaceWater.code}`);
  // On a phone the action is also right under the title.
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).first().click();
  await expect(page).toHaveURL(/\/dang-nhap\?next=/);
  await fillSignIn(page, citizen.login);

  // Step 1 asks only when there are several online cases; whom the dossier is for is the form's
  // first question (when there is a choice).
  const start = page.getByRole('button', { name: 'Bắt đầu điền tờ khai' });
  await expect(start.or(page.getByRole('heading', { level: 1, name: 'Điền tờ khai' }))).toBeVisible();
  if (await start.isVisible()) {
    await seenStep(page, steps);
    await start.click();
  }
  await expect(page).toHaveURL(/\/nop-ho-so\/[^/?]+\?buoc=2/);
  await expect(page.getByRole('heading', { level: 1, name: 'Điền tờ khai' })).toBeVisible();
  await seenStep(page, steps);
  const draftUrl = page.url();

  // Prefilled from the profile.
  await expect(page.getByLabel(/Người đại diện theo pháp luật/)).toHaveValue(citizen.fullName);
  await page.getByLabel(/Tên tổ chức, doanh nghiệp/).fill('Công ty TNHH Nước sạch Sông Hồng');
  await page.getByLabel(/Mã số thuế/).fill('0100109106');
  await page.getByLabel(/Địa chỉ trụ sở chính/).fill('Số 5 phố Tràng Tiền, Hoàn Kiếm, Hà Nội');
  await page.getByLabel(/^Chức vụ/).fill('Giám đốc');
  await expect(page.getByTestId('autosave-status')).toHaveText(/Đã lưu lúc \d{2}:\d{2}/);

  // Reload mid-way: nothing typed is lost and the journey is where it was.
  await page.reload();
  await expect(page).toHaveURL(draftUrl);
  await expect(page.getByLabel(/Tên tổ chức, doanh nghiệp/)).toHaveValue('Công ty TNHH Nước sạch Sông Hồng');
  await expect(page.getByLabel(/^Chức vụ/)).toHaveValue('Giám đốc');

  await page.getByLabel(/Nguồn nước khai thác/).fill('Sông Hồng');
  await chooseUnit(page, /Tỉnh, thành phố trực thuộc trung ương/, 'ha noi', 'Thành phố Hà Nội');
  await chooseUnit(page, /Xã, phường, đặc khu/, 'ba dinh', 'Phường Ba Đình');
  await page.getByLabel(/Tọa độ X/).fill('2325000');
  await page.getByLabel(/Tọa độ Y/).fill('586000');
  await page.getByLabel('Cấp nước sinh hoạt').check();
  await page.getByLabel(/Lưu lượng khai thác lớn nhất/).fill('5000');
  await page.getByLabel(/Thời hạn đề nghị cấp phép/).fill('10');
  await expect(page.getByTestId('autosave-status')).toHaveText(/Đã lưu lúc/);
  await noHorizontalScroll(page);

  // The documents follow the form on the same page. A GIF named .pdf is refused with the server's Vietnamese message.
  await expect(page.getByRole('region', { name: 'Giấy tờ đính kèm' })).toBeVisible();
  const mandatory = page.locator('input[type=file]');
  await expect(mandatory.first()).toBeAttached();
  await page.getByLabel('Chọn tệp cho: Đề án khai thác, sử dụng nước mặt').setInputFiles({ name: 'de-an.pdf', mimeType: 'application/pdf', buffer: disguisedGif() });
  await expect(page.getByRole('alert').filter({ hasText: /không phải là tệp PDF thực sự/ })).toBeVisible();

  // Going on with a mandatory document missing is stopped with the list of what is missing.
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /giấy tờ bắt buộc chưa đính kèm/ })).toBeVisible();

  const pdf = await smallPdf('ho so');
  const components = await page.locator('section[id^="thanh-phan-"]').filter({ has: page.getByText('Bắt buộc', { exact: true }) }).all();
  expect(components.length).toBeGreaterThanOrEqual(1);
  for (const section of components) {
    const input = section.locator('input[type=file]');
    const name = ((await input.getAttribute('aria-label')) ?? '').replace('Chọn tệp cho: ', '');
    await input.setInputFiles({ name: `${name.slice(0, 20)}.pdf`, mimeType: 'application/pdf', buffer: pdf });
    await expect(section.getByRole('button', { name: /^Xóa tệp/ })).toBeVisible();
  }
  await expect(page.getByRole('alert').filter({ hasText: /không phải là tệp PDF thực sự/ })).toHaveCount(0);
  await noHorizontalScroll(page);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  // Step 3: review, with a way back to the form and to the documents.
  await expect(page.getByRole('heading', { level: 1, name: 'Kiểm tra và nộp' })).toBeVisible();
  await seenStep(page, steps);
  await expect(page.getByRole('link', { name: 'Sửa: Tờ khai' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sửa: Giấy tờ đính kèm' })).toBeVisible();
  await expect(page.getByTestId('answers').getByText('Công ty TNHH Nước sạch Sông Hồng', { exact: true })).toBeVisible();
  // Filed for the company the form names (a procedure for businesses), by the citizen.
  await expect(page.getByText(`Công ty TNHH Nước sạch Sông Hồng (do ${citizen.fullName} nộp thay)`)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // The declaration is the text above the button, with nothing to tick: pressing "Nộp hồ sơ" makes it.
  await expect(page.getByRole('region', { name: 'Lời cam đoan' })).toContainText('Bằng việc bấm “Nộp hồ sơ”, tôi cam đoan các thông tin và giấy tờ trên là đúng sự thật');
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();

  // Step 4: the code, the appointment and the receipt slip.
  await expect(page.getByRole('heading', { name: 'Đã nộp hồ sơ thành công' })).toBeVisible();
  await seenStep(page, steps);
  const code = (await page.getByTestId('dossier-code').textContent())!.trim();
  expect(code).toMatch(/^[\d.A-Z]+-\d{6}-\d{4}$/);
  await expect(page.getByText(/^\d{2}\/\d{2}\/\d{4}$/).first()).toBeVisible();
  const receipt = page.getByRole('link', { name: 'Tải giấy tiếp nhận (PDF)' });
  const response = await page.request.get((await receipt.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/pdf');
  expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
  expect(await seriousViolations(page)).toEqual([]);

  // Counted: never more than four steps from the procedure page to the confirmation.
  expect(steps.size).toBeLessThanOrEqual(4);
  expect([...steps].map(Number).sort((a, b) => a - b).filter((n) => n > 1)).toEqual([2, 3, 4]);
  shared.code = code;
  shared.dossierUrl = draftUrl;
});

test('a dossier no longer a draft, opened at the journey address, is sent to its page', async ({ page }) => {
  // Serial file: the first test files the dossier; run the whole file, not this test alone.
  expect(shared.dossierUrl, 'the dossier filed by the first test of this file').toBeTruthy();
  await signIn(page, citizen.login);
  const id = new URL(shared.dossierUrl!).pathname.split('/')[2]!;
  // An old link or a bookmark to the form or the review step of a dossier since submitted.
  for (const step of [2, 3]) {
    await page.goto(`/nop-ho-so/${id}?buoc=${step}`);
    await expect(page).toHaveURL(new RegExp(`/nop-ho-so/${id}/da-nop$`));
    await expect(page.getByRole('heading', { name: 'Đã nộp hồ sơ thành công' })).toBeVisible();
    await expect(page.getByTestId('dossier-code')).toHaveText(shared.code!);
    await expect(page.getByRole('button', { name: 'Nộp hồ sơ' })).toHaveCount(0);
  }
});

test('the citizen finds the dossier in “Hồ sơ của tôi” and on the public tracking page', async ({ page }) => {
  // Serial file: the first test files the dossier; run the whole file, not this test alone.
  expect(shared.code, 'the dossier filed by the first test of this file').toBeTruthy();
  await signIn(page, citizen.login);
  // The appraisal fee is paid at filing, through the national payment platform (simulator).
  await payFilingFee(page, new URL(shared.dossierUrl!).pathname.split('/')[2]!);
  await page.screenshot({ path: test.info().outputPath('paid-360.png'), fullPage: true });
  // On a phone the main navigation is behind the menu button.
  await page.getByRole('button', { name: 'Mở menu' }).click();
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ của tôi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' })).toBeVisible();
  const card = page.getByRole('article', { name: shared.code });
  await expect(card).toContainText('Chờ tiếp nhận');
  await expect(card).toContainText(surfaceWater.name);
  expect(await seriousViolations(page)).toEqual([]);

  // Filtering by another status hides it (one no test here gives a dossier: a retry of this file
  // runs after the first attempt's dossiers, one of them withdrawn).
  await page.getByRole('combobox', { name: 'Trạng thái' }).selectOption({ label: 'Từ chối tiếp nhận' });
  await expect(page.getByRole('heading', { name: 'Bạn chưa có hồ sơ nào' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Tìm thủ tục' })).toBeVisible();

  await page.goto(`/tra-cuu?code=${encodeURIComponent(shared.code!)}`);
  await expect(page.getByLabel('Mã hồ sơ')).toHaveValue(shared.code!);
  await page.getByLabel('4 số cuối số định danh hoặc số điện thoại').fill('12');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(page.getByText('Nhập đúng 4 chữ số')).toBeVisible();
  await page.getByLabel('4 số cuối số định danh hoặc số điện thoại').fill('9999');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(page.getByRole('alert')).toContainText('Không tìm thấy hồ sơ với mã và 4 số cuối này');
  await page.getByLabel('4 số cuối số định danh hoặc số điện thoại').fill(citizen.phone.slice(-4));
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  const result = page.getByRole('region', { name: 'Kết quả tra cứu' });
  await expect(result).toContainText(shared.code!);
  await expect(result).toContainText('Mới đăng ký');
  expect(await seriousViolations(page)).toEqual([]);

  // Guessing is slowed down: past the per-minute allowance the page says to wait.
  const rateLimited = page.getByRole('alert').filter({ hasText: 'Bạn đã tra cứu quá nhiều lần. Vui lòng chờ một phút rồi thử lại.' });
  await page.getByLabel('4 số cuối số định danh hoặc số điện thoại').fill('0000');
  for (let i = 0; i < 15 && !(await rateLimited.isVisible()); i++) {
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect(page.getByRole('button', { name: 'Tra cứu' })).toBeEnabled();
    await page.waitForTimeout(100);
  }
  await expect(rateLimited).toBeVisible();
});

test('the officer asks for a supplement, the citizen answers it, the officer receives the dossier', async ({ browser }) => {
  // Serial file: the first test files the dossier; run the whole file, not this test alone.
  expect(shared.code, 'the dossier filed by the first test of this file').toBeTruthy();
  const officerPage = await phonePage(browser);
  await signIn(officerPage, officer.login, true);
  await officerPage.goto('/can-bo/tiep-nhan');
  await expect(officerPage.getByRole('heading', { level: 1, name: 'Hồ sơ chờ tiếp nhận' })).toBeVisible();
  expect(await seriousViolations(officerPage)).toEqual([]);
  await officerPage.getByRole('link', { name: `Xem và xử lý ${shared.code}` }).click();
  await expect(officerPage.getByRole('heading', { level: 1 })).toContainText(shared.code!);
  await officerPage.getByText('Yêu cầu bổ sung', { exact: true }).click();
  await officerPage.getByRole('checkbox', { name: 'Đề án khai thác, sử dụng nước mặt' }).check();
  await officerPage.getByRole('checkbox', { name: /Lưu lượng khai thác lớn nhất/ }).check();
  await officerPage.getByLabel('Lý do, hướng dẫn cụ thể').fill('Đề án chưa có chữ ký và dấu; lưu lượng cần ghi theo đề án.');
  expect(await seriousViolations(officerPage)).toEqual([]);
  await officerPage.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).click();
  await expect(officerPage.getByRole('status').filter({ hasText: 'Đã gửi yêu cầu bổ sung cho người nộp.' })).toBeVisible();
  const supplementPdf = officerPage.getByRole('link', { name: 'Tải phiếu yêu cầu bổ sung (PDF)' }).first();
  const pdf = await officerPage.request.get((await supplementPdf.getAttribute('href'))!);
  expect(pdf.headers()['content-type']).toContain('application/pdf');

  // The citizen sees what is asked and why, and may change only that.
  const page = await phonePage(browser);
  await signIn(page, citizen.login);
  await page.goto('/ho-so-cua-toi');
  await page.getByRole('article', { name: shared.code }).getByRole('link', { name: /Xem hồ sơ/ }).click();
  const request = page.getByRole('region', { name: 'Yêu cầu bổ sung hồ sơ' });
  await expect(request).toContainText('Đề án chưa có chữ ký và dấu');
  await expect(request).toContainText('Lưu lượng khai thác lớn nhất');
  await expect(page.getByLabel(/Tên tổ chức, doanh nghiệp/)).toBeDisabled();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel(/Lưu lượng khai thác lớn nhất/).fill('4500');
  await page.getByLabel('Chọn tệp cho: Đề án khai thác, sử dụng nước mặt').setInputFiles({ name: 'de-an-ky.pdf', mimeType: 'application/pdf', buffer: await smallPdf('de an da ky') });
  await expect(page.getByRole('link', { name: 'de-an-ky.pdf' })).toBeVisible();
  await page.getByRole('button', { name: 'Gửi hồ sơ bổ sung' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã gửi hồ sơ bổ sung' })).toBeVisible();
  await expect(page.getByText('Đã bổ sung, chờ tiếp nhận').first()).toBeVisible();

  await officerPage.goto('/can-bo/tiep-nhan');
  await officerPage.getByRole('link', { name: `Xem và xử lý ${shared.code}` }).click();
  await officerPage.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await expect(officerPage.getByRole('status').filter({ hasText: `Đã tiếp nhận hồ sơ ${shared.code}.` })).toBeVisible();
  const slip = await officerPage.request.get((await officerPage.getByRole('link', { name: 'Tải giấy tiếp nhận (PDF)' }).first().getAttribute('href'))!);
  expect(slip.headers()['content-type']).toContain('application/pdf');

  await page.reload();
  await expect(page.getByText('Đã tiếp nhận').first()).toBeVisible();

  // Withdrawing asks for a reason and a confirmation.
  await page.getByRole('button', { name: 'Rút hồ sơ' }).click();
  await expect(page.getByLabel('Lý do rút hồ sơ')).toHaveAccessibleDescription(/Tối thiểu 5 ký tự/);
  await page.getByLabel('Lý do rút hồ sơ').fill('Doanh nghiệp thay đổi phương án khai thác');
  await page.getByRole('button', { name: 'Rút hồ sơ' }).click();
  await expect(page.getByText('Bạn chắc chắn muốn rút hồ sơ này? Việc rút hồ sơ không thể hoàn tác.')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Đồng ý rút hồ sơ' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã rút hồ sơ.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Quá trình xử lý' })).toContainText('Doanh nghiệp thay đổi phương án khai thác');
  await officerPage.context().close();
  await page.context().close();
});

test('the officer enters a dossier handed in at the counter and prints its slip', async ({ page }) => {
  await signIn(page, officer.login, true);
  await page.goto('/can-bo/tiep-nhan/moi');
  await expect(page.getByRole('heading', { level: 1, name: 'Nhập hồ sơ nộp tại quầy' })).toBeVisible();
  await page.getByLabel('Mã thủ tục').fill(surfaceWater.code);
  await page.getByRole('button', { name: 'Tìm thủ tục' }).click();
  await page.getByRole('radio', { name: new RegExp(surfaceWater.code.replace('.', '\\.')) }).check();
  await page.getByRole('radio', { name: 'Bưu chính' }).check();
  await page.getByLabel('Họ và tên').fill('Đỗ Thị Lan');
  await page.getByLabel('Số định danh cá nhân').fill('001190054321');
  await page.getByLabel('Số điện thoại').fill('0987654321');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Tạo hồ sơ và nhập tờ khai' }).click();

  await expect(page).toHaveURL(/ho-so=/);
  await page.getByLabel(/Tên tổ chức, doanh nghiệp/).fill('Hợp tác xã Nông nghiệp Đông Anh');
  await page.getByLabel(/Mã số thuế/).fill('0100109106');
  await page.getByLabel(/Địa chỉ trụ sở chính/).fill('Xã Uy Nỗ, Đông Anh, Hà Nội');
  await page.getByLabel(/Người đại diện theo pháp luật/).fill('Đỗ Thị Lan');
  await page.getByLabel(/^Chức vụ/).fill('Chủ nhiệm');
  await page.getByLabel(/Số điện thoại liên hệ/).fill('0987654321');
  await page.getByLabel(/Nguồn nước khai thác/).fill('Sông Đuống');
  await chooseUnit(page, /Tỉnh, thành phố trực thuộc trung ương/, 'ha noi', 'Thành phố Hà Nội');
  await chooseUnit(page, /Xã, phường, đặc khu/, 'thu lam', 'Xã Thư Lâm');
  await page.getByLabel(/Tọa độ X/).fill('2336000');
  await page.getByLabel(/Tọa độ Y/).fill('592000');
  await page.getByLabel('Nông nghiệp, nuôi trồng thủy sản').check();
  await page.getByLabel(/Lưu lượng khai thác lớn nhất/).fill('800');
  await page.getByLabel(/Thời hạn đề nghị cấp phép/).fill('5');
  const pdf = await smallPdf('quay');
  for (const section of await page.locator('section').filter({ has: page.getByText('Bắt buộc', { exact: true }) }).all()) {
    await section.locator('input[type=file]').setInputFiles({ name: 'giay-to.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect(section.getByRole('button', { name: /^Xóa tệp/ })).toBeVisible();
  }
  await expect(page.getByTestId('autosave-status')).toHaveText(/Đã lưu lúc/);
  await page.getByRole('button', { name: 'Tiếp nhận và in giấy tiếp nhận' }).click();
  const done = page.getByRole('status').filter({ hasText: /Đã tiếp nhận hồ sơ .+-\d{6}-\d{4}\./ });
  await expect(done).toBeVisible();
  const slip = await page.request.get((await page.getByRole('link', { name: 'Tải giấy tiếp nhận (PDF)' }).getAttribute('href'))!);
  expect(slip.status()).toBe(200);
  expect(slip.headers()['content-type']).toContain('application/pdf');
});
