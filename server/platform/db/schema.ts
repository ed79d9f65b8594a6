/** Every table, re-exported for drizzle-kit and relational queries. */
export * from '../../modules/catalog/catalog.tables.js';
