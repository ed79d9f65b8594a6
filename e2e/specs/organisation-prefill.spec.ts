/**
 * A business owner files the groundwater licence for their verified company (issue 10): the
 * form opens with the company's name, tax code and head office by administrative units from its
 * profile, and the tax code already there is looked up in the business register at once, which
 * brings what only the register knows (the representative's position). Axe at 360 and 1280 px.
 */
import { expect, test } from '@playwright/test';
import { seriousViolations } from '../fixtures/axe.js';
import { groundwater } from '../fixtures/catalog.js';
import { discardDrafts } from '../fixtures/eform.js';
import { signIn } from '../fixtures/sign-in.js';

const COMPANY = 'Công ty TNHH Môi trường Xanh (dữ liệu mẫu)';

test.use({ viewport: { width: 360, height: 740 } });
test.setTimeout(120_000);

test('the company filed for is filled from its profile and the business register when the form opens', async ({ page }) => {
  await signIn(page, 'business@demo.opendvc.vn');
  await discardDrafts(page, groundwater.code);
  await page.goto(`/nop-ho-so?thu-tuc=${groundwater.code}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Điền tờ khai' })).toBeVisible();

  // Her verified company is the first choice of whom the dossier is for.
  const forCompany = page.getByRole('radiogroup', { name: 'Bạn nộp hồ sơ cho ai?' }).getByRole('radio', { name: `Cho tổ chức: ${COMPANY}` });
  await expect(forCompany).toBeChecked();
  await expect(page.getByLabel(/Mã số thuế/)).toHaveValue('0101234567');
  await expect(page.getByLabel(/Tên tổ chức, doanh nghiệp/)).toHaveValue(COMPANY);
  const headOffice = page.locator('#root_organisation_address');
  await expect(headOffice.getByRole('combobox', { name: /Tỉnh, thành phố nơi đặt trụ sở chính/ })).toHaveValue('Thành phố Hà Nội');
  await expect(headOffice.getByRole('combobox', { name: /Phường, xã nơi đặt trụ sở chính/ })).toHaveValue('Phường Láng');
  await expect(headOffice.getByLabel(/Số nhà, đường phố/)).toHaveValue('Số 25 phố Láng Hạ');
  // Nothing typed: the prefilled tax code was looked up as the form opened.
  await expect(page.getByText(`Đã điền từ Cổng thông tin quốc gia về đăng ký doanh nghiệp: ${COMPANY}`)).toBeVisible();
  await expect(page.getByLabel(/^Chức vụ/)).toHaveValue('Giám đốc');

  await page.getByLabel(/Mã số thuế/).scrollIntoViewIfNeeded();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/organisation-prefill-360.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/organisation-prefill-1280.png', fullPage: true });
  await discardDrafts(page, groundwater.code);
});
