/**
 * "Dữ liệu cá nhân của tôi": the account page links to it; the page says what the download holds;
 * the button downloads one ZIP whose JSON lists the applicant's dossier; axe-clean at 360 px and
 * on a desktop.
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { readZip } from '../../server/platform/zip/zip-writer.js';
import { citizen } from '../fixtures/accounts.js';
import { seriousViolations } from '../fixtures/axe.js';
import { signIn } from '../fixtures/sign-in.js';

async function createDraft(page: Page): Promise<string> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'csrf')?.value ?? '';
  const response = await page.request.post('/api/v1/dossiers', {
    data: { procedureCode: '1.010738', caseCode: 'TH1' },
    headers: { 'X-CSRF-Token': csrf },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

for (const viewport of [{ name: '360 px', width: 360, height: 780 }, { name: 'desktop', width: 1280, height: 900 }]) {
  test(`an applicant downloads their personal data as one ZIP listing their dossier (${viewport.name})`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await signIn(page, citizen.login);
    const dossierId = await createDraft(page);

    await page.goto('/tai-khoan');
    await page.getByRole('link', { name: 'Dữ liệu cá nhân của tôi' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Dữ liệu cá nhân của tôi' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Tệp tải về gồm' })).toBeVisible();
    await expect(page.getByText('Luật số 91/2025/QH15')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    expect(await seriousViolations(page)).toEqual([]);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải dữ liệu của tôi' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^du-lieu-ca-nhan-\d{8}\.zip$/);
    await expect(page.getByRole('status').filter({ hasText: 'Đã tải về tệp dữ liệu cá nhân' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    const entries = readZip(fs.readFileSync(await download.path()));
    const json = entries.find((e) => e.name === 'du-lieu-ca-nhan.json');
    expect(json).toBeDefined();
    const doc = JSON.parse(json!.data.toString('utf8')) as { account: { email: string }; dossiers: { id: string; status: string }[] };
    expect(doc.account.email).toBe(citizen.login);
    expect(doc.dossiers.find((d) => d.id === dossierId)).toMatchObject({ status: 'DRAFT' });
  });
}
