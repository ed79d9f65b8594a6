/** Dossier texts of the public tracking page (“Tra cứu hồ sơ”) (a section of dossiers.vi.ts, see there). */
export const dossiersTrackingVi = {
  trackTitle: 'Tra cứu hồ sơ',
  trackLead: 'Nhập mã hồ sơ (in trên giấy tiếp nhận) và 4 số cuối của số định danh cá nhân hoặc số điện thoại của người nộp.',
  trackCode: 'Mã hồ sơ',
  trackCodeHint: 'Ví dụ: 000.00.01.G99-261128-0001',
  trackKey: '4 số cuối số định danh hoặc số điện thoại',
  trackSubmit: 'Tra cứu',
  trackCodeRequired: 'Vui lòng nhập mã hồ sơ',
  trackKeyInvalid: 'Nhập đúng 4 chữ số',
  trackNotFound: 'Không tìm thấy hồ sơ với mã và 4 số cuối này. Kiểm tra lại mã trên giấy tiếp nhận.',
  trackRateLimited: 'Bạn đã tra cứu quá nhiều lần. Vui lòng chờ một phút rồi thử lại.',
  trackResult: 'Kết quả tra cứu',
};
