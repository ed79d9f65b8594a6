/**
 * Vietnamese texts: the reference dictionary. `en.ts` must provide the same keys
 * (the `Messages` type enforces it). Functions take the values to put in the sentence.
 */
export const vi = {
  meta: {
    siteTitle: 'Dịch vụ công trực tuyến',
    titleSuffix: 'OpenDVC',
  },
  layout: {
    skipLink: 'Bỏ qua, đến nội dung chính',
    portalName: 'Cổng Dịch vụ công',
    ministry: 'Bộ Tài nguyên và Môi trường',
    homeLink: 'Cổng Dịch vụ công — Bộ Tài nguyên và Môi trường, về trang chủ',
    mainNav: 'Điều hướng chính',
    navHome: 'Trang chủ',
    navProcedures: 'Tra cứu thủ tục',
    languageGroup: 'Ngôn ngữ / Language',
    footerAbout: 'Cổng Dịch vụ công trực tuyến dùng nền tảng mã nguồn mở OpenDVC.',
    footerHelp: 'Cần hỗ trợ? Liên hệ Văn phòng Một cửa của Bộ trong giờ hành chính.',
    footerLicense: 'Mã nguồn mở theo giấy phép AGPL-3.0.',
    footerApi: 'Tài liệu API',
  },
  search: {
    label: 'Tìm thủ tục hành chính',
    placeholder: 'Ví dụ: khai thác nước mặt',
    hint: 'Gõ có dấu hoặc không dấu đều được.',
    submit: 'Tìm kiếm',
  },
  home: {
    title: 'Dịch vụ công trực tuyến',
    lead: 'Tra cứu thủ tục hành chính, chuẩn bị hồ sơ và nộp hồ sơ trực tuyến với Bộ Tài nguyên và Môi trường.',
    fieldsTitle: 'Thủ tục theo lĩnh vực',
    fieldCount: (n: number) => `${formatCount(n)} thủ tục`,
    allProcedures: 'Xem tất cả thủ tục',
    fieldsError: 'Chưa tải được danh sách lĩnh vực.',
    howTitle: 'Thực hiện thủ tục như thế nào?',
    howSteps: [
      { title: 'Tìm thủ tục', text: 'Tìm theo tên hoặc theo lĩnh vực.' },
      { title: 'Chuẩn bị hồ sơ', text: 'Xem giấy tờ cần có và tải mẫu đơn, tờ khai.' },
      { title: 'Nộp trực tuyến', text: 'Nộp hồ sơ và lệ phí trên Cổng khi thủ tục cho phép.' },
      { title: 'Theo dõi', text: 'Xem hồ sơ đang được xử lý ở bước nào.' },
      { title: 'Nhận kết quả', text: 'Nhận bản điện tử, qua bưu chính hoặc tại Văn phòng Một cửa.' },
    ],
  },
  results: {
    title: 'Tra cứu thủ tục hành chính',
    documentTitle: (q: string) => (q ? `Kết quả tìm kiếm “${q}”` : 'Tra cứu thủ tục hành chính'),
    found: (n: number) => `Tìm thấy ${formatCount(n)} thủ tục`,
    forQuery: (q: string) => ` cho “${q}”`,
    listLabel: 'Danh sách thủ tục',
    filters: 'Bộ lọc',
    showFilters: (n: number) => (n > 0 ? `Bộ lọc (đang chọn ${n})` : 'Bộ lọc'),
    fieldFilter: 'Lĩnh vực',
    allFields: 'Tất cả lĩnh vực',
    levelFilter: 'Mức độ trực tuyến',
    allLevels: 'Tất cả mức độ',
    clearFilters: 'Bỏ tất cả bộ lọc',
    code: 'Mã thủ tục',
    field: 'Lĩnh vực',
    agency: 'Cơ quan thực hiện',
    emptyTitle: 'Không tìm thấy thủ tục phù hợp',
    emptyHints: [
      'Kiểm tra lại chính tả hoặc dùng từ khóa ngắn hơn, ví dụ “nước mặt”.',
      'Bỏ bớt bộ lọc lĩnh vực hoặc mức độ.',
      'Xem danh sách thủ tục theo lĩnh vực ở trang chủ.',
    ],
    pagination: 'Phân trang kết quả',
    page: (n: number) => `Trang ${n}`,
    previousPage: 'Trang trước',
    nextPage: 'Trang sau',
    pageOf: (page: number, pages: number) => `Trang ${page} / ${pages}`,
    loading: 'Đang tải kết quả…',
  },
  levels: {
    FULL: 'Toàn trình',
    PARTIAL: 'Một phần',
    INFO_ONLY: 'Chỉ cung cấp thông tin',
  },
  errors: {
    title: 'Đã có lỗi xảy ra',
    network: 'Không kết nối được máy chủ. Vui lòng kiểm tra kết nối mạng.',
    retry: 'Thử lại',
    notFoundTitle: 'Không tìm thấy trang',
    notFoundText: 'Địa chỉ này không tồn tại hoặc đã được thay đổi.',
    procedureNotFoundTitle: 'Không tìm thấy thủ tục',
    procedureNotFoundText: (code: string) => `Không có thủ tục hành chính nào mang mã “${code}”. Mã có thể đã thay đổi hoặc thủ tục đã bị bãi bỏ.`,
    searchInstead: 'Tìm thủ tục khác',
    backHome: 'Về trang chủ',
  },
  procedure: {
    loading: 'Đang tải thông tin thủ tục…',
    breadcrumb: 'Đường dẫn',
    code: 'Mã thủ tục',
    field: 'Lĩnh vực',
    level: 'Mức độ',
    summary: 'Tóm tắt',
    onThisPage: 'Trên trang này',
    online: 'Làm gì được trực tuyến',
    illustrative: 'Dữ liệu minh họa',
    illustrativeText: 'Một số thông tin của thủ tục này (thời hạn, phí, mẫu đơn) là dữ liệu minh họa để trình diễn, chưa phải thông tin chính thức. Vui lòng đối chiếu với cơ quan thực hiện trước khi nộp hồ sơ.',
    contentLanguage: '',
    currentVersion: 'Phiên bản đang áp dụng',
    caseChoice: 'Trường hợp của bạn',
    caseChoiceHint: 'Hồ sơ, thời hạn và lệ phí khác nhau tùy trường hợp.',
    whoTitle: 'Ai thực hiện',
    implementationLevels: 'Cấp thực hiện',
    requirementsTitle: 'Điều kiện thực hiện',
    documentsTitle: 'Hồ sơ cần chuẩn bị',
    mandatory: 'Bắt buộc',
    optional: 'Nếu có',
    quantity: (originals: number, copies: number) => quantity(originals, copies),
    downloadTemplate: 'Tải mẫu',
    stepsTitle: 'Trình tự thực hiện',
    submitTitle: 'Nơi nộp hồ sơ',
    timeTitle: 'Thời hạn giải quyết',
    excludesNote: (items: string[]) => `Không tính thời gian ${items.join('; ')}.`,
    feesTitle: 'Phí, lệ phí',
    noFee: 'Không thu phí',
    sameForAllChannels: (ways: string[]) => `Như nhau khi nộp ${joinOr(ways)}.`,
    feeDependsOnCase: 'Mức thu tùy trường hợp',
    resultsTitle: 'Kết quả',
    agenciesTitle: 'Cơ quan',
    legalTitle: 'Căn cứ pháp lý',
    publishedBy: (n: string) => `Công bố tại Quyết định số ${n}`,
    issued: (issuer: string | undefined, date: string | undefined) =>
      [issuer, date ? `ban hành ngày ${date}` : undefined].filter(Boolean).join(', '),
    validFrom: (date: string) => `Áp dụng từ ${date}`,
    validTo: (date: string) => `đến hết ngày ${date}`,
    version: (n: number) => `phiên bản ${n}`,
    none: 'Không có',
  },
  channels: {
    ONLINE: 'Nộp trực tuyến',
    IN_PERSON: 'Nộp trực tiếp',
    POSTAL: 'Nộp qua bưu chính',
  },
  channelWays: {
    ONLINE: 'trực tuyến',
    IN_PERSON: 'trực tiếp',
    POSTAL: 'qua bưu chính',
  },
  units: {
    WORKING_DAY: (n: string) => `${n} ngày làm việc`,
    CALENDAR_DAY: (n: string) => `${n} ngày`,
    HOUR: (n: string) => `${n} giờ`,
  },
  excludes: {
    APPLICANT_SUPPLEMENT: 'người nộp bổ sung, hoàn thiện hồ sơ',
    FOREIGN_REPLY: 'chờ cơ quan nước ngoài trả lời',
    PAYMENT: 'chờ nộp phí, lệ phí',
    OTHER: 'khác theo quy định',
  },
  feeKinds: { FEE: 'Phí', CHARGE: 'Lệ phí' },
  applicantTypes: {
    CITIZEN: 'Cá nhân',
    ENTERPRISE: 'Doanh nghiệp',
    ORGANISATION: 'Tổ chức',
    STATE_AGENCY: 'Cơ quan nhà nước',
  } as Record<string, string>,
  implementationLevels: {
    CENTRAL: 'Cấp Bộ (trung ương)',
    PROVINCE: 'Cấp tỉnh',
    COMMUNE: 'Cấp xã',
  } as Record<string, string>,
  agencyRoles: {
    IMPLEMENTING: 'Cơ quan thực hiện',
    COMPETENT: 'Cơ quan có thẩm quyền quyết định',
    DELEGATED: 'Cơ quan được ủy quyền',
    COORDINATING: 'Cơ quan phối hợp',
  } as Record<string, string>,
};

function formatCount(n: number): string {
  return new Intl.NumberFormat('vi-VN').format(n);
}

function joinOr(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} hoặc ${items[items.length - 1]}`;
}

function quantity(originals: number, copies: number): string {
  const parts = [originals > 0 ? `${originals} bản chính` : '', copies > 0 ? `${copies} bản sao` : ''].filter(Boolean);
  return parts.join(' và ');
}

export type Messages = typeof vi;
