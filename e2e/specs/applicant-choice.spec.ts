/**
 * "Nộp cho ai" on a phone, the form's first question: a business owner is asked for whom the
 * dossier is filed, only verified organisations are offered (an unverified one is named with
 * what to do), and the chosen organisation's details are filled into the form at once. Owners
 * prove an organisation on "Doanh nghiệp / tổ chức".
 */
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from '../fixtures/axe.js';
import { discardDrafts } from '../fixtures/eform.js';
import { signIn } from '../fixtures/sign-in.js';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

/** Cấp giấy phép tiếp cận nguồn gen: for citizens, businesses and organisations alike. */
const GENETIC_ACCESS = '1.010738';
const COMPANY = 'Công ty TNHH Môi trường Xanh (dữ liệu mẫu)';
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/applicant-choice-${name}.png`, fullPage: true });

test('a business owner chooses the organisation; its details are prefilled; an unverified one is not offered', async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, 'business@demo.opendvc.vn');
  // A claim to another tax code: registered, not verified.
  const csrf = (await page.context().cookies()).find((c) => c.name === 'csrf')?.value ?? '';
  const claim = await page.request.post('/api/v1/organisations', { data: { taxCode: '0105555555', name: 'Công ty TNHH Chưa Xác Minh' }, headers: { 'X-CSRF-Token': csrf } });
  expect(claim.status()).toBe(201);
  await discardDrafts(page, GENETIC_ACCESS);

  await page.goto(`/nop-ho-so?thu-tuc=${GENETIC_ACCESS}`);
  // No screen of its own: the question is on the form's page, above the form.
  await expect(page.getByRole('heading', { level: 1, name: 'Điền tờ khai' })).toBeVisible();
  await expect(page).toHaveURL(/\/nop-ho-so\/[^/?]+\?buoc=2/);
  const group = page.getByRole('radiogroup', { name: 'Bạn nộp hồ sơ cho ai?' });
  await expect(group).toBeVisible();
  const self = group.getByRole('radio', { name: 'Cho bản thân tôi — Trần Thị Bình' });
  const company = group.getByRole('radio', { name: `Cho tổ chức: ${COMPANY}` });
  await expect(self).toBeChecked();
  await expect(company).not.toBeChecked();
  await expect(group.getByRole('radio', { name: /^Cho một tổ chức, doanh nghiệp khác/ })).not.toBeChecked();
  await expect(group.getByRole('radio', { name: /Chưa Xác Minh/ })).toHaveCount(0);
  await expect(page.getByText('Công ty TNHH Chưa Xác Minh — Chưa xác minh')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Quản lý tổ chức của tôi' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'start-360');
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, 'start-1280');
  await page.setViewportSize({ width: 360, height: 740 });

  await company.check();
  await expect(company).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Tổ chức, doanh nghiệp', exact: true })).toBeChecked();
  await expect(page.getByLabel('Tên tổ chức, doanh nghiệp')).toHaveValue(COMPANY);
  await expect(page.getByLabel('Mã số thuế (mã số doanh nghiệp)')).toHaveValue('0101234567');
  await expect(page.getByLabel('Địa chỉ trụ sở chính')).toHaveValue('Số 25 phố Láng Hạ, Phường Láng, Thành phố Hà Nội');
  await expect(page.getByLabel('Người đại diện theo pháp luật')).toHaveValue('Trần Thị Bình');
  // The dossier is now the organisation's, filed by the owner (the review names it).
  const draft = await page.request.get(`/api/v1/dossiers/${page.url().match(/nop-ho-so\/([^/?]+)/)![1]}`);
  expect((await draft.json()).applicant).toMatchObject({ fullName: COMPANY, filedByName: 'Trần Thị Bình' });

  // Back to herself: the organisation's details go, hers stay.
  await self.check();
  await expect(self).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Cá nhân', exact: true })).toBeChecked();
  await expect(page.getByLabel('Người đại diện theo pháp luật')).toHaveCount(0);
  await company.check();
  await expect(page.getByLabel('Tên tổ chức, doanh nghiệp')).toHaveValue(COMPANY);

  // The unverified claim on the organisations page: its status and how to prove it.
  await page.goto('/tai-khoan/to-chuc');
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Công ty TNHH Chưa Xác Minh' }) });
  await expect(card.getByText('Chưa xác minh', { exact: true })).toBeVisible();
  await expect(card.getByText(/gửi bản quét giấy chứng nhận đăng ký doanh nghiệp/)).toBeVisible();
  await card.getByRole('button', { name: 'Gửi giấy tờ để xác minh' }).click();
  await expect(card.getByText('Chọn tệp giấy chứng nhận')).toBeVisible();
  const verified = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: COMPANY }) });
  await expect(verified.getByText('Đã xác minh', { exact: true })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'organisations-360');
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, 'organisations-1280');
});
