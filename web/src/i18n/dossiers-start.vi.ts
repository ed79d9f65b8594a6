/**
 * The dossiers' texts that the header and the procedure page show (the rest, dossiers.vi.ts, comes
 * with the dossier pages): loaded with the first page, in citizen.vi.ts.
 */
export const dossiersStartVi = {
  fileOnline: 'Nộp hồ sơ trực tuyến',
  fileOnlineHint: 'Điền tờ khai, đính kèm giấy tờ và nộp ngay trên điện thoại — không cần xếp hàng tại Văn phòng Một cửa.',
  fileOnlineSignIn: 'Bạn cần đăng nhập để nộp hồ sơ. Sau khi đăng nhập, bạn quay lại đúng bước này.',
  openTracking: 'Tra cứu hồ sơ',
  myNav: 'Hồ sơ của tôi',
  queueNav: 'Tiếp nhận hồ sơ',
};
