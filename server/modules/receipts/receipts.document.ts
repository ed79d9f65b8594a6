/**
 * The receipt PDF (biên lai thu phí, lệ phí điện tử — the display copy of an electronic receipt,
 * Decree 123/2020/NĐ-CP Art. 32; Circular 78/2021/TT-BTC): receipt name, form number and symbol,
 * number, the collecting unit, the payer, each fee item with its kind and amount, the total in
 * figures and in words, how, when and under which reference it was paid, and a QR code to the
 * public verification page. The unit's seal signature is added by the signer afterwards.
 */
import {
  createPdfDocument,
  createQrPng,
  formatVietnameseDateTime,
  formatVnd,
  PdfWriter,
  type TableCell,
} from '../../platform/pdf/index.js';
import { amountInWords, formatReceiptNumber, providerLabels, receiptKindLabels } from './receipts.models.js';
import type { ReceiptItem, ReceiptPayer } from './receipts.tables.js';

export interface ReceiptDocumentData {
  receiptId: string;
  formCode: string;
  symbol: string;
  number: number;
  unit: { name: string; parentName?: string; place: string };
  payer: ReceiptPayer;
  dossier: { code: string; procedureName: string };
  items: ReceiptItem[];
  amount: number;
  provider: string;
  providerTransactionId: string;
  reference: string;
  paidAt: Date;
  issuedAt: Date;
  verifyUrl: string;
}

export const RECEIPT_TITLE = 'Biên lai thu phí, lệ phí';

export async function renderReceipt(data: ReceiptDocumentData): Promise<Buffer> {
  const number = formatReceiptNumber(data.number);
  const doc = createPdfDocument({
    title: `${RECEIPT_TITLE} — ${data.symbol} số ${number}`,
    subject: 'Biên lai điện tử (Nghị định 123/2020/NĐ-CP)',
    author: data.unit.name,
    keywords: `${data.formCode} ${data.symbol} ${number} ${data.dossier.code}`,
    createdAt: data.issuedAt,
    fingerprint: { receipt: data },
  });
  const w = new PdfWriter(doc);
  w.officialHeader({ parentAgency: data.unit.parentName, agency: data.unit.name, place: data.unit.place, date: data.issuedAt, number: `${number}/${data.symbol}` });
  w.title(RECEIPT_TITLE, [
    [{ text: '(Bản thể hiện của biên lai điện tử)', style: 'italic' }],
    [{ text: 'Mẫu số: ' }, { text: data.formCode, style: 'bold' }, { text: '   Ký hiệu: ' }, { text: data.symbol, style: 'bold' }, { text: '   Số: ' }, { text: number, style: 'bold' }],
  ]);

  w.field('Tên đơn vị thu phí, lệ phí', data.unit.parentName ? `${data.unit.name} — ${data.unit.parentName}` : data.unit.name, { valueStyle: 'bold' });
  w.field('Tên người nộp', data.payer.name, { valueStyle: 'bold' });
  if (data.payer.taxCode) w.field('Mã số thuế', data.payer.taxCode);
  if (data.payer.idNumber) w.field('Số định danh cá nhân', data.payer.idNumber);
  if (data.payer.address) w.field('Địa chỉ', data.payer.address);
  w.field('Nộp cho hồ sơ', [{ text: data.dossier.code, style: 'bold' }, { text: ` — ${data.dossier.procedureName}` }]);
  w.moveDown(4);

  const rows: TableCell[][] = data.items.map((item, i) => [String(i + 1), item.name, receiptKindLabels[item.kind], formatVnd(item.amount)]);
  rows.push(['', [{ text: 'Tổng cộng', style: 'bold' }], '', [{ text: formatVnd(data.amount), style: 'bold', align: 'right' }]]);
  w.table(
    [
      { header: 'STT', width: 0.7, align: 'center' },
      { header: 'Tên khoản thu', width: 5.5 },
      { header: 'Loại', width: 1.4, align: 'center' },
      { header: 'Số tiền (đồng)', width: 2.2, align: 'right' },
    ],
    rows,
  );
  w.paragraph([{ text: 'Số tiền bằng chữ: ', style: 'bold' }, { text: `${amountInWords(data.amount)}.`, style: 'italic' }]);
  w.field('Hình thức thanh toán', providerLabels[data.provider] ?? data.provider);
  w.field('Mã giao dịch', data.providerTransactionId);
  w.field('Mã tham chiếu thanh toán', data.reference);
  w.field('Thời điểm thanh toán', formatVietnameseDateTime(data.paidAt));

  const qr = await createQrPng(data.verifyUrl);
  const qrLines = [
    [{ text: 'Kiểm tra biên lai', style: 'bold' as const }],
    [{ text: 'Quét mã QR hoặc truy cập: ' }, { text: data.verifyUrl, style: 'bold' as const }],
    [{ text: 'Mã biên lai: ' }, { text: data.receiptId, style: 'bold' as const }],
  ];
  const blocks = [{ title: 'Đơn vị thu phí, lệ phí', note: '(Chữ ký số của đơn vị)', signedMark: 'Đã ký số', name: data.unit.name }];
  w.moveDown(4);
  w.ensureSpace(w.qrBoxHeight(qrLines) + w.signaturesHeight(blocks));
  w.qrBox(qr, qrLines);
  w.signatures(blocks);
  return w.finish(`${data.symbol} số ${number}`);
}
