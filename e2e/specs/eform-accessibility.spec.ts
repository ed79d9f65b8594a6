/**
 * axe (WCAG 2.1 A and AA) on every state of the filing journey, for the e-forms of six procedures
 * (issue 10, item 13): the empty form, the form after a failed "Tiếp tục", a date chosen (its
 * clear button has a name), the documents on the form's page marked missing after a failed "Tiếp tục", the review step,
 * and "Hồ sơ của tôi" with drafts (the red "Xóa" buttons). Zero serious or critical findings, and
 * the form's headings follow the page's h1 in order, on a phone (and two of them on a desktop).
 */
import { expect, test, type Page } from '@playwright/test';
import { citizen } from '../fixtures/accounts.js';
import { seriousViolations, violationsOf } from '../fixtures/axe.js';
import { openNewForm } from '../fixtures/eform.js';
import { signIn } from '../fixtures/sign-in.js';

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

/** Six procedures whose forms differ: lists of rows, dates, choices, for businesses and for citizens. */
const procedures = [
  { code: '1.012604', what: 'groundwater licence (required list of wells)' },
  { code: '1.012601', what: 'surface-water licence' },
  { code: '1.004262', what: 'mine closure (dates and lists)' },
  { code: '1.010740', what: 'harvesting protected species (citizens, dates and lists)' },
  { code: '1.010738', what: 'genetic resources access (citizens, dates)' },
  { code: '1.012606', what: 'drilling licence renewal (conditional section, dates)' },
];

/**
 * No serious or critical finding in this state once the page has settled. A finding that is gone a
 * second later (a popover still closing, a re-render after a change, on two cores shared by three
 * test runs) is noted on the test's report with its targets; one still there fails the test, with
 * its rule and targets in the first line of the failure.
 */
async function expectClean(page: Page, state: string) {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const first = await seriousViolations(page);
  if (!first.length) return;
  await page.waitForTimeout(1_000);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const settled = await seriousViolations(page);
  expect(settled, `${state}: ${JSON.stringify(settled)}`).toEqual([]);
  test.info().annotations.push({ type: 'transient axe finding', description: `${state}: ${JSON.stringify(first)}` });
  console.log(`transient axe finding, gone a second later (${state}): ${JSON.stringify(first)}`);
}

// Every procedure on a phone; two on a desktop (the layout differs, the widgets do not).
for (const { viewport, only } of [{ viewport: { width: 360, height: 740 }, only: procedures.length }, { viewport: { width: 1280, height: 800 }, only: 2 }]) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });
    test.beforeEach(async ({ page }) => {
      await signIn(page, citizen.login);
    });

    for (const p of procedures.slice(0, only)) {
      test(`${p.code} ${p.what}: every state has no serious or critical finding`, async ({ page }) => {
        await openNewForm(page, p.code);
        await expectClean(page, 'empty form');
        expect(await violationsOf(page, ['heading-order', 'empty-heading', 'page-has-heading-one']), 'form headings').toEqual([]);

        await page.getByRole('button', { name: 'Tiếp tục' }).click();
        await expect(page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' })).toBeFocused();
        await expectClean(page, 'form with errors');

        const date = page.locator('input[placeholder="dd/mm/yyyy"]');
        if (await date.count()) {
          await date.first().fill('15/01/2026');
          await date.first().press('Tab');
          await expect(page.getByRole('button', { name: 'Xóa ngày đã chọn' }).first()).toBeAttached();
          // The state as the applicant then sees it: the date saved with the draft.
          await expect(page.getByTestId('autosave-status')).toHaveText(/^Đã lưu/);
          await expectClean(page, 'form with a date chosen');
        }

        // The documents are on the form's page; after the failed "Tiếp tục" the missing ones are marked there.
        const documents = page.getByRole('region', { name: 'Giấy tờ đính kèm' });
        if (await documents.count()) {
          await documents.scrollIntoViewIfNeeded();
          await expectClean(page, 'documents on the form page, marked missing');
        }

        const url = new URL(page.url());
        await page.goto(`${url.pathname}?buoc=3`);
        await expect(page.getByRole('heading', { level: 1, name: 'Kiểm tra và nộp' }).or(page.getByRole('heading', { level: 1 }))).toBeVisible();
        await expectClean(page, 'review step');
      });
    }

    test('"Hồ sơ của tôi" with drafts has no serious or critical finding', async ({ page }) => {
      await openNewForm(page, procedures[0]!.code);
      await page.goto('/ho-so-cua-toi');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('button', { name: /^Xóa/ }).first()).toBeVisible();
      await expectClean(page, 'my dossiers');
    });
  });
}
