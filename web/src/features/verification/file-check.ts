/**
 * Comparing a file the visitor holds with the original: SHA-256 computed in the browser
 * (Web Crypto), never uploaded. Pure functions; the digest function is passed in for tests.
 */

export type Digest = (data: ArrayBuffer) => Promise<ArrayBuffer>;

/** The browser's SHA-256, or undefined outside a secure context (plain http on another host). */
export function browserSha256(): Digest | undefined {
  const subtle = globalThis.crypto?.subtle;
  return subtle ? (data) => subtle.digest('SHA-256', data) : undefined;
}

export function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Lower-case hex SHA-256 of the bytes. */
export async function sha256Hex(data: ArrayBuffer, digest: Digest): Promise<string> {
  return toHex(await digest(data));
}

/** Equal digests, whatever their case and surrounding spaces. */
export function sameDigest(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** "a1b2…" grouped by 8 characters, so that a person can compare two values. */
export function groupDigest(hex: string): string {
  return hex.match(/.{1,8}/g)?.join(' ') ?? hex;
}

export type FileCheckResult =
  | { state: 'idle' }
  | { state: 'checking'; fileName: string }
  | { state: 'done'; fileName: string; digest: string; match: boolean }
  | { state: 'failed'; fileName: string };

/** Reads and hashes `file`, and compares it with the original's SHA-256. */
export async function checkFile(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }, expected: string, digest: Digest): Promise<FileCheckResult> {
  try {
    const hex = await sha256Hex(await file.arrayBuffer(), digest);
    return { state: 'done', fileName: file.name, digest: hex, match: sameDigest(hex, expected) };
  } catch {
    return { state: 'failed', fileName: file.name };
  }
}
