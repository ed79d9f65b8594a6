/**
 * Addresses from the list of administrative units in force since 1 July 2025 (issue 10, item 11),
 * on a phone: the groundwater licence's "Vị trí công trình" is chosen with two searchable selects
 * (typed without diacritics), stored as codes plus names, refused when the commune does not belong
 * to the province; an address typed before the list stays readable with a prompt to choose again.
 */
import { expect, test, type Page } from '@playwright/test';
import { citizen } from '../fixtures/accounts.js';
import { seriousViolations } from '../fixtures/axe.js';
import { groundwater } from '../fixtures/catalog.js';
import { openNewForm } from '../fixtures/eform.js';
import { chooseUnit, unitSelect } from '../fixtures/places.js';
import { signIn } from '../fixtures/sign-in.js';

test.use({ viewport: { width: 360, height: 740 } });
test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

const PROVINCE = /Tỉnh, thành phố trực thuộc trung ương/;
const COMMUNE = /Xã, phường, đặc khu/;

async function draftId(page: Page) {
  await expect(page).toHaveURL(/\/nop-ho-so\/[^/?]+/);
  return /\/nop-ho-so\/([^/?]+)/.exec(new URL(page.url()).pathname)![1]!;
}

async function csrfHeaders(page: Page) {
  return { 'X-CSRF-Token': (await page.context().cookies()).find((c) => c.name === 'csrf')?.value ?? '' };
}

test.beforeEach(async ({ page }) => {
  await signIn(page, citizen.login);
});

test('the location is chosen from the list by typing without diacritics, and stored as codes plus names', async ({ page }) => {
  await openNewForm(page, groundwater.code);
  const province = unitSelect(page, PROVINCE);
  const commune = unitSelect(page, COMMUNE);
  await province.scrollIntoViewIfNeeded();
  // Without a province, the commune is looked up in the whole country, each with its province.
  await expect(commune).toBeEnabled();
  await commune.click();
  await commune.fill('ba dinh');
  await expect(page.getByRole('listbox', { name: COMMUNE }).getByRole('option').first()).toHaveText('Phường Ba Đình, Thành phố Hà Nội');
  await page.keyboard.press('Escape');
  await commune.fill('');
  await expect(province).toHaveValue('');

  // Wrong input: nothing found says so.
  await province.click();
  await province.fill('khong co tinh nay');
  await expect(page.getByRole('listbox', { name: PROVINCE }).getByText('Không tìm thấy. Hãy gõ tên không dấu hoặc một phần tên.')).toBeVisible();
  await province.fill('');

  await chooseUnit(page, PROVINCE, 'ha noi', 'Thành phố Hà Nội');
  await expect(commune).toBeEnabled();
  await commune.click();
  await commune.fill('ba dinh');
  await expect(page.getByRole('listbox', { name: COMMUNE }).getByRole('option')).toHaveText(['Phường Ba Đình']);
  await page.getByRole('option', { name: 'Phường Ba Đình' }).click();
  await expect(commune).toHaveValue('Phường Ba Đình');
  await page.getByLabel(/Địa chỉ chi tiết/).first().fill('Số 1 phố Đội Cấn');

  expect(await seriousViolations(page)).toEqual([]);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await page.screenshot({ path: 'test-results/address-form-360.png', fullPage: false });

  await expect(page.getByTestId('autosave-status')).toHaveText(/Đã lưu lúc/);
  const id = await draftId(page);
  const saved = await page.request.get(`/api/v1/dossiers/${id}`);
  expect(((await saved.json()) as { answers: { abstraction: { location: unknown } } }).answers.abstraction.location).toEqual({
    provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00004', communeName: 'Phường Ba Đình', detail: 'Số 1 phố Đội Cấn',
  });

  // Another province clears the commune, whose list follows the province.
  await chooseUnit(page, PROVINCE, 'an giang', 'Tỉnh An Giang');
  await expect(commune).toHaveValue('');
  await chooseUnit(page, COMMUNE, 'phu quoc', 'Đặc khu Phú Quốc');

  await page.setViewportSize({ width: 1280, height: 800 });
  await province.scrollIntoViewIfNeeded();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/address-form-1280.png' });
});

test('a commune of another province is refused; an address typed before the list is shown with a prompt', async ({ page }) => {
  await openNewForm(page, groundwater.code);
  const id = await draftId(page);
  const headers = await csrfHeaders(page);
  const current = (await (await page.request.get(`/api/v1/dossiers/${id}`)).json()) as { version: number; answers: Record<string, unknown> };

  // Codes that do not fit: the server names the commune field.
  const mismatched = { ...current.answers, abstraction: { location: { provinceCode: '79', provinceName: 'Thành phố Hồ Chí Minh', communeCode: '00004', communeName: 'Phường Ba Đình' } } };
  const saved = await page.request.patch(`/api/v1/dossiers/${id}`, { data: { answers: mismatched }, headers });
  expect(saved.status(), await saved.text()).toBe(200);
  const problems = ((await saved.json()) as { problems: Array<{ path: string; message: string }> }).problems;
  expect(problems).toContainEqual({ path: 'answers.abstraction.location.communeCode', message: 'Xã, phường, đặc khu: không thuộc tỉnh, thành phố đã chọn' });

  // Free text typed before the list: shown, with a prompt to choose again.
  const legacy = { ...current.answers, abstraction: { location: { province: 'Ha Noi', commune: 'Phường Phúc Xá' } } };
  expect((await page.request.patch(`/api/v1/dossiers/${id}`, { data: { answers: legacy }, headers })).status()).toBe(200);
  await page.reload();
  const prompt = page.getByText('Địa chỉ đã nhập trước đây: “Phường Phúc Xá, Ha Noi”. Hãy chọn lại tỉnh, thành phố và xã, phường theo danh mục mới.');
  await expect(prompt).toBeVisible();
  await prompt.scrollIntoViewIfNeeded();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/address-legacy-360.png' });
  await chooseUnit(page, PROVINCE, 'ha noi', 'Thành phố Hà Nội');
  await expect(prompt).toBeHidden();
});
