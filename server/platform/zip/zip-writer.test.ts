import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createZipWriter, readZip } from './zip-writer.js';

describe('zip writer', () => {
  it('writes stored and deflated entries with UTF-8 names that unzip and readZip both read back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-zip-'));
    const file = path.join(dir, 'a.zip');
    const out = fs.createWriteStream(file);
    const zip = createZipWriter(out);
    const big = Buffer.alloc(300_000, 'Dữ liệu cá nhân ');
    await zip.add('du-lieu.json', Buffer.from(JSON.stringify({ hoTen: 'Nguyễn Văn An' })));
    await zip.add('tệp/Đơn đề nghị.pdf', Readable.from([big.subarray(0, 100_000), big.subarray(100_000)]), { compress: false });
    await zip.add('tệp/lớn.txt', Readable.from([big]));
    const size = await zip.finish();
    out.end();
    await new Promise<void>((r) => out.on('close', () => r()));
    expect(fs.statSync(file).size).toBe(size);

    const entries = readZip(fs.readFileSync(file));
    expect(entries.map((e) => e.name)).toEqual(['du-lieu.json', 'tệp/Đơn đề nghị.pdf', 'tệp/lớn.txt']);
    expect(JSON.parse(entries[0]!.data.toString())).toEqual({ hoTen: 'Nguyễn Văn An' });
    expect(entries[1]!.data.equals(big)).toBe(true);
    expect(entries[2]!.data.equals(big)).toBe(true);
    // Debian's unzip checks every CRC.
    expect(execFileSync('unzip', ['-t', file]).toString()).toContain('No errors detected');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
