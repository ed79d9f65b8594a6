import { expect, test } from '@playwright/test';
import { surfaceWater } from '../fixtures/catalog.js';

test('the English switch changes the interface language and html[lang], and is remembered', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  const languages = page.getByRole('group', { name: 'Ngôn ngữ / Language' });
  await expect(languages.getByRole('button', { name: 'Tiếng Việt' })).toHaveAttribute('aria-pressed', 'true');

  await languages.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(languages.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Online public services');
  await expect(page.getByRole('combobox', { name: 'Find an administrative procedure' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Water resources/ })).toBeVisible();
  await expect(page).toHaveTitle('Online public services — OpenDVC');

  // The choice survives a reload and applies to the other pages.
  await page.goto(`/thu-tuc?q=${encodeURIComponent(surfaceWater.query)}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('status')).toContainText(/\d+ procedures? found/);
  await expect(page.getByRole('radiogroup', { name: 'Online level' })).toBeVisible();
  await expect(page.getByText('Partly online').first()).toBeVisible();

  await page.goto(`/thu-tuc/${surfaceWater.code}`);
  await expect(page.getByRole('region', { name: 'What you can do online' })).toContainText('You can submit your application online.');

  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('region', { name: 'Làm gì được trực tuyến' })).toBeVisible();
});
