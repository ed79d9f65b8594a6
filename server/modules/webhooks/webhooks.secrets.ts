/**
 * Webhook signing secrets at rest (docs/adr/0020-secrets-at-rest.md): the current and the
 * previous secret of a subscription are sealed under `SECRETS_KEY` and opened only to sign a
 * delivery.
 */
import type { SecretColumn } from '../../platform/secrets/index.js';
import { webhookSubscriptionsTable } from './webhooks.tables.js';

/** Sealing context of a subscription's secrets (the current and the previous one share it). */
export const webhookSecretContext = (subscriptionId: string) => `webhook_subscriptions:${subscriptionId}`;

export const webhookSecretColumns: readonly SecretColumn[] = [
  { name: 'webhook_subscriptions.secret', table: webhookSubscriptionsTable, id: webhookSubscriptionsTable.id, column: webhookSubscriptionsTable.secret, field: 'secret', kind: 'text', context: webhookSecretContext },
  { name: 'webhook_subscriptions.previous_secret', table: webhookSubscriptionsTable, id: webhookSubscriptionsTable.id, column: webhookSubscriptionsTable.previousSecret, field: 'previousSecret', kind: 'text', context: webhookSecretContext },
];
