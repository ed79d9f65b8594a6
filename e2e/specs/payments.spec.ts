/**
 * The applicant's side of fees, at 360 px and axe-clean: the surface-water licence's tiered
 * appraisal fee explained on the procedure page; the review step's fee lines and total computed
 * from the answers (and the postal fee when the result goes by post); after submission the done
 * page asks for payment with the amount, the items, the provider choice and the VietQR; paid
 * through the VNPAY-protocol simulator, the applicant comes back to the dossier, which shows the
 * result and the receipt.
 */
import { expect, test } from '@playwright/test';
import { citizen } from '../fixtures/accounts.js';
import { seriousViolations } from '../fixtures/axe.js';
import { surfaceWater } from '../fixtures/catalog.js';
import { openNewForm } from '../fixtures/eform.js';
import { expectSealedReceipt } from '../fixtures/payments.js';
import { smallPdf } from '../fixtures/files.js';
import { chooseUnit } from '../fixtures/places.js';
import { signIn } from '../fixtures/sign-in.js';

test.setTimeout(150_000);

const noHorizontalScroll = async (page: import('@playwright/test').Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);

test('the applicant sees the surface-water fee, its total before submitting, and pays it through the VNPAY simulator at 360 px', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });

  // The procedure page: the fee, when it is paid, and its tiers by flow rate.
  await page.goto(`/thu-tuc/${surfaceWater.code}`);
  const fees = page.locator('#le-phi');
  await expect(fees.getByText('Nộp khi nộp hồ sơ trực tuyến; hồ sơ được chuyển đến cơ quan sau khi thanh toán.').first()).toBeVisible();
  const tiers = fees.getByRole('table').first();
  await expect(tiers).toContainText('Mức thu theo Lưu lượng khai thác lớn nhất (m³/ngày đêm):');
  await expect(tiers.getByRole('row').first()).toContainText(/Đến 50\.000\s*10\.000\.000/);
  await expect(tiers.getByRole('row').last()).toContainText(/Trên 500\.000\s*30\.000\.000/);
  await expect(fees.getByText(/Mức thu minh họa/).first()).toBeVisible();
  await noHorizontalScroll(page);
  expect(await seriousViolations(page)).toEqual([]);

  // The journey: flow 60 000 m³/day is the second tier.
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
  await page.getByLabel(/Lưu lượng khai thác lớn nhất/).fill('60000');
  await page.getByLabel(/Thời hạn đề nghị cấp phép/).fill('10');
  await expect(page.getByTestId('autosave-status')).toHaveText(/Đã lưu lúc/);
  const pdf = await smallPdf('ho so phi');
  for (const section of await page.locator('section[id^="thanh-phan-"]').filter({ has: page.getByText('Bắt buộc', { exact: true }) }).all()) {
    await section.locator('input[type=file]').setInputFiles({ name: 'giay-to.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect(section.getByRole('button', { name: /^Xóa tệp/ })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  // The review step: the fee lines and the total; the post adds its fee, the counter takes it away.
  await expect(page.getByRole('heading', { level: 1, name: 'Kiểm tra và nộp' })).toBeVisible();
  const due = page.getByRole('region', { name: 'Phí, lệ phí phải nộp' });
  await expect(due).toContainText('Phí thẩm định đề án khai thác, sử dụng nước mặt');
  await expect(due.getByTestId('fees-total')).toHaveText(/^20\.000\.000/);
  const question = page.getByRole('radiogroup', { name: /Bạn muốn nhận kết quả giải quyết bằng cách nào/ });
  await question.getByRole('radio', { name: 'Nhận qua dịch vụ bưu chính công ích' }).check();
  await expect(due).toContainText('Cước chuyển phát kết quả qua dịch vụ bưu chính');
  await expect(due.getByTestId('fees-total')).toHaveText(/^20\.035\.000/);
  await question.getByRole('radio', { name: 'Nhận trực tiếp tại Bộ phận Một cửa' }).check();
  await expect(due.getByTestId('fees-total')).toHaveText(/^20\.000\.000/);
  await noHorizontalScroll(page);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('review-fees-360.png'), fullPage: true });

  // Submitted: the done page asks for payment (amount, items, providers, VietQR).
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await expect(page.getByRole('heading', { name: 'Đã nộp hồ sơ thành công' })).toBeVisible();
  const dossierId = /\/nop-ho-so\/([^/?]+)\/da-nop/.exec(page.url())![1]!;
  await expect(page.getByText(/Hồ sơ đang chờ bạn thanh toán phí, lệ phí/)).toBeVisible();
  const pay = page.getByRole('region', { name: 'Thanh toán' });
  await expect(pay).toContainText('Chờ thanh toán', { timeout: 30_000 });
  await expect(pay).toContainText(/Tổng cộng\s*20\.000\.000 đ/);
  await pay.getByRole('button', { name: 'Thanh toán ngay' }).click();
  await expect(pay.getByRole('radio', { name: 'Nền tảng thanh toán của Cổng Dịch vụ công quốc gia' })).toBeVisible();
  await expect(pay.getByRole('img', { name: /Mã VietQR chuyển khoản/ })).toBeVisible();
  await noHorizontalScroll(page);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('done-pay-360.png'), fullPage: true });
  await pay.getByRole('radio', { name: 'Cổng thanh toán VNPAY' }).check();
  await pay.getByRole('button', { name: 'Tiếp tục thanh toán' }).click();

  // The VNPAY-protocol simulator's page, then back to the dossier.
  await expect(page.getByRole('banner')).toContainText('MÔI TRƯỜNG THỬ NGHIỆM — không phải giao dịch thật');
  expect(new URL(page.url()).searchParams.get('vnp_Amount')).toBe('2000000000');
  await page.getByRole('radio', { name: 'BIDV' }).check();
  await page.getByRole('button', { name: 'Xác nhận thanh toán' }).click();
  await page.waitForURL(new RegExp(`/ho-so-cua-toi/${dossierId}\\?thanh-toan=ok$`));
  await expect(page.getByRole('status').filter({ hasText: 'Thanh toán thành công' })).toBeVisible();
  const box = page.getByRole('region', { name: 'Phí, lệ phí', exact: true });
  await expect(box.getByTestId('payment-status')).toHaveText('Đã thanh toán');
  await expect(box.getByRole('link', { name: 'Biên lai điện tử' })).toBeVisible();
  await noHorizontalScroll(page);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('dossier-paid-360.png'), fullPage: true });
  // The receipt of the VNPAY payment is sealed too.
  await expectSealedReceipt(page, dossierId);
});
