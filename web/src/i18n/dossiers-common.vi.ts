import { dossierStatusLabelsVi } from '../../../common/dossier-statuses';

/** Dossier texts of every dossier page: the journey's progress, loading and not-found texts, statuses, a dossier's code and appointment (a section of dossiers.vi.ts, see there). */
export const dossiersCommonVi = {
  journeyTitle: 'Nộp hồ sơ trực tuyến',
  stepOf: (n: number, total: number) => `Bước ${n}/${total}`,
  steps: ['Bắt đầu', 'Điền tờ khai', 'Kiểm tra và nộp', 'Hoàn tất'],
  stepsLabel: 'Các bước nộp hồ sơ',
  loading: 'Đang tải hồ sơ…',
  filedBy: (name: string) => `do ${name} nộp thay`,
  expiresSoon: (date: string) => `Bản nháp sẽ bị xóa vào ${date} nếu không được lưu thêm. Hãy hoàn thành và nộp trước ngày này.`,
  code: 'Mã hồ sơ',
  appointment: 'Ngày hẹn trả kết quả',
  appointmentAfterReception: 'Được tính khi hồ sơ được tiếp nhận',
  status: 'Trạng thái',
  procedure: 'Thủ tục',
  notFound: 'Không tìm thấy hồ sơ',
  notFoundText: 'Hồ sơ không tồn tại hoặc bạn không có quyền xem.',
  officialOnly: 'Trang này dành cho cán bộ Văn phòng Một cửa.',
  statuses: dossierStatusLabelsVi as Record<string, string>,
  back: 'Quay lại',
  noFile: 'Chưa có tệp',
};
