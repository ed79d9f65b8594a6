/** Vietnamese texts of the open-data page (/du-lieu-mo). */
export const openDataVi = {
  title: 'Dữ liệu mở',
  lead: 'Dữ liệu công bố theo giấy phép Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0): được sao chép, chỉnh sửa và sử dụng cho mọi mục đích, kể cả thương mại, với điều kiện ghi nguồn. Không chứa dữ liệu cá nhân.',
  licence: 'Giấy phép',
  catalogLink: 'Danh mục dữ liệu (DCAT-AP, JSON-LD)',
  download: (format: string) => `Tải ${format}`,
  schema: 'Lược đồ JSON Schema',
  coming: 'Sắp công bố',
  loadFailed: 'Không tải được danh mục dữ liệu mở.',
};
