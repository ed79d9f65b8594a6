/**
 * Inputs of the one-stop documents (forms 01–05 of Circular 01/2018/TT-VPCP). Every input is plain
 * data — strings, numbers, booleans, and moments as `Date` or ISO 8601 strings with an offset — so
 * a stored snapshot renders the same bytes again later. Texts may come in NFC or NFD; they are
 * printed in NFC. Dates and times print in Asia/Ho_Chi_Minh.
 */
import type { DateInput } from '../../../platform/pdf/index.js';

export type { DateInput };

/** The unit that issues the document (left column of the header). */
export interface DocumentAgency {
  /** Governing body, e.g. "Bộ Nông nghiệp và Môi trường" (printed in capitals). */
  parentName?: string;
  /** Issuing unit, e.g. "Văn phòng Một cửa" (printed in bold capitals). */
  name: string;
  /** Place in the date line, e.g. "Hà Nội". */
  place: string;
  /** Printed where the applicant is told where to go or whom to call. */
  address?: string;
  phone?: string;
}

export interface DocumentApplicant {
  /** Person or organisation named on the dossier. */
  name: string;
  /** CCCD / ID number, or tax code for an organisation. */
  idNumber?: string;
  /** Label for `idNumber`; default "Số CCCD/định danh cá nhân". */
  idLabel?: string;
  address?: string;
  phone?: string;
  email?: string;
  /** The person who filed it for the applicant (an organisation's member or a representative). */
  filedBy?: string;
}

export interface DocumentProcedure {
  name: string;
  /** National procedure code, e.g. "1.004262" or "2.001816.000.00.00.G22". */
  code: string;
  /** Case (trường hợp) name when the procedure has several. */
  caseName?: string;
}

export interface DocumentPerson {
  name: string;
  /** Position, e.g. "Chuyên viên Văn phòng Một cửa". */
  position?: string;
}

/** How the dossier came in (kênh nộp). */
export type DocumentChannel = 'ONLINE' | 'IN_PERSON' | 'POSTAL';

/** Common header fields of every form. */
export interface DocumentBase {
  agency: DocumentAgency;
  /** Number and symbol of the document without "Số:", e.g. "1250/TNHS"; omitted → "Số: ……". */
  documentNumber?: string;
  /** Date printed in the date line (and the PDF creation date). */
  issuedAt: DateInput;
  /**
   * Sources of the document's editable texts (the published template, see templates.ts); a text
   * not given is the initial one.
   */
  templates?: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả

export interface ReceivedComponent {
  name: string;
  /** Bản chính (originals) received. */
  originals: number;
  /** Bản sao (copies) received. */
  copies: number;
  /** Supplied as an electronic file (online filing, or a file reused from the document warehouse). */
  electronic: boolean;
  note?: string;
}

export interface FeeLine {
  name: string;
  /** Absent when the amount depends on the case; `note` then says how it is set. */
  amountVnd?: number;
  /** e.g. "Đã nộp trực tuyến qua Cổng thanh toán", "Nộp khi nhận kết quả". */
  note?: string;
}

export interface ReceiptSlipData extends DocumentBase {
  /** Dossier code (mã hồ sơ), e.g. "000.00.00.G22-261205-0001". */
  dossierCode: string;
  applicant: DocumentApplicant;
  procedure: DocumentProcedure;
  channel: DocumentChannel;
  components: ReceivedComponent[];
  /** Number of dossier sets (bộ); default 1. */
  setCount?: number;
  receivedAt: DateInput;
  /** The prescribed time limit as text, e.g. "45 ngày làm việc". */
  processingTime?: string;
  appointmentAt: DateInput;
  /** Where (or how) the result is returned, e.g. "Văn phòng Một cửa, 10 Tôn Thất Thuyết, Hà Nội". */
  returnPlace: string;
  /** Fees and charges of the catalogue for the channel and case; empty or omitted → "Không thu phí, lệ phí". */
  fees?: FeeLine[];
  receivingOfficer: DocumentPerson;
  /** Public tracking page; encoded in the QR code. Must not carry personal data. */
  trackingUrl: string;
  /** Overrides the default hint "Tra cứu bằng mã hồ sơ và 4 số cuối CCCD". */
  trackingHint?: string;
  /** Tracking book entry ("Vào Sổ theo dõi hồ sơ, Quyển số … Số thứ tự …"). */
  logbook?: { book: string; entry: string };
  /**
   * The e-form's answers as read (`answerLines(renderAnswers(...))` of common/forms): printed after
   * the fees, in form order, with option titles and each row of a list under its own heading.
   */
  answers?: ReadonlyArray<{ depth: number; label: string; text?: string }>;
}

// ---------------------------------------------------------------------------------------------
// 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ

export interface SupplementField {
  /** Field label as shown in the form, e.g. "Lưu lượng khai thác lớn nhất (m³/ngày đêm)". */
  label: string;
  /** What is wrong or missing, e.g. "Chưa kê khai", "Không khớp với đề án". */
  problem: string;
}

export interface SupplementItem {
  /** Dossier component concerned, e.g. "Đơn đề nghị cấp giấy phép (Mẫu số 05)". */
  component: string;
  /** Fields of the component to complete or correct; empty → the whole component. */
  fields?: SupplementField[];
  /** What to do, e.g. "Nộp bổ sung bản chính", "Sửa và ký lại". */
  requirement: string;
}

export interface SupplementRequestData extends DocumentBase {
  dossierCode: string;
  /** 1 for the first request; later requests are numbered on. */
  round: number;
  applicant: DocumentApplicant;
  procedure: DocumentProcedure;
  /** When the dossier was received or submitted online. */
  receivedAt: DateInput;
  items: SupplementItem[];
  /** Why the dossier is incomplete or invalid. */
  reason: string;
  /** Legal basis for the requirements, e.g. "Điều 39 Nghị định số 54/2024/NĐ-CP". */
  legalBasis?: string;
  /** Last moment to supplement. */
  deadline: DateInput;
  /** Whom to contact while completing the dossier. */
  contact: { name: string; phone: string; email?: string };
  guidingOfficer: DocumentPerson;
  /** Where the applicant submits the supplement online; encoded in a QR code when given. */
  trackingUrl?: string;
}

// ---------------------------------------------------------------------------------------------
// 03 — Phiếu từ chối tiếp nhận, giải quyết hồ sơ

export interface RefusalData extends DocumentBase {
  /** Omitted when the dossier was refused before a code was given. */
  dossierCode?: string;
  applicant: DocumentApplicant;
  procedure: DocumentProcedure;
  /** When the dossier was submitted or received. */
  receivedAt: DateInput;
  /** At least one reason, each a complete sentence. */
  reasons: string[];
  legalBasis?: string[];
  /** What the applicant can do instead, e.g. which agency is competent. */
  guidance?: string;
  officer: DocumentPerson;
}

// ---------------------------------------------------------------------------------------------
// 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả

export interface ApologyData extends DocumentBase {
  dossierCode: string;
  applicant: DocumentApplicant;
  procedure: DocumentProcedure;
  receivedAt: DateInput;
  /** The appointment on the receipt slip, now missed. */
  originalAppointmentAt: DateInput;
  reason: string;
  newAppointmentAt: DateInput;
  /** Signer (head of the agency, or on behalf: authority "KT. GIÁM ĐỐC"). */
  signer: DocumentPerson & { authority?: string; title?: string };
}

// ---------------------------------------------------------------------------------------------
// 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ

export type HandoverResult = 'EARLY' | 'ON_TIME' | 'LATE';

export interface HandoverParty {
  unit: string;
  person: string;
}

export interface Handover {
  from: HandoverParty;
  to: HandoverParty;
  at: DateInput;
  /** How the step ended compared with its allowance; omitted while the step is still open. */
  result?: HandoverResult;
  note?: string;
  /** Both sides confirmed electronically (printed in the signature cell). */
  confirmedElectronically?: boolean;
}

export interface ControlSheetData extends DocumentBase {
  dossierCode: string;
  /** Number of the receipt slip the sheet accompanies. */
  receiptNumber?: string;
  applicant: DocumentApplicant;
  procedure: DocumentProcedure;
  processingUnit: string;
  coordinatingUnits?: string[];
  receivedAt: DateInput;
  appointmentAt: DateInput;
  handovers: Handover[];
}
