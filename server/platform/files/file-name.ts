/**
 * The name a stored file keeps, from the name the browser sent: no control, format (bidirectional
 * overrides, zero-width characters…), private-use or unpaired surrogate characters, no path, and an
 * extension that follows the type detected from the content — a PDF sent as `trang.html` is kept as
 * `trang.pdf`, so that the downloaded file opens as what it is.
 */

/** Characters a file name never keeps: Unicode categories Cc, Cf, Co, Cs, and line/paragraph separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/gu;

/** Extensions that name the same type. */
const SAME_TYPE: Record<string, string[]> = { jpg: ['jpeg', 'jpe'], tif: ['tiff'], htm: ['html'] };

const MAX_LENGTH = 255;

/** The name with invisible and path characters removed, spaces collapsed (NFC); `tep` when nothing is left. */
export function cleanFileName(declared: string): string {
  const base = declared.normalize('NFC').replace(INVISIBLE, '').split(/[/\\]/).pop()!;
  const cleaned = base.replace(/\s+/g, ' ').trim().replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned || 'tep';
}

/** The stored name: cleaned, with the extension of the detected type (`ext`, e.g. `pdf`). */
export function storedFileName(declared: string, ext: string): string {
  const cleaned = cleanFileName(declared);
  const match = /^(.*)\.([A-Za-z0-9]{1,8})$/.exec(cleaned);
  const declaredExt = match?.[2]?.toLowerCase();
  const keepsExt = declaredExt !== undefined && (declaredExt === ext || (SAME_TYPE[ext] ?? []).includes(declaredExt));
  const stem = (match ? match[1]!.replace(/[.\s]+$/, '') : cleaned) || 'tep';
  const suffix = `.${keepsExt ? match![2]! : ext}`;
  return `${[...stem].slice(0, MAX_LENGTH - suffix.length).join('')}${suffix}`;
}
