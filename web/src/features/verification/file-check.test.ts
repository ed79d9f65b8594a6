import { createHash, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkFile, groupDigest, sameDigest, sha256Hex, type Digest } from './file-check';
import { vnDay, vnMoment } from './format';

const digest: Digest = (data) => webcrypto.subtle.digest('SHA-256', data);
const file = (name: string, text: string) => ({ name, arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer });

describe('checking a file against the original', () => {
  it('computes the same SHA-256 as the server (lower-case hex)', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7 văn bản gốc');
    expect(await sha256Hex(bytes.buffer as ArrayBuffer, digest)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('says match only for the very same bytes', async () => {
    const original = createHash('sha256').update('bản gốc').digest('hex');
    expect(await checkFile(file('ket-qua.pdf', 'bản gốc'), original, digest)).toEqual({ state: 'done', fileName: 'ket-qua.pdf', digest: original, match: true });
    expect(await checkFile(file('ket-qua.pdf', 'bản gốc '), original, digest)).toMatchObject({ state: 'done', match: false });
    expect(await checkFile(file('ket-qua.pdf', 'bản gốc'), original.toUpperCase(), digest)).toMatchObject({ match: true });
  });

  it('reports a file that cannot be read', async () => {
    const broken = { name: 'x.pdf', arrayBuffer: () => Promise.reject(new Error('NotReadableError')) };
    expect(await checkFile(broken, 'ab', digest)).toEqual({ state: 'failed', fileName: 'x.pdf' });
  });

  it('compares and groups digests for people', () => {
    expect(sameDigest(' ABCDEF ', 'abcdef')).toBe(true);
    expect(sameDigest('abcdef', 'abcdee')).toBe(false);
    expect(groupDigest('0123456789abcdef01')).toBe('01234567 89abcdef 01');
  });

  it('shows moments in Viet Nam time', () => {
    expect(vnMoment('2026-11-28T03:15:00Z')).toBe('10:15, 28/11/2026');
    expect(vnDay('2026-11-28T20:00:00Z')).toBe('29/11/2026');
  });
});
