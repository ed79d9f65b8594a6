import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPgliteDataDir } from './create-database.js';

describe('embedded database folder', () => {
  it('cannot be opened by a second holder while the first has it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-lock-'));
    const first = await openPgliteDataDir(dir);
    try {
      await expect(openPgliteDataDir(dir)).rejects.toMatchObject({ code: 'db.data_dir_locked' });
    } finally {
      await first.close();
    }
    const again = await openPgliteDataDir(dir);
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
    // Two on-disk PGlite starts: about 20 s on a busy two-core machine.
  }, 90_000);
});
