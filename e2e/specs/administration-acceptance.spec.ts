/**
 * Issue 17 end to end, in the browser only: a catalogue editor drafts a new procedure with two
 * cases (the legal basis in its form, the other lists as JSON) and builds its e-form (a repeatable
 * group, a "show when" condition, an address of administrative units); a process designer builds
 * a five-step workflow with a coordination branch and a records clerk's issuing step in the
 * workflow designer, a second designer publishes it, and the designer gives it to the procedure's
 * online case; the result document's wording is changed and published by two editors; a second
 * editor publishes the procedure. The citizen finds it and files a dossier; the one-stop officer,
 * the specialist (who asks the province's opinion), the leader and the records clerk take it to a
 * signed, issued result, returned to the citizen, who downloads it. Then a new draft of the
 * procedure starts from version 1 (the case renamed in its form) and the filed dossier stays on
 * version 1.
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { citizen, officer, specialist } from '../fixtures/accounts.js';
import { openNewForm } from '../fixtures/eform.js';
import { signIn } from '../fixtures/sign-in.js';
import { CASES, draftSection, LEGAL, RESULTS, sectionJson } from '../fixtures/catalogue-draft.js';
import { addAddressField, addScopeWithConditionalArea, addWellsGroup, choose, chooseUnit } from '../fixtures/form-builder.js';

const stamp = String(Date.now() % 1000).padStart(3, '0');
const code = `2.996${stamp}`;
const name = `Thủ tục nghiệm thu quản trị không cần mã nguồn ${code}`;
const workflowCode = `QT_NGHIEM_THU_${stamp}`;
const leader = { login: 'leader@demo.opendvc.vn', fullName: 'Đặng Văn Hùng' };
const clerk = { login: 'clerk@demo.opendvc.vn', fullName: 'Bùi Thị Lan' };
const summaryTemplate = 'Về việc xác nhận đăng ký khai thác, hồ sơ {{ ho_so.ma }} — {{ thu_tuc.ten }}';

const phases = [{ name: 'Giải quyết hồ sơ', amount: 10, unit: 'WORKING_DAY', excludes: ['APPLICANT_SUPPLEMENT'] }];
const cases = {
  cases: [
    {
      code: 'TH1', name: 'Đăng ký lần đầu', steps: ['Nộp hồ sơ', 'Tiếp nhận', 'Thẩm định, lấy ý kiến tỉnh', 'Lãnh đạo ký', 'Trả kết quả'],
      channels: [{ channel: 'ONLINE', phases, fees: [] }, { channel: 'IN_PERSON', phases, fees: [] }],
      components: [{ name: 'Đơn đề nghị', mandatory: true, originals: 1, copies: 0 }],
      capabilities: { onlineSubmission: true, onlinePayment: 'NO_FEE', resultDelivery: ['COUNTER', 'ELECTRONIC'], requiresInPersonStep: false },
    },
    {
      code: 'TH2', name: 'Đăng ký lại do thay đổi thông tin', steps: ['Nộp hồ sơ tại Bộ phận Một cửa', 'Thẩm định', 'Trả kết quả'],
      channels: [{ channel: 'IN_PERSON', phases, fees: [] }],
      components: [{ name: 'Đơn đề nghị đăng ký lại', mandatory: true, originals: 1, copies: 0 }],
      capabilities: { onlineSubmission: false, onlinePayment: 'NO_FEE', resultDelivery: ['COUNTER'], requiresInPersonStep: true },
    },
  ],
};
const legal = { legalBasis: [{ number: '28/2023/QH15', title: 'Luật Tài nguyên nước' }] };
const results = { results: [{ name: 'Giấy xác nhận đăng ký khai thác' }], requirements: [], submissionPlaces: ['Cổng Dịch vụ công của Bộ', 'Bộ phận Một cửa của Bộ'] };

const shots = 'test-results/administration-acceptance';

/** Someone else at their own desk (own cookies). */
async function deskPage(browser: Browser) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  return context.newPage();
}

/** The designer's native selects. */
async function pick(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).selectOption({ label: option });
}

async function editStep(page: Page, stepName: string) {
  await page.getByRole('button', { name: `Sửa bước ${stepName}`, exact: true }).click();
  await expect(page.getByRole('heading', { name: `Bước: ${stepName}` })).toBeVisible();
}

async function rename(page: Page, from: string, to: string) {
  await editStep(page, from);
  await page.getByRole('textbox', { name: 'Tên bước', exact: true }).fill(to);
}

/** Opens the dossier from the official's inbox. */
async function openFromInbox(page: Page, dossierCode: string) {
  await page.goto('/can-bo/ho-so');
  await expect(page.getByRole('heading', { level: 1, name: 'Hộp xử lý hồ sơ' })).toBeVisible();
  await page.getByRole('link', { name: dossierCode }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Xử lý hồ sơ ${dossierCode}` })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** Takes a workflow action from the workspace through its form, and waits for the notice. */
async function takeAction(page: Page, label: string, fill: (dialog: Locator) => Promise<void> = async () => {}) {
  await page.getByRole('region', { name: 'Xử lý hồ sơ', exact: true }).getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await expect(dialog).toBeVisible();
  await fill(dialog);
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Đã thực hiện: ${label}.` })).toBeVisible();
}

test('a procedure built without code, from its drafting to a signed result, then a new version', async ({ page, browser }) => {
  test.setTimeout(900_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  let draftUrl = '';

  await test.step('a catalogue editor drafts the procedure with two cases', async () => {
    await signIn(page, 'editor@demo.opendvc.vn', true);
    await page.goto('/bien-tap-thu-tuc');
    await page.getByLabel('Mã thủ tục mới (ví dụ 2.999001)').fill(code);
    await page.getByRole('textbox', { name: 'Tên thủ tục', exact: true }).fill(name);
    await page.getByLabel('Mã lĩnh vực').fill('DO_DAC_BAN_DO');
    await page.getByLabel('Mã cơ quan thực hiện').fill('000.00.05.G99');
    await page.getByRole('button', { name: 'Tạo bản nháp' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Bản nháp thủ tục ${code}` })).toBeVisible({ timeout: 30_000 });
    draftUrl = page.url();
    // The legal basis in its form (a row added with its button), the other lists in their JSON view.
    const legalSection = draftSection(page, LEGAL);
    await legalSection.getByRole('button', { name: 'Thêm văn bản' }).click();
    // The publishing decision's fields come first; the new row of the legal basis is the last.
    await legalSection.getByRole('textbox', { name: /^Số, ký hiệu văn bản/ }).last().fill(legal.legalBasis[0]!.number);
    await legalSection.getByRole('textbox', { name: /^Trích yếu/ }).last().fill(legal.legalBasis[0]!.title);
    await expect(await sectionJson(page, LEGAL)).toHaveValue(/"number": "28\/2023\/QH15"/);
    await (await sectionJson(page, RESULTS)).fill(JSON.stringify(results));
    await (await sectionJson(page, CASES)).fill(JSON.stringify(cases));
    await page.getByRole('group', { name: 'Thành phần do tờ khai điện tử thay thế — Đăng ký lần đầu' }).getByRole('checkbox', { name: 'Đơn đề nghị' }).check();
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(page.getByText('Đã lưu.')).toBeVisible();
    await expect(page.getByText('forms.TH1')).toBeVisible();
  });

  await test.step('the editor builds the e-form: a repeatable group, a condition and an address', async () => {
    await page.getByRole('tab', { name: 'Biểu mẫu điện tử' }).click();
    await expect(page.getByRole('tab', { name: 'Trình tạo biểu mẫu', selected: true })).toBeVisible();
    await page.getByLabel('Tiêu đề biểu mẫu').fill('Tờ khai đăng ký khai thác');
    await page.getByRole('button', { name: '+ Văn bản', exact: true }).click();
    const fullName = page.getByTestId('builder-field-vanBan');
    await fullName.getByLabel('Nhãn', { exact: true }).fill('Họ và tên người đề nghị');
    await fullName.getByLabel('Bắt buộc').check();
    await addScopeWithConditionalArea(page);
    await addWellsGroup(page);
    await addAddressField(page);
    await page.getByRole('button', { name: 'Lưu biểu mẫu' }).click();
    await expect(page.getByText('Đã lưu.')).toBeVisible();
    await expect(page.getByText('Bản nháp hợp lệ, sẵn sàng công bố.')).toBeVisible();
    await page.screenshot({ path: `${shots}/form-1280.png`, fullPage: true });
  });

  const designer = await deskPage(browser);
  await test.step('a process designer builds a five-step workflow with a coordination branch and an issuing step', async () => {
    await signIn(designer, 'designer@demo.opendvc.vn', true);
    await designer.goto('/bien-tap-thu-tuc/quy-trinh');
    await designer.getByRole('textbox', { name: 'Mã quy trình', exact: true }).fill(workflowCode);
    await designer.getByRole('textbox', { name: 'Tên quy trình', exact: true }).fill('Quy trình xác nhận đăng ký khai thác');
    await designer.getByRole('button', { name: 'Tạo', exact: true }).click();
    await expect(designer.getByRole('heading', { level: 1, name: `Bản nháp quy trình: ${workflowCode}` })).toBeVisible();
    for (let i = 0; i < 5; i++) await designer.getByRole('button', { name: 'Thêm bước', exact: true }).click();

    await rename(designer, 'Bước 1', 'Tiếp nhận');
    await pick(designer, 'Vai trò thực hiện', 'Cán bộ một cửa');
    await designer.getByRole('textbox', { name: 'Đơn vị', exact: true }).fill('RECEIVING');
    await designer.getByRole('button', { name: 'Thêm thao tác chuyển' }).click();
    await pick(designer, 'Tới bước', 'Bước 2 (buoc_2)');
    await designer.getByRole('textbox', { name: 'Nhãn thao tác', exact: true }).fill('Chuyển chuyên viên thẩm định');

    await rename(designer, 'Bước 2', 'Thẩm định');
    await designer.getByRole('textbox', { name: 'Thời gian', exact: true }).fill('3');
    await designer.getByRole('button', { name: 'Thêm thao tác chuyển' }).click();
    await pick(designer, 'Loại chuyển', 'Phối hợp');
    await pick(designer, 'Tới bước', 'Thẩm định (buoc_2)');
    await designer.getByRole('textbox', { name: 'Nhãn thao tác', exact: true }).fill('Lấy ý kiến UBND tỉnh');
    await designer.getByRole('textbox', { name: 'Cơ quan phối hợp', exact: true }).fill('EXT.UBND_TINH');
    await editStep(designer, 'Thẩm định');
    await designer.getByRole('button', { name: 'Thêm thao tác chuyển' }).click();
    await pick(designer, 'Tới bước', 'Bước 3 (buoc_3)');
    await designer.getByRole('textbox', { name: 'Nhãn thao tác', exact: true }).fill('Trình lãnh đạo ký');

    await rename(designer, 'Bước 3', 'Lãnh đạo ký');
    await pick(designer, 'Vai trò thực hiện', 'Lãnh đạo');
    await designer.getByRole('button', { name: 'Thêm thao tác chuyển' }).click();
    await pick(designer, 'Tới bước', 'Bước 4 (buoc_4)');
    await designer.getByRole('textbox', { name: 'Nhãn thao tác', exact: true }).fill('Ký duyệt');
    await pick(designer, 'Tác động đến kết quả', 'Ký số kết quả');

    await rename(designer, 'Bước 4', 'Cấp số, ban hành');
    await pick(designer, 'Vai trò thực hiện', 'Văn thư');
    await designer.getByRole('button', { name: 'Thêm thao tác chuyển' }).click();
    await pick(designer, 'Tới bước', 'Bước 5 (buoc_5)');
    await designer.getByRole('textbox', { name: 'Nhãn thao tác', exact: true }).fill('Cấp số, ban hành kết quả');
    await pick(designer, 'Tác động đến kết quả', 'Ban hành kết quả');

    await rename(designer, 'Bước 5', 'Trả kết quả');
    await pick(designer, 'Vai trò thực hiện', 'Cán bộ một cửa');
    await designer.getByRole('textbox', { name: 'Đơn vị', exact: true }).fill('RECEIVING');
    await designer.getByRole('button', { name: 'Thêm thao tác chuyển' }).click();
    await pick(designer, 'Loại chuyển', 'Kết thúc');
    await designer.getByRole('textbox', { name: 'Nhãn thao tác', exact: true }).fill('Trả kết quả cho người nộp');

    await expect(designer.getByText('Quy trình hợp lệ.')).toBeVisible();
    await designer.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(designer.getByText('Đã lưu bản nháp.')).toBeVisible();
    await designer.getByRole('button', { name: 'Đề nghị công bố' }).click();
    await expect(designer.getByText('Đã đề nghị công bố; chờ một người thiết kế quy trình khác công bố.')).toBeVisible();
    await designer.screenshot({ path: `${shots}/workflow-1280.png`, fullPage: true });
  });

  await test.step('a second process designer publishes the workflow', async () => {
    const second = await deskPage(browser);
    await signIn(second, 'designer2@demo.opendvc.vn', true);
    await second.goto(designer.url());
    await second.getByRole('button', { name: 'Công bố phiên bản' }).click();
    await expect(second.getByText('Đã công bố phiên bản mới.')).toBeVisible();
    await second.context().close();
  });

  await test.step('the designer gives the published workflow to the online case of the procedure', async () => {
    await designer.goto(draftUrl);
    await designer.getByRole('tab', { name: 'Quy trình xử lý' }).click();
    await expect(designer.getByText('Trường hợp này dùng quy trình mặc định.')).toBeVisible();
    await chooseUnit(designer, designer, /^Lấy quy trình đã công bố/, workflowCode, `Quy trình xác nhận đăng ký khai thác (${workflowCode})`);
    await designer.getByRole('button', { name: 'Chép vào trường hợp này' }).click();
    await expect(designer.getByText(`Đã chép quy trình ${workflowCode} (phiên bản 1); hãy lưu quy trình.`)).toBeVisible();
    await designer.getByRole('button', { name: 'Lưu quy trình' }).click();
    await expect(designer.getByText('Đã lưu.')).toBeVisible();
    await expect(designer.getByText('Trường hợp này dùng quy trình mặc định.')).toHaveCount(0);
    await expect(designer.getByText('Bản nháp hợp lệ, sẵn sàng công bố.')).toBeVisible();
    await designer.screenshot({ path: `${shots}/procedure-workflow-1280.png`, fullPage: true });
    await designer.context().close();
  });

  await test.step('the result document\'s wording is changed by one editor and published by another', async () => {
    await page.goto('/bien-tap-thu-tuc/mau-van-ban');
    await expect(page.getByRole('heading', { level: 2, name: 'Văn bản kết quả giải quyết hồ sơ' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Trích yếu' }).fill(summaryTemplate);
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(page.getByText('Đã lưu bản nháp.')).toBeVisible();
  });

  const editor2 = await deskPage(browser);
  await test.step('a second editor publishes the template and the procedure', async () => {
    await signIn(editor2, 'editor2@demo.opendvc.vn', true);
    await editor2.goto('/bien-tap-thu-tuc/mau-van-ban');
    await expect(editor2.getByRole('textbox', { name: 'Trích yếu' })).toHaveValue(summaryTemplate);
    await editor2.getByRole('button', { name: 'Công bố', exact: true }).click();
    await expect(editor2.getByText('Đã công bố; văn bản ban hành từ bây giờ dùng nội dung mới.')).toBeVisible();

    await editor2.goto(draftUrl);
    await editor2.getByRole('tab', { name: 'So sánh' }).click();
    await expect(editor2.getByRole('cell', { name: /workflows\.TH1/ }).first()).toBeVisible();
    await editor2.getByRole('tab', { name: 'Công bố' }).click();
    await editor2.getByRole('button', { name: 'Công bố phiên bản' }).click();
    await expect(editor2.getByText('Đã công bố phiên bản 1.')).toBeVisible();
  });

  let dossierId = '';
  let dossierCode = '';
  const applicant = await deskPage(browser);
  await test.step('the citizen finds the procedure and files a dossier through its e-form', async () => {
    await signIn(applicant, citizen.login);
    await applicant.goto(`/thu-tuc/${code}`);
    await expect(applicant.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(applicant.getByText('Đăng ký lại do thay đổi thông tin').first()).toBeVisible();
    await openNewForm(applicant, code);
    await applicant.getByLabel(/Họ và tên người đề nghị/).fill(citizen.fullName);
    await choose(applicant, applicant.getByRole('combobox', { name: /Phạm vi đề nghị/ }), 'Một phần diện tích');
    await applicant.getByLabel(/Diện tích đề nghị/).fill('2.5');
    await applicant.getByLabel(/Tên giếng/).first().fill('Giếng số 1');
    await chooseUnit(applicant, applicant, /Tỉnh, thành phố trực thuộc trung ương/, 'ha noi', 'Thành phố Hà Nội');
    await chooseUnit(applicant, applicant, /Xã, phường, đặc khu/, 'ba dinh', 'Phường Ba Đình');
    await expect(applicant.getByTestId('autosave-status')).toHaveText(/Đã lưu lúc/);
    await applicant.getByRole('button', { name: 'Tiếp tục' }).click();
    await expect(applicant.getByRole('heading', { level: 1, name: 'Kiểm tra và nộp' })).toBeVisible();
    await applicant.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await expect(applicant.getByRole('heading', { name: 'Đã nộp hồ sơ thành công' })).toBeVisible();
    dossierId = /\/nop-ho-so\/([^/?]+)\/da-nop/.exec(applicant.url())![1]!;
    await applicant.goto(`/ho-so-cua-toi/${dossierId}`);
    const heading = await applicant.getByRole('heading', { level: 1, name: /^Hồ sơ / }).textContent();
    dossierCode = heading!.replace(/^Hồ sơ /, '').trim();
    expect(dossierCode).toMatch(/^[\d.A-Z]+-\d{6}-\d{4}$/);
  });

  const desk = await deskPage(browser);
  await test.step('the one-stop officer receives it and forwards it to the specialist', async () => {
    await signIn(desk, officer.login, true);
    await desk.goto(`/can-bo/tiep-nhan/${dossierId}`);
    await desk.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await expect(desk.getByRole('status').filter({ hasText: `Đã tiếp nhận hồ sơ ${dossierCode}.` })).toBeVisible();
    await desk.getByRole('link', { name: 'Mở hồ sơ để xử lý tiếp' }).click();
    await expect(desk.getByRole('heading', { level: 1, name: `Xử lý hồ sơ ${dossierCode}` })).toBeVisible();
    await expect(desk.getByRole('region', { name: 'Thông tin hồ sơ', exact: true })).toContainText('Tiếp nhận');
    await takeAction(desk, 'Chuyển chuyên viên thẩm định', async (dialog) => {
      await dialog.getByLabel('Người xử lý tiếp theo').selectOption({ label: specialist.fullName });
    });
  });

  await test.step('the specialist drafts the result from the new wording, asks the province, and submits it to the leader', async () => {
    const page2 = await deskPage(browser);
    await signIn(page2, specialist.login, true);
    await openFromInbox(page2, dossierCode);
    const draft = page2.getByRole('region', { name: 'Dự thảo kết quả', exact: true });
    await expect(draft.getByLabel('Trích yếu')).toHaveValue(`Về việc xác nhận đăng ký khai thác, hồ sơ ${dossierCode} — ${name}`);
    await draft.getByLabel('Nội dung').fill('Xác nhận đăng ký khai thác tại giếng số 1, diện tích 2,5 ha.');
    await draft.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await expect(draft.getByRole('status')).toContainText('Đã lưu dự thảo kết quả.');
    await takeAction(page2, 'Lấy ý kiến UBND tỉnh', async (dialog) => {
      const comment = dialog.getByLabel('Ý kiến xử lý');
      if (await comment.count()) await comment.fill('Đề nghị UBND tỉnh cho ý kiến về vị trí giếng.');
    });
    await expect(page2.getByRole('region', { name: 'Thông tin hồ sơ', exact: true })).toContainText(/UBND_TINH|Ủy ban nhân dân tỉnh|ý kiến/i);
    await page2.screenshot({ path: `${shots}/coordination-1280.png`, fullPage: true });
    await takeAction(page2, 'Trình lãnh đạo ký', async (dialog) => {
      await dialog.getByLabel('Người xử lý tiếp theo').selectOption({ label: leader.fullName });
      const comment = dialog.getByLabel('Ý kiến xử lý');
      if (await comment.count()) await comment.fill('UBND tỉnh đồng ý.');
    });
    await page2.context().close();
  });

  await test.step('the leader signs the result', async () => {
    const page3 = await deskPage(browser);
    await signIn(page3, leader.login, true);
    await openFromInbox(page3, dossierCode);
    await takeAction(page3, 'Ký duyệt', async (dialog) => {
      await dialog.getByLabel('Người xử lý tiếp theo').selectOption({ label: clerk.fullName });
    });
    const documents = page3.getByRole('region', { name: 'Văn bản', exact: true });
    await expect(documents).toContainText('Đã ký');
    await expect(documents).toContainText(leader.fullName);
    await page3.context().close();
  });

  await test.step('the records clerk gives the result its number and issues it', async () => {
    const page4 = await deskPage(browser);
    await signIn(page4, clerk.login, true);
    await openFromInbox(page4, dossierCode);
    await takeAction(page4, 'Cấp số, ban hành kết quả', async (dialog) => {
      await dialog.getByLabel('Người xử lý tiếp theo').selectOption({ label: officer.fullName });
    });
    await expect(page4.getByRole('region', { name: 'Văn bản', exact: true })).toContainText('Đã ban hành');
    await page4.context().close();
  });

  await test.step('the officer returns the signed result to the citizen', async () => {
    await openFromInbox(desk, dossierCode);
    await takeAction(desk, 'Trả kết quả cho người nộp', async (dialog) => {
      const recipient = dialog.getByLabel('Họ và tên người nhận kết quả');
      if (await recipient.count()) {
        await recipient.fill(citizen.fullName);
        await dialog.getByLabel('Số CCCD/CMND của người nhận').fill(citizen.personalIdNumber);
      }
    });
    await expect(desk.getByRole('region', { name: 'Thông tin hồ sơ', exact: true })).toContainText('Đã trả kết quả');
    await desk.context().close();
    // The citizen sees it returned and downloads the issued result in "Hồ sơ của tôi".
    await applicant.goto(`/ho-so-cua-toi/${dossierId}`);
    // The status badge (the timeline may say it too).
    await expect(applicant.getByRole('main').getByText('Đã trả kết quả', { exact: true }).first()).toBeVisible();
    const result = applicant.getByRole('region', { name: 'Kết quả giải quyết', exact: true });
    await expect(result).toBeVisible();
    const download = result.getByRole('link', { name: 'Tải kết quả giải quyết (PDF)' });
    const response = await applicant.request.get((await download.getAttribute('href'))!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    await expect(applicant.getByRole('region', { name: 'Đánh giá mức độ hài lòng', exact: true })).toBeVisible();
    await applicant.screenshot({ path: `${shots}/citizen-result-1280.png`, fullPage: true });
  });

  await test.step('editing the published procedure creates a new draft version; the filed dossier keeps version 1', async () => {
    await page.goto('/bien-tap-thu-tuc');
    // The catalogue list shows 50 procedures at a time: find it by its code.
    await page.getByRole('textbox', { name: 'Lọc theo mã hoặc tên thủ tục' }).fill(code);
    await page.getByRole('button', { name: `Tạo phiên bản mới ${code}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Bản nháp thủ tục ${code}` })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Soạn từ phiên bản 1 đang có hiệu lực')).toBeVisible();
    // The case renamed in the cases' form.
    const caseName = draftSection(page, CASES).getByRole('textbox', { name: /^Tên trường hợp/ }).first();
    await expect(caseName).toHaveValue('Đăng ký lần đầu');
    await caseName.fill('Đăng ký lần đầu hoạt động khai thác');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(page.getByText('Đã lưu.')).toBeVisible();
    await page.getByRole('tab', { name: 'So sánh' }).click();
    await expect(page.getByRole('cell', { name: /version\.cases\[0\]\.name/ })).toBeVisible();
    await page.screenshot({ path: `${shots}/new-version-draft-1280.png`, fullPage: true });

    await editor2.goto(page.url());
    await editor2.getByRole('tab', { name: 'Công bố' }).click();
    await editor2.getByRole('button', { name: 'Công bố phiên bản' }).click();
    await expect(editor2.getByText('Đã công bố phiên bản 2.')).toBeVisible();
    await editor2.context().close();

    // The dossier filed on version 1 keeps its case as it was; the portal shows version 2.
    const detail = await applicant.request.get(`/api/v1/dossiers/${dossierId}`);
    expect(detail.status()).toBe(200);
    expect(((await detail.json()) as { case: { name: string } }).case.name).toBe('Đăng ký lần đầu');
    await applicant.goto(`/thu-tuc/${code}`);
    await expect(applicant.getByText('Đăng ký lần đầu hoạt động khai thác').first()).toBeVisible();
    await applicant.context().close();
  });
});
