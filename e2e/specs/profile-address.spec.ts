/**
 * The profile's address by administrative units in force (issue 10): shown as one line, edited
 * with the same selects as the e-forms (the commune may be found in the whole country and brings
 * its province), kept as codes plus names; axe on each state, at 360 px and 1280 px.
 */
import { expect, test, type Page } from '@playwright/test';
import { representative } from '../fixtures/accounts.js';
import { seriousViolations } from '../fixtures/axe.js';
import { chooseUnit, unitSelect } from '../fixtures/places.js';
import { signIn } from '../fixtures/sign-in.js';

const SHOTS = '/tmp/journey-shots';
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}-${page.viewportSize()!.width}.png`, fullPage: true });

async function editAddress(page: Page) {
  await page.goto('/tai-khoan');
  await expect(page.getByRole('heading', { level: 1, name: 'Tài khoản' })).toBeVisible();
  await page.getByRole('button', { name: 'Sửa thông tin' }).click();
  await expect(page.getByRole('group', { name: 'Địa chỉ' })).toBeVisible();
}

test.setTimeout(120_000);

for (const width of [360, 1280]) {
  test(`the profile address is chosen from the units in force (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    await signIn(page, representative.login);
    await page.goto('/tai-khoan');
    // The demo address uses a ward in force since 1 July 2025, no district.
    const line = page.locator('dd', { hasText: 'Số 5 phố Trần Duy Hưng' });
    await expect(line).toHaveText('Số 5 phố Trần Duy Hưng, Phường Yên Hòa, Thành phố Hà Nội');
    await shot(page, 'profile-view');
    expect(await seriousViolations(page)).toEqual([]);

    await editAddress(page);
    await expect(unitSelect(page, /^Tỉnh, thành phố/)).toHaveValue('Thành phố Hà Nội');
    await expect(unitSelect(page, /^Xã, phường, đặc khu/)).toHaveValue('Phường Yên Hòa');
    await expect(page.getByLabel('Số nhà, đường phố, thôn, tổ')).toHaveValue('Số 5 phố Trần Duy Hưng');
    await shot(page, 'profile-edit');
    expect(await seriousViolations(page)).toEqual([]);

    // A province without its commune is named in the summary, and its link reaches the select.
    await chooseUnit(page, /^Tỉnh, thành phố/, 'hai phong', 'Thành phố Hải Phòng');
    await expect(unitSelect(page, /^Xã, phường, đặc khu/)).toHaveValue('');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Vui lòng chọn xã, phường, đặc khu của địa chỉ' });
    await expect(summary).toBeVisible();
    await summary.getByRole('link', { name: 'Vui lòng chọn xã, phường, đặc khu của địa chỉ' }).click();
    await expect(unitSelect(page, /^Xã, phường, đặc khu/)).toBeFocused();
    await expect(unitSelect(page, /^Xã, phường, đặc khu/)).toHaveAttribute('aria-invalid', 'true');
    await page.keyboard.press('Escape');
    await shot(page, 'profile-edit-error');
    expect(await seriousViolations(page)).toEqual([]);

    // Back to Hà Nội: another ward, saved with its names from the list.
    await chooseUnit(page, /^Tỉnh, thành phố/, 'ha noi', 'Thành phố Hà Nội');
    await chooseUnit(page, /^Xã, phường, đặc khu/, 'hoan kiem', 'Phường Hoàn Kiếm');
    // The commune's error goes once the units change, before the next submit.
    await expect(unitSelect(page, /^Xã, phường, đặc khu/)).not.toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Số nhà, đường phố, thôn, tổ').fill('Số 1 phố Tràng Tiền');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByText('Đã lưu thông tin cá nhân.')).toBeVisible();
    await expect(page.locator('dd', { hasText: 'Tràng Tiền' })).toHaveText('Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội');

    // The commune found first, in the whole country, brings its province.
    await editAddress(page);
    await clearProvince(page);
    const commune = unitSelect(page, /^Xã, phường, đặc khu/);
    await commune.click();
    await commune.fill('yen hoa');
    await page.getByRole('option', { name: 'Phường Yên Hòa, Thành phố Hà Nội', exact: true }).click();
    await expect(unitSelect(page, /^Tỉnh, thành phố/)).toHaveValue('Thành phố Hà Nội');
    await expect(commune).toHaveValue('Phường Yên Hòa');
    await page.getByLabel('Số nhà, đường phố, thôn, tổ').fill('Số 5 phố Trần Duy Hưng');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.locator('dd', { hasText: 'Trần Duy Hưng' })).toHaveText('Số 5 phố Trần Duy Hưng, Phường Yên Hòa, Thành phố Hà Nội');
  });
}

/** Empties the province select (Mantine's clear button), which empties the commune too. */
async function clearProvince(page: Page) {
  const province = page.locator('#address_provinceCode');
  const clear = province.locator('xpath=..').locator('button');
  await clear.click();
  await expect(province).toHaveValue('');
  await expect(unitSelect(page, /^Xã, phường, đặc khu/)).toHaveValue('');
}

test('the units show their English names in the English interface', async ({ page }) => {
  await signIn(page, representative.login);
  await page.goto('/tai-khoan');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Change details' }).click();
  await expect(unitSelect(page, /^Province or city/)).toHaveValue('Ha Noi City');
  await expect(unitSelect(page, /^Commune, ward or special zone/)).toHaveValue('Yen Hoa Ward');
  await shot(page, 'profile-edit-english');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
});
