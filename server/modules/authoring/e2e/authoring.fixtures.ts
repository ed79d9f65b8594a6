/**
 * What the catalogue editor's HTTP tests share: officials with a catalogue role, a procedure's
 * content with two cases, its form (repeatable group, condition, address) and answers, a
 * four-step workflow with a coordination branch, and a dossier filed and received under it.
 */
import { expect } from 'vitest';
import type { TestContext } from '../../../test/test-app.js';
import { createOfficial } from '../../identity/identity.admin.usecases.js';
import { callerFor, type Caller } from '../../dossiers/e2e/dossiers.fixtures.js';

export async function official(ctx: TestContext, role: 'CATALOGUE_EDITOR' | 'PROCESS_DESIGNER', name: string, unitCode = '000.00.00.G99') {
  const { user } = await createOfficial({ db: ctx.database.db, config: ctx.config, input: { email: `${name}@test.opendvc.vn`, password: 'Editor-pass-2026!', unitCode, role } });
  return callerFor(ctx, user.id);
}

export const put = (caller: Caller, url: string, body: unknown) => caller.raw('PUT' as never, url, body);

export const phases = [
  { name: 'Tiếp nhận và kiểm tra hồ sơ', amount: 2, unit: 'WORKING_DAY', excludes: ['APPLICANT_SUPPLEMENT'] },
  { name: 'Thẩm định và cấp giấy xác nhận', amount: 8, unit: 'WORKING_DAY', excludes: ['APPLICANT_SUPPLEMENT'] },
];

export const content = (today: string) => ({
  procedure: {
    name: 'Xác nhận đăng ký hoạt động quan trắc thử nghiệm',
    description: 'Thủ tục soạn trong trình biên tập danh mục.',
    fieldCode: 'DO_DAC_BAN_DO',
    implementationLevels: ['CENTRAL'],
    applicantTypes: ['CITIZEN'],
    agencies: [{ agencyCode: '000.00.05.G99', role: 'IMPLEMENTING' }, { agencyCode: '000.00.00.G99', role: 'COMPETENT' }],
    keywords: ['quan trắc thử nghiệm'],
    provenance: { confidence: 'ILLUSTRATIVE', note: 'Thủ tục minh họa cho kiểm thử.', sources: [] },
  },
  version: {
    validFrom: today,
    publishingDecision: { number: '99/QĐ-BNNMT', title: 'Quyết định công bố thủ tục hành chính thử nghiệm' },
    legalBasis: [{ number: '27/2018/QH14', title: 'Luật Đo đạc và bản đồ', issuer: 'Quốc hội', issuedOn: '2018-06-14' }],
    requirements: ['Người đề nghị có năng lực hành vi dân sự đầy đủ'],
    submissionPlaces: ['Nộp trực tuyến trên Cổng Dịch vụ công của Bộ hoặc tại Văn phòng Một cửa'],
    results: [{ name: 'Giấy xác nhận đăng ký hoạt động quan trắc' }],
    cases: [
      {
        code: 'TH1', name: 'Đăng ký lần đầu',
        steps: ['Nộp hồ sơ', 'Văn phòng Một cửa kiểm tra', 'Thẩm định, lấy ý kiến địa phương', 'Lãnh đạo ký', 'Trả kết quả'],
        channels: [{ channel: 'ONLINE', phases, fees: [] }, { channel: 'IN_PERSON', phases, fees: [] }],
        components: [{ name: 'Đơn đề nghị xác nhận', mandatory: true, originals: 1, copies: 0 }],
        capabilities: { onlineSubmission: true, onlinePayment: 'NO_FEE', resultDelivery: ['COUNTER', 'ELECTRONIC'], requiresInPersonStep: false },
      },
      {
        code: 'TH2', name: 'Đăng ký lại do thay đổi thông tin',
        steps: ['Nộp hồ sơ tại Văn phòng Một cửa', 'Thẩm định', 'Trả kết quả'],
        channels: [{ channel: 'IN_PERSON', phases, fees: [] }],
        components: [{ name: 'Đơn đề nghị đăng ký lại', mandatory: true, originals: 1, copies: 0 }],
        capabilities: { onlineSubmission: false, onlinePayment: 'NO_FEE', resultDelivery: ['COUNTER'], requiresInPersonStep: true },
      },
    ],
  },
});

/** A repeatable group (stations), a condition (reason when "other") and an address from the administrative units. */
export const form = {
  schema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    title: 'Tờ khai đăng ký hoạt động quan trắc',
    required: ['fullName', 'personalIdNumber', 'address', 'purpose', 'stations'],
    properties: {
      fullName: { type: 'string', title: 'Họ và tên', minLength: 2, maxLength: 150, 'x-prefill': 'fullName' },
      personalIdNumber: { type: 'string', title: 'Số định danh cá nhân', format: 'vn-personal-id', 'x-prefill': 'personalIdNumber' },
      address: {
        type: 'object', title: 'Địa chỉ liên hệ', 'x-address': true,
        required: ['provinceCode', 'communeCode'],
        dependentRequired: { provinceCode: ['provinceName'], communeCode: ['communeName'] },
        properties: {
          provinceCode: { type: 'string', title: 'Tỉnh, thành phố', pattern: '^[0-9]{2}$' },
          provinceName: { type: 'string', title: 'Tên tỉnh, thành phố', minLength: 1, maxLength: 100 },
          communeCode: { type: 'string', title: 'Xã, phường', pattern: '^[0-9]{5}$' },
          communeName: { type: 'string', title: 'Tên xã, phường', minLength: 1, maxLength: 100 },
          detail: { type: 'string', title: 'Số nhà, đường', maxLength: 200 },
        },
      },
      purpose: { type: 'string', title: 'Mục đích', oneOf: [{ const: 'RESEARCH', title: 'Nghiên cứu' }, { const: 'OTHER', title: 'Khác' }] },
      stations: {
        type: 'array', title: 'Các trạm quan trắc', minItems: 1, maxItems: 20,
        items: { type: 'object', required: ['name', 'depth'], properties: { name: { type: 'string', title: 'Tên trạm', minLength: 1, maxLength: 100 }, depth: { type: 'number', title: 'Độ sâu (m)', minimum: 0 } } },
      },
    },
    if: { properties: { purpose: { const: 'OTHER' } }, required: ['purpose'] },
    then: { required: ['otherPurpose'], properties: { otherPurpose: { type: 'string', title: 'Mục đích khác', minLength: 3, maxLength: 500 } } },
  },
  uiSchema: { 'ui:order': ['fullName', 'personalIdNumber', 'address', 'purpose', 'otherPurpose', 'stations'] },
};

export const answers = {
  fullName: 'Nguyễn Văn An',
  personalIdNumber: '001090012345',
  address: { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00004', communeName: 'Phường Ba Đình', detail: 'Số 10' },
  purpose: 'OTHER',
  otherPurpose: 'Quan trắc mực nước ngầm phục vụ luận văn',
  stations: [{ name: 'Trạm 1', depth: 12.5 }, { name: 'Trạm 2', depth: 30 }],
};

export const allowance = (amount: number, unit: string) => ({ amount, unit });

/** Four steps; the specialist may ask the province (coordination) and records its reply at the same step. */
export const workflow = {
  name: 'Quy trình xác nhận quan trắc thử nghiệm',
  steps: [
    { id: 'tiep_nhan', name: 'Tiếp nhận hồ sơ', role: 'ONE_STOP_OFFICER', unit: 'RECEIVING', allowance: allowance(4, 'WORKING_HOUR'), actions: [
      { action: 'chuyen_xu_ly', kind: 'FORWARD', to: 'tham_dinh', label: 'Chuyển chuyên viên thẩm định' },
      { action: 'dung_xu_ly', kind: 'STOP', label: 'Dừng xử lý' },
    ] },
    { id: 'tham_dinh', name: 'Chuyên viên thẩm định', role: 'SPECIALIST', unit: 'PROCESSING', allowance: allowance(3, 'WORKING_DAY'), actions: [
      { action: 'lay_y_kien_tinh', kind: 'COORDINATE', to: 'tham_dinh', agency: 'EXT.UBND_TINH', label: 'Lấy ý kiến Ủy ban nhân dân tỉnh' },
      { action: 'trinh_ky', kind: 'FORWARD', to: 'phe_duyet', label: 'Trình lãnh đạo ký' },
    ] },
    { id: 'phe_duyet', name: 'Lãnh đạo ký', role: 'LEADER', unit: 'PROCESSING', allowance: allowance(1, 'WORKING_DAY'), actions: [
      { action: 'ky_duyet', kind: 'FORWARD', effect: 'SIGN_RESULT', to: 'tra_ket_qua', label: 'Ký duyệt' },
      { action: 'tra_lai', kind: 'SEND_BACK', to: 'tham_dinh', label: 'Trả lại chuyên viên' },
    ] },
    { id: 'tra_ket_qua', name: 'Trả kết quả', role: 'ONE_STOP_OFFICER', unit: 'RECEIVING', allowance: allowance(4, 'WORKING_HOUR'), actions: [
      { action: 'tra_ket_qua', kind: 'FINISH', label: 'Trả kết quả' },
    ] },
  ],
};

export async function act(caller: Caller, id: string, action: string, body: Record<string, unknown> = {}) {
  const res = await caller.post(`/dossiers/${id}/actions/${action}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Filed online by the citizen and received by the officer. */
export async function receivedDossier({ citizen, officer, code }: { citizen: Caller; officer: Caller; code: string }, caseCode = 'TH1') {
  const draft = await citizen.post('/dossiers', { procedureCode: code, caseCode });
  expect(draft.statusCode, draft.body).toBe(201);
  const d = draft.json();
  expect((await citizen.patch(`/dossiers/${d.id}`, { answers })).statusCode).toBe(200);
  const component = d.components.find((c: { mandatory: boolean }) => c.mandatory);
  expect((await citizen.upload(d.id, component.id)).statusCode).toBe(201);
  const submitted = await citizen.post(`/dossiers/${d.id}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  const received = await officer.post(`/dossiers/${d.id}/receive`);
  expect(received.statusCode, received.body).toBe(200);
  return received.json() as { id: string; code: string };
}
