/** Dossier texts of the confirmation after submitting (a section of dossiers.vi.ts, see there). */
export const dossiersDoneVi = {
  doneTitle: 'Đã nộp hồ sơ thành công',
  doneLead: 'Văn phòng Một cửa sẽ kiểm tra hồ sơ. Bạn nhận được thư điện tử khi hồ sơ được tiếp nhận hoặc cần bổ sung.',
  receiptPdf: 'Tải giấy tiếp nhận (PDF)',
  howToTrack: 'Theo dõi hồ sơ',
  howToTrackText: 'Xem trong “Hồ sơ của tôi”, hoặc tra cứu tại trang Tra cứu hồ sơ bằng mã hồ sơ và 4 số cuối số định danh hay số điện thoại (mã QR trên giấy tiếp nhận mở thẳng trang này).',
  openMyDossiers: 'Mở Hồ sơ của tôi',
  receivingUnit: 'Nơi tiếp nhận',
};
