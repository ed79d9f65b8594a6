/** Every table, re-exported for drizzle-kit and relational queries. */
export * from '../../modules/catalog/catalog.tables.js';
export * from '../audit/audit.tables.js';
export * from '../../modules/identity/identity.tables.js';
export * from '../../modules/dossiers/dossiers.tables.js';
export * from '../mail/mail-deliveries.tables.js';
export * from '../../modules/calendar/calendar.tables.js';
export * from '../../modules/workflows/workflows.tables.js';
export * from '../../modules/notifications/notifications.tables.js';
