/**
 * Every table, re-exported for drizzle-kit (drizzle.config.ts) and tools. Assembled here, at
 * the composition root, from each module's public surface: the platform layer imports no module.
 */
export * from './modules/catalog/catalog.tables.js';
export * from './platform/audit/audit.tables.js';
export * from './platform/events/events.tables.js';
export * from './modules/identity/identity.tables.js';
export * from './modules/dossiers/dossiers.tables.js';
export * from './modules/dossiers/document-templates.tables.js';
export * from './modules/forms/forms.tables.js';
export * from './platform/mail/mail-deliveries.tables.js';
export * from './platform/sms/sms-deliveries.tables.js';
export * from './modules/calendar/calendar.tables.js';
export * from './modules/workflows/workflows.tables.js';
export * from './modules/notifications/notifications.tables.js';
export * from './modules/integration/integration.tables.js';
export * from './modules/nsw/nsw.tables.js';
export * from './modules/payments/payments.tables.js';
export * from './modules/receipts/receipts.tables.js';
export * from './modules/webhooks/webhooks.tables.js';
export * from './modules/authoring/authoring.tables.js';
export * from './modules/statistics/statistics.tables.js';
