/**
 * The back office end to end: the demo citizen files a surface-water dossier online; the one-stop
 * officer receives it and forwards it to the specialist, who drafts the result and submits it to
 * the unit head, who submits it to the leader; the leader signs it from the signing queue; the
 * records clerk issues it; the officer hands it over at the counter. The citizen is told by e-mail
 * at reception, when the result is ready and when it is returned, downloads the signed result
 * (two valid PAdES signatures: the leader's and the unit's seal) and rates the service.
 * Inbox, signing queue and workspace pass axe (no serious or critical violation); on a phone the inbox is cards.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { citizen, officer, specialist } from '../fixtures/accounts.js';
import { surfaceWater } from '../fixtures/catalog.js';
import { payFilingFee } from '../fixtures/payments.js';
import { smallPdf } from '../fixtures/files.js';
import { mailsTo } from '../fixtures/mail.js';
import { signIn } from '../fixtures/sign-in.js';

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

const head = { login: 'head@demo.opendvc.vn', fullName: 'Vũ Thị Giang' };
const leader = { login: 'leader@demo.opendvc.vn', fullName: 'Đặng Văn Hùng' };
const clerk = { login: 'clerk@demo.opendvc.vn', fullName: 'Bùi Thị Lan' };

const shared: { id?: string; code?: string; officer?: Page } = {};

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Someone else at their own desk (own cookies). */
async function deskPage(browser: Browser, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  return context.newPage();
}

const mailsAbout = (subject: string) => mailsTo(citizen.login).filter((m) => m.subject === subject);

/** Opens the dossier from the official's inbox ("Hồ sơ của tôi" or the unit's). */
async function openFromInbox(page: Page, scope: 'Hồ sơ của tôi' | 'Của đơn vị') {
  await page.goto('/can-bo/ho-so');
  await expect(page.getByRole('heading', { level: 1, name: 'Hộp xử lý hồ sơ' })).toBeVisible();
  if (scope === 'Của đơn vị') await page.getByText('Của đơn vị', { exact: true }).click();
  await page.getByRole('link', { name: shared.code! }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Xử lý hồ sơ ${shared.code}` })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** Takes an action from the workspace through its form, and waits for the notice. */
async function takeAction(page: Page, label: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => {}) {
  await page.getByRole('region', { name: 'Xử lý hồ sơ', exact: true }).getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await expect(dialog).toBeVisible();
  await fill(dialog);
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Đã thực hiện: ${label}.` })).toBeVisible();
}

test('the citizen files a surface-water dossier online', async ({ page }) => {
  await signIn(page, citizen.login);
  const csrf = async () => (await page.context().cookies()).find((c) => c.name === 'csrf')?.value ?? '';
  const headers = { 'X-CSRF-Token': await csrf() };
  const draft = await page.request.post('/api/v1/dossiers', { data: { procedureCode: surfaceWater.code, caseCode: 'TH1' }, headers });
  expect(draft.status(), await draft.text()).toBe(201);
  const dossier = (await draft.json()) as { id: string; components: { id: string; name: string; mandatory: boolean }[] };
  const answers = {
    organisation: { name: 'Công ty TNHH Nước sạch Sông Đà', taxCode: '0100109106', address: 'Số 5 phố Tràng Tiền, Hoàn Kiếm, Hà Nội', representative: citizen.fullName, position: 'Giám đốc', phone: citizen.phone, email: citizen.login },
    source: { river: 'Sông Đà', location: { provinceCode: '25', provinceName: 'Tỉnh Phú Thọ', communeCode: '04795', communeName: 'Phường Hòa Bình' }, intakeX: 2305000, intakeY: 556000, purposes: ['DOMESTIC'], flow: 3000, duration: 10 },
  };
  const saved = await page.request.patch(`/api/v1/dossiers/${dossier.id}`, { data: { answers }, headers });
  expect(saved.status(), await saved.text()).toBe(200);
  const pdf = await smallPdf('ho so song da');
  for (const component of dossier.components.filter((c) => c.mandatory)) {
    const upload = await page.request.post(`/api/v1/dossiers/${dossier.id}/attachments`, {
      multipart: { componentId: component.id, file: { name: 'giay-to.pdf', mimeType: 'application/pdf', buffer: pdf } },
      headers,
    });
    expect(upload.status(), await upload.text()).toBe(201);
  }
  const submitted = await page.request.post(`/api/v1/dossiers/${dossier.id}/submit`, { headers: { ...headers, 'Idempotency-Key': `back-office-${dossier.id}` } });
  expect(submitted.status(), await submitted.text()).toBe(200);
  const code = ((await submitted.json()) as { code: string }).code;
  expect(code).toMatch(/^[\d.A-Z]+-\d{6}-\d{4}$/);
  shared.id = dossier.id;
  shared.code = code;

  // The appraisal fee is paid at filing (the dossier waits for it before the desk receives it).
  await payFilingFee(page, dossier.id);

  // The applicant's page does not offer a result or a rating yet.
  await page.goto(`/ho-so-cua-toi/${dossier.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Kết quả giải quyết', exact: true })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Đánh giá mức độ hài lòng', exact: true })).toHaveCount(0);
});

test('the officer receives it and forwards it to the specialist from the workspace', async ({ browser }) => {
  expect(shared.code, 'the dossier filed by the first test of this file').toBeTruthy();
  const page = await deskPage(browser);
  shared.officer = page;
  await signIn(page, officer.login, true);
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  await expect(nav.getByRole('link', { name: 'Tiếp nhận hồ sơ' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Hộp xử lý hồ sơ' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Ký duyệt' })).toHaveCount(0);

  await page.goto(`/can-bo/tiep-nhan/${shared.id}`);
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Đã tiếp nhận hồ sơ ${shared.code}.` })).toBeVisible();
  await expect.poll(() => mailsAbout(`Hồ sơ ${shared.code} đã được tiếp nhận`).length, { timeout: 10_000 }).toBe(1);

  await page.getByRole('link', { name: 'Mở hồ sơ để xử lý tiếp' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Xử lý hồ sơ ${shared.code}` })).toBeVisible();
  const summary = page.getByRole('region', { name: 'Thông tin hồ sơ', exact: true });
  await expect(summary).toContainText('Tiếp nhận hồ sơ');
  await expect(summary).toContainText(officer.fullName);
  await expect(summary).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await expect(summary.getByText(/^(Còn hạn|Sắp đến hạn)$/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Phiếu kiểm soát quá trình (mẫu 05)' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'giay-to.pdf' }).first()).toBeVisible();
  const sheet = await page.request.get((await page.getByRole('link', { name: 'Phiếu kiểm soát quá trình (mẫu 05)' }).getAttribute('href'))!);
  expect(sheet.headers()['content-type']).toContain('application/pdf');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // Only the actions the API lists: no "Ký duyệt" here.
  const actions = page.getByRole('region', { name: 'Xử lý hồ sơ', exact: true });
  await expect(actions.getByRole('button', { name: 'Chuyển đơn vị xử lý' })).toBeVisible();
  await expect(actions.getByRole('button', { name: 'Ký duyệt' })).toHaveCount(0);

  // A stop needs a reason: refused inline by the form, nothing sent.
  await actions.getByRole('button', { name: 'Dừng xử lý' }).click();
  const stop = page.getByRole('dialog', { name: 'Dừng xử lý' });
  await stop.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(stop.getByRole('alert')).toContainText('Hãy nhập ý kiến xử lý.');
  await expect(stop.getByLabel('Ý kiến xử lý')).toHaveAttribute('aria-invalid', 'true');
  await stop.getByRole('button', { name: 'Hủy' }).click();

  await takeAction(page, 'Chuyển đơn vị xử lý', async (dialog) => {
    await expect(dialog.getByText('Ý kiến xử lý')).toHaveCount(0);
    await dialog.getByLabel('Người xử lý tiếp theo').selectOption({ label: specialist.fullName });
    expect(await seriousViolations(page)).toEqual([]);
  });
  await expect(page.getByRole('status').filter({ hasText: 'Hồ sơ đã chuyển khỏi bạn.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Thông tin hồ sơ', exact: true })).toContainText('Chuyên viên thẩm định');
  await expect(page.getByRole('region', { name: 'Thông tin hồ sơ', exact: true })).toContainText(specialist.fullName);
  await page.getByRole('status').filter({ hasText: 'Hồ sơ đã chuyển khỏi bạn.' }).getByRole('link', { name: 'Về hộp xử lý hồ sơ' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hộp xử lý hồ sơ' })).toBeVisible();
});

test('the specialist finds it in their inbox, drafts the result and submits it to the unit head', async ({ browser }) => {
  expect(shared.code, 'the dossier filed by the first test of this file').toBeTruthy();
  const page = await deskPage(browser);
  await signIn(page, specialist.login, true);
  await page.goto('/can-bo/ho-so');
  await expect(page.getByRole('heading', { level: 1, name: 'Hộp xử lý hồ sơ' })).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: shared.code }) });
  await expect(row).toContainText(surfaceWater.name);
  await expect(row).toContainText(citizen.fullName);
  await expect(row).toContainText('Chuyên viên thẩm định');
  await expect(row).toContainText(specialist.fullName);
  await expect(row).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await expect(row.getByText(/^(Còn hạn|Sắp đến hạn)$/)).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // On a phone the same inbox is a list of cards, not a table, and nothing scrolls sideways.
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(page.getByRole('table')).toHaveCount(0);
  const card = page.getByRole('list', { name: 'Danh sách hồ sơ chờ xử lý' }).getByRole('article', { name: shared.code });
  await expect(card).toContainText('Chuyên viên thẩm định');
  await expect(card.getByText(/^(Còn hạn|Sắp đến hạn)$/)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Filters live in the address; an overdue-only list does not hold this dossier.
  await page.getByRole('combobox', { name: 'Hạn xử lý' }).click();
  await page.getByRole('option', { name: 'Quá hạn' }).click();
  await expect(page).toHaveURL(/han=qua-han/);
  await expect(page.getByRole('link', { name: shared.code })).toHaveCount(0);
  await page.getByRole('button', { name: 'Bỏ lọc' }).click();
  await expect(page).not.toHaveURL(/han=/);

  await page.getByRole('link', { name: shared.code! }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Xử lý hồ sơ ${shared.code}` })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(page.getByRole('region', { name: 'Xử lý hồ sơ', exact: true }).getByRole('button', { name: 'Trình lãnh đạo đơn vị' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
  await page.setViewportSize({ width: 1280, height: 800 });
  const draft = page.getByRole('region', { name: 'Dự thảo kết quả', exact: true });
  await expect(draft.getByLabel('Tên văn bản')).not.toHaveValue('');
  await draft.getByLabel('Trích yếu').fill('x');
  await draft.getByRole('button', { name: 'Lưu dự thảo' }).click();
  await expect(draft.getByRole('alert')).toContainText('Trích yếu tối thiểu 3 ký tự');
  await draft.getByLabel('Trích yếu').fill(`Về việc cấp giấy phép khai thác nước mặt sông Đà, hồ sơ ${shared.code}`);
  await draft.getByLabel('Nội dung').fill('Cấp phép cho Công ty TNHH Nước sạch Sông Đà khai thác 3.000 m³/ngày đêm nước mặt sông Đà để cấp nước sinh hoạt trong thời hạn 10 năm.');
  await draft.getByRole('button', { name: 'Lưu dự thảo' }).click();
  await expect(draft.getByRole('status')).toContainText('Đã lưu dự thảo kết quả.');
  await expect(page.getByRole('region', { name: 'Văn bản', exact: true })).toContainText('Dự thảo');
  expect(await seriousViolations(page)).toEqual([]);

  await takeAction(page, 'Trình lãnh đạo đơn vị', async (dialog) => {
    await dialog.getByLabel('Người xử lý tiếp theo').selectOption({ label: head.fullName });
  });
  await expect(page.getByRole('region', { name: 'Dự thảo kết quả', exact: true })).toHaveCount(0);
  await page.context().close();
});

test('the unit head submits it to the leader without choosing who signs', async ({ browser }) => {
  expect(shared.code, 'the dossier filed by the first test of this file').toBeTruthy();
  const page = await deskPage(browser);
  await signIn(page, head.login, true);
  await openFromInbox(page, 'Hồ sơ của tôi');
  await expect(page.getByRole('region', { name: 'Thông tin hồ sơ', exact: true })).toContainText('Lãnh đạo đơn vị xem xét');
  await takeAction(page, 'Trình lãnh đạo ký');
  await expect(page.getByRole('region', { name: 'Thông tin hồ sơ', exact: true })).toContainText('Chưa phân công');
  await page.context().close();
});

test('the leader signs it from the signing queue', async ({ browser }) => {
  expect(shared.code, 'the dossier filed by the first test of this file').toBeTruthy();
  const page = await deskPage(browser);
  await signIn(page, leader.login, true);
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Ký duyệt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ chờ ký duyệt' })).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: shared.code }) });
  await expect(row).toContainText('Lãnh đạo phê duyệt, ký');
  await expect(row).toContainText('Chưa phân công');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('link', { name: shared.code! }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Xử lý hồ sơ ${shared.code}` })).toBeVisible();

  await page.getByRole('region', { name: 'Xử lý hồ sơ', exact: true }).getByRole('button', { name: 'Ký duyệt', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Ký duyệt' });
  await expect(dialog).toContainText('ký số văn bản kết quả bằng chứng thư số của bạn');
  await dialog.getByLabel('Người xử lý tiếp theo').selectOption({ label: clerk.fullName });
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  // Without the leader's certificate the server refuses, and the form says why.
  const refused = dialog.getByRole('alert').filter({ hasText: 'Chưa có chứng thư số' });
  await expect(refused.or(page.getByRole('status').filter({ hasText: 'Đã thực hiện: Ký duyệt.' }))).toBeVisible();
  expect(await refused.count(), 'the demo PKI signs the result (signing merged into main)').toBe(0);

  const documents = page.getByRole('region', { name: 'Văn bản', exact: true });
  await expect(documents).toContainText('Đã ký');
  await expect(documents).toContainText(leader.fullName);
  await page.context().close();
});

test('the records clerk issues it to the one-stop desk', async ({ browser }) => {
  expect(shared.code, 'the dossier filed by the first test of this file').toBeTruthy();
  const page = await deskPage(browser);
  await signIn(page, clerk.login, true);
  await openFromInbox(page, 'Của đơn vị');
  await takeAction(page, 'Chuyển bộ phận một cửa trả kết quả', async (dialog) => {
    await expect(dialog).toContainText('cấp số, đóng dấu và ban hành');
    await dialog.getByLabel('Người xử lý tiếp theo').selectOption({ label: officer.fullName });
  });
  const documents = page.getByRole('region', { name: 'Văn bản', exact: true });
  await expect(documents).toContainText('Đã ban hành');
  await expect(documents.getByRole('link', { name: 'Trang xác minh văn bản' })).toHaveAttribute('href', /^\/xac-minh\/[^/]+$/);
  await expect.poll(() => mailsAbout(`Hồ sơ ${shared.code} đã có kết quả`).length, { timeout: 10_000 }).toBe(1);
  await page.context().close();
});

test('the officer hands the result over at the counter', async ({ browser }) => {
  expect(shared.code, 'the dossier filed by the first test of this file').toBeTruthy();
  const page = shared.officer ?? (await deskPage(browser));
  if (!shared.officer) await signIn(page, officer.login, true);
  await openFromInbox(page, 'Hồ sơ của tôi');
  await page.getByRole('region', { name: 'Xử lý hồ sơ', exact: true }).getByRole('button', { name: 'Trả kết quả cho người nộp' }).click();
  const dialog = page.getByRole('dialog', { name: 'Trả kết quả cho người nộp' });
  await dialog.getByLabel('Số CCCD/CMND của người nhận').fill('1234');
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Hãy ghi họ tên người nhận kết quả.');
  await expect(dialog.getByRole('alert')).toContainText('Số CCCD/CMND gồm 9 hoặc 12 chữ số.');
  await dialog.getByLabel('Họ và tên người nhận kết quả').fill(citizen.fullName);
  await dialog.getByLabel('Số CCCD/CMND của người nhận').fill(citizen.personalIdNumber);
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã thực hiện: Trả kết quả cho người nộp.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Văn bản', exact: true })).toContainText(`Trao cho ${citizen.fullName}`);
  await expect(page.getByRole('region', { name: 'Thông tin hồ sơ', exact: true })).toContainText('Đã trả kết quả');
  await expect.poll(() => mailsAbout(`Hồ sơ ${shared.code} đã trả kết quả`).length, { timeout: 10_000 }).toBe(1);
  await page.context().close();
  shared.officer = undefined;
});

test('the citizen downloads the signed result and rates the service', async ({ page }) => {
  expect(shared.code, 'the dossier filed by the first test of this file').toBeTruthy();
  await signIn(page, citizen.login);
  await page.goto(`/ho-so-cua-toi/${shared.id}`);
  const result = page.getByRole('region', { name: 'Kết quả giải quyết', exact: true });
  await expect(result).toBeVisible();
  await expect(result).toContainText(/\d{2}\/\d{2}\/\d{4}/);
  const download = result.getByRole('link', { name: 'Tải kết quả giải quyết (PDF)' });
  const response = await page.request.get((await download.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/pdf');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-result-')), 'ket-qua.pdf');
  fs.writeFileSync(file, await response.body());
  const report = execFileSync('/usr/bin/pdfsig', [file], { encoding: 'utf8' });
  expect(report.match(/Signature is Valid/g)?.length, report).toBe(2);

  const rating = page.getByRole('region', { name: 'Đánh giá mức độ hài lòng', exact: true });
  await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(rating.getByRole('alert')).toContainText('Chọn mức đánh giá từ 1 đến 5.');
  for (const label of ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng']) {
    await expect(rating.getByRole('radio', { name: label, exact: true })).toBeVisible();
  }
  expect(await seriousViolations(page)).toEqual([]);
  await rating.getByRole('radio', { name: 'Rất hài lòng', exact: true }).check();
  await rating.getByLabel('Góp ý (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình, trả kết quả đúng hẹn.');
  await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Cảm ơn Ông/Bà đã đánh giá.' })).toBeVisible();
  await page.reload();
  await expect(page.getByText('Ông/Bà đã đánh giá: Rất hài lòng.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Gửi đánh giá' })).toHaveCount(0);
});
