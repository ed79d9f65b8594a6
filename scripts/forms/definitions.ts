/**
 * The e-form (đơn đề nghị) of every procedure case that can be filed online (level 3 or 4):
 * the applicant block from the procedure's applicant types, the procedure-specific sections and
 * the notes (the declaration is one tick on the review step, not in the form). Built from the blocks in ./blocks.ts; `buildForms` is deterministic.
 */
import { legacyLevel, type ProcedureCapabilities } from '../../common/service-levels.js';
import { FORM_SCHEMA_DIALECT, type JsonSchema } from '../../common/forms/validate.js';
import {
  applicantFields, choice, cornerPoints, date, integer, licenceRef, list, location, longText, multiChoice, notes, number, obj,
  quantity, taxCode, text, vn2000Meridian, type Conditional, type Field, type Options,
} from './blocks.js';

interface Sections {
  fields: Record<string, Field>;
  conditionals?: Conditional[];
  /** How the applicant block is built: the organisation looked up in the business register. */
  applicant?: { businessRegistry?: boolean };
}
type Spec = (caseCode: string) => Sections;

// ---------- option lists ----------

const waterPurposes: Options = [
  ['DOMESTIC', 'Cấp nước sinh hoạt'],
  ['INDUSTRY', 'Sản xuất công nghiệp, dịch vụ'],
  ['AGRICULTURE', 'Nông nghiệp, nuôi trồng thủy sản'],
  ['HYDROPOWER', 'Phát điện'],
  ['OTHER', 'Mục đích khác'],
];
const minerals: Options = [
  ['COAL', 'Than'], ['IRON', 'Quặng sắt'], ['BAUXITE', 'Bô-xít'], ['TITANIUM', 'Quặng titan'], ['GOLD', 'Vàng'],
  ['LIMESTONE_CEMENT', 'Đá vôi làm xi măng'], ['CLAY_CEMENT', 'Sét làm xi măng'], ['APATITE', 'Apatit'], ['RARE_EARTH', 'Đất hiếm'], ['OTHER', 'Khoáng sản khác'],
];
const miningMethods: Options = [['OPEN_PIT', 'Lộ thiên'], ['UNDERGROUND', 'Hầm lò'], ['COMBINED', 'Kết hợp lộ thiên và hầm lò']];
const wasteMedia: Options = [
  ['WATER', 'Nước (nước mặt, nước dưới đất, nước thải, nước biển)'], ['AIR', 'Không khí xung quanh và khí thải'], ['SOIL', 'Đất, trầm tích'],
  ['WASTE', 'Chất thải'], ['NOISE', 'Tiếng ồn, độ rung'], ['RADIATION', 'Phóng xạ'],
];
const hcfcSubstances: Options = [
  ['HCFC-22', 'HCFC-22 (R-22)'], ['HCFC-141b', 'HCFC-141b'], ['HCFC-142b', 'HCFC-142b'], ['HCFC-123', 'HCFC-123'], ['HCFC-225', 'HCFC-225'],
];
const countries: Options = [
  ['KR', 'Hàn Quốc'], ['JP', 'Nhật Bản'], ['SG', 'Xinh-ga-po'], ['BE', 'Vương quốc Bỉ'], ['DE', 'Cộng hòa Liên bang Đức'], ['FI', 'Phần Lan'], ['CN', 'Trung Quốc'], ['IN', 'Ấn Độ'], ['TH', 'Thái Lan'], ['OTHER', 'Quốc gia khác'],
];
const scales: Options = [['1:2000', '1:2.000'], ['1:5000', '1:5.000'], ['1:10000', '1:10.000'], ['1:25000', '1:25.000'], ['1:50000', '1:50.000'], ['1:100000', '1:100.000']];
const surveyActivities: Options = [
  ['GEODETIC_NETWORK', 'Xây dựng lưới tọa độ, độ cao quốc gia'],
  ['TOPO_MAP', 'Thành lập bản đồ địa hình'],
  ['CADASTRAL', 'Đo đạc, thành lập bản đồ địa chính'],
  ['AERIAL', 'Chụp ảnh hàng không, bay quét LiDAR'],
  ['REMOTE_SENSING', 'Xử lý ảnh viễn thám'],
  ['WORKS_SURVEY', 'Đo đạc công trình'],
  ['ADMIN_BOUNDARY', 'Đo đạc, thành lập bản đồ địa giới hành chính'],
  ['GIS_DB', 'Xây dựng cơ sở dữ liệu nền địa lý'],
  ['MAP_PUBLISHING', 'Biên tập, chế in bản đồ'],
];

// ---------- repeated sections ----------

const requestKind = (options: Options, example: string) => choice('Nội dung đề nghị', options, example, { radio: true });

const project = (title = 'Thông tin dự án, cơ sở') =>
  obj(title, {
    name: text('Tên dự án, cơ sở', 'Nhà máy sản xuất giấy bao bì Hạ Long', { max: 300 }),
    kind: choice('Loại hình', [['PROJECT', 'Dự án đầu tư'], ['FACILITY', 'Cơ sở đang hoạt động'], ['INDUSTRIAL_ZONE', 'Khu sản xuất, kinh doanh, dịch vụ tập trung']], 'PROJECT'),
    group: choice('Phân nhóm theo tiêu chí môi trường', [['I', 'Nhóm I'], ['II', 'Nhóm II'], ['III', 'Nhóm III']], 'I', { help: 'Theo Phụ lục III–V Nghị định 08/2022/NĐ-CP' }),
    investmentCapital: quantity('Tổng vốn đầu tư', 'tỷ đồng', 1250),
    capacity: text('Công suất, quy mô', '200.000 tấn sản phẩm/năm', { max: 200 }),
    area: quantity('Diện tích sử dụng đất', 'ha', 24.5),
  });

const wasteStreams = () =>
  obj('Nguồn phát sinh chất thải và công trình xử lý', {
    wastewaterFlow: quantity('Lưu lượng nước thải tối đa', 'm³/ngày đêm', 4500),
    wastewaterTreatment: text('Công trình xử lý nước thải', 'Hệ thống xử lý nước thải tập trung công suất 5.000 m³/ngày đêm', { max: 300 }),
    emissionFlow: quantity('Lưu lượng khí thải tối đa', 'm³/giờ', 120000, { optional: true }),
    solidWaste: quantity('Chất thải rắn công nghiệp thông thường', 'tấn/năm', 3600),
    hazardousWaste: quantity('Chất thải nguy hại', 'kg/năm', 85000),
    receivingSource: text('Nguồn tiếp nhận nước thải', 'Sông Diễn Vọng', { max: 200 }),
  });

/** With `wells`, the largest flow is offered as the sum of the wells' flows (still editable). */
const waterIntake = (purposeExample = ['INDUSTRY'], wells?: { exampleFlow: number }) => ({
  purposes: multiChoice('Mục đích khai thác, sử dụng nước', waterPurposes, purposeExample),
  flow: wells
    ? quantity('Lưu lượng khai thác lớn nhất', 'm³/ngày đêm', wells.exampleFlow, { help: 'Tổng lưu lượng của các giếng khai thác, điền sẵn từ các giếng ở trên; sửa nếu khác', sumOf: 'wells.flow' })
    : quantity('Lưu lượng khai thác lớn nhất', 'm³/ngày đêm', 25000, { help: 'Tổng lưu lượng của các công trình khai thác' }),
  duration: integer('Thời hạn đề nghị cấp phép (năm)', 10, { min: 1, max: 30 }),
});

const mineArea = () =>
  obj('Khu vực khoáng sản', {
    mineral: choice('Loại khoáng sản', minerals, 'COAL', { radio: false }),
    areaName: text('Tên mỏ, khu vực', 'Mỏ than Khe Chàm III', { max: 200 }),
    location: location('Vị trí hành chính', { communeCode: '06760' }),
    area: quantity('Diện tích', 'ha', 185.4),
    meridian: vn2000Meridian(),
    points: cornerPoints(),
  });

const licenceDocs = (title: string) => licenceRef(title);

const rehabilitation = () =>
  obj('Phương án cải tạo, phục hồi môi trường', {
    mineName: text('Tên mỏ, dự án khai thác', 'Mỏ đá vôi Hoàng Mai B', { max: 200 }),
    mineral: choice('Loại khoáng sản', minerals, 'LIMESTONE_CEMENT', { radio: false }),
    miningLicence: text('Số giấy phép khai thác (nếu có)', '2345/GP-BTNMT', { max: 60, optional: true }),
    area: quantity('Diện tích cải tạo, phục hồi', 'ha', 96.2),
    method: longText('Giải pháp cải tạo, phục hồi', 'San gạt tạo mặt bằng, trồng cây keo lai trên các tầng kết thúc khai thác, xây dựng rãnh thoát nước.'),
    totalCost: quantity('Tổng dự toán chi phí cải tạo, phục hồi', 'triệu đồng', 18500),
    depositMethod: choice('Phương thức ký quỹ', [['ONCE', 'Ký quỹ một lần'], ['ANNUAL', 'Ký quỹ nhiều lần (hằng năm)']], 'ANNUAL'),
  });

const species = () =>
  list('Loài đề nghị', 'Loài', {
    scientificName: text('Tên khoa học', 'Panax vietnamensis', { max: 150 }),
    commonName: text('Tên tiếng Việt', 'Sâm Ngọc Linh', { max: 150 }),
    quantity: integer('Số lượng cá thể, mẫu vật', 20, { min: 1 }),
    specimenType: choice('Dạng mẫu vật', [['LIVE', 'Cá thể sống'], ['PART', 'Bộ phận'], ['DERIVATIVE', 'Dẫn xuất'], ['GENETIC', 'Mẫu gen']], 'LIVE', { radio: false }),
  }, [{ scientificName: 'Panax vietnamensis', commonName: 'Sâm Ngọc Linh', quantity: 20, specimenType: 'LIVE' }]);

const permitTerm = () => integer('Thời hạn đề nghị (tháng)', 24, { min: 1, max: 120 });

const hcfc = (direction: 'IMPORT' | 'EXPORT'): Spec => () => ({
  fields: {
    registration: obj(direction === 'IMPORT' ? 'Đăng ký nhập khẩu' : 'Đăng ký xuất khẩu', {
      year: integer('Năm đăng ký', 2026, { min: 2024, max: 2040 }),
      substances: list('Các chất HCFC', 'Chất', {
        substance: choice('Chất', hcfcSubstances, 'HCFC-22', { radio: false }),
        hsCode: text('Mã HS', '2903.71.00', { max: 12, pattern: '^\\d{4}(\\.\\d{2}){1,2}$', help: 'Ví dụ 2903.71.00' }),
        quantity: quantity('Khối lượng', 'kg', 12000),
      }, [{ substance: 'HCFC-22', hsCode: '2903.71.00', quantity: 12000 }, { substance: 'HCFC-141b', hsCode: '2903.73.00', quantity: 3500 }]),
      country: choice(direction === 'IMPORT' ? 'Nước xuất khẩu' : 'Nước nhập khẩu', countries, 'CN', { radio: false }),
      purpose: choice('Mục đích sử dụng', [['SERVICING', 'Nạp, bảo dưỡng thiết bị lạnh'], ['MANUFACTURING', 'Sản xuất thiết bị, sản phẩm'], ['TRADING', 'Kinh doanh'], ['OTHER', 'Mục đích khác']], 'SERVICING'),
      quotaDecision: text('Số văn bản phân bổ hạn ngạch (nếu có)', '', { max: 60, optional: true }),
    }),
  },
});

// ---------- per procedure ----------

const specs: Record<string, Spec> = {
  '1.010721': (c): Sections => {
    if (c === 'TH1') return { fields: { project: project(), location: location('Địa điểm thực hiện'), waste: wasteStreams() } };
    if (c === 'TH2')
      return {
        fields: {
          current: licenceDocs('Giấy phép môi trường đang có hiệu lực'),
          kind: requestKind([['EXCHANGE', 'Cấp đổi giấy phép'], ['ADJUST', 'Cấp điều chỉnh giấy phép']], 'ADJUST'),
          project: project(),
          waste: wasteStreams(),
        },
        conditionals: [{ field: 'kind', equals: 'ADJUST', then: { adjustments: longText('Nội dung đề nghị điều chỉnh', 'Tăng công suất xử lý nước thải từ 5.000 lên 7.000 m³/ngày đêm; bổ sung một ống khói lò hơi.') } }],
      };
    return {
      fields: {
        current: licenceDocs('Giấy phép môi trường đã được cấp'),
        reason: choice('Lý do đề nghị cấp lại', [['EXPIRED', 'Giấy phép hết hạn'], ['CHANGE_OWNER', 'Thay đổi chủ dự án, cơ sở'], ['OTHER', 'Lý do khác']], 'EXPIRED'),
        project: project(),
      },
      conditionals: [{ field: 'reason', equals: 'OTHER', then: { reasonDetail: longText('Nêu rõ lý do', 'Thay đổi quy mô dự án theo quyết định điều chỉnh chủ trương đầu tư.') } }],
    };
  },
  '1.010722': () => ({
    fields: {
      project: project('Thông tin dự án'),
      location: location('Địa điểm thực hiện dự án'),
      approvingBody: text('Cơ quan quyết định chủ trương đầu tư', 'Thủ tướng Chính phủ', { max: 200 }),
      mainImpacts: longText('Tác động môi trường chính', 'Nước thải sản xuất, bụi và khí thải lò hơi, chất thải rắn từ quá trình xeo giấy.'),
      consultant: text('Đơn vị tư vấn lập báo cáo', 'Trung tâm Tư vấn và Công nghệ môi trường', { max: 200, optional: true }),
    },
  }),
  '1.010723': () => ({
    fields: {
      plan: obj('Chiến lược, quy hoạch, kế hoạch', {
        name: text('Tên chiến lược, quy hoạch, kế hoạch', 'Quy hoạch tỉnh Quảng Ninh thời kỳ 2021–2030, tầm nhìn đến năm 2050', { max: 300 }),
        kind: choice('Loại', [['STRATEGY', 'Chiến lược'], ['MASTER_PLAN', 'Quy hoạch'], ['PLAN', 'Kế hoạch']], 'MASTER_PLAN'),
        scope: text('Phạm vi', 'Toàn tỉnh Quảng Ninh', { max: 300 }),
        period: text('Thời kỳ', '2021–2030', { max: 50 }),
        approvingBody: text('Cấp phê duyệt', 'Thủ tướng Chính phủ', { max: 200 }),
      }),
    },
  }),
  '1.010724': () => ({ fields: { plan: rehabilitation(), mineArea: mineArea() } }),
  '1.010725': () => ({
    fields: {
      approval: licenceRef('Quyết định phê duyệt phương án đã có', { number: '1520/QĐ-BTNMT', issuedOn: '2020-07-01' }),
      plan: rehabilitation(),
      changes: longText('Nội dung điều chỉnh và lý do', 'Điều chỉnh diện tích cải tạo do thay đổi ranh giới khai thác theo giấy phép mới.'),
    },
  }),
  '1.010726': () => ({
    fields: {
      approval: licenceRef('Quyết định phê duyệt phương án', { number: '1520/QĐ-BTNMT', issuedOn: '2020-07-01' }),
      scope: choice('Phạm vi đề nghị xác nhận', [['PARTIAL', 'Hoàn thành từng phần'], ['FULL', 'Hoàn thành toàn bộ']], 'PARTIAL'),
      completedArea: quantity('Diện tích đã cải tạo, phục hồi', 'ha', 32.5),
      completedOn: date('Ngày hoàn thành', '2025-10-30'),
    },
    conditionals: [{ field: 'scope', equals: 'PARTIAL', then: { stage: text('Hạng mục, giai đoạn đã hoàn thành', 'Giai đoạn 1: khu bãi thải Bắc', { max: 200 }) } }],
  }),
  '1.010727': () => ({
    fields: {
      capability: obj('Năng lực quan trắc', {
        media: multiChoice('Lĩnh vực quan trắc đề nghị chứng nhận', wasteMedia, ['WATER', 'AIR']),
        staff: integer('Số cán bộ quan trắc có chuyên môn phù hợp', 12, { min: 1 }),
        labAddress: text('Địa chỉ phòng thí nghiệm', 'Số 8 phố Pháo Đài Láng, quận Đống Đa, Hà Nội', { max: 300 }),
        accreditation: text('Số hiệu công nhận ISO/IEC 17025 (VILAS) (nếu có)', 'VILAS 1234', { max: 30, optional: true }),
      }),
    },
  }),
  '1.010728': () => ({
    fields: {
      current: licenceDocs('Giấy chứng nhận đang có hiệu lực'),
      changes: multiChoice('Nội dung điều chỉnh', [['NAME_ADDRESS', 'Tên, địa chỉ tổ chức'], ['SCOPE', 'Bổ sung lĩnh vực, thông số quan trắc'], ['LAB', 'Phòng thí nghiệm']], ['SCOPE']),
      description: longText('Mô tả nội dung điều chỉnh', 'Bổ sung thông số kim loại nặng trong trầm tích.'),
    },
  }),
  '1.010729': () => ({
    fields: {
      current: licenceDocs('Giấy chứng nhận đề nghị gia hạn'),
      expiresOn: date('Ngày hết hạn của giấy chứng nhận', '2026-06-30'),
      activity: longText('Tóm tắt hoạt động quan trắc trong thời gian được chứng nhận', 'Thực hiện 48 hợp đồng quan trắc định kỳ cho các cơ sở sản xuất tại Hà Nội và Bắc Ninh.'),
    },
  }),
  '1.010730': () => ({
    fields: {
      lab: obj('Phòng thí nghiệm', {
        name: text('Tên phòng thí nghiệm', 'Phòng thí nghiệm Phân tích môi trường Xanh', { max: 200 }),
        address: text('Địa chỉ', 'Số 8 phố Pháo Đài Láng, quận Đống Đa, Hà Nội', { max: 300 }),
        media: multiChoice('Lĩnh vực phân tích', wasteMedia, ['WATER', 'SOIL']),
        parameters: integer('Số thông số phân tích đăng ký', 45, { min: 1 }),
        accreditation: text('Số hiệu công nhận (VILAS)', 'VILAS 1234', { max: 30, optional: true }),
      }),
    },
  }),
  '1.010731': () => ({
    fields: {
      product: obj('Sản phẩm đề nghị chứng nhận', {
        name: text('Tên sản phẩm', 'Giấy vệ sinh tái chế Xanh', { max: 200 }),
        group: text('Nhóm sản phẩm theo tiêu chí Nhãn sinh thái', 'Giấy và sản phẩm giấy', { max: 200 }),
        brand: text('Nhãn hiệu', 'Xanh Eco', { max: 100 }),
        factory: text('Địa chỉ nơi sản xuất', 'Khu công nghiệp Quế Võ, Bắc Ninh', { max: 300 }),
        criteria: text('Bộ tiêu chí áp dụng', 'Tiêu chí Nhãn sinh thái Việt Nam cho sản phẩm giấy', { max: 200 }),
      }),
    },
  }),
  '1.010732': () => ({
    fields: {
      decision: licenceRef('Quyết định chứng nhận đã cấp', { number: '45/QĐ-TCMT', issuedOn: '2023-04-10' }),
      reason: choice('Lý do cấp đổi', [['EXPIRING', 'Quyết định sắp hết hiệu lực'], ['CHANGE', 'Thay đổi thông tin tổ chức, sản phẩm']], 'EXPIRING'),
    },
    conditionals: [{ field: 'reason', equals: 'CHANGE', then: { changes: longText('Thông tin thay đổi', 'Đổi tên công ty theo giấy chứng nhận đăng ký doanh nghiệp thay đổi lần 3.') } }],
  }),
  '1.010733': () => ({
    fields: {
      exemption: obj('Nội dung đăng ký miễn trừ', {
        substance: choice('Chất POP', [['PFOS', 'PFOS, muối và PFOSF'], ['DECABDE', 'Deca-BDE'], ['SCCP', 'Paraffin clo hóa mạch ngắn (SCCP)'], ['PFOA', 'PFOA, muối và hợp chất liên quan'], ['OTHER', 'Chất khác']], 'PFOS', { radio: false }),
        purpose: text('Mục đích sử dụng', 'Mạ crom cứng trong hệ thống khép kín', { max: 300 }),
        quantity: quantity('Khối lượng sử dụng', 'kg/năm', 250),
        period: integer('Thời hạn miễn trừ đề nghị (năm)', 5, { min: 1, max: 5 }),
      }),
    },
  }),
  '1.010734': () => ({
    fields: {
      partner: obj('Tổ chức tiếp nhận chất thải nguy hại', {
        name: text('Tên tổ chức', 'Công ty Cổ phần Xử lý chất thải Miền Bắc', { max: 300 }),
        taxCode: taxCode('Mã số thuế', { example: '0109876543' }),
        permit: text('Số giấy phép môi trường của tổ chức tiếp nhận', '98/GPMT-BTNMT', { max: 60 }),
      }),
      wastes: list('Chất thải nguy hại chuyển giao', 'Chất thải', {
        code: text('Mã chất thải nguy hại', '12 01 05', { pattern: '^\\d{2} \\d{2} \\d{2}$', max: 8, help: 'Theo Thông tư 02/2022/TT-BTNMT, dạng 12 01 05' }),
        name: text('Tên chất thải', 'Bùn thải từ hệ thống xử lý nước thải có thành phần nguy hại', { max: 300 }),
        quantity: quantity('Khối lượng', 'kg/năm', 12000),
      }, [{ code: '12 01 05', name: 'Bùn thải từ hệ thống xử lý nước thải có thành phần nguy hại', quantity: 12000 }]),
      reason: longText('Lý do liên kết, chuyển giao', 'Hệ thống lò đốt tạm dừng bảo dưỡng 3 tháng.'),
    },
  }),
  '1.010735': () => ({
    fields: {
      scrap: list('Phế liệu nhập khẩu', 'Phế liệu', {
        kind: choice('Loại phế liệu', [['STEEL', 'Sắt, thép'], ['PAPER', 'Giấy'], ['PLASTIC', 'Nhựa'], ['GLASS', 'Thủy tinh'], ['NONFERROUS', 'Kim loại màu']], 'PAPER', { radio: false }),
        hsCode: text('Mã HS', '4707.10.00', { max: 12, pattern: '^\\d{4}(\\.\\d{2}){1,2}$' }),
        quantity: quantity('Khối lượng nhập khẩu', 'tấn/năm', 60000),
      }, [{ kind: 'PAPER', hsCode: '4707.10.00', quantity: 60000 }]),
      factory: location('Địa điểm cơ sở sản xuất sử dụng phế liệu'),
      storage: text('Kho, bãi lưu giữ phế liệu', 'Kho kín 5.000 m² trong khuôn viên nhà máy', { max: 300 }),
    },
  }),
  '1.010736': () => ({
    fields: {
      trial: obj('Nhập khẩu để sản xuất thử nghiệm', {
        scrap: text('Tên phế liệu', 'Sợi carbon phế liệu', { max: 200 }),
        hsCode: text('Mã HS', '6815.19.00', { max: 12, pattern: '^\\d{4}(\\.\\d{2}){1,2}$' }),
        quantity: quantity('Khối lượng', 'tấn', 20),
        period: integer('Thời gian thử nghiệm (tháng)', 6, { min: 1, max: 12 }),
        product: text('Sản phẩm thử nghiệm', 'Tấm composite gia cường', { max: 200 }),
      }),
    },
  }),
  '1.010737': () => ({
    fields: {
      gmo: obj('Cây trồng biến đổi gen', {
        crop: text('Loài cây trồng', 'Ngô (Zea mays)', { max: 100 }),
        event: text('Tên sự kiện chuyển gen', 'MON 89034', { max: 100 }),
        trait: text('Tính trạng', 'Kháng sâu bộ cánh vảy', { max: 200 }),
        developer: text('Tổ chức phát triển', 'Công ty TNHH Giống cây trồng Xanh', { max: 200 }),
        fieldTrials: longText('Kết quả khảo nghiệm đánh giá rủi ro', 'Khảo nghiệm hạn chế tại Đồng Nai và Sơn La năm 2024–2025, không ghi nhận tác động bất lợi.'),
      }),
    },
  }),
  '1.010738': () => ({
    fields: {
      access: obj('Nội dung tiếp cận nguồn gen', {
        resource: text('Nguồn gen đề nghị tiếp cận', 'Lá và rễ Sâm Ngọc Linh', { max: 300 }),
        location: location('Khu vực tiếp cận', { communeCode: '20950' }),
        purpose: choice('Mục đích', [['RESEARCH', 'Nghiên cứu vì mục đích không thương mại'], ['COMMERCIAL', 'Nghiên cứu vì mục đích thương mại'], ['PRODUCT', 'Phát triển sản phẩm thương mại']], 'RESEARCH'),
        quantity: text('Khối lượng, số lượng mẫu', '50 mẫu lá, 20 mẫu rễ', { max: 200 }),
        term: permitTerm(),
      }),
    },
    conditionals: [],
  }),
  '1.010739': () => ({
    fields: {
      current: licenceDocs('Giấy phép tiếp cận nguồn gen đã cấp'),
      extension: integer('Thời gian đề nghị gia hạn (tháng)', 12, { min: 1, max: 36 }),
      reason: longText('Lý do gia hạn', 'Cần thêm thời gian hoàn thành phân tích di truyền.'),
    },
  }),
  '1.010740': () => ({
    fields: {
      harvest: obj('Nội dung khai thác', {
        location: location('Địa điểm khai thác', { communeCode: '23446' }),
        purpose: choice('Mục đích', [['RESEARCH', 'Nghiên cứu khoa học'], ['BREEDING', 'Nhân giống, bảo tồn'], ['EXCHANGE', 'Trao đổi, hợp tác quốc tế']], 'BREEDING'),
        from: date('Thời gian khai thác từ ngày', '2026-03-01'),
        to: date('Đến ngày', '2026-05-31'),
      }),
      species: species(),
    },
  }),
  '1.010741': () => ({
    fields: {
      transaction: obj('Nội dung trao đổi, tặng cho, thuê', {
        kind: choice('Hình thức', [['EXCHANGE', 'Trao đổi'], ['GIFT', 'Tặng cho'], ['LEASE', 'Cho thuê']], 'EXCHANGE'),
        partner: text('Tổ chức bên kia', 'Vườn thực vật Hoàng gia Kew (Vương quốc Anh)', { max: 300 }),
        purpose: text('Mục đích', 'Nghiên cứu bảo tồn chuyển chỗ', { max: 300 }),
      }),
      species: species(),
    },
  }),
  '1.010742': () => ({
    fields: {
      facility: obj('Cơ sở bảo tồn đa dạng sinh học', {
        name: text('Tên cơ sở', 'Trung tâm cứu hộ động vật hoang dã Sóc Sơn', { max: 200 }),
        location: location('Địa điểm', { communeCode: '00376' }),
        area: quantity('Diện tích', 'ha', 12.8),
        kind: choice('Loại cơ sở', [['RESCUE', 'Cơ sở cứu hộ loài hoang dã'], ['GENE_BANK', 'Cơ sở lưu giữ, bảo quản nguồn gen'], ['BREEDING', 'Cơ sở nuôi, trồng loài nguy cấp']], 'RESCUE'),
        speciesCount: integer('Số loài đang nuôi, trồng, lưu giữ', 36, { min: 1 }),
      }),
    },
  }),
  '1.010743': () => ({
    fields: {
      landfill: obj('Bãi chôn lấp', {
        name: text('Tên bãi chôn lấp', 'Bãi chôn lấp chất thải rắn Nam Sơn — ô số 3', { max: 200 }),
        location: location('Địa điểm', { communeCode: '00376' }),
        area: quantity('Diện tích', 'ha', 14.2),
        volume: quantity('Khối lượng chất thải đã chôn lấp', 'm³', 1850000),
        plan: longText('Giải pháp đóng cửa, cải tạo', 'Phủ lớp chống thấm HDPE, thu gom khí bãi rác, trồng cỏ phủ xanh, quan trắc nước rỉ rác 10 năm.'),
      }),
    },
  }),
  '1.010744': () => ({
    fields: {
      decision: licenceRef('Quyết định phê duyệt kết quả thẩm định báo cáo ĐTM', { number: '2210/QĐ-BTNMT', issuedOn: '2022-09-12' }),
      project: project('Dự án'),
      changes: longText('Nội dung thay đổi so với quyết định phê duyệt', 'Thay đổi công nghệ lò hơi từ đốt than sang đốt sinh khối; giảm lưu lượng khí thải.'),
    },
  }),
  '1.010745': () => ({
    fields: {
      activity: obj('Hoạt động bảo vệ môi trường', {
        kind: choice('Loại hoạt động', [['WASTE_TREATMENT', 'Xử lý chất thải'], ['RECYCLING', 'Tái chế chất thải'], ['MONITORING', 'Quan trắc môi trường'], ['ECO_PRODUCT', 'Sản xuất sản phẩm thân thiện môi trường']], 'RECYCLING', { radio: false }),
        project: text('Tên dự án, cơ sở', 'Nhà máy tái chế nhựa PET Bình Dương', { max: 300 }),
        incentives: multiChoice('Ưu đãi, hỗ trợ đề nghị xác nhận', [['LAND', 'Ưu đãi về đất đai'], ['TAX', 'Ưu đãi thuế'], ['CREDIT', 'Hỗ trợ vay vốn, tín dụng'], ['PRICE', 'Hỗ trợ giá, phí']], ['TAX', 'CREDIT']),
        capacity: text('Công suất', '30.000 tấn/năm', { max: 100 }),
      }),
    },
  }),
  '1.010746': () => ({
    fields: {
      product: obj('Chế phẩm sinh học', {
        name: text('Tên thương mại', 'EMIC-Xanh', { max: 200 }),
        ingredients: longText('Thành phần, chủng vi sinh vật', 'Bacillus subtilis ≥ 10⁸ CFU/g; Lactobacillus sp. ≥ 10⁷ CFU/g'),
        use: text('Công dụng', 'Xử lý mùi và phân hủy bùn hữu cơ trong hệ thống xử lý nước thải', { max: 300 }),
        origin: choice('Nguồn gốc', [['DOMESTIC', 'Sản xuất trong nước'], ['IMPORTED', 'Nhập khẩu']], 'DOMESTIC'),
      }),
    },
    conditionals: [],
  }),
  '1.010747': () => ({
    fields: {
      plan: obj('Kế hoạch tái chế', {
        year: integer('Năm thực hiện', 2026, { min: 2024, max: 2040 }),
        method: choice('Hình thức thực hiện trách nhiệm tái chế', [['SELF', 'Tự tổ chức tái chế'], ['CONTRACT', 'Thuê đơn vị tái chế'], ['SCHEME', 'Ủy quyền cho tổ chức trung gian'], ['FUND', 'Đóng góp tài chính vào Quỹ Bảo vệ môi trường Việt Nam']], 'CONTRACT', { radio: true }),
        products: list('Sản phẩm, bao bì', 'Sản phẩm', {
          group: text('Nhóm sản phẩm, bao bì', 'Bao bì PET cứng', { max: 200 }),
          marketed: quantity('Khối lượng đưa ra thị trường năm trước', 'tấn', 1200),
          rate: number('Tỷ lệ tái chế bắt buộc (%)', 22, { min: 0, max: 100 }),
        }, [{ group: 'Bao bì PET cứng', marketed: 1200, rate: 22 }]),
      }),
    },
  }),
  '2.002071': () => ({
    fields: {
      shipment: obj('Thông tin vận chuyển xuyên biên giới', {
        wastes: list('Chất thải nguy hại xuất khẩu', 'Chất thải', {
          baselCode: text('Mã Basel (Y/A)', 'A1180', { pattern: '^(Y\\d{1,2}|A\\d{4})$', max: 5, help: 'Theo Phụ lục I hoặc Phụ lục VIII Công ước Basel' }),
          nationalCode: text('Mã chất thải nguy hại (Việt Nam)', '19 02 06', { pattern: '^\\d{2} \\d{2} \\d{2}$', max: 8 }),
          name: text('Tên chất thải', 'Bảng mạch điện tử thải', { max: 200 }),
          quantity: quantity('Khối lượng', 'tấn', 120),
        }, [{ baselCode: 'A1180', nationalCode: '19 02 06', name: 'Bảng mạch điện tử thải', quantity: 120 }]),
        destination: choice('Quốc gia nhập khẩu', countries, 'BE', { radio: false }),
        transit: text('Quốc gia quá cảnh (nếu có)', 'Xinh-ga-po', { max: 200, optional: true }),
        facility: text('Cơ sở xử lý tại nước nhập khẩu', 'Umicore Precious Metals Refining, Hoboken', { max: 300 }),
        transporter: text('Đơn vị vận chuyển', 'Công ty TNHH Vận tải biển Xanh', { max: 300 }),
        exitGate: text('Cửa khẩu xuất', 'Cảng Hải Phòng', { max: 100 }),
        shipments: integer('Số chuyến dự kiến', 4, { min: 1, max: 100 }),
        from: date('Thời gian vận chuyển từ ngày', '2026-02-01'),
        to: date('Đến ngày', '2027-01-31'),
      }),
    },
  }),
  '1.012601': () => ({
    fields: {
      source: obj('Nguồn nước và công trình khai thác', {
        river: text('Nguồn nước khai thác (sông, suối, hồ)', 'Sông Đà', { max: 200 }),
        location: location('Vị trí công trình', { communeCode: '04795' }),
        intakeX: number('Tọa độ X cửa lấy nước (VN-2000, m)', 2302145, { min: 0, max: 2600000 }),
        intakeY: number('Tọa độ Y cửa lấy nước (VN-2000, m)', 436520, { min: 0, max: 1000000 }),
        ...waterIntake(['DOMESTIC']),
      }),
    },
  }),
  '1.012602': (c) => ({
    fields: {
      current: licenceDocs('Giấy phép khai thác, sử dụng tài nguyên nước đã cấp'),
      expiresOn: date('Ngày hết hạn của giấy phép', '2026-09-30'),
      ...(c === 'TH1'
        ? { extension: integer('Thời gian đề nghị gia hạn (năm)', 5, { min: 1, max: 15 }), compliance: longText('Tình hình thực hiện giấy phép', 'Khai thác đúng lưu lượng cấp phép, quan trắc tự động truyền số liệu về Sở.') }
        : {
            adjustments: multiChoice('Nội dung điều chỉnh', [['FLOW', 'Lưu lượng khai thác'], ['PURPOSE', 'Mục đích sử dụng'], ['LOCATION', 'Vị trí công trình'], ['OWNER', 'Tên chủ giấy phép']], ['FLOW']),
            newFlow: quantity('Lưu lượng đề nghị sau điều chỉnh', 'm³/ngày đêm', 30000, { optional: true }),
            reason: longText('Lý do điều chỉnh', 'Mở rộng khu công nghiệp giai đoạn 2.'),
          }),
    },
  }),
  '1.012603': () => ({
    fields: {
      exploration: obj('Công trình thăm dò nước dưới đất', {
        location: location('Vị trí thăm dò', { communeCode: '27937' }),
        aquifer: text('Tầng chứa nước thăm dò', 'Pleistocen giữa – trên (qp2-3)', { max: 100 }),
        wells: integer('Số giếng thăm dò', 6, { min: 1, max: 100 }),
        depth: quantity('Chiều sâu dự kiến', 'm', 120),
        plannedFlow: quantity('Lưu lượng dự kiến khai thác', 'm³/ngày đêm', 5000),
        term: integer('Thời gian thăm dò (tháng)', 12, { min: 1, max: 24 }),
      }),
    },
  }),
  '1.012604': () => ({
    applicant: { businessRegistry: true },
    fields: {
      abstraction: obj('Công trình khai thác nước dưới đất', {
        location: location('Vị trí công trình', { communeCode: '27937' }),
        aquifer: text('Tầng chứa nước khai thác', 'Pleistocen giữa – trên (qp2-3)', { max: 100 }),
        wells: list('Giếng khai thác', 'Giếng', {
          code: text('Số hiệu giếng', 'G1', { max: 20 }),
          x: number('Tọa độ X (VN-2000, m)', 1194520, { min: 0, max: 2600000 }),
          y: number('Tọa độ Y (VN-2000, m)', 587410, { min: 0, max: 1000000 }),
          depth: quantity('Chiều sâu', 'm', 115),
          flow: quantity('Lưu lượng', 'm³/ngày đêm', 1500),
        }, [{ code: 'G1', x: 1194520, y: 587410, depth: 115, flow: 1500 }, { code: 'G2', x: 1194780, y: 587655, depth: 118, flow: 1500 }]),
        ...waterIntake(['DOMESTIC', 'INDUSTRY'], { exampleFlow: 3000 }),
      }),
    },
  }),
  '1.012605': () => ({
    fields: {
      drilling: obj('Năng lực hành nghề khoan', {
        leader: text('Người chịu trách nhiệm kỹ thuật', 'Trần Minh Đức', { max: 150 }),
        qualification: text('Trình độ chuyên môn', 'Kỹ sư địa chất thủy văn', { max: 150 }),
        experience: integer('Số năm kinh nghiệm', 8, { min: 0, max: 60 }),
        rigs: integer('Số máy khoan', 3, { min: 1 }),
        maxDiameter: quantity('Đường kính ống chống lớn nhất', 'mm', 250),
        maxFlow: quantity('Lưu lượng công trình lớn nhất đã thi công', 'm³/ngày đêm', 3000),
      }),
    },
  }),
  '1.012606': () => ({
    fields: {
      current: licenceDocs('Giấy phép hành nghề khoan đã cấp'),
      kind: requestKind([['RENEW', 'Gia hạn giấy phép'], ['ADJUST', 'Điều chỉnh nội dung giấy phép']], 'RENEW'),
    },
    conditionals: [{
      field: 'kind',
      equals: 'RENEW',
      then: { extension: integer('Thời gian đề nghị gia hạn (năm)', 3, { min: 1, max: 5 }) },
      else: { adjustments: longText('Nội dung đề nghị điều chỉnh', 'Thay đổi người chịu trách nhiệm kỹ thuật.') },
    }],
  }),
  '1.012607': () => ({
    fields: {
      sea: obj('Khai thác, sử dụng nước biển', {
        area: text('Vùng biển khai thác', 'Vịnh Vân Phong', { max: 200 }),
        location: location('Vị trí công trình', { communeCode: '22870' }),
        intakeX: number('Tọa độ X cửa lấy nước (VN-2000, m)', 1397820, { min: 0, max: 2600000 }),
        intakeY: number('Tọa độ Y cửa lấy nước (VN-2000, m)', 623410, { min: 0, max: 1000000 }),
        purpose: choice('Mục đích', [['COOLING', 'Làm mát nhà máy'], ['AQUACULTURE', 'Nuôi trồng thủy sản'], ['DESALINATION', 'Khử mặn cấp nước']], 'COOLING'),
        flow: quantity('Lưu lượng khai thác lớn nhất', 'm³/ngày đêm', 1200000),
        duration: integer('Thời hạn đề nghị cấp phép (năm)', 15, { min: 1, max: 30 }),
      }),
    },
  }),
  '1.012608': () => ({
    fields: {
      current: licenceDocs('Giấy phép đề nghị cấp lại'),
      licenceKind: choice('Loại giấy phép', [['SURFACE', 'Khai thác nước mặt'], ['GROUND', 'Khai thác nước dưới đất'], ['SEA', 'Khai thác nước biển'], ['DISCHARGE', 'Xả nước thải']], 'SURFACE', { radio: false }),
      reason: choice('Lý do cấp lại', [['LOST', 'Bị mất'], ['DAMAGED', 'Bị rách nát, hư hỏng'], ['OWNER', 'Thay đổi tên chủ giấy phép']], 'DAMAGED'),
    },
  }),
  '1.012609': () => ({
    fields: {
      discharge: obj('Xả nước thải vào nguồn nước', {
        facility: text('Cơ sở xả nước thải', 'Khu công nghiệp Quế Võ', { max: 300 }),
        receiving: text('Nguồn nước tiếp nhận', 'Sông Cầu', { max: 200 }),
        location: location('Vị trí xả thải', { communeCode: '09265' }),
        outletX: number('Tọa độ X điểm xả (VN-2000, m)', 2342110, { min: 0, max: 2600000 }),
        outletY: number('Tọa độ Y điểm xả (VN-2000, m)', 569870, { min: 0, max: 1000000 }),
        maxFlow: quantity('Lưu lượng xả lớn nhất', 'm³/ngày đêm', 12000),
        method: choice('Phương thức xả', [['GRAVITY', 'Tự chảy'], ['PUMPED', 'Bơm cưỡng bức']], 'GRAVITY'),
        standard: text('Quy chuẩn kỹ thuật áp dụng', 'QCVN 40:2011/BTNMT, cột A', { max: 100 }),
        duration: integer('Thời hạn đề nghị cấp phép (năm)', 10, { min: 1, max: 10 }),
      }),
    },
  }),
  '1.012610': () => ({
    fields: {
      current: licenceDocs('Giấy phép đề nghị tạm dừng hiệu lực'),
      from: date('Tạm dừng từ ngày', '2026-04-01'),
      to: date('Đến ngày', '2026-12-31'),
      reason: longText('Lý do tạm dừng', 'Nhà máy tạm ngừng sản xuất để cải tạo dây chuyền.'),
    },
  }),
  '1.012611': () => ({
    fields: {
      current: licenceDocs('Giấy phép đề nghị trả lại'),
      returnOn: date('Ngày đề nghị trả lại', '2026-03-01'),
      reason: longText('Lý do trả lại', 'Chuyển sang sử dụng nước máy của khu công nghiệp.'),
    },
  }),
  '1.012612': () => ({
    fields: {
      current: licenceDocs('Giấy phép khai thác tài nguyên nước'),
      calculation: obj('Căn cứ tính tiền cấp quyền', {
        purpose: choice('Mục đích khai thác', waterPurposes, 'INDUSTRY', { radio: false }),
        volume: quantity('Sản lượng khai thác tính tiền', 'm³/năm', 2500000),
        price: quantity('Giá tính tiền', 'đồng/m³', 3500),
        coefficient: number('Hệ số điều chỉnh', 1.1, { exclusiveMin: 0, max: 2 }),
        paymentMode: choice('Phương thức nộp', [['ONCE', 'Nộp một lần'], ['ANNUAL', 'Nộp hằng năm']], 'ANNUAL'),
      }),
    },
  }),
  '1.012613': () => ({
    fields: {
      decision: licenceRef('Quyết định phê duyệt tiền cấp quyền đã ban hành', { number: '512/QĐ-BTNMT', issuedOn: '2023-05-20' }),
      reason: choice('Trường hợp điều chỉnh', [['FLOW', 'Điều chỉnh lưu lượng khai thác'], ['PRICE', 'Thay đổi giá tính tiền'], ['STOP', 'Ngừng khai thác']], 'FLOW'),
      newVolume: quantity('Sản lượng khai thác sau điều chỉnh', 'm³/năm', 1800000, { optional: true }),
      explanation: longText('Thuyết minh', 'Giảm lưu lượng theo giấy phép điều chỉnh số 88/GP-BTNMT.'),
    },
  }),
  '1.012614': () => ({
    fields: {
      reservoir: obj('Hồ chứa', {
        name: text('Tên hồ chứa, công trình', 'Hồ chứa thủy điện Bản Vẽ', { max: 200 }),
        river: text('Sông, suối', 'Sông Cả', { max: 100 }),
        location: location('Vị trí đập', { communeCode: '16912' }),
        capacity: quantity('Dung tích toàn bộ', 'triệu m³', 1834),
        damHeight: quantity('Chiều cao đập', 'm', 137),
        power: quantity('Công suất lắp máy', 'MW', 320, { optional: true }),
        purposes: multiChoice('Nhiệm vụ', [['FLOOD', 'Cắt, giảm lũ'], ['POWER', 'Phát điện'], ['IRRIGATION', 'Cấp nước tưới'], ['SUPPLY', 'Cấp nước sinh hoạt, công nghiệp']], ['FLOOD', 'POWER']),
      }),
    },
  }),
  '2.001816': () => ({
    fields: {
      area: mineArea(),
      exploration: obj('Đề án thăm dò', {
        term: integer('Thời gian thăm dò (tháng)', 36, { min: 1, max: 48 }),
        cost: quantity('Dự toán chi phí thăm dò', 'triệu đồng', 42000),
        methods: longText('Phương pháp thăm dò', 'Khoan máy, hào, lấy và phân tích mẫu, đo địa vật lý lỗ khoan.'),
        expectedReserves: quantity('Tài nguyên dự báo', 'nghìn tấn', 12000, { optional: true }),
      }),
    },
  }),
  '2.001812': () => ({
    fields: {
      current: licenceDocs('Giấy phép thăm dò khoáng sản'),
      extension: integer('Thời gian đề nghị gia hạn (tháng)', 12, { min: 1, max: 24 }),
      progress: longText('Khối lượng thăm dò đã thực hiện', 'Hoàn thành 70% khối lượng khoan; còn 12 lỗ khoan tại khối B.'),
      reason: longText('Lý do gia hạn', 'Thời tiết mưa lũ kéo dài làm gián đoạn thi công.'),
    },
  }),
  '2.001746': () => ({
    fields: {
      area: mineArea(),
      mining: obj('Nội dung khai thác', {
        reserves: quantity('Trữ lượng được phê duyệt', 'nghìn tấn', 35000),
        reservesDecision: text('Số quyết định phê duyệt trữ lượng', '1234/QĐ-HĐTLKS', { max: 60 }),
        capacity: quantity('Công suất khai thác', 'nghìn tấn/năm', 1500),
        method: choice('Phương pháp khai thác', miningMethods, 'UNDERGROUND'),
        duration: integer('Thời hạn khai thác (năm)', 25, { min: 1, max: 30 }),
        depthFrom: number('Độ sâu khai thác từ cao độ (m)', -50, { min: -2000, max: 3000 }),
      }),
    },
  }),
  '1.004314': () => ({
    fields: {
      current: licenceDocs('Giấy phép khai thác khoáng sản'),
      extension: integer('Thời gian đề nghị gia hạn (năm)', 5, { min: 1, max: 15 }),
      remaining: quantity('Trữ lượng còn lại', 'nghìn tấn', 8200),
      reason: longText('Lý do gia hạn', 'Còn trữ lượng chưa khai thác hết do điều kiện địa chất phức tạp.'),
    },
  }),
  '1.004262': () => ({
    fields: {
      current: licenceDocs('Giấy phép khai thác khoáng sản'),
      scope: choice('Phạm vi đóng cửa', [['WHOLE', 'Toàn bộ diện tích mỏ'], ['PART', 'Một phần diện tích']], 'WHOLE'),
      closurePlan: longText('Đề án đóng cửa mỏ', 'Lấp lò, san gạt, cải tạo mặt bằng và trồng cây theo phương án đã được phê duyệt.'),
    },
    conditionals: [{ field: 'scope', equals: 'PART', then: { area: quantity('Diện tích đề nghị đóng cửa', 'ha', 12.5), points: cornerPoints('Tọa độ khu vực đóng cửa (hệ VN-2000)') } }],
  }),
  '2.001742': () => ({
    fields: {
      current: licenceDocs('Giấy phép thăm dò khoáng sản'),
      transferee: obj('Tổ chức nhận chuyển nhượng', {
        name: text('Tên tổ chức', 'Công ty Cổ phần Khoáng sản Đông Bắc', { max: 300 }),
        taxCode: taxCode('Mã số thuế', { example: '5700100256' }),
        address: text('Địa chỉ trụ sở', 'Số 1 đường Trần Phú, thành phố Cẩm Phả, Quảng Ninh', { max: 300 }),
      }),
      completed: longText('Khối lượng thăm dò đã thực hiện', 'Hoàn thành 45% khối lượng khoan và hào.'),
      price: quantity('Giá trị chuyển nhượng', 'triệu đồng', 15000, { optional: true }),
    },
  }),
  '1.004305': () => ({
    fields: {
      current: licenceDocs('Giấy phép khai thác khoáng sản'),
      transferee: obj('Tổ chức nhận chuyển nhượng', {
        name: text('Tên tổ chức', 'Công ty Cổ phần Khoáng sản Đông Bắc', { max: 300 }),
        taxCode: taxCode('Mã số thuế', { example: '5700100256' }),
        address: text('Địa chỉ trụ sở', 'Số 1 đường Trần Phú, thành phố Cẩm Phả, Quảng Ninh', { max: 300 }),
      }),
      obligations: longText('Tình hình thực hiện nghĩa vụ tài chính', 'Đã nộp đủ tiền cấp quyền khai thác đến hết năm 2025.'),
      price: quantity('Giá trị chuyển nhượng', 'triệu đồng', 85000, { optional: true }),
    },
  }),
  '1.004324': (c) => ({
    fields: {
      current: licenceDocs('Giấy phép thăm dò khoáng sản'),
      reason: longText('Lý do trả lại', c === 'TH1' ? 'Kết quả thăm dò không đạt hiệu quả kinh tế.' : 'Phần diện tích phía nam không có triển vọng khoáng sản.'),
      ...(c === 'TH2' ? { returnedArea: quantity('Diện tích trả lại', 'ha', 40.2), points: cornerPoints('Tọa độ khu vực trả lại (hệ VN-2000)') } : {}),
    },
  }),
  '2.002318': () => ({
    fields: {
      data: obj('Dữ liệu giao nộp', {
        project: text('Tên đề án, dự án, nhiệm vụ', 'Thăm dò than khu Khe Chàm III', { max: 300 }),
        kinds: multiChoice('Loại dữ liệu', [['REPORT', 'Báo cáo tổng kết'], ['MAP', 'Bản đồ, bản vẽ'], ['SAMPLE', 'Mẫu vật địa chất'], ['DIGITAL', 'Cơ sở dữ liệu số'], ['LOG', 'Tài liệu nguyên thủy']], ['REPORT', 'MAP', 'DIGITAL']),
        format: choice('Hình thức', [['PAPER', 'Bản giấy'], ['DIGITAL', 'Bản số'], ['BOTH', 'Bản giấy và bản số']], 'BOTH'),
        volume: text('Khối lượng tài liệu', '3 tập báo cáo, 24 bản vẽ, 1 ổ đĩa dữ liệu', { max: 300 }),
      }),
    },
  }),
  '2.001822': () => ({
    fields: {
      auction: obj('Đăng ký tham gia đấu giá', {
        areaName: text('Tên khu vực đấu giá', 'Khu vực mỏ đá vôi Tân Lâm', { max: 200 }),
        mineral: choice('Loại khoáng sản', minerals, 'LIMESTONE_CEMENT', { radio: false }),
        notice: text('Số thông báo đấu giá', '15/TB-HĐĐGQKTKS', { max: 60 }),
        deposit: quantity('Tiền đặt trước đã nộp', 'triệu đồng', 2500),
        equity: quantity('Vốn chủ sở hữu', 'tỷ đồng', 350, { help: 'Tối thiểu 30% tổng vốn đầu tư dự án khai thác' }),
      }),
    },
  }),
  '1.013301': (c): Sections => {
    if (c === 'TH1')
      return {
        fields: {
          kind: requestKind([['NEW', 'Cấp mới'], ['SUPPLEMENT', 'Bổ sung nội dung hoạt động']], 'NEW'),
          activities: multiChoice('Nội dung hoạt động đo đạc và bản đồ', surveyActivities, ['TOPO_MAP', 'CADASTRAL']),
          technicalLead: text('Người phụ trách kỹ thuật', 'Lê Văn Hùng', { max: 150 }),
          staff: integer('Số nhân viên kỹ thuật', 15, { min: 1 }),
          equipment: longText('Thiết bị công nghệ chính', '04 máy toàn đạc điện tử, 06 máy thu GNSS 2 tần số, phần mềm MicroStation.'),
        },
        conditionals: [{ field: 'kind', equals: 'SUPPLEMENT', then: { current: licenceDocs('Giấy phép hoạt động đo đạc và bản đồ đã cấp') } }],
      };
    if (c === 'TH2') return { fields: { current: licenceDocs('Giấy phép đề nghị gia hạn'), expiresOn: date('Ngày hết hạn', '2026-08-15') } };
    return {
      fields: {
        current: licenceDocs('Giấy phép đề nghị cấp lại, cấp đổi'),
        kind: requestKind([['REISSUE', 'Cấp lại (mất, hư hỏng)'], ['EXCHANGE', 'Cấp đổi (thay đổi thông tin)']], 'REISSUE'),
      },
      conditionals: [{ field: 'kind', equals: 'EXCHANGE', then: { changes: longText('Thông tin thay đổi', 'Thay đổi địa chỉ trụ sở chính.') } }],
    };
  },
  '1.013302': (c): Sections => {
    const qualification = obj('Trình độ chuyên môn và kinh nghiệm', {
      degree: choice('Trình độ', [['BACHELOR', 'Đại học'], ['MASTER', 'Thạc sĩ'], ['DOCTOR', 'Tiến sĩ']], 'BACHELOR'),
      major: text('Chuyên ngành đào tạo', 'Trắc địa – Bản đồ', { max: 150 }),
      school: text('Cơ sở đào tạo', 'Trường Đại học Mỏ – Địa chất', { max: 200 }),
      graduationYear: integer('Năm tốt nghiệp', 2012, { min: 1960, max: 2030 }),
      experience: integer('Số năm kinh nghiệm đo đạc và bản đồ', 10, { min: 0, max: 60 }),
      fields: multiChoice('Lĩnh vực đề nghị cấp chứng chỉ', surveyActivities, ['TOPO_MAP', 'CADASTRAL']),
    });
    if (c === 'TH1') return { fields: { qualification } };
    return {
      fields: {
        current: licenceRef('Chứng chỉ hành nghề đã cấp', { number: 'ĐĐBĐ-I-00123', issuedOn: '2021-05-10', issuer: 'Cục Đo đạc, Bản đồ và Thông tin địa lý Việt Nam' }),
        kind: requestKind([['RENEW', 'Gia hạn'], ['REISSUE', 'Cấp lại'], ['EXCHANGE', 'Cấp đổi']], 'RENEW'),
      },
      conditionals: [{ field: 'kind', equals: ['REISSUE', 'EXCHANGE'], then: { reason: longText('Lý do cấp lại, cấp đổi', 'Chứng chỉ bị hư hỏng do ngập nước.') } }],
    };
  },
  '1.013303': () => ({
    fields: {
      request: obj('Thông tin, dữ liệu đề nghị cung cấp', {
        sheets: list('Danh mục mảnh bản đồ', 'Mảnh bản đồ', {
          number: text('Số hiệu mảnh', 'F-48-68-D-d', { max: 30, pattern: '^[A-Z]-\\d{1,2}(-[0-9A-Za-z()]+)*$', help: 'Theo hệ thống phân mảnh VN-2000, ví dụ F-48-68-D-d' }),
          scale: choice('Tỷ lệ', scales, '1:10000', { radio: false }),
        }, [{ number: 'F-48-68-D-d', scale: '1:10000' }, { number: 'F-48-68-D-c', scale: '1:10000' }]),
        dataKind: choice('Loại dữ liệu', [['TOPO', 'Bản đồ địa hình'], ['ORTHO', 'Bình đồ ảnh'], ['DEM', 'Mô hình số độ cao'], ['POINTS', 'Tọa độ, độ cao điểm đo đạc']], 'TOPO', { radio: false }),
        purpose: text('Mục đích sử dụng', 'Lập quy hoạch chi tiết khu công nghiệp', { max: 300 }),
        format: choice('Dạng sản phẩm', [['DIGITAL', 'Dạng số'], ['PAPER', 'Dạng giấy']], 'DIGITAL'),
        delivery: choice('Hình thức nhận', [['ONLINE', 'Tải về trực tuyến'], ['POSTAL', 'Qua bưu chính'], ['COUNTER', 'Nhận trực tiếp']], 'ONLINE'),
      }),
    },
  }),
  '1.013304': () => ({
    fields: {
      flight: obj('Nội dung bay chụp', {
        area: text('Khu vực bay chụp', 'Vùng ven biển tỉnh Thanh Hóa', { max: 300 }),
        areaSize: quantity('Diện tích bay chụp', 'km²', 850),
        purpose: text('Mục đích', 'Thành lập bản đồ địa hình tỷ lệ 1:5.000', { max: 300 }),
        aircraft: text('Loại tàu bay', 'Máy bay không người lái cánh bằng', { max: 150 }),
        camera: text('Thiết bị chụp ảnh, quét', 'Máy ảnh số cỡ trung 100 MP kèm GNSS/IMU', { max: 200 }),
        gsd: quantity('Độ phân giải mặt đất', 'cm', 10),
        from: date('Thời gian bay từ ngày', '2026-01-10'),
        to: date('Đến ngày', '2026-03-31'),
        points: cornerPoints('Tọa độ ranh giới khu bay (hệ VN-2000)'),
      }),
    },
  }),
  '1.013305': () => ({
    fields: {
      map: obj('Bản đồ, sản phẩm bản đồ', {
        title: text('Tên bản đồ, sản phẩm', 'Atlat địa lý Việt Nam dành cho học sinh', { max: 300 }),
        kind: choice('Loại sản phẩm', [['ATLAS', 'Tập bản đồ (atlas)'], ['WALL_MAP', 'Bản đồ treo tường'], ['DIGITAL', 'Bản đồ số, ứng dụng'], ['OTHER', 'Sản phẩm khác']], 'ATLAS', { radio: false }),
        scale: text('Tỷ lệ', '1:6.000.000', { max: 30 }),
        copies: integer('Số lượng phát hành', 20000, { min: 1 }),
        publisher: text('Nhà xuất bản', 'Nhà xuất bản Giáo dục Việt Nam', { max: 200 }),
        showsBorder: choice('Có thể hiện đường biên giới quốc gia', [['YES', 'Có'], ['NO', 'Không']], 'YES'),
      }),
    },
  }),
  '1.013306': () => ({
    fields: {
      design: obj('Thiết kế kỹ thuật – dự toán', {
        project: text('Tên công trình', 'Đo đạc lập bản đồ địa hình đáy biển tỷ lệ 1:10.000 vùng ven bờ Quảng Ngãi', { max: 300 }),
        scope: text('Phạm vi', 'Ven biển tỉnh Quảng Ngãi', { max: 300 }),
        sheets: integer('Số mảnh bản đồ', 42, { min: 1 }),
        budget: quantity('Tổng dự toán', 'triệu đồng', 27500),
        term: integer('Thời gian thực hiện (tháng)', 18, { min: 1, max: 60 }),
      }),
    },
  }),
  '2.002081': hcfc('IMPORT'),
  '2.002082': () => ({
    fields: {
      registration: obj('Đăng ký nhập khẩu polyol trộn sẵn HCFC-141b', {
        year: integer('Năm đăng ký', 2026, { min: 2024, max: 2040 }),
        quantity: quantity('Khối lượng polyol trộn sẵn', 'tấn', 180),
        content: number('Hàm lượng HCFC-141b (%)', 12.5, { exclusiveMin: 0, max: 100 }),
        hsCode: text('Mã HS', '3824.78.00', { max: 12, pattern: '^\\d{4}(\\.\\d{2}){1,2}$' }),
        country: choice('Nước xuất khẩu', countries, 'TH', { radio: false }),
        use: text('Mục đích sử dụng', 'Sản xuất xốp cách nhiệt tủ lạnh', { max: 300 }),
      }),
    },
  }),
  '2.002083': hcfc('EXPORT'),
};

// ---------- assembling ----------

export interface CatalogCase { code: string; name: string; capabilities: ProcedureCapabilities; components?: Array<{ templates?: unknown[] }> }
export interface CatalogProcedure { code: string; name: string; applicantTypes: string[]; versions: Array<{ versionNo: number; cases: CatalogCase[] }> }

export interface FormCase { caseCode: string; schema: JsonSchema; uiSchema: JsonSchema }
export interface FormFile { procedureCode: string; versionNo: number; cases: FormCase[] }
/** Valid answers for a case: the base example and one per conditional branch. */
export type FormExamples = Record<string, Array<Record<string, unknown>>>;

export const latestVersion = (p: CatalogProcedure) => p.versions.reduce((a, b) => (b.versionNo > a.versionNo ? b : a));

/** Level 3 or 4: the case can be filed online. */
export const isOnlineCase = (c: CatalogCase) => legacyLevel(c.capabilities, (c.components ?? []).some((x) => (x.templates ?? []).length > 0)) >= 3;

export function buildCase(p: CatalogProcedure, c: CatalogCase): { form: FormCase; examples: Array<Record<string, unknown>> } {
  const spec = specs[p.code];
  if (!spec) throw new Error(`No form specification for procedure ${p.code}`);
  const sections = spec(c.code);
  const applicant = applicantFields(p.applicantTypes, sections.applicant);
  const conditionals = [...applicant.conditionals, ...(sections.conditionals ?? [])];
  const root = obj(undefined, { ...applicant.fields, ...sections.fields, notes: notes() }, { conditionals });
  const schema: JsonSchema = { $schema: FORM_SCHEMA_DIALECT, title: `Đơn đề nghị — ${p.name}`, description: c.name, ...root.schema };
  const examples: Array<Record<string, unknown>> = [root.example as Record<string, unknown>];
  // One more example per conditional: the other branch chosen and filled.
  for (const cond of conditionals) {
    const trigger = applicant.fields[cond.field] ?? sections.fields[cond.field];
    const options: string[] = (trigger?.schema.oneOf ?? []).map((o: { const: string }) => o.const);
    const base = root.example as Record<string, unknown>;
    const holdsNow = Array.isArray(cond.equals) ? cond.equals.includes(base[cond.field] as string) : cond.equals === base[cond.field];
    const other = options.find((o) => (Array.isArray(cond.equals) ? cond.equals.includes(o) : cond.equals === o) !== holdsNow);
    if (other === undefined) continue;
    const variant: Record<string, unknown> = { ...base, [cond.field]: other };
    for (const k of Object.keys({ ...cond.then, ...(cond.else ?? {}) })) delete variant[k];
    for (const [k, f] of Object.entries(holdsNow ? cond.else ?? {} : cond.then)) if (f.example !== undefined) variant[k] = f.example;
    examples.push(variant);
  }
  return { form: { caseCode: c.code, schema, uiSchema: root.ui ?? {} }, examples };
}

/** Every form file (one per procedure with an online case) and the example answers per procedure/case. */
export function buildForms(procedures: CatalogProcedure[]): { files: FormFile[]; examples: Record<string, FormExamples> } {
  const files: FormFile[] = [];
  const examples: Record<string, FormExamples> = {};
  for (const p of procedures) {
    const version = latestVersion(p);
    const cases = version.cases.filter(isOnlineCase);
    if (cases.length === 0) continue;
    const built = cases.map((c) => buildCase(p, c));
    files.push({ procedureCode: p.code, versionNo: version.versionNo, cases: built.map((b) => b.form) });
    examples[p.code] = Object.fromEntries(built.map((b, i) => [cases[i]!.code, b.examples]));
  }
  return { files, examples };
}
