/**
 * "Hồ sơ của tôi": a draft card says when it was saved, for whom and how complete it is; a draft
 * the applicant no longer wants is deleted after a confirmation, and "Giữ lại" keeps it.
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
  // The card says when it was last saved (Viet Nam time), for whom, and how complete it is.
  const card = page.getByRole('article').filter({ has: remove });
  await expect(card).toContainText(/Lưu lần cuối: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
  await expect(card).toContainText(`Người nộp: ${citizen.fullName}`);
  await expect(card.getByTestId('draft-completeness')).toHaveText(/^Đã điền \d+\/\d+ mục bắt buộc, (thiếu \d+ giấy tờ|đủ giấy tờ bắt buộc)$/);

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

test('"Nộp hồ sơ trực tuyến" again offers the unsubmitted draft instead of making another', async ({ page }) => {
  const seaWater = { code: '1.012607', caseCode: 'TH1', name: 'Cấp giấy phép khai thác, sử dụng nước biển' };
  await signIn(page, citizen.login);
  const csrf = (await page.context().cookies()).find((c) => c.name === 'csrf')?.value ?? '';
  const created = await page.request.post('/api/v1/dossiers', { data: { procedureCode: seaWater.code, caseCode: seaWater.caseCode }, headers: { 'X-CSRF-Token': csrf } });
  expect(created.status()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  const drafts = async () => {
    const body = (await (await page.request.get('/api/v1/dossiers?status=DRAFT&pageSize=100')).json()) as { items: { procedure: { code: string } }[] };
    return body.items.filter((i) => i.procedure.code === seaWater.code).length;
  };

  await page.goto(`/nop-ho-so?thu-tuc=${seaWater.code}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bạn đang có hồ sơ chưa nộp cho thủ tục này');
  await expect(page.getByRole('main')).toContainText(`người nộp: ${citizen.fullName}`);
  await expect(page.getByRole('link', { name: 'Tiếp tục hồ sơ đang làm' })).toHaveAttribute('href', `/nop-ho-so/${id}`);
  expect(await drafts()).toBe(1);

  // Another one only on purpose.
  await page.getByRole('button', { name: 'Tạo một hồ sơ mới khác' }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Bạn đang có hồ sơ chưa nộp cho thủ tục này');
  // When other specs made the demo citizen a member of an organisation, step 1 asks for whom.
  const forWhom = page.getByRole('button', { name: 'Bắt đầu điền tờ khai' });
  await expect.poll(async () => /\?buoc=2/.test(page.url()) || (await forWhom.isVisible())).toBe(true);
  if (await forWhom.isVisible()) await forWhom.click();
  await expect(page).toHaveURL(/\/nop-ho-so\/[^/?]+\?buoc=2/);
  await expect.poll(drafts).toBe(2);

  // The cards tell the two drafts apart: when each was saved, and for whom.
  await page.goto('/ho-so-cua-toi');
  const cards = page.getByRole('article').filter({ hasText: seaWater.name });
  await expect(cards).toHaveCount(2);
  for (const card of await cards.all()) {
    await expect(card).toContainText(`Người nộp: ${citizen.fullName}`);
    await expect(card).toContainText(/Lưu lần cuối: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
  }
});
