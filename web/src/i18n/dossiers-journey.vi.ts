/**
 * Dossier texts of the online filing's start and its form step (case, applicant options, draft
 * already begun) (a section of dossiers.vi.ts, see there). The form step adds its own section
 * (dossiers-journey-form.vi.ts), the review step has one of its own (dossiers-journey-review.vi.ts),
 * each fetched with the step.
 */
export const dossiersJourneyVi = {
  caseLegend: 'Trường hợp của bạn',
  forSelf: 'Cho bản thân tôi',
  forSelfNamed: (name: string) => `Cho bản thân tôi — ${name}`,
  forOrganisation: (name: string) => `Cho tổ chức: ${name}`,
  forOrganisationTaxCode: (taxCode: string) => `Mã số thuế ${taxCode}`,
  forRepresentedOrganisation: (name: string) => `Thay mặt tổ chức đã ủy quyền cho tôi: ${name}`,
  forPrincipal: (ref: string) => `Thay mặt người đã ủy quyền cho tôi (${ref})`,
  forPrincipalNamed: (name: string) => `Thay mặt ${name} (người đã ủy quyền cho tôi)`,
  forPrincipalNoRef: 'Thay mặt người đã ủy quyền cho tôi',
  forOrganisationInForm: 'Cho một tổ chức, doanh nghiệp khác — nhập mã số thuế ở tờ khai bên dưới',
  forAnyOrganisationInForm: 'Cho một tổ chức, doanh nghiệp — nhập mã số thuế ở tờ khai bên dưới',
  forOrganisationInFormHint: 'Hồ sơ đứng tên tổ chức có mã số thuế bạn nhập; bạn là người nộp thay.',
  noOnlineCase: 'Thủ tục này chưa nhận hồ sơ trực tuyến. Vui lòng nộp tại Văn phòng Một cửa hoặc qua bưu chính.',
  start: 'Bắt đầu điền tờ khai',
  draftExistsTitle: 'Bạn đang có hồ sơ chưa nộp cho thủ tục này',
  draftExistsText: (when: string, applicant: string) => `Bản nháp cập nhật lần cuối lúc ${when}, người nộp: ${applicant}.`,
  continueExistingDraft: 'Tiếp tục hồ sơ đang làm',
  startAnother: 'Tạo một hồ sơ mới khác',
};
