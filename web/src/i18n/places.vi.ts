/** Vietnamese texts of address selects (administrative units in force since 1 July 2025). */
export const placesVi = {
  provincePlaceholder: 'Gõ để tìm tỉnh, thành phố',
  communePlaceholder: 'Gõ để tìm xã, phường, đặc khu',
  communeAnywhere: 'Gõ tên xã, phường để tìm trong cả nước',
  communeTypeMore: 'Gõ ít nhất 2 chữ cái của tên xã, phường, đặc khu',
  communeFirst: 'Chọn tỉnh, thành phố trước',
  nothingFound: 'Không tìm thấy. Hãy gõ tên không dấu hoặc một phần tên.',
  loading: 'Đang tải danh mục đơn vị hành chính…',
  loadFailed: 'Chưa tải được danh mục đơn vị hành chính — kiểm tra kết nối mạng rồi tải lại trang.',
  listNote: 'Theo danh mục đơn vị hành chính từ ngày 01/7/2025 (không còn cấp huyện).',
  legacy: (text: string) => `Địa chỉ đã nhập trước đây: “${text}”. Hãy chọn lại tỉnh, thành phố và xã, phường theo danh mục mới.`,
};
