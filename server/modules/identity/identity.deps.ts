import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/create-database.js';
import type { Mailer } from '../../platform/mail/mailer.js';

/** What identity use cases need, passed explicitly by routes, the CLI and the seed. */
export interface IdentityDeps {
  db: Database;
  config: Config;
  mailer: Mailer;
}

/** Where a request came from, for sessions and the audit trail. */
export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}
