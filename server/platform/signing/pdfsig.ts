/**
 * Reads the signatures of a PDF back with poppler's `pdfsig` (used by the tests, as an independent
 * validator of what the signing code writes).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PdfsigSignature {
  fieldName: string;
  commonName: string;
  distinguishedName: string;
  subFilter: string;
  signedRanges: string;
  /** "Total document signed" or "Not total document signed". */
  coverage: string;
  /** e.g. "Signature is Valid." */
  validation: string;
}

/** Each signature as pdfsig reports it (validation of the signatures, not of the certificates' trust). */
export async function pdfsig(pdf: Buffer): Promise<PdfsigSignature[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'opendvc-pdfsig-'));
  try {
    const file = path.join(dir, 'signed.pdf');
    await fs.writeFile(file, pdf);
    let stdout: string;
    try {
      ({ stdout } = await run('pdfsig', [file], { encoding: 'utf8', maxBuffer: 8 * 1024 * 1024 }));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pdfsig is not installed: install poppler-utils', { cause: err });
      // pdfsig exits non-zero when a certificate is not trusted; its report is still on stdout.
      stdout = String((err as { stdout?: string }).stdout ?? '');
      if (!stdout.includes('Signature #')) throw err;
    }
    return stdout
      .split(/^Signature #\d+:$/m)
      .slice(1)
      .map((block) => {
        const field = (label: string) => new RegExp(`^\\s*- ${label}: (.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
        return {
          fieldName: field('Signature Field Name'),
          commonName: field('Signer Certificate Common Name'),
          distinguishedName: field('Signer full Distinguished Name'),
          subFilter: field('Signature Type'),
          signedRanges: field('Signed Ranges'),
          coverage: /^\s*- (Total document signed|Not total document signed)$/m.exec(block)?.[1] ?? '',
          validation: field('Signature Validation'),
        };
      });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
