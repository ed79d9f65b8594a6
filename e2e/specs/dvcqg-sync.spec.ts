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
import { smallPdf } from '../fixtures/files.js';
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
  const csrf = (await page.context().cookies()).find((c) => c.name === 'csrf')?.value ?? '';
  const headers = { 'X-CSRF-Token': csrf };
  const draft = await page.request.post('/api/v1/dossiers', { data: { procedureCode: surfaceWater.code, caseCode: 'TH1' }, headers });
  expect(draft.status(), await draft.text()).toBe(201);
  const dossier = (await draft.json()) as { id: string; components: { id: string; mandatory: boolean }[] };
  const answers = {
    organisation: { name: 'Công ty TNHH Nước sạch Sông Đà', taxCode: '0100109106', address: 'Số 5 phố Tràng Tiền, Hoàn Kiếm, Hà Nội', representative: citizen.fullName, position: 'Giám đốc', phone: citizen.phone, email: citizen.login },
    source: { river: 'Sông Đà', location: { provinceCode: '25', provinceName: 'Tỉnh Phú Thọ', communeCode: '04795', communeName: 'Phường Hòa Bình' }, intakeX: 2305000, intakeY: 556000, purposes: ['DOMESTIC'], flow: 3000, duration: 10 },
  };
  expect((await page.request.patch(`/api/v1/dossiers/${dossier.id}`, { data: { answers }, headers })).status()).toBe(200);
  const pdf = await smallPdf('dong bo dvcqg');
  for (const component of dossier.components.filter((c) => c.mandatory)) {
    const upload = await page.request.post(`/api/v1/dossiers/${dossier.id}/attachments`, { multipart: { componentId: component.id, file: { name: 'giay-to.pdf', mimeType: 'application/pdf', buffer: pdf } }, headers });
    expect(upload.status(), await upload.text()).toBe(201);
  }
  const submitted = await page.request.post(`/api/v1/dossiers/${dossier.id}/submit`, { headers: { ...headers, 'Idempotency-Key': `dvcqg-${dossier.id}` } });
  expect(submitted.status(), await submitted.text()).toBe(200);
  shared.code = ((await submitted.json()) as { code: string }).code;
  // The surface-water licence charges its fee at filing: held for it before reception, the
  // dossier is filed (1) for the portal (its status 6 needs a reception date); paid, it stays 1.
  await payFilingFee(page, dossier.id);

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
  // The portal's copy follows OpenDVC: filed (1), then whatever came since.
  await expect(async () => {
    const held = await (await fetch(`${dvcqgSimUrl}/_sim/dossiers/${encodeURIComponent(shared.code!)}`)).json() as { dossier: { TrangThaiHoSo: string }; history: { TrangThai: string }[] };
    const ours = ((await (await page.request.get(`/api/v1/dossiers/${dossier.id}`)).json()) as { nationalStatus: number }).nationalStatus;
    expect(held.dossier.TrangThaiHoSo).toBe(String(ours));
    expect(held.history[0]?.TrangThai).toBe('1');
    expect(held.history.at(-1)?.TrangThai).toBe(String(ours));
  }).toPass({ timeout: 60_000 });
  await context.close();
});
