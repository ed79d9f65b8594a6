/**
 * Webhooks administration: an administrator registers a subscription to a subscriber that is
 * failing, sends test events (dead letters at once: WEBHOOK_RETRY_HOURS=0 in this run), sees them
 * with their attempts, and once the subscriber answers again replays one, then all, from the
 * page; the subscriber gets each once, with signatures it verifies with the `standardwebhooks`
 * library. Axe-clean at 1280 and 360 px.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { signIn } from '../fixtures/sign-in.js';

test.setTimeout(120_000);

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

test('dead letters are replayed from the admin page, one and then all', async ({ page }) => {
  const state = { answer: 500, secret: '', received: [] as string[], unverified: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      if (state.answer < 300) {
        try {
          new Webhook(state.secret).verify(Buffer.concat(chunks).toString('utf8'), headers);
          state.received.push(headers['webhook-id']!);
        } catch {
          state.unverified++;
          res.writeHead(400).end('chữ ký không hợp lệ');
          return;
        }
      }
      res.writeHead(state.answer, { 'content-type': 'text/plain' }).end(state.answer < 300 ? '' : 'Hệ thống nhận đang bảo trì');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/opendvc/hook`;
  try {
    await signIn(page, 'admin@demo.opendvc.vn', true);
    await page.goto('/quan-tri/webhook');
    await expect(page.getByRole('heading', { level: 2, name: 'Webhook gửi sự kiện hồ sơ' })).toBeVisible();

    // A private address is refused with a clear message.
    await page.getByLabel('Địa chỉ nhận (URL)').fill('http://10.0.0.8/hook');
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await expect(page.getByText(/Không được gửi webhook tới địa chỉ nội bộ/)).toBeVisible();

    await page.getByLabel('Địa chỉ nhận (URL)').fill(url);
    await page.getByLabel('Mô tả (không bắt buộc)').fill('Hệ thống thử của Bộ Công Thương');
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã đăng ký' })).toBeVisible();
    state.secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
    expect(state.secret).toMatch(/^whsec_/);

    const card = page.getByRole('list', { name: 'Các đăng ký webhook' }).getByRole('listitem').filter({ hasText: url }).first();
    for (let i = 0; i < 2; i++) {
      await card.getByRole('button', { name: 'Gửi sự kiện thử' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Gửi sự kiện thử thất bại: HTTP 500' })).toBeVisible();
    }
    await card.getByRole('button', { name: 'Xem sự kiện' }).click();
    const dead = page.getByRole('list', { name: `Sự kiện gửi tới ${url}` }).getByRole('listitem');
    await expect(dead).toHaveCount(2);
    await expect(dead.first().getByText('Thư chết')).toBeVisible();
    await dead.first().getByText('Nhật ký gửi').click();
    await expect(dead.first().getByText(/500 · \d+ ms · HTTP 500 · Hệ thống nhận đang bảo trì/)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('webhooks-360.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // The subscriber is back: one replayed from its own button, then the rest with "all".
    state.answer = 204;
    await dead.first().getByRole('button', { name: 'Gửi lại webhook.test' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã đưa 1 sự kiện vào hàng đợi gửi lại.' })).toBeVisible();
    await expect.poll(() => state.received.length, { timeout: 30_000 }).toBe(1);
    await expect(dead).toHaveCount(1);
    await page.getByRole('button', { name: 'Gửi lại tất cả thư chết' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã đưa 1 sự kiện vào hàng đợi gửi lại.' })).toBeVisible();
    await expect.poll(() => state.received.length, { timeout: 30_000 }).toBe(2);
    expect(new Set(state.received).size).toBe(2);
    expect(state.unverified).toBe(0);
    await page.getByRole('combobox', { name: 'Lọc theo trạng thái' }).click();
    await page.getByRole('option', { name: 'Đã gửi' }).click();
    await expect(dead).toHaveCount(2);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('the open-data page lists the datasets, their files, schemas and the CC BY 4.0 licence', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Dữ liệu mở' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dữ liệu mở' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'CC BY 4.0' })).toHaveAttribute('href', /creativecommons\.org\/licenses\/by\/4\.0/);
  await expect(page.getByRole('heading', { name: 'Danh mục thủ tục hành chính' })).toBeVisible();
  const dataset = (name: string) => page.locator('li', { has: page.getByRole('heading', { name }) });
  await expect(dataset('Danh mục thủ tục hành chính').getByRole('link', { name: 'Tải CSV' })).toHaveAttribute('href', '/api/v1/open-data/procedures.csv');
  // The monthly statistics are published (no longer "Sắp công bố").
  const stats = dataset('Thống kê hồ sơ theo tháng, lĩnh vực và thủ tục');
  await expect(stats.getByRole('link', { name: 'Tải CSV' })).toHaveAttribute('href', '/api/v1/open-data/statistics-monthly.csv');
  await expect(stats.getByText('Sắp công bố', { exact: true })).toHaveCount(0);
  const monthly = await page.request.get('/api/v1/open-data/statistics-monthly.csv');
  expect((await monthly.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('month,fieldCode,fieldName,procedureCode,procedureName,received,receivedOnline,resolved,resolvedOnTime,resolvedLate,apologies');
  const csv = await page.request.get('/api/v1/open-data/procedures.csv');
  expect((await csv.text()).split('\r\n')[0]).toContain('code,name,nameEn,fieldCode');
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await seriousViolations(page)).toEqual([]);
});
