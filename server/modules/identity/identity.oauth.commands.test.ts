import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { createTestDatabase } from '../../test/test-database.js';
import { UsageError } from './identity.commands.js';
import { runClientsCommand } from './identity.oauth.commands.js';
import { issueClientToken } from './identity.oauth.usecases.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle?.close());

describe('clients and keys commands', () => {
  it('registers a client whose printed secret gets a token, and rotates the signing key', async () => {
    const human: string[] = [];
    const data: unknown[] = [];
    const out = (h: string, d: unknown) => (human.push(h), data.push(d));
    const run = (group: string, command: string, args: string[] = []) => runClientsCommand({ db: handle.db, group, command, args, out });
    expect(await run('clients', 'register', ['--name', 'Cổng dịch vụ công tỉnh', '--scopes', 'procedures:read,dossiers:read'])).toBe(0);
    const { clientId, clientSecret } = data[0] as { clientId: string; clientSecret: string };
    expect(human[0]).toContain(`client_id: ${clientId}`);
    expect(human[0]).toContain(clientSecret);
    const token = await issueClientToken({ db: handle.db, issuer: 'http://localhost:3000', ttlSeconds: 60, request: { grantType: 'client_credentials', clientId, clientSecret } });
    expect(token.scope).toBe('procedures:read dossiers:read');

    expect(await run('keys', 'rotate')).toBe(0);
    expect((data[1] as { retired: string[] }).retired).toHaveLength(1);
    expect(await run('clients', 'list')).toBe(0);
    expect(JSON.stringify(data[2])).not.toContain(clientSecret);
  });

  it('refuses unknown scopes and missing flags', async () => {
    const run = (args: string[]) => runClientsCommand({ db: handle.db, group: 'clients', command: 'register', args, out: () => {} });
    await expect(run(['--name', 'X'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['--name', 'X', '--scopes', 'everything'])).rejects.toMatchObject({ code: 'identity.invalid_scope' });
  });
});
