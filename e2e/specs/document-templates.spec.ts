/**
 * The document template editor (/bien-tap-thu-tuc/mau-van-ban): a catalogue editor edits the
 * note of form 05, sees an unknown placeholder refused with its line, previews the PDF, saves the
 * draft and cannot publish it herself; a second editor, on a phone, publishes it. Checked with
 * axe at 1280 and 360 px, with screenshots.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from '../fixtures/axe.js';
import { signIn } from '../fixtures/sign-in.js';

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`document-templates-${name}.png`), fullPage: true });

async function expectNoSidewaysScroll(page: Page) {
  const [scrollWidth, clientWidth] = await page.evaluate<[number, number]>('[document.documentElement.scrollWidth, document.documentElement.clientWidth]');
  expect(scrollWidth, 'page is wider than the screen').toBeLessThanOrEqual(clientWidth);
}

test('a catalogue editor edits a template with placeholders, previews the PDF; a second editor publishes it', async ({ page, browser }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'editor@demo.opendvc.vn', true);
  await page.goto('/bien-tap-thu-tuc');
  await page.getByRole('link', { name: 'Mẫu văn bản →' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mẫu văn bản' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Văn bản kết quả giải quyết hồ sơ' })).toBeVisible();
  // The result template is the whole server's: another spec may have published its own wording.
  await expect(page.getByRole('textbox', { name: 'Trích yếu' })).toHaveValue(/^Về việc .*\{\{ ho_so\.ma \}\} — \{\{ thu_tuc\.ten \}\}$/);

  await page.getByRole('combobox', { name: 'Loại văn bản' }).selectOption('05');
  await expect(page.getByRole('heading', { level: 2, name: 'Mẫu số 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '{{ don_vi_giai_quyet }}' })).toBeVisible();
  const note = page.getByRole('textbox', { name: 'Ghi chú dưới bảng (để trống nếu không có)' });

  // An unknown placeholder is refused with its line, in Vietnamese.
  await note.fill('Phiếu lưu cùng hồ sơ.\nNgười nộp: {{ nguoi_nop.ho_ten }}');
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  const error = 'Dòng 2: biến {{ nguoi_nop.ho_ten }} không có trong danh sách biến của mẫu.';
  await expect(page.getByRole('alert').filter({ hasText: 'Mẫu chưa hợp lệ' })).toContainText(error);
  await expect(note).toHaveAccessibleDescription(error);
  expect(await seriousViolations(page)).toEqual([]);

  // Fixed, previewed as the PDF, saved.
  await note.fill('Phiếu lưu cùng hồ sơ {{ ho_so.ma }}.\nNgười nộp: **{{ nguoi_nop.ten }}**');
  await page.getByRole('button', { name: 'Xem trước PDF' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tải bản xem trước (PDF)' }).click();
  const file = test.info().outputPath('preview-05.pdf');
  await (await download).saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
  expect(text).toMatch(/Phiếu lưu cùng hồ sơ [0-9A-Z.]+-\d{6}-\d{4}\./);
  const frame = page.getByTitle('Bản xem trước PDF của mẫu văn bản');
  await expect(frame).toBeVisible();
  expect(await frame.getAttribute('src')).toMatch(/^blob:/);
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await expect(page.getByText('Đã lưu bản nháp.')).toBeVisible();
  await expect(page.getByText(/^Bản nháp phiên bản \d+$/)).toBeVisible();
  await page.getByRole('button', { name: 'Công bố', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('không được tự công bố');
  await expect(page.getByRole('button', { name: 'Công bố', exact: true })).toBeEnabled();
  await page.mouse.move(0, 0);
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '1280');

  // A second editor, on a phone.
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const second = await context.newPage();
  await signIn(second, 'editor2@demo.opendvc.vn', true);
  await second.goto('/bien-tap-thu-tuc/mau-van-ban');
  await second.getByRole('combobox', { name: 'Loại văn bản' }).selectOption('05');
  await expect(second.getByRole('textbox', { name: 'Ghi chú dưới bảng (để trống nếu không có)' })).toHaveValue('Phiếu lưu cùng hồ sơ {{ ho_so.ma }}.\nNgười nộp: **{{ nguoi_nop.ten }}**');
  await second.getByRole('button', { name: 'Xem trước PDF' }).click();
  await expect(second.getByRole('link', { name: 'Tải bản xem trước (PDF)' })).toBeVisible();
  await expect(second.getByTitle('Bản xem trước PDF của mẫu văn bản')).toBeHidden();
  await expectNoSidewaysScroll(second);
  expect(await seriousViolations(second)).toEqual([]);
  await shot(second, '360-preview');
  await second.getByRole('button', { name: 'Công bố', exact: true }).click();
  await expect(second.getByText('Đã công bố; văn bản ban hành từ bây giờ dùng nội dung mới.')).toBeVisible();
  await expect(second.getByText(/^Phiên bản đang áp dụng: \d+ \(công bố /)).toBeVisible();
  await expectNoSidewaysScroll(second);
  expect(await seriousViolations(second)).toEqual([]);
  await shot(second, '360');
  await context.close();
});
