/** Secrets at rest: envelope encryption under the configured key (docs/adr/0020-secrets-at-rest.md). */
export { isSealed, keyIdOf, parseSecretKey, SecretDecryptionError, type Keyring } from './envelope.js';
export { activeKeyring, configureSecrets, createSecretUnreadableError, DEVELOPMENT_SECRETS_KEY, openSecret, openSecretJson, sealSecret, sealSecretJson } from './keyring.js';
export { encryptExistingSecrets, rewrapSecrets, sealSecretsAtStart, secretsStatus, type SecretColumn, type SecretColumnStatus, type SweepReport } from './sweep.js';
export { runSecretsCommand, SecretsUsageError, secretsUsage } from './secrets.commands.js';
