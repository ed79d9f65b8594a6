/** Vietnamese texts of "Dữ liệu cá nhân của tôi" (/tai-khoan/du-lieu-ca-nhan). */
export const privacyVi = {
  title: 'Dữ liệu cá nhân của tôi',
  linkHint: 'Tải về toàn bộ dữ liệu cá nhân Cổng Dịch vụ công đang lưu về bạn.',
  lead: 'Theo Luật Bảo vệ dữ liệu cá nhân (Luật số 91/2025/QH15), bạn có quyền nhận bản sao dữ liệu cá nhân của mình. Tệp tải về là một tệp nén ZIP.',
  includedTitle: 'Tệp tải về gồm',
  included: [
    'Tài khoản, thông tin cá nhân và địa chỉ; liên kết tài khoản định danh quốc gia (VNeID).',
    'Doanh nghiệp, tổ chức và các ủy quyền của bạn; các phiên đăng nhập.',
    'Hồ sơ bạn đã nộp hoặc được nộp thay cho bạn: dữ liệu tờ khai, lịch sử xử lý, yêu cầu bổ sung, thanh toán, biên lai và kết quả.',
    'Tệp đính kèm bạn đã nộp, kết quả đã ban hành và biên lai điện tử.',
    'Đánh giá, thông báo, thư điện tử và tin nhắn đã gửi cho bạn; nhật ký truy cập tài khoản.',
  ],
  excluded: 'Không gồm ghi chú nội bộ của cán bộ và hồ sơ của doanh nghiệp do thành viên khác nộp. Mỗi lần tải đều được ghi nhật ký.',
  retention: 'Hồ sơ đã rút, bị từ chối hoặc dừng xử lý được xoá dữ liệu cá nhân sau thời hạn lưu trữ theo quy định; mã hồ sơ, trạng thái và kết quả đã ban hành vẫn được giữ.',
  download: 'Tải dữ liệu của tôi',
  preparing: 'Đang chuẩn bị tệp dữ liệu…',
  progress: (percent: number) => `Đang tải về: ${percent}%`,
  progressLabel: 'Tiến độ tải về',
  done: (size: string) => `Đã tải về tệp dữ liệu cá nhân (${size}). Hãy giữ tệp này cẩn thận vì nó chứa thông tin cá nhân của bạn.`,
  rateLimited: 'Bạn đã tải dữ liệu quá nhiều lần trong một giờ. Vui lòng thử lại sau.',
  failed: 'Không tải được dữ liệu cá nhân. Vui lòng kiểm tra kết nối mạng và thử lại sau ít phút.',
  back: 'Về trang tài khoản',
};
