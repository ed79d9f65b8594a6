/**
 * The portal's layout on a phone (360 × 740), issue 10 item 10: a short signed-in header whose
 * navigation folds into a "Mở menu" drawer; the autosave bar never covers the field being filled;
 * "Nộp hồ sơ trực tuyến" within the first screen of a procedure; the password field's own styles;
 * back-office content aligned with the header.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { citizen, officer, specialist } from '../fixtures/accounts.js';
import { groundwater } from '../fixtures/catalog.js';
import { openNewForm } from '../fixtures/eform.js';
import { signIn } from '../fixtures/sign-in.js';

const phone = { width: 360, height: 740 };
test.use({ viewport: phone });
test.setTimeout(90_000);

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b, 'element has a box').not.toBeNull();
  return b!;
}

/** Whether the centre of `locator` is the element itself (or inside it), not something on top of it. */
async function isUncovered(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + r.height / 2);
    return hit !== null && (el === hit || el.contains(hit) || hit.contains(el));
  });
}

async function saveScreenshot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/${name}.png`, fullPage: false });
}

test('signed in, the header is one short bar and its menu opens, works by keyboard and its links go', async ({ page }) => {
  await signIn(page, citizen.login);
  // The account page has arrived (its file and data): moving focus to it on arrival would close a menu opened before.
  await expect(page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const header = page.locator('header').first();
  expect((await box(header)).height, 'header height on a 360 px phone').toBeLessThanOrEqual(120);
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toHaveCount(0);
  await saveScreenshot(page, 'header-360');

  // The account button shows the initials, keeps the whole name as its accessible name, and its
  // list starts with the whole name; nothing scrolls sideways.
  const account = header.getByRole('button', { name: `Tài khoản: ${citizen.fullName}` });
  await expect(account).toBeVisible();
  const words = citizen.fullName.split(' ');
  await expect(account).toHaveText(`${words[0]![0]}${words[words.length - 1]![0]}`.toLocaleUpperCase('vi'), { useInnerText: true });
  await account.click();
  const who = header.getByRole('listitem').filter({ hasText: 'Đã đăng nhập với tên' });
  await expect(who).toBeVisible();
  await expect(who).toContainText(citizen.fullName);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll').toBe(true);
  await saveScreenshot(page, 'account-menu-360');
  await page.keyboard.press('Escape');
  await expect(header.getByRole('button', { name: 'Đăng xuất' })).toBeHidden();

  const menuButton = page.getByRole('button', { name: 'Mở menu' });
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await menuButton.focus();
  await page.keyboard.press('Enter');
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  await expect(nav).toBeVisible();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('dialog').getByRole('group', { name: 'Ngôn ngữ / Language' })).toBeVisible();
  await saveScreenshot(page, 'menu-360');
  // Escape closes it and gives focus back to the button.
  await page.keyboard.press('Escape');
  await expect(nav).toHaveCount(0);
  await expect(menuButton).toBeFocused();

  await menuButton.click();
  await nav.getByRole('link', { name: 'Hồ sơ của tôi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' })).toBeVisible();
  await expect(nav).toHaveCount(0);
  await menuButton.click();
  await nav.getByRole('link', { name: 'Tra cứu thủ tục' }).click();
  await expect(page).toHaveURL(/\/thu-tuc$/);
  await expect(nav).toHaveCount(0);

  // On a wide screen the navigation is a row under the bar, with no menu button.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(header.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  await expect(menuButton).toBeHidden();
  await saveScreenshot(page, 'header-1280');
});

test('the procedure page shows "Nộp hồ sơ trực tuyến" within the first screen', async ({ page }) => {
  await signIn(page, citizen.login);
  await page.goto(`/thu-tuc/${groundwater.code}`);
  await expect(page.getByRole('heading', { name: 'Hồ sơ cần chuẩn bị' })).toBeVisible();
  // The first such link on the page (the online section further down has one too).
  const apply = page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).first();
  await expect(apply).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  const b = await box(apply);
  expect(b.y, 'top of the action').toBeGreaterThanOrEqual(0);
  expect(b.y + b.height, 'bottom of the action, within 740 px').toBeLessThanOrEqual(phone.height);
  await saveScreenshot(page, 'procedure-360');
});

test('the autosave bar covers no field: not after an error link, not while scrolling', async ({ page }) => {
  await signIn(page, citizen.login);
  await openNewForm(page, groundwater.code);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
  await expect(summary).toBeFocused();

  for (const [link, field] of [
    ['Tỉnh, thành phố trực thuộc trung ương: bắt buộc nhập', /Tỉnh, thành phố trực thuộc trung ương/],
    ['Tầng chứa nước khai thác: bắt buộc nhập', /Tầng chứa nước khai thác/],
  ] as const) {
    await summary.getByRole('link', { name: link }).click();
    // The field itself, not the list of a select that shares its label.
    const input = page.locator('input, textarea').and(page.getByLabel(field));
    await expect(input).toBeFocused();
    expect(await isUncovered(input), `${link}: field not covered`).toBe(true);
    const label = page.locator('label').filter({ hasText: field }).first();
    expect(await isUncovered(label), `${link}: label not covered`).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
  }

  // Scrolling down, the status bar leaves the screen instead of sitting on top of the labels.
  await page.evaluate(() => window.scrollTo(0, 1500));
  const bar = page.getByTestId('autosave-status');
  const barBox = await bar.boundingBox();
  expect(barBox === null || barBox.y + barBox.height <= 0, 'autosave bar scrolled away').toBe(true);
  await saveScreenshot(page, 'form-360');
});

test('the password field has its styles: the reveal button sits inside the field box', async ({ page }) => {
  for (const viewport of [phone, { width: 1280, height: 800 }]) {
    await page.setViewportSize(viewport);
    await page.goto('/dang-nhap');
    const input = page.getByLabel('Mật khẩu', { exact: true });
    await expect(input).toBeVisible();
    // Mantine's wrapper: the visible box is the input's parent, holding the text field and the toggle.
    const wrapper = input.locator('xpath=ancestor::div[contains(@class,"mantine-Input-wrapper")][1]');
    const outer = await box(wrapper);
    const reveal = wrapper.getByRole('button');
    const r = await box(reveal);
    expect(r.x, 'toggle left').toBeGreaterThanOrEqual(outer.x);
    expect(r.x + r.width, 'toggle right').toBeLessThanOrEqual(outer.x + outer.width + 0.5);
    expect(r.y, 'toggle top').toBeGreaterThanOrEqual(outer.y - 0.5);
    expect(r.y + r.height, 'toggle bottom').toBeLessThanOrEqual(outer.y + outer.height + 0.5);
    // The text field itself draws no second (browser) box over the field's: no border, no background,
    // inside the field's box, its text stopping before the toggle.
    const inner = await box(input);
    expect(inner.x + inner.width, 'text field inside the box').toBeLessThanOrEqual(outer.x + outer.width + 0.5);
    const style = await input.evaluate((el) => {
      const s = getComputedStyle(el);
      return { border: s.borderTopWidth, background: s.backgroundColor, paddingRight: parseFloat(s.paddingRight) };
    });
    expect(style.border).toBe('0px');
    expect(style.background).toBe('rgba(0, 0, 0, 0)');
    expect(inner.x + inner.width - style.paddingRight, 'text stops before the toggle').toBeLessThanOrEqual(r.x + 0.5);
    await saveScreenshot(page, `password-${viewport.width}`);
  }
});

test('back-office pages line up with the header', async ({ page }) => {
  test.slow();
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, specialist.login, true);
  const brand = page.locator('header a').first();
  for (const path of ['/can-bo/ho-so']) {
    await page.goto(path);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toBeVisible();
    expect(Math.round((await box(heading)).x), `${path}: left edge`).toBe(Math.round((await box(brand)).x));
    await saveScreenshot(page, 'inbox-1280');
  }
  await page.context().clearCookies();
  await signIn(page, officer.login, true);
  await page.goto('/can-bo/tiep-nhan');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toBeVisible();
  expect(Math.round((await box(heading)).x), '/can-bo/tiep-nhan: left edge').toBe(Math.round((await box(page.locator('header a').first())).x));
});
