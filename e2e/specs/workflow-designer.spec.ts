/**
 * The workflow designer (/bien-tap-thu-tuc/quy-trinh): a process designer builds a four-step
 * workflow with a coordination branch, sees the unreachable step named and marked, fixes it,
 * saves and requests publication; a second designer publishes it. Diagram and table checked with
 * axe at 1280 and 360 px.
 */
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from '../fixtures/axe.js';
import { signIn } from '../fixtures/sign-in.js';

const code = `QT_THU_${String(Date.now() % 100000).padStart(5, '0')}`;

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).selectOption({ label: option });
}

async function editStep(page: Page, name: string) {
  await page.getByRole('button', { name: `Sửa bước ${name}`, exact: true }).click();
  await expect(page.getByRole('heading', { name: `Bước: ${name}` })).toBeVisible();
}

async function rename(page: Page, from: string, to: string) {
  await editStep(page, from);
  await page.getByRole('textbox', { name: 'Tên bước', exact: true }).fill(to);
}

test('a process designer builds a workflow with a coordination branch, a second designer publishes it', async ({ page, browser }) => {
  test.setTimeout(480_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'designer@demo.opendvc.vn', true);
  await page.goto('/bien-tap-thu-tuc/quy-trinh');
  await expect(page.getByRole('heading', { level: 1, name: 'Thiết kế quy trình xử lý' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'MOT_CUA_MAC_DINH', exact: true })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('textbox', { name: 'Mã quy trình', exact: true }).fill(code);
  await page.getByRole('textbox', { name: 'Tên quy trình', exact: true }).fill('Quy trình thẩm định có lấy ý kiến tỉnh');
  await page.getByRole('button', { name: 'Tạo', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Bản nháp quy trình: ${code}` })).toBeVisible();
  await expect(page.getByText('Quy trình phải có ít nhất một bước.')).toBeVisible();

  // Four steps, from the keyboard-usable table and the side panel.
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Thêm bước', exact: true }).click();
  await rename(page, 'Bước 1', 'Tiếp nhận');
  await pick(page, 'Vai trò thực hiện', 'Cán bộ một cửa');
  await page.getByRole('textbox', { name: 'Đơn vị', exact: true }).fill('RECEIVING');
  await page.getByRole('button', { name: 'Thêm thao tác chuyển' }).click(); // forward to Bước 2

  await rename(page, 'Bước 2', 'Thẩm định');
  await page.getByRole('textbox', { name: 'Thời gian', exact: true }).fill('3');
  await page.getByRole('button', { name: 'Thêm thao tác chuyển' }).click();
  await pick(page, 'Loại chuyển', 'Phối hợp');
  await pick(page, 'Tới bước', 'Thẩm định (buoc_2)');
  await page.getByRole('textbox', { name: 'Nhãn thao tác', exact: true }).fill('Lấy ý kiến UBND tỉnh');
  await page.getByRole('textbox', { name: 'Cơ quan phối hợp', exact: true }).fill('EXT.UBND_TINH');

  await rename(page, 'Bước 3', 'Lãnh đạo ký');
  await pick(page, 'Vai trò thực hiện', 'Lãnh đạo');
  await page.getByRole('button', { name: 'Thêm thao tác chuyển' }).click();
  await pick(page, 'Tới bước', 'Bước 4 (buoc_4)');
  await page.getByRole('textbox', { name: 'Nhãn thao tác', exact: true }).fill('Ký duyệt');
  await pick(page, 'Tác động đến kết quả', 'Ký số kết quả');

  await rename(page, 'Bước 4', 'Trả kết quả');
  await pick(page, 'Vai trò thực hiện', 'Cán bộ một cửa');
  await page.getByRole('button', { name: 'Thêm thao tác chuyển' }).click();
  await pick(page, 'Loại chuyển', 'Kết thúc');
  await page.getByRole('textbox', { name: 'Nhãn thao tác', exact: true }).fill('Trả kết quả cho người nộp');

  // "Lãnh đạo ký" cannot be reached yet: named in the list and marked on its node and row.
  const problems = page.getByTestId('workflow-problems');
  await expect(problems).toContainText('Bước "buoc_3" không thể tới được từ bước đầu tiên.');
  await expect(page.getByTestId('node-buoc_3')).toContainText('lỗi');
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await expect(page.getByText('Đã lưu bản nháp.')).toBeVisible();
  await expect(problems).toContainText('Bước "buoc_3" không thể tới được từ bước đầu tiên.');
  await expect(page.getByRole('button', { name: 'Đề nghị công bố' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/workflow-designer-error-1280.png', fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);

  // Fix: the specialist forwards to the leader.
  await editStep(page, 'Thẩm định');
  await page.getByRole('button', { name: 'Thêm thao tác chuyển' }).click();
  await pick(page, 'Tới bước', 'Lãnh đạo ký (buoc_3)');
  await page.getByRole('textbox', { name: 'Nhãn thao tác', exact: true }).fill('Trình lãnh đạo ký');
  await expect(page.getByText('Quy trình hợp lệ.')).toBeVisible();
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await expect(page.getByText('Đã lưu bản nháp.')).toBeVisible();
  await expect(page.getByText('Quy trình hợp lệ.')).toBeVisible();
  await page.getByRole('button', { name: 'Đề nghị công bố' }).click();
  await expect(page.getByText('Đã đề nghị công bố; chờ một người thiết kế quy trình khác công bố.')).toBeVisible();
  await expect(page.getByText('Bạn đã sửa bản nháp này nên không thể tự công bố')).toBeVisible();
  await page.screenshot({ path: 'test-results/workflow-designer-1280.png', fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);

  await page.setViewportSize({ width: 360, height: 780 });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.screenshot({ path: 'test-results/workflow-designer-360.png', fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
  const [scrollWidth, clientWidth] = await page.evaluate<[number, number]>('[document.documentElement.scrollWidth, document.documentElement.clientWidth]');
  expect(scrollWidth, 'page is wider than the screen').toBeLessThanOrEqual(clientWidth);
  const draftUrl = page.url();

  // A second process designer publishes it.
  const second = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(second, 'designer2@demo.opendvc.vn', true);
  await second.goto(draftUrl);
  await second.getByRole('button', { name: 'Công bố phiên bản' }).click();
  await expect(second.getByText('Đã công bố phiên bản mới.')).toBeVisible();
  await expect(second.getByText('Đã công bố: phiên bản 1')).toBeVisible();
  await second.goto('/bien-tap-thu-tuc/quy-trinh');
  await expect(second.getByRole('row').filter({ hasText: code })).toContainText('1');
  await second.close();
});
