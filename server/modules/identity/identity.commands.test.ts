import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config/config.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { createTestDatabase } from '../../test/test-database.js';
import { parseFlags, runUsersCommand, UsageError } from './identity.commands.js';
import { getMe } from './identity.profile.usecases.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle?.close());

const config = loadConfig({ NODE_ENV: 'test', ARGON2_MEMORY_KIB: '4096', ARGON2_TIME_COST: '2', ARGON2_PARALLELISM: '1' });

describe('users commands', () => {
  it('creates the first administrator and grants a field-limited role', async () => {
    const outputs: unknown[] = [];
    const out = (_human: string, data: unknown) => outputs.push(data);
    const run = (command: string, args: string[]) => runUsersCommand({ db: handle.db, config, command, args, out });
    expect(await run('create-admin', ['--email', 'quantri@monre.gov.vn', '--password', 'quan-tri-2026!', '--unit', '000.00.01.G99', '--name', 'Quản trị viên'])).toBe(0);
    expect(await run('grant', ['--email', 'quantri@monre.gov.vn', '--role', 'specialist', '--unit', '000.00.03.G99', '--fields', 'TAI_NGUYEN_NUOC'])).toBe(0);
    const { userId } = outputs[0] as { userId: string };
    const me = await getMe({ db: handle.db, userId });
    expect(me.grants).toEqual([
      { role: 'ADMINISTRATOR', unitCode: '000.00.01.G99', unitName: expect.any(String), fieldCodes: [] },
      { role: 'SPECIALIST', unitCode: '000.00.03.G99', unitName: expect.any(String), fieldCodes: ['TAI_NGUYEN_NUOC'] },
    ]);
  });

  it('reports usage problems', async () => {
    expect(() => parseFlags(['--email'])).toThrow(UsageError);
    await expect(runUsersCommand({ db: handle.db, config, command: 'create-official', args: ['--email', 'a@b.vn', '--password', 'long-password-1', '--unit', '000.00.01.G99', '--role', 'BOSS'], out: () => {} }))
      .rejects.toBeInstanceOf(UsageError);
    await expect(runUsersCommand({ db: handle.db, config, command: 'create-admin', args: ['--email', 'a@b.vn', '--password', 'short', '--unit', '000.00.01.G99'], out: () => {} }))
      .rejects.toThrow(/ít nhất 10 ký tự/);
  });
});
