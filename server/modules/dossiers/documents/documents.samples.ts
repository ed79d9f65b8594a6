/**
 * Demonstration data for the one-stop documents (names, numbers and addresses are invented; the
 * procedures follow the water-resources entries of the catalogue). Used by the tests and by
 * scripts/render-sample-documents.ts.
 */
import type {
  ApologyData,
  ControlSheetData,
  DocumentAgency,
  DocumentApplicant,
  DocumentProcedure,
  RefusalData,
  ReceiptSlipData,
  SupplementItem,
  SupplementRequestData,
} from './documents.types.js';

export const sampleAgency: DocumentAgency = {
  parentName: 'Bộ Nông nghiệp và Môi trường',
  name: 'Văn phòng Một cửa',
  place: 'Hà Nội',
  address: 'Số 10 Tôn Thất Thuyết, phường Cầu Giấy, thành phố Hà Nội',
  phone: '024 3795 6868',
};

export const sampleApplicant: DocumentApplicant = {
  name: 'Nguyễn Thị Thu Hường',
  idNumber: '001186012345',
  address:
    'Số 18, ngõ 121 đường Nguyễn Khuyến, tổ dân phố Hạnh Phúc, phường Văn Miếu - Quốc Tử Giám, thành phố Hà Nội (địa chỉ liên hệ: Công ty TNHH Thủy điện Sông Đà Tây Bắc, xã Mường Tè, tỉnh Lai Châu)',
  phone: '0912 345 678',
  email: 'huong.nguyen@thuydiensongda.vn',
};

export const sampleProcedure: DocumentProcedure = {
  name: 'Cấp giấy phép khai thác, sử dụng nước mặt đối với công trình thủy điện có công suất lắp máy từ 2.000 kW trở lên (cấp Bộ)',
  code: '1.004232.000.00.00.G22',
  caseName: 'Công trình đã vận hành trước ngày Luật Tài nguyên nước năm 2023 có hiệu lực',
};

const dossierCode = '000.00.00.G22-261205-0007';

export const sampleReceiptSlip: ReceiptSlipData = {
  agency: sampleAgency,
  documentNumber: '1207/TNHS-VPMC',
  issuedAt: '2026-12-05T09:42:00+07:00',
  dossierCode,
  applicant: sampleApplicant,
  procedure: sampleProcedure,
  channel: 'IN_PERSON',
  components: [
    { name: 'Đơn đề nghị cấp giấy phép khai thác, sử dụng nước mặt (Mẫu số 05, Phụ lục I ban hành kèm theo Nghị định số 54/2024/NĐ-CP)', originals: 1, copies: 0, electronic: true },
    { name: 'Đề án khai thác, sử dụng nước mặt đối với công trình đã vận hành (Mẫu số 43) kèm theo sơ đồ vị trí công trình và tọa độ các hạng mục chính', originals: 1, copies: 2, electronic: true },
    { name: 'Kết quả phân tích chất lượng nguồn nước không quá 03 tháng tính đến thời điểm nộp hồ sơ', originals: 1, copies: 0, electronic: false, note: 'Bản giấy do Trung tâm Quan trắc tài nguyên và môi trường cấp ngày 18/11/2026' },
    { name: 'Quyết định phê duyệt kết quả thẩm định báo cáo đánh giá tác động môi trường (bản sao chứng thực hoặc bản sao điện tử từ sổ gốc)', originals: 0, copies: 1, electronic: true },
    { name: 'Văn bản góp ý và tổng hợp tiếp thu, giải trình lấy ý kiến cộng đồng dân cư, tổ chức, cá nhân liên quan', originals: 1, copies: 0, electronic: false },
  ],
  setCount: 1,
  receivedAt: '2026-12-05T09:30:00+07:00',
  processingTime: '42 ngày (không kể thời gian tổ chức, cá nhân hoàn thiện đề án)',
  appointmentAt: '2027-02-05T16:00:00+07:00',
  returnPlace: 'Văn phòng Một cửa — Số 10 Tôn Thất Thuyết, phường Cầu Giấy, thành phố Hà Nội; hoặc nhận qua dịch vụ bưu chính công ích',
  fees: [
    { name: 'Phí thẩm định đề án khai thác, sử dụng nước mặt', amountVnd: 12_500_000, note: 'đã nộp tại quầy, biên lai điện tử số 0004512' },
    { name: 'Lệ phí cấp giấy phép', amountVnd: 150_000 },
  ],
  receivingOfficer: { name: 'Trần Quốc Việt', position: 'Chuyên viên Văn phòng Một cửa' },
  trackingUrl: 'https://dichvucong.example.gov.vn/tra-cuu-ho-so?ma=000.00.00.G22-261205-0007',
  logbook: { book: '12/2026', entry: '0007' },
};

/** Sixteen items: long enough to break the page, with a repeated table header. */
const supplementItems: SupplementItem[] = [
  {
    component: 'Đơn đề nghị cấp giấy phép khai thác, sử dụng nước mặt (Mẫu số 05)',
    fields: [
      { label: 'Lưu lượng khai thác lớn nhất (m³/ngày đêm)', problem: 'chưa kê khai; phải thống nhất với đề án' },
      { label: 'Chữ ký, đóng dấu của tổ chức đề nghị', problem: 'thiếu dấu của Công ty' },
    ],
    requirement: 'Sửa đơn, ký và đóng dấu lại; nộp bản chính',
  },
  {
    component: 'Đề án khai thác, sử dụng nước mặt (Mẫu số 43)',
    fields: [
      { label: 'Mục 3.2 — Chế độ khai thác mùa cạn', problem: 'chưa có quy trình vận hành điều tiết hồ chứa trong mùa cạn' },
      { label: 'Phụ lục tọa độ cửa lấy nước (hệ VN-2000)', problem: 'tọa độ không khớp với sơ đồ vị trí' },
      { label: 'Dòng chảy tối thiểu sau đập', problem: 'thiếu phương án duy trì và thiết bị giám sát' },
    ],
    requirement: 'Chỉnh sửa, bổ sung đề án; nộp 01 bản chính và 01 bản điện tử',
  },
  {
    component: 'Kết quả phân tích chất lượng nguồn nước',
    fields: [{ label: 'Thời điểm lấy mẫu', problem: 'quá 03 tháng tính đến ngày nộp hồ sơ' }],
    requirement: 'Lấy mẫu, phân tích lại và nộp kết quả mới',
  },
  {
    component: 'Văn bản lấy ý kiến cộng đồng dân cư',
    requirement: 'Nộp bổ sung toàn bộ thành phần (chưa có trong hồ sơ)',
  },
];
for (let i = 1; i <= 12; i++) {
  supplementItems.push({
    component: `Sơ đồ hạng mục công trình số ${String(i).padStart(2, '0')} — tuyến năng lượng, nhà máy và kênh xả hạ lưu (bản vẽ hoàn công)`,
    fields: [
      { label: 'Khung tên bản vẽ', problem: 'thiếu chữ ký của chủ nhiệm đồ án và người kiểm tra' },
      { label: 'Tỷ lệ bản vẽ', problem: 'không đúng tỷ lệ 1:2.000 theo quy định' },
    ],
    requirement: 'Hoàn thiện bản vẽ; nộp bản sao có xác nhận của chủ đầu tư',
  });
}

export const sampleSupplementRequest: SupplementRequestData = {
  agency: sampleAgency,
  documentNumber: '318/YCBS-VPMC',
  issuedAt: '2026-12-08T15:10:00+07:00',
  dossierCode,
  round: 1,
  applicant: sampleApplicant,
  procedure: sampleProcedure,
  receivedAt: '2026-12-05T09:30:00+07:00',
  items: supplementItems,
  reason:
    'Hồ sơ chưa đầy đủ thành phần và một số nội dung chưa hợp lệ theo quy định tại Điều 39 và Phụ lục I Nghị định số 54/2024/NĐ-CP; các số liệu về lưu lượng khai thác, tọa độ công trình giữa đơn và đề án không thống nhất.',
  legalBasis: 'Khoản 2 Điều 15 Nghị định số 61/2018/NĐ-CP; Điều 39 Nghị định số 54/2024/NĐ-CP',
  deadline: '2027-01-07T17:00:00+07:00',
  contact: { name: 'bà Lê Thị Ngọc Ánh, Cục Quản lý tài nguyên nước', phone: '024 3773 2731', email: 'anh.ltn@example.gov.vn' },
  guidingOfficer: { name: 'Lê Thị Ngọc Ánh' },
  trackingUrl: 'https://dichvucong.example.gov.vn/ho-so/000.00.00.G22-261205-0007/bo-sung',
};

export const sampleRefusal: RefusalData = {
  agency: sampleAgency,
  documentNumber: '45/TCHS-VPMC',
  issuedAt: '2026-12-05T10:15:00+07:00',
  applicant: { ...sampleApplicant, name: 'Hộ kinh doanh Phạm Văn Đức — cơ sở khai thác nước ngầm Đồng Tháp Mười' },
  procedure: {
    name: 'Cấp giấy phép thăm dò nước dưới đất đối với công trình có lưu lượng từ 3.000 m³/ngày đêm trở lên',
    code: '1.004228',
  },
  receivedAt: '2026-12-05T08:05:00+07:00',
  reasons: [
    'Công trình thăm dò có lưu lượng dự kiến 450 m³/ngày đêm, thuộc thẩm quyền cấp phép của Ủy ban nhân dân tỉnh Đồng Tháp, không thuộc thẩm quyền của Bộ Nông nghiệp và Môi trường.',
    'Khu vực đề nghị thăm dò nằm trong vùng hạn chế khai thác nước dưới đất đã được Ủy ban nhân dân tỉnh công bố; việc thăm dò để khai thác mới không được phép theo quy định.',
  ],
  legalBasis: ['Điều 16 Luật Tài nguyên nước số 28/2023/QH15', 'Khoản 2 Điều 18 Nghị định số 54/2024/NĐ-CP'],
  guidance:
    'Ông/Bà liên hệ Sở Nông nghiệp và Môi trường tỉnh Đồng Tháp hoặc Trung tâm Phục vụ hành chính công tỉnh để được hướng dẫn thủ tục phù hợp.',
  officer: { name: 'Đỗ Thị Mỹ Hạnh' },
};

export const sampleApology: ApologyData = {
  agency: { ...sampleAgency, name: 'Cục Quản lý tài nguyên nước' },
  documentNumber: '27/XL-QLTNN',
  issuedAt: '2027-02-03T14:00:00+07:00',
  dossierCode,
  applicant: sampleApplicant,
  procedure: sampleProcedure,
  receivedAt: '2026-12-05T09:30:00+07:00',
  originalAppointmentAt: '2027-02-05T16:00:00+07:00',
  reason:
    'Hội đồng thẩm định đề án phải tổ chức kiểm tra thực địa bổ sung tại khu vực hồ chứa do mực nước mùa cạn năm 2027 xuống thấp bất thường, cần thêm thời gian để đánh giá dòng chảy tối thiểu sau đập.',
  newAppointmentAt: '2027-02-19T16:00:00+07:00',
  signer: { name: 'Châu Trần Vĩnh', authority: 'KT. Cục trưởng', title: 'Phó Cục trưởng' },
};

export const sampleControlSheet: ControlSheetData = {
  agency: sampleAgency,
  documentNumber: '1207/KSQT-VPMC',
  issuedAt: '2026-12-05T09:45:00+07:00',
  dossierCode,
  receiptNumber: '1207/TNHS-VPMC',
  applicant: sampleApplicant,
  procedure: sampleProcedure,
  processingUnit: 'Cục Quản lý tài nguyên nước — Phòng Cấp phép và Quản lý khai thác',
  coordinatingUnits: ['Ủy ban nhân dân tỉnh Lai Châu', 'Cục Thủy lợi'],
  receivedAt: '2026-12-05T09:30:00+07:00',
  appointmentAt: '2027-02-05T16:00:00+07:00',
  handovers: [
    {
      from: { unit: 'Văn phòng Một cửa', person: 'Trần Quốc Việt' },
      to: { unit: 'Cục Quản lý tài nguyên nước (Văn thư)', person: 'Nguyễn Hồng Nhung' },
      at: '2026-12-05T14:00:00+07:00',
      result: 'ON_TIME',
      confirmedElectronically: true,
    },
    {
      from: { unit: 'Cục Quản lý tài nguyên nước (Văn thư)', person: 'Nguyễn Hồng Nhung' },
      to: { unit: 'Phòng Cấp phép và Quản lý khai thác', person: 'Lê Thị Ngọc Ánh' },
      at: '2026-12-07T08:30:00+07:00',
      result: 'EARLY',
      confirmedElectronically: true,
    },
    {
      from: { unit: 'Phòng Cấp phép và Quản lý khai thác', person: 'Lê Thị Ngọc Ánh' },
      to: { unit: 'Ủy ban nhân dân tỉnh Lai Châu (lấy ý kiến)', person: 'Văn phòng UBND tỉnh' },
      at: '2026-12-21T10:00:00+07:00',
      result: 'LATE',
      note: 'Chờ ý kiến địa phương quá 05 ngày làm việc',
    },
    {
      from: { unit: 'Phòng Cấp phép và Quản lý khai thác', person: 'Lê Thị Ngọc Ánh' },
      to: { unit: 'Lãnh đạo Cục (ký duyệt)', person: 'Châu Trần Vĩnh' },
      at: '2027-01-28T15:20:00+07:00',
    },
  ],
};
