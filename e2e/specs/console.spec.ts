import { expect, test } from '@playwright/test';

/**
 * An anonymous visitor's pages leave the browser console clean: no failed request (the portal
 * asks who is signed in on every page, and "nobody" is an answer, not a 401), no script error.
 */
const pages = [
  '/',
  '/thu-tuc?q=khai%20thac%20nuoc%20duoi%20dat',
  '/thu-tuc/1.012604',
  '/dang-nhap',
  '/dang-ky',
  '/tra-cuu',
  '/dang-nhap/loi-quoc-gia?ma=auth.oidc_disabled&yeu-cau=x',
];

test('the main anonymous pages log nothing in the console', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${page.url()}: console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${page.url()}: ${response.status()} ${response.url()}`);
  });
  for (const url of pages) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  expect(problems).toEqual([]);
});
