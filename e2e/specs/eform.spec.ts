/**
 * The e-form on a phone (360 × 740), for the groundwater licence (issue 10): every missing field
 * is named and marked on the first "Tiếp tục", also inside untouched sections, in form order, and
 * each link of the summary moves focus to its field; a required repeatable section ("Giếng khai
 * thác") says it is required, starts with one row, adds rows with a labelled button and shows its
 * own error beside it.
 */
import { expect, test } from '@playwright/test';
import { citizen } from '../fixtures/accounts.js';
import { groundwater } from '../fixtures/catalog.js';
import { openNewForm } from '../fixtures/eform.js';
import { signIn } from '../fixtures/sign-in.js';

test.use({ viewport: { width: 360, height: 740 } });
test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

test.beforeEach(async ({ page }) => {
  await signIn(page, citizen.login);
});

test('the first "Tiếp tục" names and marks every missing field, in form order, each link moving to its field', async ({ page }) => {
  await openNewForm(page, groundwater.code);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  const summary = page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
  await expect(summary).toBeFocused();
  const links = summary.getByRole('link');
  const texts = await links.allTextContents();
  // Fields inside untouched sections are named, not the section.
  expect(texts).toContain('Tỉnh, thành phố trực thuộc trung ương: bắt buộc nhập');
  expect(texts).toContain('Tầng chứa nước khai thác: bắt buộc nhập');
  expect(texts.some((t) => t.startsWith('Số hiệu giếng (dòng 1)'))).toBe(true);
  expect(texts.some((t) => t.startsWith('Công trình khai thác nước dưới đất:'))).toBe(false);
  expect(texts.some((t) => t.startsWith('Vị trí công trình:'))).toBe(false);

  // In the order of the form: each linked field comes after the previous one on the page.
  const tops: number[] = [];
  for (const link of await links.all()) {
    const id = ((await link.getAttribute('href')) ?? '').slice(1);
    const top = await page.evaluate((fieldId) => {
      const el = document.getElementById(fieldId) ?? document.querySelector(`[id^="${CSS.escape(fieldId)}"]`);
      return el ? el.getBoundingClientRect().top + window.scrollY : -1;
    }, id);
    expect(top, `field of "${await link.textContent()}"`).toBeGreaterThanOrEqual(0);
    tops.push(top);
  }
  expect(tops).toEqual([...tops].sort((a, b) => a - b));

  // The fields are marked in place on this first try.
  const province = page.getByRole('combobox', { name: /Tỉnh, thành phố trực thuộc trung ương/ });
  await expect(province).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel(/Số hiệu giếng/)).toHaveAttribute('aria-invalid', 'true');

  // Each link moves focus to its field.
  await summary.getByRole('link', { name: 'Tỉnh, thành phố trực thuộc trung ương: bắt buộc nhập' }).click();
  await expect(province).toBeFocused();
  await summary.getByRole('link', { name: /^Số hiệu giếng \(dòng 1\)/ }).click();
  await expect(page.getByLabel(/Số hiệu giếng/)).toBeFocused();
  await summary.getByRole('link', { name: 'Tầng chứa nước khai thác: bắt buộc nhập' }).click();
  await expect(page.getByLabel(/Tầng chứa nước khai thác/)).toBeFocused();
});

test('the e-form asks for no declaration: the one declaration is on the review step', async ({ page }) => {
  await openNewForm(page, groundwater.code);
  await expect(page.getByRole('group', { name: /^Giếng khai thác/ })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /cam đoan|cam kết/i })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Cam kết' })).toHaveCount(0);
});

test('a required repeatable section shows as required, starts with one row, adds a labelled row and shows its error beside it', async ({ page }) => {
  await openNewForm(page, groundwater.code);
  const wells = page.getByRole('group', { name: /^Giếng khai thác/ });
  await expect(wells).toBeVisible();
  await expect(wells.locator('legend')).toContainText('Giếng khai thác *');
  // One empty row to fill in from the start, titled with its number.
  await expect(wells.getByLabel(/Số hiệu giếng/)).toHaveCount(1);
  await expect(wells.getByRole('heading', { name: 'Giếng 1' })).toBeVisible();

  const add = wells.getByRole('button', { name: 'Thêm giếng' });
  await expect(add).toBeVisible();
  const box = await add.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(36);
  await add.click();
  await expect(wells.getByLabel(/Số hiệu giếng/)).toHaveCount(2);
  await expect(wells.getByRole('heading', { name: 'Giếng 2' })).toBeVisible();

  // Removing every row and going on: the error shows beside the section, in view.
  await wells.getByRole('button', { name: 'Xóa dòng' }).first().click();
  await wells.getByRole('button', { name: 'Xóa dòng' }).first().click();
  await expect(wells.getByLabel(/Số hiệu giếng/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  const error = wells.getByText('Giếng khai thác: phải có ít nhất 1 mục');
  await expect(error).toBeVisible();
  const errorBox = await error.boundingBox();
  expect(errorBox!.width).toBeGreaterThan(50);
  expect(errorBox!.height).toBeGreaterThan(10);
  await page.getByRole('alert').getByRole('link', { name: 'Giếng khai thác: phải có ít nhất 1 mục' }).click();
  await expect(wells).toBeFocused();
});

test('the documents on the form page on a phone: going on with files missing marks each missing document in place', async ({ page }) => {
  await openNewForm(page, groundwater.code);
  // The documents follow the form on its page (no separate step).
  const documents = page.getByRole('region', { name: 'Giấy tờ đính kèm' });
  await expect(documents).toBeVisible();

  const badges = documents.getByTestId('requirement-badge');
  await expect(badges.first()).toBeAttached();
  const mandatoryCount = await documents.locator('[data-testid="requirement-badge"][data-mandatory="true"]').count();
  expect(mandatoryCount).toBeGreaterThan(0);

  // "Tiếp tục" is at the bottom of a long page on a phone. The form's errors come first (the
  // summary takes the focus); each missing document is marked where it is.
  const next = page.getByRole('button', { name: 'Tiếp tục' });
  await next.scrollIntoViewIfNeeded();
  await next.click();
  await expect(page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' })).toBeFocused();
  await expect(page.locator('section[data-missing]')).toHaveCount(mandatoryCount);
  await expect(page.locator('section[data-missing]').first()).toContainText('Chưa đính kèm. Giấy tờ này là bắt buộc.');
  await page.locator('section[data-missing]').last().getByRole('button', { name: /^Chọn tệp: / }).focus();
  await expect(page.locator('section[data-missing]').last().getByRole('button', { name: /^Chọn tệp: / })).toBeInViewport();

  // "Bắt buộc" looks the same here and on the procedure page.
  const look = (el: Element) => {
    const s = getComputedStyle(el);
    return { text: el.textContent, color: s.color, background: s.backgroundColor, border: s.borderTopColor, radius: s.borderTopLeftRadius, size: s.fontSize, weight: s.fontWeight };
  };
  const here = await documents.locator('[data-testid="requirement-badge"][data-mandatory="true"]').first().evaluate(look);
  await page.goto(`/thu-tuc/${groundwater.code}`);
  const there = await page.locator('[data-testid="requirement-badge"][data-mandatory="true"]').first().evaluate(look);
  expect(there).toEqual(here);
  expect(here.text).toBe('Bắt buộc');
});
