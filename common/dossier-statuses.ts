/**
 * Vietnamese names of the internal dossier statuses (richer than the national codes 1–10), one list
 * for the API's `statusLabel` and the portal's badges and timeline.
 */
export const dossierStatusLabelsVi = {
  DRAFT: 'Đang soạn',
  INTAKE: 'Đang nhập tại quầy',
  SUBMITTED: 'Chờ tiếp nhận',
  SUPPLEMENT_REQUESTED: 'Yêu cầu bổ sung hồ sơ',
  RESUBMITTED: 'Đã bổ sung, chờ tiếp nhận',
  RECEIVED: 'Đã tiếp nhận',
  IN_PROGRESS: 'Đang xử lý',
  AWAITING_PAYMENT: 'Chờ thực hiện nghĩa vụ tài chính',
  STOPPED: 'Dừng xử lý',
  REFUSED: 'Từ chối tiếp nhận',
  WITHDRAWN: 'Đã rút hồ sơ',
  RESULT_READY: 'Đã có kết quả',
  RESULT_RETURNED: 'Đã trả kết quả',
} as const;
