/** Whether an upload is acceptable, from its content type and size; the messages are shown to citizens. */
import { extensionOfMediaType, mediaTypeLabel, type SniffedType } from './media-type.js';

export interface UploadFacts {
  /** The name the user's browser sent; only used in messages. */
  declaredName: string;
  /** From sniffMediaType; undefined when the content is not recognised. */
  sniffedType: SniffedType | undefined;
  size: number;
}

export interface UploadPolicy {
  /** Accepted media types, e.g. `['application/pdf', 'image/jpeg', 'image/png']`. */
  allowedTypes: readonly string[];
  maxBytes: number;
}

export type UploadProblemCode = 'files.empty' | 'files.too_large' | 'files.unknown_type' | 'files.content_mismatch' | 'files.type_not_allowed';

export interface UploadProblem {
  code: UploadProblemCode;
  message: string;
}

/** `10 MB`, `1,5 MB`, `512 KB` (Vietnamese decimal comma). */
export function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number(mb.toFixed(1)).toLocaleString('vi-VN')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('vi-VN')} KB`;
}

const allowedLabels = (policy: UploadPolicy) =>
  policy.allowedTypes.map((mime) => mediaTypeLabel({ mime, ext: extensionOfMediaType[mime] })).join(', ');

export const tooLargeProblem = (declaredName: string, maxBytes: number): UploadProblem => ({
  code: 'files.too_large',
  message: `Tệp '${declaredName}' vượt quá dung lượng cho phép ${formatSize(maxBytes)}.`,
});

/** The first problem with an upload, or undefined when it is acceptable. The name never decides the type. */
export function checkUpload(facts: UploadFacts, policy: UploadPolicy): UploadProblem | undefined {
  const name = facts.declaredName;
  if (facts.size === 0) return { code: 'files.empty', message: `Tệp '${name}' không có nội dung.` };
  if (facts.size > policy.maxBytes) return tooLargeProblem(name, policy.maxBytes);
  const sniffed = facts.sniffedType;
  if (sniffed && policy.allowedTypes.includes(sniffed.mime)) return undefined;
  const declaredExt = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  const claimed = policy.allowedTypes.find((mime) => {
    const ext = extensionOfMediaType[mime];
    return declaredExt !== undefined && (ext === declaredExt || (ext === 'jpg' && declaredExt === 'jpeg') || (ext === 'tif' && declaredExt === 'tiff'));
  });
  const actual = sniffed ? mediaTypeLabel(sniffed) : undefined;
  if (claimed) {
    const claimedLabel = mediaTypeLabel({ mime: claimed, ext: extensionOfMediaType[claimed] });
    return {
      code: 'files.content_mismatch',
      message: actual
        ? `Tệp '${name}' không phải là tệp ${claimedLabel} thực sự (nội dung là ${actual}).`
        : `Tệp '${name}' không phải là tệp ${claimedLabel} thực sự (không nhận biết được nội dung).`,
    };
  }
  if (!sniffed) {
    return { code: 'files.unknown_type', message: `Không nhận biết được loại nội dung của tệp '${name}'. Chỉ chấp nhận: ${allowedLabels(policy)}.` };
  }
  return { code: 'files.type_not_allowed', message: `Tệp '${name}' có nội dung ${actual}, không thuộc các loại được chấp nhận: ${allowedLabels(policy)}.` };
}
