/**
 * The signing keystore: a folder of PKCS#12 files sharing one passphrase.
 *   {dir}/users/{email}.p12    an official's personal signing certificate (lower-case e-mail)
 *   {dir}/units/{code}.p12     a unit's seal certificate (electronic unit code)
 *   {dir}/ca.pem, ca.p12       the demo CA (only when the demo PKI generated the folder)
 * Loaded signers are cached; a replaced file is read again (its modification time changes).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { createNoCertificateError } from './signing.errors.js';
import { loadSigner, type LoadSignerOptions, type PdfSigner } from './signer.js';

const safeSegment = /^[A-Za-z0-9@+._-]+$/;

/** File names of the keystore; names that could leave the folder are refused. */
export function keystorePaths(dir: string) {
  const file = (folder: string, name: string) => {
    if (!safeSegment.test(name) || name.startsWith('.')) throw createNoCertificateError({ details: { name } });
    return path.join(dir, folder, `${name}.p12`);
  };
  return {
    caPem: path.join(dir, 'ca.pem'),
    caP12: path.join(dir, 'ca.p12'),
    user: (email: string) => file('users', email.trim().toLowerCase()),
    unit: (code: string) => file('units', code.trim()),
  };
}

export interface Keystore {
  readonly dir: string;
  /** The official's signer, or undefined when the keystore holds no certificate for them. */
  signerForUser(email: string): Promise<PdfSigner | undefined>;
  /** The unit's seal signer, or undefined when there is none. */
  signerForUnit(unitCode: string): Promise<PdfSigner | undefined>;
}

export function createKeystore({ dir, passphrase, ...options }: { dir: string; passphrase: string } & LoadSignerOptions): Keystore {
  const paths = keystorePaths(dir);
  const cache = new Map<string, { mtimeMs: number; signer: PdfSigner }>();
  const open = async (file: string): Promise<PdfSigner | undefined> => {
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      cache.delete(file);
      return undefined;
    }
    const cached = cache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached.signer;
    const signer = loadSigner(await fs.readFile(file), passphrase, options);
    cache.set(file, { mtimeMs: stat.mtimeMs, signer });
    return signer;
  };
  return {
    dir,
    async signerForUser(email) {
      try {
        return await open(paths.user(email));
      } catch (e) {
        if ((e as { code?: string }).code === 'signing.no_certificate') return undefined;
        throw e;
      }
    },
    async signerForUnit(unitCode) {
      try {
        return await open(paths.unit(unitCode));
      } catch (e) {
        if ((e as { code?: string }).code === 'signing.no_certificate') return undefined;
        throw e;
      }
    },
  };
}
