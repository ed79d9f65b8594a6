/**
 * The browser's script policy has no 'unsafe-eval' (issue 19 item 7, ADR 0021): the e-form is
 * validated by its precompiled module, loaded from our origin, with the Vietnamese messages, and the
 * page reports no policy violation.
 */
import { expect, test, type Page } from '@playwright/test';
import { citizen } from '../fixtures/accounts.js';
import { groundwater } from '../fixtures/catalog.js';
import { openNewForm } from '../fixtures/eform.js';
import { signIn } from '../fixtures/sign-in.js';

test.use({ viewport: { width: 360, height: 740 } });
test.setTimeout(90_000);

/** Collects policy violations (event and console) from the first script on. */
async function watchViolations(page: Page) {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|unsafe-eval|EvalError/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations))];
}

test('the e-form validates with Vietnamese messages under a policy without unsafe-eval', async ({ page }) => {
  const violations = await watchViolations(page);
  const validatorResponses: Array<{ url: string; type: string; cache: string }> = [];
  page.on('response', (r) => {
    if (/\/api\/v1\/forms\/[0-9a-f]{64}\/validator\.js$/.test(r.url())) validatorResponses.push({ url: r.url(), type: r.headers()['content-type'] ?? '', cache: r.headers()['cache-control'] ?? '' });
  });
  await signIn(page, citizen.login);

  const doc = await page.request.get('/');
  const csp = doc.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');

  await openNewForm(page, groundwater.code);
  await page.getByLabel(/Số hiệu giếng/).fill('GK-'.repeat(10));
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
  await expect(summary).toBeFocused();
  const texts = await summary.getByRole('link').allTextContents();
  expect(texts).toContain('Tầng chứa nước khai thác: bắt buộc nhập');
  expect(texts).toContain('Tỉnh, thành phố trực thuộc trung ương: bắt buộc nhập');
  expect(texts.find((t) => t.startsWith('Số hiệu giếng (dòng 1):'))).toMatch(/20/);
  await expect(page.getByLabel(/Số hiệu giếng/)).toHaveAttribute('aria-invalid', 'true');

  // Fixed, the field's own error goes away as the precompiled validator runs again.
  await page.getByLabel(/Số hiệu giếng/).fill('GK-01');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(summary.getByRole('link', { name: /^Số hiệu giếng \(dòng 1\)/ })).toHaveCount(0);

  expect(validatorResponses.length).toBeGreaterThan(0);
  expect(validatorResponses[0]!.type).toContain('text/javascript');
  expect(validatorResponses[0]!.cache).toContain('immutable');
  expect(await violations()).toEqual([]);
});
