/**
 * "Hồ sơ của tôi": a draft the applicant no longer wants is deleted after a confirmation, and
 * "Giữ lại" keeps it.
 */
import { expect, test, type Page } from '@playwright/test';
import { citizen } from '../fixtures/accounts.js';
import { signIn } from '../fixtures/sign-in.js';

const genAccess = { code: '1.010738', caseCode: 'TH1', name: 'Cấp giấy phép tiếp cận nguồn gen' };

async function createDraft(page: Page): Promise<string> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'csrf')?.value ?? '';
  const response = await page.request.post('/api/v1/dossiers', {
    data: { procedureCode: genAccess.code, caseCode: genAccess.caseCode },
    headers: { 'X-CSRF-Token': csrf },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test('a draft is deleted from "Hồ sơ của tôi" only after the applicant confirms', async ({ page }) => {
  await signIn(page, citizen.login);
  const id = await createDraft(page);

  await page.goto('/ho-so-cua-toi');
  const remove = page.getByRole('button', { name: `Xóa bản nháp: ${genAccess.name}` });
  await expect(remove).toHaveCount(1);

  // "Giữ lại" keeps it.
  await remove.click();
  const confirm = page.getByRole('group', { name: 'Xóa hẳn bản nháp này cùng các tệp đã tải lên?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Giữ lại' }).click();
  await expect(confirm).toBeHidden();
  expect((await page.request.get(`/api/v1/dossiers/${id}`)).status()).toBe(200);

  // "Xóa" deletes it: the card goes and the API no longer knows the draft.
  await remove.click();
  await confirm.getByRole('button', { name: 'Xóa', exact: true }).click();
  await expect(remove).toHaveCount(0);
  expect((await page.request.get(`/api/v1/dossiers/${id}`)).status()).toBe(404);
});
