/**
 * Text helpers shared by web and server. The database normalises search text with
 * `opendvc_search_normalize` (unaccent + lower); this is the same rule for the browser,
 * used to highlight matches.
 */
export function stripDiacritics(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

export function normalizeForSearch(input: string): string {
  return stripDiacritics(input).toLowerCase().replace(/\s+/g, ' ').trim();
}
