/**
 * CLI commands for other systems' access:
 *   clients register --name N --scopes a,b    prints the client id and the secret (shown once)
 *   clients list
 *   clients revoke --id CLIENT_ID             the client gets no token, and its tokens stop working
 *   keys rotate                               new signing key; the old one verifies until its tokens expire
 */
import type { Database } from '../../platform/db/create-database.js';
import { parseFlags, UsageError } from './identity.commands.js';
import { rotateSigningKey } from './identity.oauth.keys.js';
import { listApiClients, registerApiClient, revokeApiClient } from './identity.oauth.usecases.js';
import { apiScopes } from './identity.tables.js';

export const clientsUsage = `  npm run cli -- clients register --name "Tên hệ thống" --scopes ${apiScopes.slice(0, 2).join(',')}
  npm run cli -- clients list
  npm run cli -- clients revoke --id CLIENT_ID
  npm run cli -- keys rotate
  (SCOPE: ${apiScopes.join(' | ')})`;

type Out = (human: string, data: unknown) => void;

/** Runs a `clients …` or `keys …` command; returns the exit code. */
export async function runClientsCommand({ db, group, command, args, out }: { db: Database; group: string; command: string | undefined; args: string[]; out: Out }): Promise<number> {
  if (group === 'keys' && command === 'rotate') {
    const { kid, retired } = await rotateSigningKey({ db });
    out(`Khóa ký mới / new signing key: ${kid}${retired.length ? ` (khóa cũ còn dùng để kiểm tra đến khi token hết hạn: ${retired.join(', ')})` : ''}`, { kid, retired });
    return 0;
  }
  if (group === 'clients' && command === 'register') {
    const flags = parseFlags(args);
    if (!flags.name) throw new UsageError('Thiếu --name');
    if (!flags.scopes) throw new UsageError('Thiếu --scopes');
    const scopes = flags.scopes.split(',').map((s) => s.trim()).filter(Boolean);
    const client = await registerApiClient({ db, name: flags.name, scopes });
    out(
      [
        `Đã đăng ký ứng dụng "${client.name}" / API client registered.`,
        `client_id: ${client.clientId}`,
        `client_secret (chỉ hiện lần này / shown once): ${client.clientSecret}`,
        `Phạm vi / scopes: ${client.scopes.join(' ')}`,
      ].join('\n'),
      client,
    );
    return 0;
  }
  if (group === 'clients' && command === 'list') {
    const clients = await listApiClients({ db });
    out(clients.map((c) => `${c.clientId}  ${c.status}  ${c.scopes.join(' ')}  ${c.name}`).join('\n') || '(không có)', clients);
    return 0;
  }
  if (group === 'clients' && command === 'revoke') {
    const flags = parseFlags(args);
    if (!flags.id) throw new UsageError('Thiếu --id');
    const revoked = await revokeApiClient({ db, clientId: flags.id });
    out(`Đã thu hồi ứng dụng "${revoked.name}" (${revoked.clientId}) / API client revoked.`, revoked);
    return 0;
  }
  throw new UsageError(`Lệnh không rõ: ${group} ${command ?? ''}`);
}
