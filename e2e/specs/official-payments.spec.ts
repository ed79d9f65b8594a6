/**
 * The officials' side of fees: a surface-water dossier, its filing fee paid, is received and
 * forwarded to the specialist (through the API, as the back-office spec does it in the browser);
 * the specialist's workspace lists the paid filing request, and "Yêu cầu nộp phí" sends a second
 * fee with the official's items and amount: the dossier awaits payment (status 6) until the
 * applicant pays it through the VNPAY-protocol simulator, after which the workspace shows it
 * paid with its receipt and the dossier is back in processing. Axe-clean at 1280 px and 360 px.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { citizen, officer, specialist } from '../fixtures/accounts.js';
import { seriousViolations } from '../fixtures/axe.js';
import { completeSurfaceWaterDraft, csrfHeaders, submitThroughApi } from '../fixtures/dossiers.js';
import { expectSealedReceipt, payFilingFee } from '../fixtures/payments.js';
import { signIn } from '../fixtures/sign-in.js';

test.setTimeout(180_000);

async function deskPage(browser: Browser) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 1280, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  return context.newPage();
}

/** The signed-in citizen files a surface-water dossier through the API (held for its filing fee). */
async function fileDossier(page: Page) {
  const { dossier, headers } = await completeSurfaceWaterDraft(page, 'phi sau tham dinh');
  const code = await submitThroughApi(page, dossier.id, headers, 'official-payments');
  return { dossier, code, headers };
}

test('the specialist requests a fee from the workspace; the applicant pays it; the dossier resumes', async ({ page, browser }) => {
  // The applicant files and pays the filing fee.
  await signIn(page, citizen.login);
  const { dossier, code } = await fileDossier(page);
  await payFilingFee(page, dossier.id);
  // Paid through the national payment platform's simulator: a sealed electronic receipt.
  await expectSealedReceipt(page, dossier.id);

  // The one-stop officer receives it and forwards it to the specialist.
  const desk = await deskPage(browser);
  await signIn(desk, officer.login, true);
  const deskHeaders = await csrfHeaders(desk);
  const received = await desk.request.post(`/api/v1/dossiers/${dossier.id}/receive`, { headers: deskHeaders });
  expect(received.status(), await received.text()).toBe(200);
  const processing = (await (await desk.request.get(`/api/v1/dossiers/${dossier.id}/processing`)).json()) as { actions: { action: string; kind: string }[]; candidates: Record<string, { id: string; fullName: string }[]> };
  const forward = processing.actions.find((a) => a.kind === 'FORWARD')!;
  const to = processing.candidates[forward.action]!.find((c) => c.fullName === specialist.fullName)!;
  const forwarded = await desk.request.post(`/api/v1/dossiers/${dossier.id}/actions/${forward.action}`, { data: { assigneeId: to.id }, headers: deskHeaders });
  expect(forwarded.status(), await forwarded.text()).toBe(200);
  await desk.context().close();

  // The specialist's workspace: the paid filing fee, then "Yêu cầu nộp phí".
  const work = await deskPage(browser);
  await signIn(work, specialist.login, true);
  await work.goto(`/can-bo/ho-so/${dossier.id}`);
  await expect(work.getByRole('heading', { level: 1, name: `Xử lý hồ sơ ${code}` })).toBeVisible();
  const panel = work.getByRole('region', { name: 'Phí, lệ phí của hồ sơ' });
  await expect(panel.getByTestId('official-payment-status')).toHaveText(['Đã thanh toán']);
  await expect(panel).toContainText('Phí thẩm định đề án khai thác, sử dụng nước mặt');
  await expect(panel.getByRole('link', { name: 'Biên lai điện tử' })).toBeVisible();
  await panel.getByRole('button', { name: 'Yêu cầu nộp phí' }).click();
  const dialog = work.getByRole('dialog', { name: 'Yêu cầu nộp phí' });
  await expect(dialog).toBeVisible();
  // An empty item is refused before anything is sent.
  await dialog.getByRole('button', { name: 'Gửi yêu cầu nộp phí' }).click();
  await expect(dialog.getByText('Vui lòng nhập tên khoản thu.')).toBeVisible();
  await expect(dialog.getByText('Số tiền phải là số nguyên từ 1.000 đồng.')).toBeVisible();
  await dialog.getByLabel('Tên khoản thu 1').fill('Lệ phí cấp giấy phép khai thác, sử dụng nước mặt (minh họa)');
  await dialog.getByLabel('Số tiền khoản thu 1 (đồng)').fill('500000');
  await dialog.getByRole('button', { name: 'Thêm khoản thu' }).click();
  await dialog.getByLabel('Tên khoản thu 2').fill('Phí kiểm tra thực địa (minh họa)');
  await dialog.getByLabel('Loại khoản thu 2').selectOption({ label: 'Phí' });
  await dialog.getByLabel('Số tiền khoản thu 2 (đồng)').fill('1200000');
  await expect(dialog.getByTestId('request-total')).toHaveText(/Tổng cộng: 1\.700\.000/);
  await dialog.getByLabel('Nội dung gửi người nộp hồ sơ').fill('Đề nghị nộp lệ phí cấp giấy phép và phí kiểm tra thực địa.');
  expect(await seriousViolations(work)).toEqual([]);
  await dialog.getByRole('button', { name: 'Gửi yêu cầu nộp phí' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByRole('status')).toContainText(/Đã gửi yêu cầu nộp phí 1\.700\.000/);
  await expect(panel.getByTestId('official-payment-status')).toHaveText(['Đã thanh toán', 'Chờ thanh toán']);
  await expect(panel.getByRole('button', { name: 'Yêu cầu nộp phí' })).toHaveCount(0);
  expect(await seriousViolations(work)).toEqual([]);
  await work.screenshot({ path: test.info().outputPath('workspace-fee-requested-1280.png'), fullPage: true });
  await work.setViewportSize({ width: 360, height: 740 });
  expect(await work.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
  expect(await seriousViolations(work)).toEqual([]);
  await work.screenshot({ path: test.info().outputPath('workspace-fee-requested-360.png'), fullPage: true });

  // The applicant pays the second fee through VNPAY.
  const status = async () => ((await (await page.request.get(`/api/v1/dossiers/${dossier.id}`)).json()) as { status: string; nationalStatus: number });
  expect(await status()).toMatchObject({ status: 'AWAITING_PAYMENT', nationalStatus: 6 });
  await page.goto(`/ho-so-cua-toi/${dossier.id}`);
  const box = page.getByRole('region', { name: 'Phí, lệ phí', exact: true });
  await expect(box).toContainText(/Tổng cộng\s*1\.700\.000 đ/);
  await box.getByRole('button', { name: 'Thanh toán ngay' }).click();
  await box.getByRole('radio', { name: 'Cổng thanh toán VNPAY' }).check();
  await box.getByRole('button', { name: 'Tiếp tục thanh toán' }).click();
  await expect(page.getByRole('banner')).toContainText('MÔI TRƯỜNG THỬ NGHIỆM — không phải giao dịch thật');
  await page.getByRole('button', { name: 'Xác nhận thanh toán' }).click();
  await page.waitForURL(new RegExp(`/ho-so-cua-toi/${dossier.id}\\?thanh-toan=ok$`));
  await expect(box.getByTestId('payment-status')).toHaveText(['Đã thanh toán', 'Đã thanh toán']);
  expect(await status()).toMatchObject({ status: 'IN_PROGRESS' });

  // The workspace shows it paid; the specialist may request again.
  await work.reload();
  await expect(panel.getByTestId('official-payment-status')).toHaveText(['Đã thanh toán', 'Đã thanh toán']);
  await expect(panel.getByRole('button', { name: 'Yêu cầu nộp phí' })).toBeVisible();
  await work.context().close();
});

test('the accountant finds a fee paid twice on the reconciliation page and refunds it through VNPAY', async ({ page, browser }) => {
  await signIn(page, citizen.login);
  const { dossier, code, headers } = await fileDossier(page);
  const payments = async () => ((await (await page.request.get(`/api/v1/dossiers/${dossier.id}/payments`)).json()) as { items: { id: string; status: string }[] }).items;
  await expect.poll(async () => (await payments()).length, { timeout: 30_000 }).toBe(1);
  const [request] = await payments();
  // Two tabs opened on the gateway, both confirmed: the money arrives twice.
  const urls: string[] = [];
  for (let i = 0; i < 2; i++) {
    const co = await page.request.post(`/api/v1/dossiers/${dossier.id}/payments/${request!.id}/checkout`, { data: { provider: 'vnpay' }, headers });
    expect(co.status(), await co.text()).toBe(200);
    urls.push(((await co.json()) as { redirectUrl: string }).redirectUrl);
  }
  for (const url of urls) {
    await page.goto(url);
    await page.getByRole('button', { name: 'Xác nhận thanh toán' }).click();
    await page.waitForURL(new RegExp(`/ho-so-cua-toi/${dossier.id}\\?thanh-toan=ok$`));
  }

  const desk = await deskPage(browser);
  await signIn(desk, 'accountant@demo.opendvc.vn', true);
  await desk.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Đối soát thanh toán' }).click();
  await expect(desk.getByRole('heading', { level: 1, name: 'Đối soát thanh toán phí, lệ phí' })).toBeVisible();
  await desk.setViewportSize({ width: 360, height: 740 });
  const card = desk.getByRole('listitem').filter({ hasText: 'Thu trùng (cần hoàn tiền)' }).filter({ hasText: code });
  await expect(card).toContainText(/Còn có thể hoàn:\s*20\.000\.000|Còn có thể hoàn:\s*10\.000\.000/);
  expect(await desk.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
  expect(await seriousViolations(desk)).toEqual([]);
  await desk.screenshot({ path: test.info().outputPath('reconciliation-360.png'), fullPage: true });
  const refund = card.getByRole('button', { name: /^Hoàn / });
  await refund.click();
  await expect(card.getByText('Vui lòng nêu lý do (tối thiểu 5 ký tự).')).toBeVisible();
  await card.getByLabel(/^Lý do xử lý giao dịch/).fill('Người nộp thanh toán hai lần');
  await refund.click();
  await expect(card.getByRole('status')).toContainText('cổng đã hoàn tiền');
  await expect(card).toContainText(/Còn có thể hoàn:\s*0/);
  await card.getByRole('button', { name: 'Đánh dấu đã xử lý' }).click();
  await expect(card).toContainText('Đã xử lý lúc');
  expect(await seriousViolations(desk)).toEqual([]);
  await desk.context().close();
});
