/**
 * Vietnamese formats for e-form answers. Pure: used by the Ajv validator on the server and in
 * the browser, and by the web inputs to normalise what people type.
 */

/**
 * Province codes that open a personal identification number (số định danh cá nhân / CCCD):
 * the 63 province codes of Circular 07/2016/TT-BCA (Annex: "Danh sách mã tỉnh, thành phố"),
 * which follow the administrative unit codes of Decision 124/2004/QĐ-TTg. Numbers issued
 * before the 2025 merger of provinces keep these prefixes.
 */
export const PERSONAL_ID_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022',
  '024', '025', '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042',
  '044', '045', '046', '048', '049', '051', '052', '054', '056', '058', '060', '062', '064', '066',
  '067', '068', '070', '072', '074', '075', '077', '079', '080', '082', '083', '084', '086', '087',
  '089', '091', '092', '093', '094', '095', '096',
]);

/** 12 digits whose first three are a province code (Decree 137/2015/NĐ-CP, Circular 07/2016/TT-BCA). */
export function isVnPersonalId(value: string): boolean {
  return /^\d{12}$/.test(value) && PERSONAL_ID_PROVINCE_CODES.has(value.slice(0, 3));
}

/**
 * Tax code (mã số thuế, Circular 105/2020/TT-BTC): 10 digits, or 13 digits for a dependent unit,
 * written `0100109106-001` or `0100109106001`. The check digit is not enforced: demonstration
 * data commonly uses made-up codes.
 */
export function isVnTaxCode(value: string): boolean {
  return /^\d{10}(-?\d{3})?$/.test(value);
}

/** Removes separators and turns +84 / 0084 / 84 into the national 0 prefix; undefined when not digits. */
export function normalizeVnPhone(value: string): string | undefined {
  const compact = value.trim().replace(/[\s.()-]/g, '');
  if (!/^\+?\d+$/.test(compact)) return undefined;
  return compact.replace(/^(\+84|0084|84(?=\d{9,10}$))/, '0');
}

/**
 * Vietnamese phone number: a mobile number (10 digits: 03x, 05x, 07x, 08x, 09x) or a fixed line
 * (11 digits starting 02, area code included, e.g. 024 3822 1234). Spaces, dots, hyphens and a
 * +84 prefix are accepted.
 */
export function isVnPhone(value: string): boolean {
  const national = normalizeVnPhone(value);
  if (!national) return false;
  return /^0[35789]\d{8}$/.test(national) || /^02\d{9}$/.test(national);
}

/** Names of the custom formats, as written in `format` of a form schema. */
export const VN_FORMATS = {
  'vn-personal-id': isVnPersonalId,
  'vn-tax-code': isVnTaxCode,
  'vn-phone': isVnPhone,
} as const;
