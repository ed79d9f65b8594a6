/**
 * The national portal sync's administration page: the portal refuses a freshly filed dossier
 * (the simulator is told to answer every call with a data error), the administrator sees it as a
 * dead letter with the portal's answer, and once the portal accepts again replays it from the
 * page; the simulator then holds the dossier and its history. Axe-clean; 360 px and desktop
 * screenshots.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { citizen } from '../fixtures/accounts.js';
import { surfaceWater } from '../fixtures/catalog.js';
import { completeSurfaceWaterDraft, submitThroughApi } from '../fixtures/dossiers.js';
import { payFilingFee } from '../fixtures/payments.js';
import { dvcqgSimUrl } from '../fixtures/services.js';
import { signIn } from '../fixtures/sign-in.js';

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

async function faults(body: Record<string, unknown>) {
  const res = await fetch(`${dvcqgSimUrl}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.ok).toBe(true);
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

const shared: { code?: string } = {};

test.afterAll(async () => faults({}));

test('a dossier the portal refuses is a dead letter on the page; the administrator replays it', async ({ page, browser }) => {
  // The portal refuses every call with a data error: the dossier is parked at once.
  await faults({ rate: 1, errorCode: '-1' });
  await signIn(page, citizen.login);
  const { dossier, headers } = await completeSurfaceWaterDraft(page, 'dong bo dvcqg');
  shared.code = await submitThroughApi(page, dossier.id, headers, 'dvcqg');
  // The surface-water licence charges its fee at filing: the dossier is held (AWAITING_PAYMENT)
  // before any reception. The portal is told 1 "mới đăng ký" (its statuses from 2 on need a
  // reception date), not 6: the held dossier is synced, not refused.

  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1280, height: 800 } });
  const admin = await context.newPage();
  await signIn(admin, 'admin@demo.opendvc.vn', true);
  await admin.goto('/quan-tri/dong-bo-dvcqg');
  await expect(admin.getByRole('heading', { level: 2, name: 'Đồng bộ với Cổng Dịch vụ công quốc gia' })).toBeVisible();
  const card = admin.getByRole('list', { name: 'Hồ sơ đồng bộ' }).getByRole('listitem').filter({ hasText: shared.code });
  await expect(async () => {
    await admin.reload();
    await expect(card.getByText('Lỗi, chờ gửi lại')).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
  await expect(card.getByText(/Lỗi gần nhất:.*Cổng DVCQG/)).toBeVisible();
  await card.getByText('Yêu cầu đã gửi và trả lời của Cổng').click();
  await expect(card.getByText(/"service": "DongBoHoSoMC"/)).toBeVisible();
  await expect(card.getByText(/"error_code": "-1"/)).toBeVisible();
  expect(await seriousViolations(admin)).toEqual([]);
  await admin.screenshot({ path: test.info().outputPath('dvcqg-sync-1280.png'), fullPage: true });
  await admin.setViewportSize({ width: 360, height: 740 });
  expect(await seriousViolations(admin)).toEqual([]);
  await admin.screenshot({ path: test.info().outputPath('dvcqg-sync-360.png'), fullPage: true });
  await admin.setViewportSize({ width: 1280, height: 800 });

  // The portal accepts again: the administrator replays the dossier from the page.
  await faults({});
  await card.getByRole('button', { name: `Gửi lại ${shared.code}` }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Đã đưa 1 hồ sơ vào hàng đợi gửi lại.' })).toBeVisible();
  await expect(async () => {
    await admin.reload();
    await expect(card.getByText('Đã đồng bộ')).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
  // The portal's copy: filed (1) and held for the filing fee, still 1 since not received.
  await expect(async () => {
    const held = await (await fetch(`${dvcqgSimUrl}/_sim/dossiers/${encodeURIComponent(shared.code!)}`)).json() as { dossier: { TrangThaiHoSo: string; NgayTiepNhan: string }; history: { TrangThai: string; NoiDungXuLy: string }[] };
    const ours = (await (await page.request.get(`/api/v1/dossiers/${dossier.id}`)).json()) as { status: string };
    expect(ours.status).toBe('AWAITING_PAYMENT');
    expect(held.dossier).toMatchObject({ TrangThaiHoSo: '1', NgayTiepNhan: '' });
    expect(held.history.map((h) => h.TrangThai)).toEqual(['1', '1']);
    expect(held.history[1]?.NoiDungXuLy).toBe('Yêu cầu thực hiện nghĩa vụ tài chính');
  }).toPass({ timeout: 60_000 });
  // Paid, the dossier is filed again (1) and the portal follows.
  await payFilingFee(page, dossier.id);
  await expect(async () => {
    const held = await (await fetch(`${dvcqgSimUrl}/_sim/dossiers/${encodeURIComponent(shared.code!)}`)).json() as { dossier: { TrangThaiHoSo: string }; history: { TrangThai: string }[] };
    expect(held.dossier.TrangThaiHoSo).toBe('1');
    expect(held.history.map((h) => h.TrangThai)).toEqual(['1', '1', '1']);
  }).toPass({ timeout: 60_000 });
  await context.close();
});

test('the administrator pulls the catalogue from the portal and reads how a changed procedure differs', async ({ page }) => {
  const packet = await (await fetch(`${dvcqgSimUrl}/_sim/catalogue/${surfaceWater.code}`)).json() as { TENTTHC: string };
  const res = await fetch(`${dvcqgSimUrl}/_sim/catalogue/${surfaceWater.code}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ TENTTHC: `${packet.TENTTHC} (sửa đổi)` }) });
  expect(res.ok).toBe(true);
  await signIn(page, 'admin@demo.opendvc.vn', true);
  await page.goto('/quan-tri/dong-bo-dvcqg');
  await page.getByRole('button', { name: 'Lấy danh mục từ Cổng' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Đã đối chiếu xong: \d+ thủ tục khác với Cổng\./ })).toBeVisible({ timeout: 60_000 });
  const card = page.getByRole('list', { name: 'Thủ tục khác với Cổng' }).getByRole('listitem').filter({ hasText: surfaceWater.code });
  await expect(card.getByText('Khác nhau')).toBeVisible();
  const row = card.getByRole('row', { name: /Tên thủ tục/ });
  await expect(row.getByRole('cell').first()).toHaveText(`${packet.TENTTHC} (sửa đổi)`);
  await expect(row.getByRole('cell').nth(1)).toHaveText(packet.TENTTHC);
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('dvcqg-catalogue-360.png'), fullPage: true });
});
