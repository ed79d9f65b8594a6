/**
 * Editable texts of the documents (issue 17 item 5): the result document and the one-stop forms
 * 01–05 keep their legally fixed layout in code (national header, number and date line, tables,
 * signature blocks, QR code); their variable texts — title, summary, body paragraphs, notes,
 * closing lines — are Liquid templates with placeholders such as {{ ho_so.ma }}.
 *
 * The engine is LiquidJS: a template can only print the values given to it, test them
 * ({% if %}), loop over them and apply the built-in filters; it evaluates no code, reads no file
 * (include, render and layout are refused) and has parse and render limits. Every placeholder a
 * template uses must be on the template's documented list; an unknown placeholder, filter or tag,
 * or a syntax error, is reported in Vietnamese with its line and column.
 *
 * Texts of the one-stop forms may mark bold runs with **…**; values printed into them are escaped
 * so that a name with an asterisk prints as is.
 */
import { Liquid, type Template } from 'liquidjs';
import { formatVietnameseDate, formatVietnameseDateTime, toDate, vietnamDateParts, type DateInput, type TextRun } from '../../../platform/pdf/index.js';

export const templateKinds = ['RESULT', '01', '02', '03', '04', '05'] as const;
export type TemplateKind = (typeof templateKinds)[number];

export interface TemplateFieldDefinition {
  key: string;
  label: string;
  /** Paragraphs separated by line breaks. */
  multiline: boolean;
  /** May be left empty (nothing is printed). */
  optional: boolean;
  /** The text the document printed before it became editable: the seeded first version. */
  initial: string;
}

export interface PlaceholderDefinition {
  name: string;
  description: string;
  /** Value used by the preview. */
  sample: string;
}

export interface TemplateDefinition {
  kind: TemplateKind;
  name: string;
  /** The result document may have a template per procedure; the forms have one for all. */
  perProcedure: boolean;
  /** **…** marks bold text. */
  boldMarkup: boolean;
  fields: TemplateFieldDefinition[];
  placeholders: PlaceholderDefinition[];
}

export type TemplateTexts = Record<string, string>;

export interface TemplateProblem {
  field: string;
  line: number;
  column: number;
  message: string;
}

const common: PlaceholderDefinition[] = [
  { name: 'ho_so.ma', description: 'Mã hồ sơ', sample: '000.00.01.G99-261128-0012' },
  { name: 'nguoi_nop.ten', description: 'Tên tổ chức, cá nhân nộp hồ sơ', sample: 'Nguyễn Thị Thu Hường' },
  { name: 'nguoi_nop.dia_chi', description: 'Địa chỉ của người nộp hồ sơ', sample: 'Số 18, ngõ 121 đường Nguyễn Khuyến, phường Văn Miếu - Quốc Tử Giám, thành phố Hà Nội' },
  { name: 'thu_tuc.ten', description: 'Tên thủ tục hành chính', sample: 'Cấp giấy phép khai thác, sử dụng nước mặt' },
  { name: 'thu_tuc.ma', description: 'Mã thủ tục hành chính', sample: '1.004262' },
  { name: 'co_quan.ten', description: 'Tên cơ quan, đơn vị ban hành phiếu', sample: 'Cục Quản lý tài nguyên nước' },
  { name: 'ngay_tiep_nhan', description: 'Ngày tiếp nhận hồ sơ (dd/mm/yyyy)', sample: '25/11/2026' },
  { name: 'ngay_tiep_nhan_chu', description: 'Ngày tiếp nhận hồ sơ viết đầy đủ ("25 tháng 11 năm 2026")', sample: '25 tháng 11 năm 2026' },
];

const ph = (name: string, description: string, sample: string): PlaceholderDefinition => ({ name, description, sample });
const field = (key: string, label: string, initial: string, options: { multiline?: boolean; optional?: boolean } = {}): TemplateFieldDefinition => ({
  key, label, initial, multiline: options.multiline ?? false, optional: options.optional ?? false,
});

export const TEMPLATE_DEFINITIONS: Record<TemplateKind, TemplateDefinition> = {
  RESULT: {
    kind: 'RESULT',
    name: 'Văn bản kết quả giải quyết hồ sơ',
    perProcedure: true,
    boldMarkup: false,
    fields: [
      field('tieu_de', 'Tên loại văn bản (tiêu đề)', '{{ ket_qua.ten }}'),
      field('trich_yeu', 'Trích yếu', 'Về việc giải quyết hồ sơ {{ ho_so.ma }} — {{ thu_tuc.ten }}'),
      field('noi_dung', 'Nội dung (mỗi dòng một đoạn)', [
        'Căn cứ hồ sơ đề nghị của {{ nguoi_nop.ten_day_du }} tiếp nhận ngày {{ ngay_tiep_nhan }} (mã hồ sơ {{ ho_so.ma }});',
        'Căn cứ kết quả thẩm định hồ sơ;',
        'Chấp thuận đề nghị của {{ nguoi_nop.ten }} theo thủ tục "{{ thu_tuc.ten }}".',
      ].join('\n'), { multiline: true }),
      field('noi_nhan', 'Nơi nhận (sau "Như trên", mỗi dòng một nơi)', 'Lưu: VT, hồ sơ.', { multiline: true }),
    ],
    placeholders: [
      ...common.filter((p) => p.name !== 'ngay_tiep_nhan_chu'),
      ph('nguoi_nop.ten_day_du', 'Tên người nộp, kèm người nộp thay nếu có', 'Nguyễn Thị Thu Hường'),
      ph('ket_qua.ten', 'Tên kết quả của thủ tục theo danh mục', 'Giấy phép khai thác, sử dụng nước mặt'),
      ph('han_tra', 'Thời hạn trả kết quả (dd/mm/yyyy)', '15/01/2027'),
    ],
  },
  '01': {
    kind: '01',
    name: 'Mẫu số 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    perProcedure: false,
    boldMarkup: true,
    fields: [
      field('tieu_de_tra_cuu', 'Dòng đầu khung tra cứu (mã QR)', '**Tra cứu tình trạng giải quyết hồ sơ**'),
      field('ghi_chu', 'Ghi chú cuối phiếu (để trống nếu không có)', '', { multiline: true, optional: true }),
    ],
    placeholders: [
      ...common,
      ph('han_tra', 'Thời gian hẹn trả kết quả', '8 giờ 00 phút, ngày 15 tháng 01 năm 2027'),
      ph('kenh_nop', 'Hình thức nộp hồ sơ', 'Trực tuyến'),
      ph('noi_tra_ket_qua', 'Nơi đăng ký nhận kết quả', 'Văn phòng Một cửa, 10 Tôn Thất Thuyết, Hà Nội'),
    ],
  },
  '02': {
    kind: '02',
    name: 'Mẫu số 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    perProcedure: false,
    boldMarkup: true,
    fields: [
      field('mo_dau', 'Câu mở đầu', 'Sau khi kiểm tra, {{ co_quan.ten }} đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:', { multiline: true }),
      field('ket_thuc', 'Lời kết', 'Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với {{ lien_he }} để được hướng dẫn./.', { multiline: true }),
    ],
    placeholders: [
      ...common,
      ph('lan_yeu_cau', 'Lần yêu cầu bổ sung (01, 02, …)', '01'),
      ph('han_bo_sung', 'Thời hạn bổ sung, hoàn thiện hồ sơ', '17 giờ 00 phút, ngày 10 tháng 12 năm 2026'),
      ph('ly_do', 'Lý do yêu cầu bổ sung', 'Hồ sơ chưa đủ thành phần theo quy định.'),
      ph('lien_he', 'Người liên hệ, số điện thoại, email', 'Trần Văn Minh, số điện thoại 024 3795 6868'),
    ],
  },
  '03': {
    kind: '03',
    name: 'Mẫu số 03 — Phiếu từ chối tiếp nhận, giải quyết hồ sơ',
    perProcedure: false,
    boldMarkup: true,
    fields: [
      field('mo_dau', 'Câu mở đầu', 'Qua xem xét, {{ co_quan.ten }} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:', { multiline: true }),
      field('ket_thuc', 'Lời kết', 'Xin thông báo cho Ông/Bà được biết và thực hiện./.', { multiline: true }),
    ],
    placeholders: [...common],
  },
  '04': {
    kind: '04',
    name: 'Mẫu số 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả',
    perProcedure: false,
    boldMarkup: true,
    fields: [
      field('mo_dau', 'Câu mở đầu', 'Ngày {{ ngay_tiep_nhan_chu }}, {{ co_quan.ten }} tiếp nhận giải quyết hồ sơ của Ông/Bà: **{{ nguoi_nop.ten }}**', { multiline: true }),
      field('noi_dung', 'Nội dung (sau thông tin người nộp và thủ tục; mỗi dòng một đoạn)', [
        'Thời hạn trả kết quả theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả: **{{ han_tra_cu }}**.',
        'Tuy nhiên đến nay, {{ co_quan.ten }} chưa trả kết quả giải quyết hồ sơ của Ông/Bà.',
        '**Lý do: **{{ ly_do }}',
        'Sự chậm trễ này đã gây phiền hà cho Ông/Bà. {{ co_quan.ten }} xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào **{{ han_tra_moi }}**.',
      ].join('\n'), { multiline: true }),
      field('ket_thuc', 'Lời kết', 'Xin trân trọng cảm ơn./.'),
    ],
    placeholders: [
      ...common,
      ph('han_tra_cu', 'Thời hạn trả kết quả đã hẹn', '8 giờ 00 phút, ngày 15 tháng 01 năm 2027'),
      ph('han_tra_moi', 'Thời hạn trả kết quả hẹn lại', '8 giờ 00 phút, ngày 22 tháng 01 năm 2027'),
      ph('ly_do', 'Lý do chậm trả kết quả', 'Cần lấy thêm ý kiến của cơ quan phối hợp.'),
    ],
  },
  '05': {
    kind: '05',
    name: 'Mẫu số 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ',
    perProcedure: false,
    boldMarkup: true,
    fields: [field('ghi_chu', 'Ghi chú dưới bảng (để trống nếu không có)', '', { multiline: true, optional: true })],
    placeholders: [
      ...common,
      ph('han_tra', 'Thời gian hẹn trả kết quả', '8 giờ 00 phút, ngày 15 tháng 01 năm 2027'),
      ph('don_vi_giai_quyet', 'Cơ quan (bộ phận) giải quyết hồ sơ', 'Phòng Cấp phép'),
    ],
  },
};

export const MAX_TEMPLATE_FIELD_LENGTH = 8000;

export function isTemplateKind(value: string): value is TemplateKind {
  return (templateKinds as readonly string[]).includes(value);
}

/** The texts each document printed before templates were editable (seeded as the first published version). */
export function initialTexts(kind: TemplateKind): TemplateTexts {
  return Object.fromEntries(TEMPLATE_DEFINITIONS[kind].fields.map((f) => [f.key, f.initial]));
}

// ---------------------------------------------------------------------------------------------
// Engine

const refusedTags = ['include', 'render', 'layout', 'block'];

function createEngine(escapeMarkup: boolean): Liquid {
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    relativeReference: false,
    // No file system: nothing can be included or read.
    fs: {
      exists: async () => false,
      existsSync: () => false,
      readFile: async () => { throw new Error('no files'); },
      readFileSync: () => { throw new Error('no files'); },
      resolve: (_dir: string, file: string) => file,
    },
    parseLimit: 1e5,
    renderLimit: 500,
    memoryLimit: 1e6,
    outputEscape: escapeMarkup ? (value: unknown) => String(value ?? '').replace(/[\\*]/g, (c) => `\\${c}`) : undefined,
  });
  for (const name of refusedTags) {
    engine.registerTag(name, {
      parse(token) {
        throw Object.assign(new Error(`refused tag ${name}`), { refusedTag: name, token });
      },
      render() {
        return '';
      },
    });
  }
  return engine;
}

const plainEngine = createEngine(false);
const markupEngine = createEngine(true);
const engineFor = (kind: TemplateKind) => (TEMPLATE_DEFINITIONS[kind].boldMarkup ? markupEngine : plainEngine);

const parsed = new Map<string, Template[]>();
function parse(kind: TemplateKind, source: string): Template[] {
  const key = `${TEMPLATE_DEFINITIONS[kind].boldMarkup ? 'm' : 'p'}:${source}`;
  let templates = parsed.get(key);
  if (!templates) {
    templates = engineFor(kind).parse(source);
    if (parsed.size > 500) parsed.clear();
    parsed.set(key, templates);
  }
  return templates;
}

function position(error: unknown): { line: number; column: number } {
  const token = (error as { token?: { getPosition?: () => [number, number] } }).token;
  const [line, column] = token?.getPosition?.() ?? [1, 1];
  return { line, column };
}

function parseMessage(error: unknown): string {
  const e = error as { message?: string; refusedTag?: string; originalError?: { refusedTag?: string } };
  const refused = e.refusedTag ?? e.originalError?.refusedTag;
  if (refused) return `Thẻ {% ${refused} %} không được dùng trong mẫu văn bản.`;
  const message = e.message ?? '';
  const filter = /undefined filter: ([\w-]+)/.exec(message);
  if (filter) return `Bộ lọc "${filter[1]}" không tồn tại.`;
  const tag = /tag "([\w-]+)" not found/.exec(message);
  if (tag) return `Thẻ "${tag[1]}" không tồn tại.`;
  if (/not closed/.test(message)) return 'Thẻ hoặc biến chưa được đóng (thiếu "%}", "}}" hoặc thẻ kết thúc như {% endif %}).';
  return 'Cú pháp mẫu không hợp lệ; kiểm tra các dấu {{ }} và {% %}.';
}

/** Every problem of the texts of a template, each with its field, line and column (1-based). */
export function validateTemplate(kind: TemplateKind, texts: Record<string, unknown>): TemplateProblem[] {
  const definition = TEMPLATE_DEFINITIONS[kind];
  const known = new Set(definition.placeholders.map((p) => p.name));
  const problems: TemplateProblem[] = [];
  for (const key of Object.keys(texts)) {
    if (!definition.fields.some((f) => f.key === key)) problems.push({ field: key, line: 1, column: 1, message: `Mẫu không có phần "${key}".` });
  }
  for (const f of definition.fields) {
    const source = texts[f.key];
    if (typeof source !== 'string') {
      problems.push({ field: f.key, line: 1, column: 1, message: `Thiếu phần "${f.label}".` });
      continue;
    }
    if (!f.optional && source.trim() === '') {
      problems.push({ field: f.key, line: 1, column: 1, message: `Phần "${f.label}" không được để trống.` });
      continue;
    }
    if (source.length > MAX_TEMPLATE_FIELD_LENGTH) {
      problems.push({ field: f.key, line: 1, column: 1, message: `Phần "${f.label}" dài quá ${MAX_TEMPLATE_FIELD_LENGTH} ký tự.` });
      continue;
    }
    if (!f.multiline && /\r?\n/.test(source)) {
      problems.push({ field: f.key, line: 2, column: 1, message: `Phần "${f.label}" chỉ có một dòng.` });
    }
    let templates: Template[];
    try {
      templates = engineFor(kind).parse(source);
    } catch (error) {
      problems.push({ field: f.key, ...position(error), message: `Dòng ${position(error).line}: ${parseMessage(error)}` });
      continue;
    }
    const analysis = engineFor(kind).analyzeSync(templates);
    for (const variables of Object.values(analysis.globals)) {
      for (const variable of variables) {
        const name = String(variable);
        if (known.has(name)) continue;
        const { row, col } = variable.location;
        problems.push({ field: f.key, line: row, column: col, message: `Dòng ${row}: biến {{ ${name} }} không có trong danh sách biến của mẫu.` });
      }
    }
  }
  return problems;
}

/** "a.b" → { a: { b } }: the values a template sees. */
export function scopeOf(values: Record<string, string>): Record<string, unknown> {
  const scope: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(values)) {
    const parts = path.split('.');
    let node = scope;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1)!] = value;
  }
  return scope;
}

/**
 * The texts of a template filled with the values of one document. `sources` falls back on the
 * initial texts for any field it lacks; every documented placeholder has a value (empty when
 * the document has none).
 */
export function renderTemplate(kind: TemplateKind, sources: Partial<TemplateTexts> | undefined, values: Record<string, string | undefined>): TemplateTexts {
  const definition = TEMPLATE_DEFINITIONS[kind];
  const complete = Object.fromEntries(definition.placeholders.map((p) => [p.name, values[p.name] ?? '']));
  const scope = scopeOf(complete);
  const out: TemplateTexts = {};
  for (const f of definition.fields) {
    const source = sources?.[f.key] ?? f.initial;
    out[f.key] = engineFor(kind).renderSync(parse(kind, source), scope) as string;
  }
  return out;
}

/** Values of the placeholders for the preview. */
export function sampleValues(kind: TemplateKind): Record<string, string> {
  return Object.fromEntries(TEMPLATE_DEFINITIONS[kind].placeholders.map((p) => [p.name, p.sample]));
}

// ---------------------------------------------------------------------------------------------
// Values taken from document data

/** "25/11/2026" in Vietnam. */
export function shortDate(value: DateInput): string {
  const { year, month, day } = vietnamDateParts(value);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

/** Values shared by the forms 01–05. */
export function commonValues(data: {
  dossierCode?: string;
  applicant: { name: string; address?: string };
  procedure: { name: string; code: string };
  agency: { name: string };
  receivedAt: DateInput;
}): Record<string, string> {
  toDate(data.receivedAt);
  return {
    'ho_so.ma': data.dossierCode ?? '',
    'nguoi_nop.ten': data.applicant.name,
    'nguoi_nop.dia_chi': data.applicant.address ?? '',
    'thu_tuc.ten': data.procedure.name,
    'thu_tuc.ma': data.procedure.code,
    'co_quan.ten': data.agency.name,
    'ngay_tiep_nhan': shortDate(data.receivedAt),
    'ngay_tiep_nhan_chu': formatVietnameseDate(data.receivedAt).replace(/^ngày /, ''),
  };
}

export { formatVietnameseDateTime };

// ---------------------------------------------------------------------------------------------
// Bold markup

/** One paragraph of text with **bold** runs (a backslash escapes * and \). */
export function toRuns(paragraph: string): TextRun[] {
  const runs: TextRun[] = [];
  let bold = false;
  let text = '';
  const flush = () => {
    if (text) runs.push(bold ? { text, style: 'bold' } : { text });
    text = '';
  };
  for (let i = 0; i < paragraph.length; i++) {
    const c = paragraph[i]!;
    if (c === '\\' && (paragraph[i + 1] === '*' || paragraph[i + 1] === '\\')) {
      text += paragraph[i + 1];
      i++;
    } else if (c === '*' && paragraph[i + 1] === '*') {
      flush();
      bold = !bold;
      i++;
    } else {
      text += c;
    }
  }
  flush();
  return runs;
}

/** Non-empty paragraphs of a rendered text, as runs. */
export function paragraphsOf(text: string): TextRun[][] {
  return text.split(/\r?\n/).map((p) => p.trim()).filter(Boolean).map(toRuns);
}
