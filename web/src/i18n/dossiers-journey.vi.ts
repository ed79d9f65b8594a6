/**
 * Dossier texts of the online filing's start and of both its steps (case, applicant options, draft
 * already begun) (a section of dossiers.vi.ts, see there). The form step's texts and the review
 * step's are sections of their own (dossiers-journey-form.vi.ts, dossiers-journey-review.vi.ts),
 * fetched with the step.
 */
export const dossiersJourneyVi = {
  back: 'Quay lại',
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
  noFile: 'Chưa có tệp',
  draftExistsTitle: 'Bạn đang có hồ sơ chưa nộp cho thủ tục này',
  draftExistsText: (when: string, applicant: string) => `Bản nháp cập nhật lần cuối lúc ${when}, người nộp: ${applicant}.`,
  continueExistingDraft: 'Tiếp tục hồ sơ đang làm',
  startAnother: 'Tạo một hồ sơ mới khác',
};
