/** Demonstration data for the result document (invented names and numbers). */
import type { ResultData } from './result.js';

export const sampleResult: ResultData = {
  parentAgencyName: 'Bộ Nông nghiệp và Môi trường',
  agencyName: 'Cục Quản lý tài nguyên nước',
  documentTitle: 'Thông báo',
  summary: 'Về kết quả giải quyết hồ sơ cấp giấy phép khai thác, sử dụng nước mặt',
  procedureName: 'Cấp giấy phép khai thác, sử dụng nước mặt đối với công trình thủy điện có công suất lắp máy từ 2.000 kW trở lên (cấp Bộ)',
  dossierCode: '000.00.01.G99-261128-0012',
  applicantName: 'Nguyễn Thị Thu Hường',
  applicantAddress: 'Số 18, ngõ 121 đường Nguyễn Khuyến, phường Văn Miếu - Quốc Tử Giám, thành phố Hà Nội',
  body: [
    'Sau khi thẩm định hồ sơ và kết quả kiểm tra thực tế, Cục Quản lý tài nguyên nước thông báo hồ sơ đáp ứng đủ điều kiện cấp giấy phép khai thác, sử dụng nước mặt theo quy định của Luật Tài nguyên nước năm 2023.',
    'Giấy phép có thời hạn 10 năm kể từ ngày ký. Tổ chức, cá nhân được cấp phép có trách nhiệm thực hiện đầy đủ các nghĩa vụ quy định tại Điều 43 của Luật./.',
  ].join('\n'),
  signerName: 'Đặng Văn Hùng',
  signerTitle: 'Phó Cục trưởng',
  signerAuthority: 'KT. Cục trưởng',
  placeName: 'Hà Nội',
  verifyUrl: 'https://dichvucong.example.gov.vn/xac-minh/doc_01JDX8Y2Q4M7N9P3R5T7V9W1Z3',
  documentId: 'doc_01JDX8Y2Q4M7N9P3R5T7V9W1Z3',
  issuedNumber: null,
  signedAt: '2026-11-28T10:15:00+07:00',
};
