/**
 * Exports of the resolution report: XLSX (exceljs; the shape of the Government Office's periodic
 * table on resolving administrative procedures, with merged header cells and numbers kept as
 * numbers), CSV (UTF-8 with a BOM, so that Excel reads the Vietnamese text) and PDF (the national
 * header, the same table, the Decision 766 indicators; the fonts of every official document).
 */
// exceljs (with its zip and stream packages) is loaded on the first export, not with the server:
// it was the largest part of importing the application.
import type ExcelJS from 'exceljs';
import { PdfWriter, createPdfDocument, formatVnd, type TableCell, type TableColumn } from '../../platform/pdf/index.js';
import type { Grouping, LateReport, ResolutionReport, ReportCounts } from './statistics.usecases.js';

const groupLabels: Record<Grouping, string> = { field: 'Lĩnh vực', unit: 'Đơn vị', procedure: 'Thủ tục hành chính', case: 'Trường hợp' };
const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Columns of the resolution table, in the order of the Government Office's form. */
const columns: { key: keyof ReportCounts; header: string }[] = [
  { key: 'carriedOver', header: 'Từ kỳ trước chuyển qua' },
  { key: 'receivedOnline', header: 'Trực tuyến' },
  { key: 'receivedCounter', header: 'Trực tiếp' },
  { key: 'receivedPost', header: 'Dịch vụ bưu chính' },
  { key: 'receivedNationalPortal', header: 'Qua Cổng DVC quốc gia' },
  { key: 'receivedNsw', header: 'Qua Cơ chế một cửa quốc gia' },
  { key: 'resolvedEarly', header: 'Trước hạn' },
  { key: 'resolvedOnTime', header: 'Đúng hạn' },
  { key: 'resolvedLate', header: 'Quá hạn' },
  { key: 'pendingWithin', header: 'Trong hạn' },
  { key: 'pendingOverdue', header: 'Quá hạn' },
  { key: 'refused', header: 'Từ chối tiếp nhận' },
  { key: 'withdrawn', header: 'Rút hồ sơ' },
  { key: 'stopped', header: 'Dừng xử lý' },
  { key: 'awaitingSupplement', header: 'Chờ bổ sung' },
  { key: 'awaitingPayment', header: 'Chờ thực hiện nghĩa vụ tài chính' },
  { key: 'apologies', header: 'Văn bản xin lỗi' },
  { key: 'feesCollected', header: 'Phí, lệ phí đã thu (đồng)' },
  { key: 'onTimeRate', header: 'Tỷ lệ đúng hạn (%)' },
];

const totalReceived = (c: ReportCounts) => c.carriedOver + c.received;
const pending = (c: ReportCounts) => c.pendingWithin + c.pendingOverdue;

/** Flat row values for CSV and XLSX: STT, label, total, received in period, then `columns`. */
function values(c: ReportCounts) {
  return [totalReceived(c), c.received, ...columns.slice(0, 1).map((k) => c[k.key]), ...columns.slice(1).map((k) => c[k.key])];
}

/** A header column: a leaf, or a group over its columns (merged above them). */
type HeaderColumn = string | { title: string; columns: HeaderColumn[] };
const headerDepth = (c: HeaderColumn): number => (typeof c === 'string' ? 1 : 1 + Math.max(...c.columns.map(headerDepth)));

/** A new workbook, exceljs loaded on first use. */
async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}

/**
 * A report sheet: the title and the period line merged over the table's width (rows 1–2), then
 * the header from row 4 with merged cells (a group spans its columns; a leaf reaches down to the
 * last header row), frozen below it. The caller adds the data rows.
 */
function tableSheet(wb: ExcelJS.Workbook, o: { sheet: string; title: string; subtitle: string; columns: HeaderColumn[] }) {
  const top = 4;
  const bottom = top + Math.max(...o.columns.map(headerDepth)) - 1;
  const ws = wb.addWorksheet(o.sheet, { views: [{ state: 'frozen', ySplit: bottom }] });
  const head = (r1: number, c1: number, r2: number, c2: number, text: string) => {
    if (r1 !== r2 || c1 !== c2) ws.mergeCells(r1, c1, r2, c2);
    const cell = ws.getCell(r1, c1);
    cell.value = text;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  /** Places a column at (row, col); returns how many sheet columns it spans. */
  const place = (c: HeaderColumn, row: number, col: number): number => {
    if (typeof c === 'string') {
      head(row, col, bottom, col, c);
      return 1;
    }
    let width = 0;
    for (const child of c.columns) width += place(child, row + 1, col + width);
    head(row, col, row, col + width - 1, c.title);
    return width;
  };
  let last = 0;
  for (const c of o.columns) last += place(c, top, last + 1);
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = o.title;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value = o.subtitle;
  ws.getCell(2, 1).alignment = { horizontal: 'center', wrapText: true };
  ws.getRow(2).height = 30;
  return ws;
}

export async function reportXlsx(report: ResolutionReport): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = 'OpenDVC';
  const ws = tableSheet(wb, {
    sheet: 'Tình hình giải quyết TTHC',
    title: 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
    subtitle: `Kỳ báo cáo: từ ngày ${vnDate(report.from)} đến ngày ${vnDate(report.to)} — theo hình thức biểu báo cáo định kỳ của Văn phòng Chính phủ về tình hình, kết quả giải quyết TTHC (mẫu tham khảo; đối chiếu biểu mẫu hiện hành trước khi gửi)`,
    columns: [
      'STT', groupLabels[report.groupBy],
      // Received: total, in period (online, counter, post, portal, NSW), carried over.
      { title: 'Số hồ sơ nhận giải quyết', columns: ['Tổng số', { title: 'Trong kỳ', columns: ['Tổng', 'Trực tuyến', 'Trực tiếp', 'Dịch vụ bưu chính', 'Qua Cổng DVC quốc gia', 'Qua Cơ chế một cửa quốc gia'] }, 'Từ kỳ trước chuyển qua'] },
      { title: 'Số hồ sơ đã giải quyết', columns: ['Tổng số', 'Trước hạn', 'Đúng hạn', 'Quá hạn'] },
      { title: 'Số hồ sơ đang giải quyết', columns: ['Tổng số', 'Trong hạn', 'Quá hạn'] },
      { title: 'Khác', columns: ['Từ chối tiếp nhận', 'Rút hồ sơ', 'Dừng xử lý', 'Chờ bổ sung', 'Chờ thực hiện nghĩa vụ tài chính'] },
      'Văn bản xin lỗi', 'Phí, lệ phí đã thu (đồng)', 'Tỷ lệ đúng hạn (%)',
    ],
  });
  const line = (stt: number | string, label: string, c: ReportCounts) => [
    stt, label, totalReceived(c), c.received, c.receivedOnline, c.receivedCounter, c.receivedPost, c.receivedNationalPortal, c.receivedNsw, c.carriedOver,
    c.resolvedEarly + c.resolvedOnTime + c.resolvedLate, c.resolvedEarly, c.resolvedOnTime, c.resolvedLate,
    pending(c), c.pendingWithin, c.pendingOverdue,
    c.refused, c.withdrawn, c.stopped, c.awaitingSupplement, c.awaitingPayment, c.apologies, c.feesCollected, c.onTimeRate,
  ];
  report.rows.forEach((r, i) => ws.addRow(line(i + 1, r.label, r)));
  const total = ws.addRow(line('', 'Tổng cộng', report.totals));
  total.font = { bold: true };
  ws.getColumn(2).width = 48;
  for (let c = 3; c <= 25; c++) ws.getColumn(c).width = 13;
  ws.getColumn(24).numFmt = '#,##0';

  const ind = wb.addWorksheet('Chỉ số QĐ 766');
  ind.addRow(['Nhóm chỉ số (Quyết định 766/QĐ-TTg)', 'Chỉ tiêu', 'Giá trị', 'Đơn vị', 'Cách tính']).font = { bold: true };
  for (const i of report.indicators) ind.addRow([i.group, i.name, i.value, i.unit, i.rule]);
  ind.addRow([]);
  ind.addRow(['Cung cấp dịch vụ công trực tuyến', 'Số thủ tục', report.coverage.procedures, 'thủ tục', 'danh mục']);
  ind.addRow(['', 'Thủ tục có dịch vụ công trực tuyến (một phần, toàn trình)', report.coverage.proceduresOnline, 'thủ tục', 'danh mục']);
  ind.addRow(['', 'Thủ tục có dịch vụ công trực tuyến toàn trình', report.coverage.proceduresFullyOnline, 'thủ tục', 'danh mục']);
  ind.addRow(['', 'Thủ tục phát sinh hồ sơ trong kỳ', report.coverage.proceduresWithDossiers, 'thủ tục', 'nộp trong kỳ']);
  ind.addRow(['', 'Thủ tục trực tuyến phát sinh hồ sơ trong kỳ', report.coverage.proceduresOnlineWithDossiers, 'thủ tục', 'nộp trong kỳ']);
  ind.addRow(['Thanh toán trực tuyến', 'Thủ tục có thanh toán trong kỳ', report.coverage.proceduresWithPayments, 'thủ tục', '']);
  ind.addRow(['', 'Thủ tục có thanh toán trực tuyến trong kỳ', report.coverage.proceduresWithOnlinePayments, 'thủ tục', '']);
  ind.getColumn(1).width = 32;
  ind.getColumn(2).width = 56;
  ind.getColumn(5).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export function reportCsv(report: ResolutionReport): string {
  const header = ['STT', groupLabels[report.groupBy], 'Mã', 'Tổng số nhận', 'Nhận trong kỳ', ...columns.map((c) => c.header)];
  const lines = [header];
  report.rows.forEach((r, i) => lines.push([String(i + 1), r.label, r.key, ...values(r).map(String)]));
  lines.push(['', 'Tổng cộng', '', ...values(report.totals).map(String)]);
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Who issues the PDF report: the reporting unit (and its governing body) and the place on the date line. */
export interface ReportIssuer {
  agency: string;
  parentAgency?: string;
  place: string;
  /** The date on the date line and in the file's metadata. */
  issuedAt: Date;
}

/** Vietnamese number formats, independent of the runtime's locale data: 1.234 and 93,5. */
const num = (v: number) => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const rate = (v: number | null) => (v === null ? '—' : String(Math.round(v * 100) / 100).replace('.', ','));

/**
 * The resolution report as an A4 landscape PDF: the national header (the issuing unit on the left,
 * "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc" on the right), the title and
 * period, the table in the shape of the XLSX sheet (received by channel, resolved by timeliness,
 * in process, on-time rate) and the Decision 766 indicators. Same report and issuer → same bytes.
 */
export async function reportPdf(report: ResolutionReport, issuer: ReportIssuer): Promise<Buffer> {
  const period = `từ ngày ${vnDate(report.from)} đến ngày ${vnDate(report.to)}`;
  const doc = createPdfDocument({
    title: `Báo cáo tình hình, kết quả giải quyết thủ tục hành chính ${period}`,
    subject: `Theo ${groupLabels[report.groupBy].toLocaleLowerCase('vi')}`,
    author: issuer.agency,
    createdAt: issuer.issuedAt,
    fingerprint: { report, issuer: { ...issuer, issuedAt: issuer.issuedAt.toISOString() } },
    layout: 'landscape',
  });
  const w = new PdfWriter(doc, 10);
  w.officialHeader({ parentAgency: issuer.parentAgency, agency: issuer.agency, place: issuer.place, date: issuer.issuedAt });
  w.title('Báo cáo tình hình, kết quả giải quyết thủ tục hành chính', [[{ text: `Kỳ báo cáo: ${period}`, style: 'italic' }]]);
  const table: TableColumn[] = [
    { header: 'STT', width: 4, align: 'center' },
    { header: groupLabels[report.groupBy], width: 17 },
    { header: 'Tổng số nhận', width: 5, align: 'right' },
    { header: 'Nhận trong kỳ', width: 5, align: 'right' },
    { header: 'Trực tuyến', width: 5, align: 'right' },
    { header: 'Trực tiếp', width: 5, align: 'right' },
    { header: 'Bưu chính', width: 5, align: 'right' },
    { header: 'Cổng DVC quốc gia', width: 5.5, align: 'right' },
    { header: 'Một cửa quốc gia', width: 5.5, align: 'right' },
    { header: 'Kỳ trước chuyển qua', width: 5.5, align: 'right' },
    { header: 'Đã giải quyết', width: 5.5, align: 'right' },
    { header: 'Trước hạn', width: 5, align: 'right' },
    { header: 'Đúng hạn', width: 5, align: 'right' },
    { header: 'Quá hạn', width: 5, align: 'right' },
    { header: 'Đang giải quyết trong hạn', width: 6, align: 'right' },
    { header: 'Đang giải quyết quá hạn', width: 6, align: 'right' },
    { header: 'Tỷ lệ đúng hạn (%)', width: 5.5, align: 'right' },
  ];
  const line = (stt: string, label: string, c: ReportCounts): TableCell[] => [
    stt, label, num(totalReceived(c)), num(c.received), num(c.receivedOnline), num(c.receivedCounter), num(c.receivedPost), num(c.receivedNationalPortal), num(c.receivedNsw),
    num(c.carriedOver), num(c.resolvedEarly + c.resolvedOnTime + c.resolvedLate), num(c.resolvedEarly), num(c.resolvedOnTime), num(c.resolvedLate),
    num(c.pendingWithin), num(c.pendingOverdue), rate(c.onTimeRate),
  ];
  const rows = report.rows.map((r, i) => line(String(i + 1), r.label, r));
  const t = report.totals;
  rows.push(line('', 'Tổng cộng', t).map((cell, i) => (i === 0 ? cell : [{ text: cell as string, style: 'bold' as const, align: table[i]!.align }])));
  w.table(table, rows, { size: 7.5, padding: 3 });
  w.paragraph([
    { text: 'Khác: ', style: 'bold' },
    { text: `từ chối tiếp nhận ${num(t.refused)}; rút hồ sơ ${num(t.withdrawn)}; dừng xử lý ${num(t.stopped)}; chờ bổ sung ${num(t.awaitingSupplement)}; chờ thực hiện nghĩa vụ tài chính ${num(t.awaitingPayment)}; văn bản xin lỗi ${num(t.apologies)}; phí, lệ phí đã thu ${formatVnd(t.feesCollected)}.` },
  ], { size: 9 });
  w.paragraph([{ text: 'Chỉ số theo Quyết định 766/QĐ-TTg', style: 'bold' }], { size: 9, after: 1 });
  for (const i of report.indicators) w.listItem('–', `${i.group} — ${i.name}: ${i.value === null ? 'chưa có số liệu' : `${rate(i.value)} ${i.unit}`}`, { size: 9, after: 1 });
  w.moveDown(4);
  w.paragraph([{ text: 'Số liệu theo quy tắc đếm tại docs/statistics.md. Mẫu tham khảo theo biểu báo cáo định kỳ của Văn phòng Chính phủ; đối chiếu biểu mẫu hiện hành trước khi gửi.', style: 'italic' }], { size: 8.5 });
  return w.finish(`Báo cáo ${vnDate(report.from)} – ${vnDate(report.to)}`);
}

// ---------------------------------------------------------------------------------------------
// The second table: dossiers resolved late and overdue in process, in the shape of the Government
// Office's periodic table on late resolution (the reasons column is the unit's to fill in: the
// platform does not record why a dossier was late).

const LATE_TITLE = 'TÌNH HÌNH GIẢI QUYẾT HỒ SƠ QUÁ HẠN';
const LATE_NOTE = 'Theo hình thức biểu báo cáo định kỳ của Văn phòng Chính phủ về hồ sơ giải quyết quá hạn (mẫu tham khảo; đối chiếu biểu mẫu hiện hành trước khi gửi). Cột nguyên nhân do đơn vị ghi.';
type LateFigures = LateReport['totals'];
const lateValues = (c: LateFigures) => [
  c.resolved, c.resolvedLate, c.resolvedLateApologised, c.resolvedLateSupplemented, c.averageDaysLate,
  c.pending, c.pendingOverdue, c.pendingOverdueApologised, c.resolvedLate + c.pendingOverdue, c.lateShare,
];
const lateHeaders = [
  'Đã giải quyết', 'Đã giải quyết quá hạn', 'Quá hạn — đã có văn bản xin lỗi', 'Quá hạn — có yêu cầu bổ sung', 'Số ngày quá hạn bình quân',
  'Đang giải quyết', 'Đang giải quyết quá hạn', 'Đang quá hạn — đã có văn bản xin lỗi', 'Tổng số hồ sơ quá hạn', 'Tỷ lệ quá hạn (%)',
];

export async function lateXlsx(report: LateReport): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = 'OpenDVC';
  const ws = tableSheet(wb, {
    sheet: 'Hồ sơ quá hạn',
    title: LATE_TITLE,
    subtitle: `Kỳ báo cáo: từ ngày ${vnDate(report.from)} đến ngày ${vnDate(report.to)} — ${LATE_NOTE}`,
    columns: [
      'STT', groupLabels[report.groupBy],
      { title: 'Hồ sơ đã giải quyết trong kỳ', columns: ['Tổng số', 'Quá hạn', 'Đã có văn bản xin lỗi', 'Có yêu cầu bổ sung', 'Số ngày quá hạn bình quân'] },
      { title: 'Hồ sơ đang giải quyết cuối kỳ', columns: ['Tổng số', 'Quá hạn', 'Đã có văn bản xin lỗi'] },
      'Tổng số hồ sơ quá hạn', 'Tỷ lệ quá hạn (%)', 'Nguyên nhân quá hạn (đơn vị ghi)',
    ],
  });
  report.rows.forEach((r, i) => ws.addRow([i + 1, r.label, ...lateValues(r), '']));
  ws.addRow(['', 'Tổng cộng', ...lateValues(report.totals), '']).font = { bold: true };
  ws.getColumn(2).width = 48;
  for (let c = 3; c <= 12; c++) ws.getColumn(c).width = 13;
  ws.getColumn(13).width = 40;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function lateCsv(report: LateReport): string {
  const lines = [['STT', groupLabels[report.groupBy], 'Mã', ...lateHeaders]];
  report.rows.forEach((r, i) => lines.push([String(i + 1), r.label, r.key, ...lateValues(r).map((v) => (v === null ? '' : String(v)))]));
  lines.push(['', 'Tổng cộng', '', ...lateValues(report.totals).map((v) => (v === null ? '' : String(v)))]);
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The late-resolution table as an A4 landscape PDF under the national header (as `reportPdf`). */
export async function latePdf(report: LateReport, issuer: ReportIssuer): Promise<Buffer> {
  const period = `từ ngày ${vnDate(report.from)} đến ngày ${vnDate(report.to)}`;
  const doc = createPdfDocument({
    title: `Báo cáo tình hình giải quyết hồ sơ quá hạn ${period}`,
    subject: `Theo ${groupLabels[report.groupBy].toLocaleLowerCase('vi')}`,
    author: issuer.agency,
    createdAt: issuer.issuedAt,
    fingerprint: { report, issuer: { ...issuer, issuedAt: issuer.issuedAt.toISOString() } },
    layout: 'landscape',
  });
  const w = new PdfWriter(doc, 10);
  w.officialHeader({ parentAgency: issuer.parentAgency, agency: issuer.agency, place: issuer.place, date: issuer.issuedAt });
  w.title('Báo cáo tình hình giải quyết hồ sơ quá hạn', [[{ text: `Kỳ báo cáo: ${period}`, style: 'italic' }]]);
  const table: TableColumn[] = [
    { header: 'STT', width: 4, align: 'center' },
    { header: groupLabels[report.groupBy], width: 20 },
    ...lateHeaders.map((header) => ({ header, width: 6.5, align: 'right' as const })),
    { header: 'Nguyên nhân (đơn vị ghi)', width: 12 },
  ];
  const line = (stt: string, label: string, c: LateFigures): TableCell[] => [
    stt, label, ...lateValues(c).map((v, i) => (i === 4 || i === 9 ? rate(v) : num(v ?? 0))), '',
  ];
  const rows = report.rows.map((r, i) => line(String(i + 1), r.label, r));
  rows.push(line('', 'Tổng cộng', report.totals).map((cell, i) => (i === 0 || cell === '' ? cell : [{ text: cell as string, style: 'bold' as const, align: table[i]!.align }])));
  w.table(table, rows, { size: 7.5, padding: 3 });
  w.moveDown(4);
  w.paragraph([{ text: `Số liệu theo quy tắc đếm tại docs/statistics.md. ${LATE_NOTE}`, style: 'italic' }], { size: 8.5 });
  return w.finish(`Báo cáo ${vnDate(report.from)} – ${vnDate(report.to)}`);
}
