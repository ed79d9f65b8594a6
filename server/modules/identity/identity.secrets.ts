/**
 * The identity module's secrets at rest (docs/adr/0020-secrets-at-rest.md): officials' TOTP
 * secrets (current and pending) and the private keys that sign API access tokens, sealed under
 * `SECRETS_KEY` and opened only where a code is checked or a token signed.
 */
import type { SecretColumn } from '../../platform/secrets/index.js';
import { signingKeysTable, totpCredentialsTable } from './identity.tables.js';

/** Sealing context of a user's TOTP secrets (the current and the pending one share it). */
export const totpSecretContext = (userId: string) => `totp_credentials:${userId}`;
/** Sealing context of a token-signing private key. */
export const signingKeyContext = (kid: string) => `signing_keys:${kid}`;

export const identitySecretColumns: readonly SecretColumn[] = [
  { name: 'totp_credentials.secret', table: totpCredentialsTable, id: totpCredentialsTable.userId, column: totpCredentialsTable.secret, field: 'secret', kind: 'text', context: totpSecretContext },
  { name: 'totp_credentials.pending_secret', table: totpCredentialsTable, id: totpCredentialsTable.userId, column: totpCredentialsTable.pendingSecret, field: 'pendingSecret', kind: 'text', context: totpSecretContext },
  { name: 'signing_keys.private_jwk', table: signingKeysTable, id: signingKeysTable.kid, column: signingKeysTable.privateJwk, field: 'privateJwk', kind: 'json', context: signingKeyContext },
];
