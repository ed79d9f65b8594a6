/**
 * How the result reaches the applicant, chosen on the review step (one question, no new screen):
 * by post with a recipient, phone and address (a wrong phone is refused in Vietnamese), then shown
 * on the dossier page; at 360 px and 1280 px, axe-clean. The receipt download itself is covered by
 * the server's e2e test (receipts.e2e.test.ts): a paid event can only come from the payments module.
 */
import { expect, test, type Page } from '@playwright/test';
import { citizen } from '../fixtures/accounts.js';
import { seriousViolations } from '../fixtures/axe.js';
import { surfaceWater } from '../fixtures/catalog.js';
import { completeSurfaceWaterDraft } from '../fixtures/dossiers.js';
import { openNewForm } from '../fixtures/eform.js';
import { smallPdf } from '../fixtures/files.js';
import { chooseUnit } from '../fixtures/places.js';
import { signIn } from '../fixtures/sign-in.js';

test.setTimeout(120_000);

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

async function shot(page: Page, name: string) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    await noHorizontalScroll(page);
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
}

test('the applicant chooses to receive the result by post and sees it on the dossier', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, citizen.login);
  await openNewForm(page, surfaceWater.code);
  await page.getByLabel(/Tên tổ chức, doanh nghiệp/).fill('Công ty TNHH Nước sạch Sông Đà');
  await page.getByLabel(/Mã số thuế/).fill('0100109106');
  await page.getByLabel(/Địa chỉ trụ sở chính/).fill('Số 5 phố Tràng Tiền, Hoàn Kiếm, Hà Nội');
  await page.getByLabel(/^Chức vụ/).fill('Giám đốc');
  await page.getByLabel(/Nguồn nước khai thác/).fill('Sông Đà');
  await chooseUnit(page, /Tỉnh, thành phố trực thuộc trung ương/, 'ha noi', 'Thành phố Hà Nội');
  await chooseUnit(page, /Xã, phường, đặc khu/, 'ba dinh', 'Phường Ba Đình');
  await page.getByLabel(/Tọa độ X/).fill('2305000');
  await page.getByLabel(/Tọa độ Y/).fill('566000');
  await page.getByLabel('Cấp nước sinh hoạt').check();
  await page.getByLabel(/Lưu lượng khai thác lớn nhất/).fill('3000');
  await page.getByLabel(/Thời hạn đề nghị cấp phép/).fill('10');
  await expect(page.getByTestId('autosave-status')).toHaveText(/Đã lưu lúc/);

  // The documents follow the form on the same page.
  await expect(page.getByRole('region', { name: 'Giấy tờ đính kèm' })).toBeVisible();
  const pdf = await smallPdf('ho so');
  for (const section of await page.locator('section[id^="thanh-phan-"]').filter({ has: page.getByText('Bắt buộc', { exact: true }) }).all()) {
    await section.locator('input[type=file]').setInputFiles({ name: 'giay-to.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect(section.getByRole('button', { name: /^Xóa tệp/ })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  // The review step asks how to receive the result: the counter is preset, the post asks where.
  await expect(page.getByRole('heading', { level: 1, name: 'Kiểm tra và nộp' })).toBeVisible();
  const question = page.getByRole('radiogroup', { name: /Bạn muốn nhận kết quả giải quyết bằng cách nào/ });
  await expect(question.getByRole('radio', { name: 'Nhận trực tiếp tại Bộ phận Một cửa' })).toBeChecked();
  await question.getByRole('radio', { name: 'Nhận qua dịch vụ bưu chính công ích' }).check();
  await expect(page.getByText(/Phí chuyển phát 35\.000/)).toBeVisible();
  await page.getByLabel(/^Số điện thoại người nhận/).fill('12345');
  await page.getByLabel(/^Địa chỉ nhận kết quả/).fill('Số 12 đường Cù Chính Lan, phường Phương Lâm, tỉnh Hòa Bình');
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await expect(page.getByText('Số điện thoại gồm 10 hoặc 11 chữ số, bắt đầu bằng 0.')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'review-delivery-choice');

  await page.getByLabel(/^Số điện thoại người nhận/).fill('0912345678');
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await expect(page.getByRole('heading', { name: 'Đã nộp hồ sơ thành công' })).toBeVisible();
  const dossierId = /\/nop-ho-so\/([^/?]+)\/da-nop/.exec(page.url())![1]!;

  // The dossier page shows the delivery chosen, where it goes and the postal fee.
  await page.goto(`/ho-so-cua-toi/${dossierId}`);
  const box = page.getByRole('region', { name: 'Cách nhận kết quả' });
  await expect(box).toBeVisible();
  await expect(box.getByText('Qua bưu chính', { exact: true })).toBeVisible();
  await expect(box.getByText(/0912345678/)).toBeVisible();
  await expect(box.getByText(/Cù Chính Lan/)).toBeVisible();
  await expect(box.getByText(/35\.000/)).toBeVisible();
  await expect(box.getByText(/số vận đơn hiện ở đây/)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'dossier-delivery');
});

test('"Nộp hồ sơ" waits for the fee lines, whose frame and heading are there while they are computed', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, citizen.login);
  const { dossier } = await completeSurfaceWaterDraft(page, 'phi tren buoc kiem tra');

  // The fee lines' code arrives late, as on a slow phone network.
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route(/\/assets\/FeesDue-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/nop-ho-so/${dossier.id}?buoc=3`);
  await expect(page.getByRole('heading', { level: 1, name: 'Kiểm tra và nộp' })).toBeVisible();
  const fees = page.getByRole('region', { name: 'Phí, lệ phí phải nộp' });
  const submit = page.getByRole('button', { name: 'Nộp hồ sơ' });
  // While the lines are computed: their frame and heading are there already, marked busy, and the button waits.
  await expect(fees).toHaveAttribute('aria-busy', 'true');
  await expect(fees.getByText('Đang tính phí, lệ phí…')).toBeVisible();
  await expect(submit).toBeDisabled();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'review-fees-computing');
  await page.setViewportSize({ width: 360, height: 740 });

  release();
  await expect(fees).not.toHaveAttribute('aria-busy', 'true');
  await expect(submit).toBeEnabled();
  await expect(fees.getByText('Đang tính phí, lệ phí…')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'review-fees');
});
