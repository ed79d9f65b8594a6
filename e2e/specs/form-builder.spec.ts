/**
 * The form builder of the draft page: a catalogue editor builds an e-form from the palette (a
 * repeatable group, a condition "show when", an address of administrative units), sees it as the
 * citizen does at 360 px, test-fills it with the server's rules (an error, then valid), keeps the
 * JSON view in sync and saves it. Checked with axe at 360 px and 1280 px.
 */
import { expect, test } from '@playwright/test';
import { seriousViolations } from '../fixtures/axe.js';
import { signIn } from '../fixtures/sign-in.js';
import { addAddressField, addScopeWithConditionalArea, addWellsGroup, choose, chooseUnit } from '../fixtures/form-builder.js';
import { CASES, sectionJson } from '../fixtures/catalogue-draft.js';

const code = `2.997${String(Date.now() % 1000).padStart(3, '0')}`;
const cases = {
  cases: [{
    code: 'TH1', name: 'Cấp lần đầu', steps: ['Nộp hồ sơ', 'Thẩm định', 'Trả kết quả'],
    channels: [{ channel: 'ONLINE', phases: [{ name: 'Giải quyết hồ sơ', amount: 10, unit: 'WORKING_DAY', excludes: ['APPLICANT_SUPPLEMENT'] }], fees: [] }],
    components: [{ name: 'Đơn đề nghị', mandatory: true, originals: 1, copies: 0 }],
    capabilities: { onlineSubmission: true, onlinePayment: 'NO_FEE', resultDelivery: ['ELECTRONIC'], requiresInPersonStep: false },
  }],
};

const shots = 'test-results/form-builder';

test('a catalogue editor builds a form with a repeatable group, a condition and an address, and test-fills it at 360 px', async ({ page }) => {
  test.setTimeout(360_000);
  await signIn(page, 'editor@demo.opendvc.vn', true);
  await page.goto('/bien-tap-thu-tuc');
  await page.getByLabel('Mã thủ tục mới (ví dụ 2.999001)').fill(code);
  await page.getByRole('textbox', { name: 'Tên thủ tục', exact: true }).fill(`Thủ tục thử trình tạo biểu mẫu ${code}`);
  await page.getByLabel('Mã lĩnh vực').fill('DO_DAC_BAN_DO');
  await page.getByLabel('Mã cơ quan thực hiện').fill('000.00.05.G99');
  await page.getByRole('button', { name: 'Tạo bản nháp' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Bản nháp thủ tục ${code}` })).toBeVisible({ timeout: 30_000 });
  await (await sectionJson(page, CASES)).fill(JSON.stringify(cases));
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await expect(page.getByText('Đã lưu.')).toBeVisible();

  await page.getByRole('tab', { name: 'Biểu mẫu điện tử' }).click();
  await expect(page.getByRole('tab', { name: 'Trình tạo biểu mẫu', selected: true })).toBeVisible();
  await page.getByLabel('Tiêu đề biểu mẫu').fill('Tờ khai thử nghiệm');

  // A text field, required.
  await page.getByRole('button', { name: '+ Văn bản', exact: true }).click();
  const name = page.getByTestId('builder-field-vanBan');
  await name.getByLabel('Nhãn', { exact: true }).fill('Họ và tên người đề nghị');
  await name.getByLabel('Bắt buộc').check();
  await choose(page, name.getByLabel('Điền sẵn từ hồ sơ người nộp'), 'Họ và tên');

  // A select with titled options, and a number shown only for one of them.
  await addScopeWithConditionalArea(page);

  // A repeatable group with one required field per row.
  await addWellsGroup(page);

  // An address of administrative units, then moved up above the group.
  await addAddressField(page);
  await page.getByRole('button', { name: 'Chuyển “Địa điểm khai thác” lên' }).click();
  await expect(page.getByTestId(/^builder-field-[^.]+$/)).toHaveCount(5);
  await expect(page.getByTestId(/^builder-field-[^.]+$/).nth(3)).toHaveAttribute('data-testid', 'builder-field-diaChiHanhChinh');

  // The preview as the citizen sees it, at 360 px.
  const phone = page.getByTestId('preview-phone');
  await expect(phone.getByRole('heading', { name: 'Tờ khai thử nghiệm' })).toBeVisible();
  await expect(phone.getByLabel(/Họ và tên người đề nghị/)).toBeVisible();
  expect((await phone.boundingBox())!.width).toBeLessThanOrEqual(361);
  await expect(phone.getByLabel(/Diện tích đề nghị/)).toHaveCount(0);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: `${shots}/builder-360.png`, fullPage: true });
  await page.getByTestId('builder-field-so').screenshot({ path: `${shots}/field-360.png` });
  await page.getByTestId('preview-phone').screenshot({ path: `${shots}/preview-360.png` });
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${shots}/builder-1280.png`, fullPage: true });
  await page.screenshot({ path: `${shots}/builder-1280-top.png` });
  expect(await seriousViolations(page)).toEqual([]);

  // Test-fill with the server's rules: missing answers are named…
  await phone.getByRole('button', { name: 'Thử điền và kiểm tra' }).click();
  await expect(phone.getByRole('link', { name: /Họ và tên người đề nghị/ }).first()).toBeVisible();
  await expect(phone.getByRole('link', { name: /Tên giếng/ }).first()).toBeVisible();
  // …then the condition shows its field, and a wrong value is refused.
  await phone.getByLabel(/Họ và tên người đề nghị/).fill('Nguyễn Văn An');
  await choose(page, phone.getByRole('combobox', { name: /Phạm vi đề nghị/ }), 'Một phần diện tích');
  await expect(phone.getByLabel(/Diện tích đề nghị/)).toBeVisible();
  await phone.getByLabel(/Tên giếng/).first().fill('Giếng số 1');
  await chooseUnit(page, phone, /Tỉnh, thành phố trực thuộc trung ương/, 'ha noi', 'Thành phố Hà Nội');
  await chooseUnit(page, phone, /Xã, phường, đặc khu/, 'ba dinh', 'Phường Ba Đình');
  await phone.getByRole('button', { name: 'Thử điền và kiểm tra' }).click();
  await expect(phone.getByRole('link', { name: /Diện tích đề nghị/ }).first()).toBeVisible();
  await phone.getByLabel(/Diện tích đề nghị/).fill('2.5');
  await phone.getByRole('button', { name: 'Thử điền và kiểm tra' }).click();
  await expect(page.getByText('Dữ liệu thử hợp lệ theo cùng quy tắc của máy chủ.')).toBeVisible();

  // The JSON view follows the builder; invalid JSON is refused without losing the builder's form.
  await page.getByRole('tab', { name: 'JSON cho chuyên gia' }).click();
  const schemaBox = page.getByRole('textbox', { name: 'JSON Schema của biểu mẫu' });
  await expect(schemaBox).toHaveValue(/"x-address": true/);
  await expect(schemaBox).toHaveValue(/"if": \{/);
  const json = await schemaBox.inputValue();
  await schemaBox.fill(`${json.slice(0, -3)}`);
  await expect(page.getByRole('alert').filter({ hasText: 'JSON không hợp lệ' })).toBeVisible();
  await page.getByRole('tab', { name: 'Trình tạo biểu mẫu' }).click();
  await expect(page.getByTestId('builder-field-nhomLapLaiBang.vanBan2')).toBeVisible();
  await page.getByRole('tab', { name: 'JSON cho chuyên gia' }).click();
  await schemaBox.fill(json.replace('"Tờ khai thử nghiệm"', '"Tờ khai thử nghiệm (sửa trong JSON)"'));
  await page.getByRole('tab', { name: 'Trình tạo biểu mẫu' }).click();
  await expect(page.getByLabel('Tiêu đề biểu mẫu')).toHaveValue('Tờ khai thử nghiệm (sửa trong JSON)');
  await expect(page.getByTestId('builder-field-nhomLapLaiBang.vanBan2')).toBeVisible();

  await page.getByRole('button', { name: 'Lưu biểu mẫu' }).click();
  await expect(page.getByText('Đã lưu.')).toBeVisible();
  await expect(page.getByText(/forms\.TH1/)).toHaveCount(0);
  // The saved form comes back into the builder as it was built.
  await page.reload();
  await page.getByRole('tab', { name: 'Biểu mẫu điện tử' }).click();
  await expect(page.getByTestId('builder-field-so').getByText('Hiện khi “Phạm vi đề nghị” = Một phần diện tích')).toBeVisible();
  await expect(page.getByTestId('builder-field-diaChiHanhChinh')).toBeVisible();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: `${shots}/saved-360.png`, fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
});
