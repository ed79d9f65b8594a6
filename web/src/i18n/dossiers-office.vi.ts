/**
 * Vietnamese texts of the one-stop desk's pages (reception queue, review, counter intake), under t.dossiers
 * with the citizen's ones but loaded with those pages only (staff.vi.ts).
 */
export const dossiersOfficeVi = {
  // Officer
  queueTitle: 'Hồ sơ chờ tiếp nhận',
  queueLead: 'Hồ sơ nộp trực tuyến, cũ nhất trước.',
  queueEmpty: 'Không có hồ sơ nào chờ tiếp nhận.',
  counterNav: 'Nhập hồ sơ tại quầy',
  reviewTitle2: 'Kiểm tra hồ sơ',
  requestSupplement: 'Yêu cầu bổ sung',
  pickComponents: 'Giấy tờ cần bổ sung',
  pickFields: 'Thông tin cần sửa',
  refuseReasons: 'Lý do từ chối (mỗi dòng một lý do)',
  sendSupplement: 'Gửi yêu cầu bổ sung',
  sendRefusal: 'Xác nhận từ chối',
  actionReceived: (code: string) => `Đã tiếp nhận hồ sơ ${code}.`,
  actionSupplement: 'Đã gửi yêu cầu bổ sung cho người nộp.',
  actionRefused: 'Đã từ chối tiếp nhận hồ sơ.',
  notActionable: 'Hồ sơ không ở trạng thái chờ tiếp nhận.',
  backToQueue: 'Về danh sách chờ tiếp nhận',
  // Counter intake
  counterTitle: 'Nhập hồ sơ nộp tại quầy',
  counterProcedure: 'Mã thủ tục',
  counterProcedureHint: 'Ví dụ: 1.012601',
  counterFind: 'Tìm thủ tục',
  counterCase: 'Trường hợp',
  counterChannel: 'Kênh nộp',
  counterChannelInPerson: 'Trực tiếp',
  counterChannelPostal: 'Bưu chính',
  counterApplicant: 'Người nộp',
  counterCreate: 'Tạo hồ sơ và nhập tờ khai',
  counterReceive: 'Tiếp nhận và in giấy tiếp nhận',
  counterDone: (code: string) => `Đã tiếp nhận hồ sơ ${code}.`,
  counterAnother: 'Nhập hồ sơ khác',
};
