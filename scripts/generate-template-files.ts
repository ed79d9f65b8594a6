/**
 * Writes every template referenced by the seed catalogue as an A4 PDF form.
 *
 * Each form carries the national header, a place-and-date line, the template title, "Kính gửi" the
 * competent (and implementing) agency, the applicant's details and 4–8 items chosen from the
 * procedure's field and name, the other dossier components of the case, a commitment and a
 * signature block. Output is deterministic: fixed creation/modification dates, so re-running
 * produces identical bytes.
 *
 * Usage: node_modules/.bin/tsx scripts/generate-template-files.ts [path/to/catalog.json]
 */
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { catalogFileSchema, type CatalogFile, type CatalogProcedure } from '../server/modules/catalog/catalog.import-schema.js';

// ---------- paths and constants ----------
const ROOT = path.resolve(import.meta.dirname, '..');
const catalogPath = path.resolve(process.argv[2] ?? path.join(ROOT, 'seed', 'catalog.json'));
const catalogDir = path.dirname(catalogPath);
const FONT_DIR = path.join(ROOT, 'node_modules', '@expo-google-fonts', 'be-vietnam-pro');
const FONT_REGULAR = path.join(FONT_DIR, '400Regular', 'BeVietnamPro_400Regular.ttf');
const FONT_BOLD = path.join(FONT_DIR, '700Bold', 'BeVietnamPro_700Bold.ttf');
/** Fixed so that re-running produces identical bytes. */
const FIXED_DATE = new Date('2025-01-01T00:00:00.000Z');
const FOOTER = 'Mẫu minh họa do OpenDVC tạo từ danh mục thủ tục; đối chiếu với văn bản quy phạm pháp luật trước khi sử dụng chính thức.';

const R = 'BVP-Regular';
const B = 'BVP-Bold';
const SIZE = 11.5;
const GAP = 3.2;

const nfc = (s: string) => s.normalize('NFC');

// ---------- form content ----------
interface Item { label: string; lines?: number }
const it = (label: string, lines = 1): Item => ({ label, lines });

/** Upper-cases a title but keeps tokens with digits (m³, HCFC-141b, 4×6) as written. */
function upperTitle(s: string): string {
  return s.split(' ').map((w) => (/\d/.test(w) ? w : w.toLocaleUpperCase('vi-VN'))).join(' ');
}

type ApplicantKind = 'CITIZEN' | 'AGENCY' | 'ORGANISATION';
const APPLICANT_TEXT: Record<ApplicantKind, { section: string; subject: string; signer: string; signHint: string }> = {
  CITIZEN: { section: 'THÔNG TIN VỀ NGƯỜI ĐỀ NGHỊ', subject: 'Tôi', signer: 'NGƯỜI ĐỀ NGHỊ', signHint: '(Ký, ghi rõ họ tên)' },
  AGENCY: { section: 'THÔNG TIN VỀ CƠ QUAN ĐỀ NGHỊ', subject: 'Cơ quan đề nghị', signer: 'THỦ TRƯỞNG CƠ QUAN ĐỀ NGHỊ', signHint: '(Ký, ghi rõ họ tên, đóng dấu)' },
  ORGANISATION: { section: 'THÔNG TIN VỀ TỔ CHỨC, CÁ NHÂN ĐỀ NGHỊ', subject: 'Tổ chức, cá nhân đề nghị', signer: 'ĐẠI DIỆN TỔ CHỨC, CÁ NHÂN ĐỀ NGHỊ', signHint: '(Ký, ghi rõ họ tên, đóng dấu nếu có)' },
};

function applicantItems(p: CatalogProcedure): { items: Item[]; kind: ApplicantKind } {
  const types = new Set(p.applicantTypes);
  if (types.size === 1 && types.has('CITIZEN')) {
    return {
      kind: 'CITIZEN',
      items: [it('Họ và tên'), it('Ngày sinh'), it('Số định danh cá nhân'), it('Nơi cư trú'), it('Điện thoại|E-mail')],
    };
  }
  if (types.size === 1 && types.has('STATE_AGENCY')) {
    return {
      kind: 'AGENCY',
      items: [it('Tên cơ quan đề nghị'), it('Địa chỉ'), it('Điện thoại|E-mail'), it('Mã định danh điện tử của cơ quan'), it('Người đầu mối liên hệ, chức vụ')],
    };
  }
  return {
    kind: 'ORGANISATION',
    items: [
      it('Tên tổ chức, cá nhân đề nghị'),
      it('Địa chỉ trụ sở chính hoặc nơi cư trú'),
      it('Điện thoại|E-mail'),
      it(types.has('CITIZEN') ? 'Mã số thuế (mã số doanh nghiệp) hoặc số định danh cá nhân' : 'Mã số thuế (mã số doanh nghiệp)'),
      it('Người đại diện theo pháp luật, chức vụ'),
    ],
  };
}

/** 4–8 items specific to the procedure, chosen from its field and its name (or the template's own title). */
function specificItems(p: CatalogProcedure, heading: string): { title: string; items: Item[] } {
  const name = `${p.name} ${heading}`.toLowerCase();
  const has = (re: RegExp) => re.test(name);
  const own = 'NỘI DUNG ĐỀ NGHỊ';
  switch (p.fieldCode) {
    case 'MOI_TRUONG':
      if (has(/basel|xuyên biên giới/)) return { title: own, items: [it('Tên, mã chất thải nguy hại (mã Basel và mã chất thải nguy hại)'), it('Khối lượng dự kiến xuất khẩu (kg hoặc tấn)'), it('Nước nhập khẩu; nước quá cảnh (nếu có)'), it('Tên, địa chỉ cơ sở xử lý tại nước nhập khẩu', 2), it('Phương tiện, tuyến đường và cửa khẩu xuất khẩu'), it('Thời gian dự kiến vận chuyển (từ ngày ... đến ngày ...)')] };
      if (has(/phế liệu/)) return { title: own, items: [it('Loại phế liệu đề nghị nhập khẩu (tên, mã HS)'), it('Khối lượng phế liệu nhập khẩu (tấn/năm)'), it('Cơ sở sản xuất sử dụng phế liệu (tên, địa chỉ)'), it('Công suất sản xuất và sản phẩm'), it('Kho, bãi lưu giữ phế liệu (vị trí, diện tích)'), it('Số, ngày văn bản phê duyệt về môi trường của cơ sở')] };
      if (has(/bãi chôn lấp/)) return { title: own, items: [it('Tên bãi chôn lấp'), it('Vị trí (xã, tỉnh)'), it('Diện tích, dung tích bãi (ha; m³)'), it('Thời gian đã vận hành'), it('Khối lượng chất thải đã chôn lấp (tấn)'), it('Thời gian dự kiến đóng cửa')] };
      if (has(/chất thải nguy hại/)) return { title: own, items: [it('Tên, mã chất thải nguy hại chuyển giao'), it('Khối lượng (kg/năm)'), it('Cơ sở chuyển giao (tên, số giấy phép môi trường)'), it('Cơ sở tiếp nhận, xử lý (tên, số giấy phép môi trường)'), it('Phương án vận chuyển, xử lý'), it('Thời gian thực hiện')] };
      if (has(/\bpop\b/)) return { title: own, items: [it('Tên chất POP (tên hóa học, số CAS)'), it('Mục đích sử dụng đề nghị miễn trừ'), it('Khối lượng dự kiến sử dụng (kg/năm)'), it('Thời gian đề nghị miễn trừ'), it('Địa điểm sử dụng, lưu giữ')] };
      if (has(/chế phẩm/)) return { title: own, items: [it('Tên thương mại của chế phẩm'), it('Thành phần vi sinh vật, hoạt chất chính'), it('Công dụng (xử lý nước thải, chất thải rắn, mùi...)'), it('Nơi sản xuất, nước xuất xứ'), it('Kết quả khảo nghiệm (số, ngày)')] };
      if (has(/tái chế/)) return { title: own, items: [it('Sản phẩm, bao bì thuộc trách nhiệm tái chế'), it('Khối lượng đưa ra thị trường năm trước (kg)'), it('Tỷ lệ và quy cách tái chế bắt buộc'), it('Hình thức thực hiện (tự tái chế, thuê tái chế, đóng góp tài chính)'), it('Đơn vị tái chế (nếu thuê tái chế)'), it('Năm thực hiện kế hoạch')] };
      if (has(/quan trắc|phòng thí nghiệm/)) return { title: own, items: [it('Tên phòng thí nghiệm'), it('Địa chỉ phòng thí nghiệm'), it('Lĩnh vực quan trắc (nước, không khí, đất, trầm tích, chất thải...)'), it('Số lượng nhân sự kỹ thuật'), it('Thiết bị quan trắc, phân tích chính', 2), it('Số giấy chứng nhận đã được cấp (nếu có)')] };
      if (has(/nhãn sinh thái/)) return { title: own, items: [it('Tên sản phẩm, dịch vụ'), it('Nhãn hiệu, mã sản phẩm'), it('Bộ tiêu chí Nhãn sinh thái Việt Nam áp dụng'), it('Địa điểm sản xuất'), it('Số quyết định chứng nhận đã được cấp (nếu có)')] };
      if (has(/cơ sở bảo tồn/)) return { title: own, items: [it('Tên cơ sở bảo tồn đa dạng sinh học'), it('Địa điểm, diện tích'), it('Loại hình (vườn thực vật, vườn động vật, cơ sở cứu hộ, ngân hàng gen...)'), it('Các loài đang nuôi, trồng, lưu giữ', 2), it('Nhân lực chuyên môn')] };
      if (has(/nguồn gen|loài|mẫu vật|sinh học|biến đổi gen/)) return { title: own, items: [it('Tên loài, sinh vật (tên khoa học, tên thông thường)'), it('Mục đích'), it('Số lượng, khối lượng'), it('Địa điểm thực hiện'), it('Thời gian thực hiện (từ ngày ... đến ngày ...)'), it('Tổ chức, cá nhân phối hợp (nếu có)')] };
      if (has(/ưu đãi/)) return { title: own, items: [it('Tên dự án, hoạt động'), it('Địa điểm thực hiện'), it('Lĩnh vực ưu đãi (xử lý, tái chế chất thải, quan trắc...)'), it('Quy mô, công suất'), it('Nội dung ưu đãi, hỗ trợ đề nghị', 2)] };
      if (has(/chiến lược/)) return { title: own, items: [it('Tên chiến lược, quy hoạch'), it('Phạm vi, thời kỳ chiến lược, quy hoạch'), it('Cơ quan lập'), it('Cơ quan phê duyệt'), it('Thời gian dự kiến trình phê duyệt')] };
      if (has(/cải tạo, phục hồi/)) return { title: own, items: [it('Tên dự án khai thác khoáng sản'), it('Loại khoáng sản, diện tích khu vực khai thác (ha)'), it('Vị trí (xã, tỉnh)'), it('Phương án cải tạo, phục hồi môi trường lựa chọn', 2), it('Tổng số tiền ký quỹ (đồng)'), it('Số giấy phép khai thác khoáng sản (nếu có)')] };
      return { title: own, items: [it('Tên dự án, cơ sở'), it('Địa điểm thực hiện (xã, tỉnh)'), it('Loại hình sản xuất, kinh doanh, dịch vụ'), it('Quy mô, công suất'), it('Tổng vốn đầu tư (đồng)'), it('Nhóm dự án theo Luật Bảo vệ môi trường (I, II hoặc III)'), it('Nội dung đề nghị', 2)] };

    case 'TAI_NGUYEN_NUOC':
      if (has(/tiền cấp quyền/)) return { title: own, items: [it('Số giấy phép liên quan, ngày cấp'), it('Nguồn nước khai thác'), it('Mục đích khai thác, sử dụng nước'), it('Sản lượng khai thác tính tiền (m³)'), it('Giá tính tiền và mức thu áp dụng'), it('Số tiền cấp quyền kê khai (đồng)'), it('Phương thức nộp tiền đề nghị (một lần hoặc hằng năm)')] };
      if (has(/tạm dừng|trả lại|cấp lại/)) return { title: own, items: [it('Số giấy phép, ngày cấp, cơ quan cấp'), it('Tên công trình'), it('Vị trí công trình (xã, tỉnh)'), it('Lý do đề nghị', 2), it(has(/tạm dừng/) ? 'Thời gian đề nghị tạm dừng (từ ngày ... đến ngày ...)' : 'Thời điểm đề nghị áp dụng')] };
      if (has(/khoan/)) return { title: own, items: [it('Số giấy phép hành nghề đã được cấp (nếu có)'), it('Người chịu trách nhiệm chính về kỹ thuật'), it('Số lượng máy khoan, thiết bị thi công'), it('Quy mô hành nghề đề nghị'), it('Phạm vi hành nghề (tỉnh, thành phố)'), it('Thời hạn đề nghị cấp phép')] };
      if (has(/xả nước thải/)) return { title: own, items: [it('Tên cơ sở xả nước thải'), it('Vị trí xả nước thải (xã, tỉnh; tọa độ VN-2000)'), it('Nguồn nước tiếp nhận'), it('Phương thức xả (tự chảy, bơm...)'), it('Lưu lượng xả lớn nhất (m³/ngày đêm)'), it('Quy chuẩn chất lượng nước thải áp dụng'), it('Thời hạn đề nghị cấp phép')] };
      if (has(/hồ chứa/)) return { title: own, items: [it('Tên hồ chứa'), it('Vị trí (xã, tỉnh; lưu vực sông)'), it('Dung tích toàn bộ (triệu m³)'), it('Nhiệm vụ công trình'), it('Đơn vị quản lý, vận hành')] };
      if (has(/thăm dò/)) return { title: own, items: [it('Tầng chứa nước thăm dò'), it('Vị trí khu vực thăm dò (xã, tỉnh; tọa độ VN-2000)'), it('Số lượng giếng thăm dò'), it('Lưu lượng dự kiến khai thác (m³/ngày đêm)'), it('Mục đích sử dụng nước'), it('Thời gian thi công thăm dò')] };
      return {
        title: own,
        items: [
          it(has(/dưới đất/) ? 'Tầng chứa nước khai thác' : has(/nước biển/) ? 'Vùng biển khai thác' : 'Nguồn nước khai thác (sông, suối, hồ)'),
          it('Vị trí công trình khai thác (xã, tỉnh; tọa độ VN-2000)'),
          it('Mục đích khai thác, sử dụng nước'),
          it('Lưu lượng khai thác lớn nhất (m³/ngày đêm)'),
          it('Chế độ khai thác (giờ/ngày, ngày/năm)'),
          it(has(/gia hạn|điều chỉnh/) ? 'Số giấy phép đã được cấp; nội dung đề nghị gia hạn, điều chỉnh' : 'Thời hạn đề nghị cấp phép', has(/gia hạn|điều chỉnh/) ? 2 : 1),
        ],
      };

    case 'DIA_CHAT_KHOANG_SAN':
      if (has(/dữ liệu/)) return { title: own, items: [it('Tên tài liệu, dữ liệu giao nộp'), it('Nguồn gốc (đề án, dự án, giấy phép)'), it('Khối lượng (số tập, dung lượng bản số)'), it('Định dạng dữ liệu'), it('Hình thức giao nộp (trực tiếp, bưu chính, trực tuyến)')] };
      if (has(/đấu giá/)) return { title: own, items: [it('Tên khu vực đấu giá'), it('Loại khoáng sản'), it('Vị trí (xã, tỉnh)'), it('Vốn chủ sở hữu (đồng)'), it('Kinh nghiệm khai thác, chế biến khoáng sản', 2)] };
      if (has(/chuyển nhượng/)) return { title: own, items: [it('Số giấy phép được chuyển nhượng, ngày cấp'), it('Loại khoáng sản'), it('Vị trí, diện tích khu vực (ha)'), it('Tổ chức nhận chuyển nhượng (tên, mã số doanh nghiệp)'), it('Giá trị chuyển nhượng (đồng)'), it('Lý do chuyển nhượng')] };
      if (has(/đóng cửa mỏ/)) return { title: own, items: [it('Số giấy phép khai thác, ngày cấp'), it('Loại khoáng sản'), it('Vị trí, diện tích khu vực đóng cửa mỏ (ha)'), it('Trữ lượng còn lại (nếu có)'), it('Lý do đóng cửa mỏ'), it('Thời gian dự kiến thực hiện đề án')] };
      if (has(/gia hạn|trả lại/)) return { title: own, items: [it('Số giấy phép, ngày cấp'), it('Loại khoáng sản'), it('Vị trí, diện tích khu vực (ha)'), it('Khối lượng công việc đã thực hiện', 2), it(has(/trả lại/) ? 'Diện tích đề nghị trả lại (ha) và lý do' : 'Thời gian đề nghị gia hạn')] };
      return {
        title: own,
        items: [
          it('Loại khoáng sản'),
          it('Vị trí khu vực (xã, tỉnh)'),
          it('Diện tích khu vực (ha)'),
          it('Tọa độ các điểm khép góc (hệ VN-2000)', 2),
          it(has(/khai thác/) ? 'Trữ lượng, công suất khai thác (tấn/năm hoặc m³/năm)' : 'Phương pháp thăm dò và khối lượng dự kiến'),
          it(has(/khai thác/) ? 'Thời hạn khai thác đề nghị' : 'Thời hạn thăm dò đề nghị'),
        ],
      };

    case 'DO_DAC_BAN_DO':
      if (has(/kinh nghiệm/)) return { title: 'KINH NGHIỆM NGHỀ NGHIỆP', items: [it('Trình độ chuyên môn, chuyên ngành đào tạo'), it('Thời gian tham gia hoạt động đo đạc và bản đồ (năm)'), it('Công trình, dự án đã tham gia (tên, thời gian, vai trò)', 3), it('Đơn vị công tác'), it('Người xác nhận kinh nghiệm (họ tên, chức vụ)')] };
      if (has(/chứng chỉ/)) return { title: own, items: [it('Trình độ chuyên môn, chuyên ngành đào tạo'), it('Số năm kinh nghiệm'), it('Hạng chứng chỉ đề nghị: Hạng I'), it('Lĩnh vực hành nghề đề nghị', 2), it('Số chứng chỉ đã được cấp (nếu có)')] };
      if (has(/cung cấp/)) return { title: own, items: [it('Danh mục thông tin, dữ liệu, sản phẩm đề nghị cung cấp', 2), it('Phạm vi khu vực'), it('Mục đích sử dụng'), it('Hình thức nhận (bản giấy, bản số)'), it('Thời gian đề nghị nhận')] };
      if (has(/bay chụp/)) return { title: own, items: [it('Khu vực bay chụp (tọa độ các điểm góc)'), it('Mục đích bay chụp'), it('Loại tàu bay hoặc thiết bị bay không người lái'), it('Độ cao bay, tỷ lệ ảnh'), it('Thời gian dự kiến bay chụp'), it('Đơn vị thực hiện bay')] };
      if (has(/xuất bản/)) return { title: own, items: [it('Tên bản đồ, sản phẩm bản đồ'), it('Tỷ lệ, kích thước'), it('Số lượng dự kiến xuất bản'), it('Nơi in, hình thức phát hành'), it('Đơn vị biên tập, thành lập')] };
      if (has(/thiết kế kỹ thuật/)) return { title: own, items: [it('Tên công trình'), it('Chủ đầu tư'), it('Phạm vi, địa điểm thực hiện'), it('Hạng mục công việc chính', 2), it('Tổng dự toán (đồng)'), it('Thời gian thực hiện')] };
      return { title: own, items: [it('Kỹ thuật trưởng (họ tên, số chứng chỉ hành nghề)'), it('Nội dung hoạt động đề nghị cấp phép', 2), it('Số lượng nhân viên kỹ thuật'), it('Thiết bị công nghệ chính'), it('Số giấy phép đã được cấp (nếu có)')] };

    case 'BIEN_DOI_KHI_HAU':
      if (has(/polyol/)) return { title: own, items: [it('Tên thương mại của polyol trộn sẵn'), it('Hàm lượng HCFC-141b (%)'), it('Khối lượng polyol (kg)'), it('Khối lượng HCFC-141b quy đổi (kg)'), it('Nước xuất khẩu'), it('Cửa khẩu nhập khẩu')] };
      return { title: own, items: [it('Tên chất (tên thương mại, công thức hóa học)'), it('Mã HS'), it('Khối lượng (kg)'), it(has(/xuất khẩu/) ? 'Nước nhập khẩu' : 'Nước xuất khẩu'), it('Cửa khẩu dự kiến'), it('Mục đích sử dụng'), it('Số, ngày văn bản phân bổ hạn ngạch (nếu có)')] };

    default:
      return { title: own, items: [it('Nội dung đề nghị', 3), it('Căn cứ đề nghị', 2), it('Thời gian đề nghị')] };
  }
}

// ---------- drawing ----------
function dottedLine(doc: PDFKit.PDFDocument, width: number) {
  const dotW = doc.widthOfString('.');
  doc.text('.'.repeat(Math.max(0, Math.floor(width / dotW) - 1)), { width, lineGap: GAP });
}

function drawItem(doc: PDFKit.PDFDocument, left: number, width: number, label: string, lines: number) {
  doc.font(R).fontSize(SIZE);
  const dotW = doc.widthOfString('.');
  if (label.includes('|')) {
    // two labelled halves on one line, e.g. "Điện thoại|E-mail"
    const [a, b] = label.split('|') as [string, string];
    const half = width / 2;
    const y = doc.y;
    const seg = (t: string) => `${t}: ${'.'.repeat(Math.max(3, Math.floor((half - 6 - doc.widthOfString(`${t}: `)) / dotW)))}`;
    doc.text(nfc(seg(a)), left, y, { width: half, lineBreak: false });
    doc.text(nfc(seg(b)), left + half, y, { width: half, lineBreak: false });
    doc.x = left;
    doc.y = y + doc.heightOfString('X', { width }) + GAP;
    return;
  }
  const text = nfc(`${label}: `);
  const lw = doc.widthOfString(text);
  if (lw + 60 <= width) {
    doc.text(text + '.'.repeat(Math.max(0, Math.floor((width - lw) / dotW) - 1)), left, doc.y, { width, lineGap: GAP });
  } else {
    doc.text(text, left, doc.y, { width, lineGap: GAP });
    dottedLine(doc, width);
  }
  for (let i = 1; i < lines; i += 1) dottedLine(doc, width);
}

function sectionTitle(doc: PDFKit.PDFDocument, left: number, width: number, text: string) {
  doc.moveDown(0.35);
  doc.font(B).fontSize(SIZE).text(nfc(text), left, doc.y, { width, lineGap: GAP });
}

interface TemplateJob {
  procedure: CatalogProcedure;
  caseIndex: number;
  componentIndex: number;
  template: CatalogProcedure['versions'][number]['cases'][number]['components'][number]['templates'][number];
}

function renderPdf(data: CatalogFile, job: TemplateJob): Promise<Buffer> {
  const { procedure: p, template: t } = job;
  const version = p.versions[0]!;
  const kase = version.cases[job.caseIndex]!;
  const agencyName = (code: string | undefined) => data.agencies.find((a) => a.code === code)?.name;
  const competent = agencyName(p.agencies.find((a) => a.role === 'COMPETENT')?.agencyCode);
  const implementing = agencyName(p.agencies.find((a) => a.role === 'IMPLEMENTING')?.agencyCode);
  const addressee = competent && implementing && competent !== implementing ? `${competent} (${implementing})` : (competent ?? implementing ?? '................................');
  const field = data.fields.find((f) => f.code === p.fieldCode);

  const sep = t.title.indexOf(' — ');
  const label = sep > 0 ? t.title.slice(0, sep) : 'Mẫu';
  const heading = sep > 0 ? t.title.slice(sep + 3) : t.title;

  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 56, left: 70, right: 52 },
    bufferPages: true,
    autoFirstPage: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: nfc(t.title),
      Subject: nfc(`${p.code} — ${p.name}`),
      Author: 'OpenDVC',
      Creator: 'OpenDVC scripts/generate-template-files.ts',
      Producer: 'PDFKit',
      Keywords: nfc(p.keywords.join(', ')),
      CreationDate: FIXED_DATE,
      ModDate: FIXED_DATE,
    },
  });
  doc.registerFont(R, FONT_REGULAR);
  doc.registerFont(B, FONT_BOLD);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => {
    doc.on('data', (c) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  // form label and procedure reference, top right
  doc.font(R).fontSize(9).fillColor('#333333');
  doc.text(nfc(label), left, doc.page.margins.top - 18, { width, align: 'right' });
  doc.text(nfc(`Thủ tục ${p.code}`), { width, align: 'right' });
  doc.fillColor('black');

  // national header
  doc.y = doc.page.margins.top + 14;
  doc.font(B).fontSize(12.5).text(nfc('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), left, doc.y, { width, align: 'center' });
  const motto = nfc('Độc lập - Tự do - Hạnh phúc');
  doc.font(B).fontSize(12.5).text(motto, left, doc.y + 1, { width, align: 'center' });
  const mw = doc.widthOfString(motto);
  const underlineY = doc.y + 2;
  doc.lineWidth(0.7).moveTo(left + (width - mw) / 2, underlineY).lineTo(left + (width + mw) / 2, underlineY).stroke();

  // place and date
  doc.y = underlineY + 12;
  doc.font(R).fontSize(SIZE).text(nfc('................., ngày ...... tháng ...... năm 20......'), left, doc.y, { width, align: 'right' });

  // title
  doc.moveDown(0.9);
  doc.font(B).fontSize(13.5).text(nfc(upperTitle(heading)), left + 20, doc.y, { width: width - 40, align: 'center', lineGap: 2 });
  doc.moveDown(0.6);
  doc.font(R).fontSize(SIZE).text(nfc(`Kính gửi: ${addressee}.`), left + 20, doc.y, { width: width - 40, align: 'center' });
  doc.moveDown(0.6);

  // sections
  const applicant = applicantItems(p);
  const who = APPLICANT_TEXT[applicant.kind];
  const specific = specificItems(p, heading);
  // the application form (first component of the case) lists the rest of the dossier; annex forms do not
  const attachments = job.componentIndex === 0 ? kase.components.slice(1).map((m) => m.name) : [];
  const roman = ['I', 'II', 'III', 'IV', 'V'];
  let s = 0;

  sectionTitle(doc, left, width, `${roman[s++]}. ${who.section}`);
  for (const item of applicant.items) drawItem(doc, left, width, item.label, item.lines ?? 1);

  sectionTitle(doc, left, width, `${roman[s++]}. ${specific.title}`);
  specific.items.forEach((item, i) => drawItem(doc, left, width, `${i + 1}. ${item.label}`, item.lines ?? 1));

  if (attachments.length > 0) {
    sectionTitle(doc, left, width, `${roman[s++]}. HỒ SƠ KÈM THEO`);
    doc.font(R).fontSize(SIZE);
    for (const a of attachments) doc.text(nfc(`- ${a}.`), left + 12, doc.y, { width: width - 12, lineGap: GAP });
  }

  sectionTitle(doc, left, width, `${roman[s]}. CAM KẾT`);
  const area = (field?.name ?? 'lĩnh vực liên quan').toLocaleLowerCase('vi-VN');
  doc.font(R).fontSize(SIZE).text(
    nfc(`${who.subject} cam kết các thông tin nêu trên và hồ sơ kèm theo là đúng sự thật; chấp hành đầy đủ quy định của pháp luật về ${area} và chịu trách nhiệm trước pháp luật về nội dung đã kê khai.`),
    left, doc.y, { width, align: 'justify', lineGap: GAP },
  );

  // signature block, kept together on one page
  const sigHeight = 72;
  if (doc.y + sigHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(0.8);
  const sigLeft = left + width * 0.45;
  const sigWidth = width * 0.55;
  doc.font(B).fontSize(SIZE).text(nfc(who.signer), sigLeft, doc.y, { width: sigWidth, align: 'center' });
  doc.font(R).fontSize(10.5).text(nfc(who.signHint), sigLeft, doc.y, { width: sigWidth, align: 'center' });

  // footer on every page (drawn inside the bottom margin)
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const fy = doc.page.height - 38;
    doc.lineWidth(0.4).strokeColor('#999999').moveTo(left, fy - 5).lineTo(left + width, fy - 5).stroke();
    doc.font(R).fontSize(7.5).fillColor('#555555').text(nfc(FOOTER), left, fy, { width, align: 'center' });
    if (range.count > 1) doc.text(`${i + 1}/${range.count}`, left, fy + 10, { width, align: 'center' });
    doc.page.margins.bottom = bottom;
    doc.fillColor('black').strokeColor('black');
  }

  doc.end();
  return done;
}

// ---------- main ----------
const data = catalogFileSchema.parse(JSON.parse(readFileSync(catalogPath, 'utf8')));
const jobs: TemplateJob[] = [];
for (const procedure of data.procedures) {
  // each version's templates are drawn with that version's cases
  for (const v of procedure.versions) {
    v.cases.forEach((c, caseIndex) =>
      c.components.forEach((m, componentIndex) =>
        m.templates.forEach((template) => jobs.push({ procedure: { ...procedure, versions: [v] }, caseIndex, componentIndex, template })),
      ),
    );
  }
}

const written = new Set<string>();
let totalBytes = 0;
for (const job of jobs) {
  const out = path.resolve(catalogDir, job.template.file);
  if (!out.startsWith(catalogDir + path.sep)) throw new Error(`Template path leaves the catalogue folder: ${job.template.file}`);
  if (written.has(out)) continue;
  mkdirSync(path.dirname(out), { recursive: true });
  const pdf = await renderPdf(data, job);
  writeFileSync(out, pdf);
  written.add(out);
  totalBytes += pdf.length;
}

// remove generated files that the catalogue no longer references
const templateDirs = new Set([...written].map((f) => path.dirname(f)));
let removed = 0;
for (const dir of templateDirs) {
  for (const f of readdirSync(dir)) {
    const abs = path.join(dir, f);
    if (/^tpl_.*\.pdf$/.test(f) && !written.has(abs)) {
      unlinkSync(abs);
      removed += 1;
    }
  }
}

console.log(`Wrote ${written.size} template PDF(s), ${(totalBytes / 1024).toFixed(0)} KB in total${removed ? `; removed ${removed} stale file(s)` : ''}.`);
