/**
 * Configuration: one schema assembled from documented entries, validated once at start.
 * Every problem is reported at once; code receives a typed object and never reads
 * `process.env` itself. `docs/configuration.md` is generated from these entries.
 */
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_WORKING_HOURS, parseWorkingHours } from '../../../common/calendar/holidays.js';
import { DVCQG_DEV_PASSWORD, DVCQG_DEV_USERNAME } from '../../../common/dvcqg/protocol.js';
import { parseSecretKey } from '../secrets/envelope.js';

interface ConfigEntry<T extends z.ZodType> {
  env: string;
  doc: string;
  schema: T;
  /** Shown in the docs; the schema's own default applies at runtime. */
  defaultText?: string;
  /** A production start fails when this is missing. */
  requiredInProduction?: boolean;
}

const entry = <T extends z.ZodType>(e: ConfigEntry<T>) => e;

/** Passphrase of the demo keystore; published, so refused in production. */
export const DEMO_SIGNING_PASSPHRASE = 'OpenDVC-demo-signing-2026';
const DEV_DVCQG_FILE_LINK_SECRET = 'opendvc-development-file-link-secret-not-for-production';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'phải là true hoặc false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const configEntries = {
  nodeEnv: entry({
    env: 'NODE_ENV',
    doc: 'Run mode: `development`, `test` or `production`. Production refuses to start without the values marked required.',
    schema: z.enum(['development', 'test', 'production']).default('development'),
    defaultText: 'development',
  }),
  host: entry({
    env: 'HOST',
    doc: 'Address the HTTP server listens on.',
    schema: z.string().min(1).default('0.0.0.0'),
    defaultText: '0.0.0.0',
  }),
  port: entry({
    env: 'PORT',
    doc: 'TCP port of the HTTP server.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(0).max(65535).default(3000),
    defaultText: '3000',
  }),
  publicUrl: entry({
    env: 'PUBLIC_URL',
    doc: 'Address citizens use to reach the portal; used in links, QR codes and e-mails. Outside production, when unset, it is `http://HOST:PORT` (`localhost` for a wildcard `HOST`).',
    schema: z.url({ message: 'phải là một URL đầy đủ, ví dụ https://dichvucong.example.gov.vn' }).optional(),
    defaultText: 'http://HOST:PORT',
    requiredInProduction: true,
  }),
  databaseUrl: entry({
    env: 'DATABASE_URL',
    doc: 'PostgreSQL connection string. When absent, an embedded PostgreSQL (PGlite) stores data in `DATA_DIR`.',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'phải bắt đầu bằng postgres:// hoặc postgresql://')
      .optional(),
    requiredInProduction: true,
  }),
  databasePoolMax: entry({
    env: 'DATABASE_POOL_MAX',
    doc: 'Largest number of PostgreSQL connections one app node opens.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(500).default(10),
    defaultText: '10',
  }),
  databaseConnectTimeoutMs: entry({
    env: 'DATABASE_CONNECT_TIMEOUT_MS',
    doc: 'How long a request waits for a PostgreSQL connection (a new one, or a free one of the pool when all `DATABASE_POOL_MAX` are busy) before it answers 503 `platform.database_unavailable` (with `Retry-After`). A refused connection (server down or restarting) fails at once whatever this is, and the app serves again as soon as the server accepts connections; this bounds the wait on an overloaded pool or a server that does not answer. Short values shed load under bursts.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(100).max(120000).default(30000),
    defaultText: '30000',
  }),
  dataDir: entry({
    env: 'DATA_DIR',
    doc: 'Folder for the embedded database and local files. Created when missing; one process at a time may open it.',
    schema: z.string().min(1).default('./data').transform((p) => path.resolve(p)),
    defaultText: './data',
  }),
  seedOnStart: entry({
    env: 'SEED_ON_START',
    doc: 'Import the bundled catalogue (and, outside production, demo data) at start. Idempotent.',
    schema: booleanFromEnv.optional(),
    defaultText: 'true with the embedded database, false with DATABASE_URL',
  }),
  catalogSeedFile: entry({
    env: 'CATALOG_SEED_FILE',
    doc: 'Catalogue exchange file imported at start when seeding (see `npm run cli -- procedures import`).',
    schema: z.string().min(1).default('./seed/catalog.json').transform((p) => path.resolve(p)),
    defaultText: './seed/catalog.json',
  }),
  searchCacheSeconds: entry({
    env: 'SEARCH_CACHE_SECONDS',
    doc: 'How long a node reuses a catalogue search answer (0 turns the cache off). An import on the node clears it at once; other nodes see the change within this time.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(0).max(86400).default(60),
    defaultText: '60',
  }),
  searchIndexCheckMs: entry({
    env: 'SEARCH_INDEX_CHECK_MS',
    doc: 'Each node answers catalogue searches from an in-memory index of the search projection; at most this often (ms) a search checks the projection\'s version in the database and the index is rebuilt when it changed. A publish or import on the node makes the next search check at once.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(0).max(60000).default(250),
    defaultText: '250',
  }),
  calendarWorkingHours: entry({
    env: 'CALENDAR_WORKING_HOURS',
    doc: 'Working sessions of a working day, local time (UTC+7), comma-separated `HH:MM-HH:MM`. Deadlines count only inside them; one working day of a time limit is their total (8 h by default). A dossier received after the last session counts from the next working day.',
    schema: z.string().default(DEFAULT_WORKING_HOURS).transform((value, ctx) => {
      try {
        return parseWorkingHours(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'phải có dạng HH:MM-HH:MM,HH:MM-HH:MM, theo thứ tự, không chồng nhau' });
        return z.NEVER;
      }
    }),
    defaultText: DEFAULT_WORKING_HOURS,
  }),
  dossierReceivingUnitCode: entry({
    env: 'DOSSIER_RECEIVING_UNIT_CODE',
    doc: 'Electronic code of the unit (one-stop office) that receives dossiers and whose code starts dossier codes; when it is not in the catalogue, a procedure\'s implementing agency receives.',
    schema: z.string().min(1).default('000.00.01.G99'),
    defaultText: '000.00.01.G99',
  }),
  documentPlace: entry({
    env: 'DOCUMENT_PLACE',
    doc: 'Place printed in the date line of the one-stop documents (receipt slip, supplement request, refusal) and of the statistics report PDF.',
    schema: z.string().min(1).default('Hà Nội'),
    defaultText: 'Hà Nội',
  }),
  postalDeliveryFeeVnd: entry({
    env: 'POSTAL_DELIVERY_FEE_VND',
    doc: 'Fee in VND (integer) recorded on a dossier whose applicant chooses to receive the result by post (public postal service); the payments module charges it as a payment item. 0 records no fee. The default is illustrative: set the carrier\'s tariff.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(0).max(10_000_000).default(35000),
    defaultText: '35000',
  }),
  receiptFormCode: entry({
    env: 'RECEIPT_FORM_CODE',
    doc: 'Form number (mẫu số, ký hiệu mẫu biên lai) printed on electronic fee receipts (Decree 123/2020/NĐ-CP, Circular 78/2021/TT-BTC): the one registered with the tax authority.',
    schema: z.string().trim().min(1).max(20).default('01BLP0-001'),
    defaultText: '01BLP0-001',
  }),
  receiptSymbolPrefix: entry({
    env: 'RECEIPT_SYMBOL_PREFIX',
    doc: 'Letters that start the receipt symbol (ký hiệu biên lai); the symbol is the prefix, the two-digit year and E (electronic), e.g. AA26E. Each unit numbers its receipts from 0000001 per year under the symbol.',
    schema: z.string().trim().regex(/^[A-Z]{1,4}$/, 'từ 1 đến 4 chữ cái in hoa').default('AA'),
    defaultText: 'AA',
  }),
  draftExpiryDays: entry({
    env: 'DRAFT_EXPIRY_DAYS',
    doc: 'An online draft not saved for this many days is deleted with its files; every save extends it.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(365).default(30),
    defaultText: '30',
  }),
  draftExpiryWarningDays: entry({
    env: 'DRAFT_EXPIRY_WARNING_DAYS',
    doc: 'How many days before a draft expires its applicant is warned by e-mail.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(0).max(60).default(5),
    defaultText: '5',
  }),
  draftSweepCron: entry({
    env: 'DRAFT_SWEEP_CRON',
    doc: 'When worker nodes run the draft-expiry sweep (warning e-mails, then deletion of expired drafts with their files): a cron expression of five fields in Asia/Ho_Chi_Minh time, or `off` for no schedule. Operators can also run it with `npm run cli -- dossiers sweep-drafts`.',
    schema: z.string().trim().default('15 * * * *').refine((v) => v === 'off' || /^\S+( \S+){4}$/.test(v), 'phải là biểu thức cron 5 trường (phút giờ ngày tháng thứ) hoặc off')
      .transform((v) => (v === 'off' ? null : v)),
    defaultText: '15 * * * * (hourly)',
  }),
  retentionDraftDays: entry({
    env: 'RETENTION_DRAFT_DAYS',
    doc: 'Personal data retention (Law 91/2025/QH15, ADR 0022): days an expired online draft is kept after its expiry before it is deleted with its files (0: deleted at expiry).',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(0).max(3650).default(0),
    defaultText: '0',
  }),
  retentionWithdrawnDays: entry({
    env: 'RETENTION_WITHDRAWN_DAYS',
    doc: 'Days after a dossier was withdrawn before its personal data (answers, applicant details, delivery address, attachments) is purged; the code, procedure, unit, dates, statuses and statistics stay.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(36500).default(365),
    defaultText: '365',
  }),
  retentionRefusedDays: entry({
    env: 'RETENTION_REFUSED_DAYS',
    doc: 'Days after a dossier was refused at reception before its personal data is purged (as for withdrawn dossiers).',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(36500).default(365),
    defaultText: '365',
  }),
  retentionStoppedDays: entry({
    env: 'RETENTION_STOPPED_DAYS',
    doc: 'Days after the processing of a dossier was stopped before its personal data is purged (as for withdrawn dossiers; issued documents stay).',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(36500).default(1825),
    defaultText: '1825 (5 years)',
  }),
  retentionCron: entry({
    env: 'RETENTION_CRON',
    doc: 'When worker nodes run the personal data retention purge: a cron expression of five fields in Asia/Ho_Chi_Minh time, or `off`. Operators can run it with `npm run cli -- retention run [--dry-run]`.',
    schema: z.string().trim().default('40 2 * * *').refine((v) => v === 'off' || /^\S+( \S+){4}$/.test(v), 'phải là biểu thức cron 5 trường (phút giờ ngày tháng thứ) hoặc off')
      .transform((v) => (v === 'off' ? null : v)),
    defaultText: '40 2 * * * (daily at 02:40)',
  }),
  personalDataExportsPerHour: entry({
    env: 'PERSONAL_DATA_EXPORTS_PER_HOUR',
    doc: 'How many downloads of "my personal data" one client may start per hour (`GET /api/v1/me/personal-data/export`).',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(1000).default(10),
    defaultText: '10',
  }),
  deadlineWarningWorkingHours: entry({
    env: 'DEADLINE_WARNING_WORKING_HOURS',
    doc: 'The deadline sweep warns the officials who must act (the assignee, or every holder of the step\'s role in the unit, and the unit heads) once a workflow step, or the whole dossier, has this many working hours or fewer left; an overdue one is reported as overdue. Counted on the working calendar. Inboxes call a dossier "due soon" within the same window.',
    schema: z.coerce.number({ message: 'phải là số' }).min(0, 'không được âm').max(400, 'tối đa 400 giờ').default(8),
    defaultText: '8',
  }),
  deadlineSweepCron: entry({
    env: 'DEADLINE_SWEEP_CRON',
    doc: 'When worker nodes run the deadline sweep (in-app and e-mail warnings about steps and dossiers close to or past their deadline): a cron expression of five fields in Asia/Ho_Chi_Minh time, or `off` for no schedule. Operators can also run it with `npm run cli -- dossiers sweep-deadlines`.',
    schema: z.string().trim().default('*/15 * * * *').refine((v) => v === 'off' || /^\S+( \S+){4}$/.test(v), 'phải là biểu thức cron 5 trường (phút giờ ngày tháng thứ) hoặc off')
      .transform((v) => (v === 'off' ? null : v)),
    defaultText: '*/15 * * * * (every 15 minutes)',
  }),
  attachmentMaxBytes: entry({
    env: 'ATTACHMENT_MAX_BYTES',
    doc: 'Largest file accepted for a dossier component that sets no limit of its own in the catalogue (`maxSizeMb`); such components take PDF, JPEG or PNG, judged from content.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1024).default(10 * 1024 * 1024),
    defaultText: '10485760 (10 MB)',
  }),
  dossierMaxTotalMb: entry({
    env: 'DOSSIER_MAX_TOTAL_MB',
    doc: 'Largest total size, in MB, of all files attached to one dossier (every component and supplement round together); a file that would pass it is refused with `dossiers.total_size_exceeded` (413).',
    schema: z.coerce.number({ message: 'phải là số' }).positive('phải lớn hơn 0').max(10_000).default(100),
    defaultText: '100',
  }),
  maxOpenDrafts: entry({
    env: 'MAX_OPEN_DRAFTS',
    doc: 'Online drafts one account may have open at once; a new draft beyond it is refused with `dossiers.too_many_drafts` (409) until one is submitted or deleted. Each component also takes at most its catalogue `maxFiles` files (5 when unset).',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(1000).default(20),
    defaultText: '20',
  }),
  trackingRateLimitPerMinute: entry({
    env: 'TRACKING_RATE_LIMIT_PER_MINUTE',
    doc: 'Public dossier look-ups (`GET /api/v1/tracking`) one client address may make per minute; kept low so that codes cannot be guessed.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).default(10),
    defaultText: '10',
  }),
  logLevel: entry({
    env: 'LOG_LEVEL',
    doc: 'pino log level: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`.',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    defaultText: 'info',
  }),
  logPretty: entry({
    env: 'LOG_PRETTY',
    doc: 'Human-readable logs instead of JSON lines.',
    schema: booleanFromEnv.optional(),
    defaultText: 'true in development, false otherwise',
  }),
  trustProxy: entry({
    env: 'TRUST_PROXY',
    doc: 'Trust `X-Forwarded-*` headers from a reverse proxy (needed for the right client address in rate limits and logs).',
    schema: booleanFromEnv.default(false),
    defaultText: 'false',
  }),
  rateLimitPerMinute: entry({
    env: 'RATE_LIMIT_PER_MINUTE',
    doc: 'Requests one client address may make per minute across the API.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).default(600),
    defaultText: '600',
  }),
  webDistDir: entry({
    env: 'WEB_DIST_DIR',
    doc: 'Folder of the built web application that the server serves.',
    schema: z.string().min(1).default('./web/dist').transform((p) => path.resolve(p)),
    defaultText: './web/dist',
  }),
  webBuildOnStart: entry({
    env: 'WEB_BUILD_ON_START',
    doc: 'Build the web app with Vite at start when the build is missing or older than its sources.',
    schema: booleanFromEnv.default(true),
    defaultText: 'true',
  }),
  mailProvider: entry({
    env: 'MAIL_PROVIDER',
    doc: 'How e-mail leaves: `console` writes messages to the log (development), `smtp` delivers through `SMTP_URL`.',
    schema: z.enum(['console', 'smtp']).default('console'),
    defaultText: 'console',
  }),
  smtpUrl: entry({
    env: 'SMTP_URL',
    doc: 'SMTP server when `MAIL_PROVIDER=smtp`, e.g. `smtp://user:pass@mail.example.gov.vn:587` or `smtps://…:465`.',
    schema: z.string().regex(/^smtps?:\/\//, 'phải bắt đầu bằng smtp:// hoặc smtps://').optional(),
  }),
  smtpPoolSize: entry({
    env: 'SMTP_POOL_SIZE',
    doc: 'SMTP connections each node keeps open and reuses for its mail (a new connection per message costs the handshake, and TLS, every time); 0 opens one connection per message.',
    schema: z.coerce.number().int().min(0).max(50).default(10),
    defaultText: '10',
  }),
  mailConcurrency: entry({
    env: 'MAIL_CONCURRENCY',
    doc: 'E-mails a worker node has in flight at once (`mail.send` jobs, over the `SMTP_POOL_SIZE` connections). Sending waits on the mail server, not on the processor, so it is higher than `JOBS_CONCURRENCY`: with 8 a node sent about 35 receipts per second beside 45 submissions per second; with 32 it sent them as fast as they came (the jobs bench, 2 cores).',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(500).default(32),
    defaultText: '32',
  }),
  mailPollingIntervalSeconds: entry({
    env: 'MAIL_POLLING_INTERVAL_SECONDS',
    doc: 'How often an idle `mail.send` worker looks for new mail (`JOBS_POLLING_INTERVAL_SECONDS` is for the other queues). A receipt mail is queued by an event consumer a moment after its submission; with the 2 s of the other queues it could wait up to 2 s before its worker looked, and a burst arriving at an idle worker waited as long. A fetch on an empty queue is one indexed read.',
    schema: z.coerce.number({ message: 'phải là số' }).min(0.1).max(600).default(0.5),
    defaultText: '0.5',
  }),
  mailFrom: entry({
    env: 'MAIL_FROM',
    doc: 'Sender address of the e-mails the platform sends.',
    schema: z.string().min(3).default('OpenDVC <no-reply@opendvc.local>'),
    defaultText: 'OpenDVC <no-reply@opendvc.local>',
  }),
  smsProvider: entry({
    env: 'SMS_PROVIDER',
    doc: 'How SMS (phone one-time codes, notices) leave: `console` writes each message, code included, to the log (development and demos), `http` posts it to an SMS gateway (`SMS_GATEWAY_URL`, `SMS_GATEWAY_KEY`; protocol below the table). Use `http` in production.',
    schema: z.enum(['console', 'http'], { message: 'phải là console hoặc http' }).default('console'),
    defaultText: 'console',
  }),
  smsGatewayUrl: entry({
    env: 'SMS_GATEWAY_URL',
    doc: 'Address the `http` SMS provider posts each message to, e.g. `https://sms.example.vn/v1/messages`.',
    schema: z.url({ message: 'phải là một URL đầy đủ' }).refine((v) => /^https?:\/\//.test(v), 'phải bắt đầu bằng http:// hoặc https://').optional(),
  }),
  smsGatewayKey: entry({
    env: 'SMS_GATEWAY_KEY',
    doc: 'Key the `http` SMS provider sends in the `X-Api-Key` header.',
    schema: z.string().min(8, 'phải có ít nhất 8 ký tự').optional(),
  }),
  smsGatewayTimeoutMs: entry({
    env: 'SMS_GATEWAY_TIMEOUT_MS',
    doc: 'How long the SMS gateway may take to answer before the attempt counts as a temporary failure (retried by the job with backoff).',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(100).max(120000).default(10000),
    defaultText: '10000',
  }),
  smsPerNumberPerHour: entry({
    env: 'SMS_PER_NUMBER_PER_HOUR',
    doc: 'SMS one phone number may receive per hour (codes and notices together); further messages to it are dropped (recorded as `throttled`), the requests that caused them are answered as usual.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(100).default(5),
    defaultText: '5',
  }),
  phoneCodesPerSourcePerHour: entry({
    env: 'PHONE_CODES_PER_SOURCE_PER_HOUR',
    doc: 'Phone one-time codes the requests of one client address may cause to be sent per hour (registrations, resends, phone changes); further requests are answered as usual and send nothing.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(10000).default(10),
    defaultText: '10',
  }),
  sessionIdleMinutes: entry({
    env: 'SESSION_IDLE_MINUTES',
    doc: 'A session ends after this many minutes without a request.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(1440).default(30),
    defaultText: '30',
  }),
  sessionCacheMs: entry({
    env: 'SESSION_CACHE_MS',
    doc: 'How long a node reuses a session check (the session, its user and an official\'s role grants) for further requests with the same cookie, in milliseconds (0 turns it off). At most 1000: a session or grant revoked on any node is refused everywhere within this time; a write (any POST, PUT, PATCH, DELETE) on the node drops every kept check at once.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(0).max(1000, 'tối đa 1000 ms (một phiên bị thu hồi phải bị từ chối trong 1 giây)').default(500),
    defaultText: '500',
  }),
  sessionAbsoluteHours: entry({
    env: 'SESSION_ABSOLUTE_HOURS',
    doc: 'A session ends this many hours after sign-in, however active it is.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(720).default(12),
    defaultText: '12',
  }),
  oauthTokenTtlSeconds: entry({
    env: 'OAUTH_TOKEN_TTL_SECONDS',
    doc: 'Lifetime of the access tokens `POST /oauth/token` issues to API clients. A rotated signing key stays published this long.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(60).max(86400).default(600),
    defaultText: '600',
  }),
  oidcIssuerUrl: entry({
    env: 'OIDC_ISSUER_URL',
    doc: 'National single sign-on (OpenID Connect) issuer, e.g. `https://xacthuc.dichvucong.gov.vn`. National sign-in is off when unset.',
    schema: z.url({ message: 'phải là một URL đầy đủ' }).optional(),
  }),
  oidcClientId: entry({
    env: 'OIDC_CLIENT_ID',
    doc: 'Client id registered with the national sign-on provider; its redirect URI is `PUBLIC_URL/api/v1/auth/oidc/callback`.',
    schema: z.string().min(1).optional(),
  }),
  oidcClientSecret: entry({
    env: 'OIDC_CLIENT_SECRET',
    doc: 'Client secret registered with the national sign-on provider.',
    schema: z.string().min(1).optional(),
  }),
  oidcAcrValues: entry({
    env: 'OIDC_ACR_VALUES',
    doc: 'Level of assurance asked of the provider (`acr_values`, e.g. `LoA1`); not sent when unset.',
    schema: z.string().min(1).optional(),
  }),
  oidcScope: entry({
    env: 'OIDC_SCOPE',
    doc: 'Scopes asked of the national sign-on provider. Add `address` when the provider hands out the standard `address` claim only with that scope: its `region` (province or city), `locality` (commune, ward or special zone) and `street_address` fill an empty profile address by administrative units (free text from `formatted` when the names are not units in force).',
    schema: z.string().min(1).default('openid profile'),
    defaultText: 'openid profile',
  }),
  oidcIdNumberClaim: entry({
    env: 'OIDC_ID_NUMBER_CLAIM',
    doc: 'Claim (ID token or userinfo) carrying the 12-digit personal ID number; accounts are created and linked on it, never on e-mail.',
    schema: z.string().min(1).default('personal_id_number'),
    defaultText: 'personal_id_number',
  }),
  oidcIdVerifiedClaim: entry({
    env: 'OIDC_ID_VERIFIED_CLAIM',
    doc: 'Claim that must be `true` (or one of `OIDC_ACR_VALUES` when it holds a level) for the ID number to be trusted.',
    schema: z.string().min(1).default('personal_id_verified'),
    defaultText: 'personal_id_verified',
  }),
  oidcOrgTaxCodeClaim: entry({
    env: 'OIDC_ORG_TAX_CODE_CLAIM',
    doc: "Claim carrying an organisation account's tax code: a national sign-in with it verifies the organisation of that tax code and makes the person its owner.",
    schema: z.string().min(1).default('organisation_tax_code'),
    defaultText: 'organisation_tax_code',
  }),
  oidcOrgNameClaim: entry({
    env: 'OIDC_ORG_NAME_CLAIM',
    doc: "Claim carrying an organisation account's name, used when the national sign-in creates the organisation.",
    schema: z.string().min(1).default('organisation_name'),
    defaultText: 'organisation_name',
  }),
  loginThrottleFreeFailures: entry({
    env: 'LOGIN_THROTTLE_FREE_FAILURES',
    doc: 'Failed sign-ins in a row (wrong password or code) an account may have before each further failure makes it wait (`LOGIN_THROTTLE_BASE_SECONDS`, doubling). A successful sign-in starts the count again. While waiting, every sign-in is answered like a wrong password, except a right password with a right second-factor code.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(100).default(5),
    defaultText: '5',
  }),
  loginThrottleSourceFreeFailures: entry({
    env: 'LOGIN_THROTTLE_SOURCE_FREE_FAILURES',
    doc: 'Failed sign-ins (any account, known or not) one client address may have within an hour before each further failure makes that address wait, doubling as for accounts. Higher than the per-account number because offices share addresses.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(10000).default(20),
    defaultText: '20',
  }),
  loginThrottleBaseSeconds: entry({
    env: 'LOGIN_THROTTLE_BASE_SECONDS',
    doc: 'Wait after the first failure beyond the free ones; each further failure doubles it, up to `LOGIN_THROTTLE_MAX_SECONDS`.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(3600).default(2),
    defaultText: '2',
  }),
  loginThrottleMaxSeconds: entry({
    env: 'LOGIN_THROTTLE_MAX_SECONDS',
    doc: 'Longest wait a run of failed sign-ins imposes on an account or a client address.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(86400).default(900),
    defaultText: '900',
  }),
  accountMailsPerHour: entry({
    env: 'ACCOUNT_MAILS_PER_HOUR',
    doc: 'Password-reset e-mails, and separately e-mail verification links, one address may receive per hour; further requests are answered as usual and send nothing.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(100).default(3),
    defaultText: '3',
  }),
  temporaryPasswordHours: entry({
    env: 'TEMP_PASSWORD_HOURS',
    doc: 'Hours a temporary password set by an administrator stays usable. It works once, and only to set a new password.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(720).default(72),
    defaultText: '72',
  }),
  loginRateLimitPerMinute: entry({
    env: 'LOGIN_RATE_LIMIT_PER_MINUTE',
    doc: 'Sign-in, registration and password-reset requests one client address may make per minute.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).default(30),
    defaultText: '30',
  }),
  argon2MemoryKib: entry({
    env: 'ARGON2_MEMORY_KIB',
    doc: 'argon2id memory cost for new password hashes, in KiB. Existing hashes keep their own parameters.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1024).default(65536),
    defaultText: '65536',
  }),
  argon2TimeCost: entry({
    env: 'ARGON2_TIME_COST',
    doc: 'argon2id iterations for new password hashes.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(20).default(3),
    defaultText: '3',
  }),
  argon2Parallelism: entry({
    env: 'ARGON2_PARALLELISM',
    doc: 'argon2id lanes for new password hashes.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(16).default(4),
    defaultText: '4',
  }),
  // --- Files, malware scanning and background jobs -------------------------------------
  storageDriver: entry({
    env: 'STORAGE_DRIVER',
    doc: 'Where uploaded and generated files are kept: `filesystem` (under `DATA_DIR/files`) or `s3` (any S3-compatible store, see `S3_*`).',
    schema: z.enum(['filesystem', 's3'], { message: 'phải là filesystem hoặc s3' }).default('filesystem'),
    defaultText: 'filesystem',
  }),
  s3Endpoint: entry({
    env: 'S3_ENDPOINT',
    doc: 'Address of the S3-compatible store, e.g. `https://s3.example.gov.vn` or `http://127.0.0.1:9000`; AWS S3 when unset.',
    schema: z.url({ message: 'phải là một URL đầy đủ' }).optional(),
  }),
  s3Region: entry({
    env: 'S3_REGION',
    doc: 'Region of the S3 bucket (S3-compatible stores usually accept any value).',
    schema: z.string().min(1).default('us-east-1'),
    defaultText: 'us-east-1',
  }),
  s3Bucket: entry({
    env: 'S3_BUCKET',
    doc: 'Bucket that holds the files when `STORAGE_DRIVER=s3`; it must exist.',
    schema: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'phải là tên bucket S3 hợp lệ (3–63 ký tự a-z, 0-9, dấu chấm, gạch nối)').optional(),
  }),
  s3AccessKeyId: entry({
    env: 'S3_ACCESS_KEY_ID',
    doc: 'Access key of the S3 store when `STORAGE_DRIVER=s3`.',
    schema: z.string().min(1).optional(),
  }),
  s3SecretAccessKey: entry({
    env: 'S3_SECRET_ACCESS_KEY',
    doc: 'Secret key of the S3 store when `STORAGE_DRIVER=s3`.',
    schema: z.string().min(1).optional(),
  }),
  s3ForcePathStyle: entry({
    env: 'S3_FORCE_PATH_STYLE',
    doc: 'Address buckets as `endpoint/bucket` instead of `bucket.endpoint` (MinIO and most self-hosted stores need it).',
    schema: booleanFromEnv.optional(),
    defaultText: 'true when S3_ENDPOINT is set, false otherwise',
  }),
  malwareScanner: entry({
    env: 'MALWARE_SCANNER',
    doc: 'Malware scan of uploads: `none` (files are marked clean without a scan) or `clamav` (clamd over TCP, see `CLAMAV_*`).',
    schema: z.enum(['none', 'clamav'], { message: 'phải là none hoặc clamav' }).default('none'),
    defaultText: 'none',
  }),
  clamavHost: entry({
    env: 'CLAMAV_HOST',
    doc: 'Host of the clamd daemon when `MALWARE_SCANNER=clamav`.',
    schema: z.string().min(1).default('127.0.0.1'),
    defaultText: '127.0.0.1',
  }),
  clamavPort: entry({
    env: 'CLAMAV_PORT',
    doc: 'TCP port of the clamd daemon.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(65535).default(3310),
    defaultText: '3310',
  }),
  clamavTimeoutMs: entry({
    env: 'CLAMAV_TIMEOUT_MS',
    doc: 'How long a scan may take (connection and answer) before the scanner counts as unavailable.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(100).default(30000),
    defaultText: '30000',
  }),
  malwareRescanDelaySeconds: entry({
    env: 'MALWARE_RESCAN_DELAY_SECONDS',
    doc: 'A file uploaded while the scanner was unavailable stays quarantined and is scanned again by a job: first after this delay, then with exponential backoff (each wait about twice the one before).',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(86400).default(60),
    defaultText: '60',
  }),
  malwareRescanAttempts: entry({
    env: 'MALWARE_RESCAN_ATTEMPTS',
    doc: 'How many times a quarantined file is scanned again before it is left quarantined for good (the applicant then replaces it).',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(30).default(10),
    defaultText: '10',
  }),
  // --- Backups ---------------------------------------------------------------------------
  backupPgBinDir: entry({
    env: 'BACKUP_PG_BIN_DIR',
    doc: 'Folder holding `pg_dump` and `pg_restore` for `backup create` / `backup restore` on PostgreSQL, e.g. `/usr/lib/postgresql/17/bin` when the server is newer than the client on the PATH (pg_dump must be at least the server\'s major version).',
    schema: z.string().min(1).transform((p) => path.resolve(p)).optional(),
    defaultText: 'the PATH',
  }),
  // --- Digital signatures ---------------------------------------------------------------
  signingKeystoreDir: entry({
    env: 'SIGNING_KEYSTORE_DIR',
    doc: 'Folder of the signing keystore: `users/{e-mail}.p12` holds an official\'s signing certificate (PKCS#12, RSA), `units/{unit code}.p12` a unit\'s seal certificate, used when results are signed and issued. Keep it out of backups shared with others and readable only by the server.',
    schema: z.string().min(1).transform((p) => path.resolve(p)).optional(),
    defaultText: 'DATA_DIR/signing',
  }),
  signingPkcs12Passphrase: entry({
    env: 'SIGNING_PKCS12_PASSPHRASE',
    doc: 'Passphrase of every PKCS#12 file in the signing keystore. Outside production a published demo passphrase applies when it is unset; production requires one.',
    schema: z.string().min(8, 'phải có ít nhất 8 ký tự').optional(),
    defaultText: `${DEMO_SIGNING_PASSPHRASE} (outside production only)`,
    requiredInProduction: true,
  }),
  signingDemoPki: entry({
    env: 'SIGNING_DEMO_PKI',
    doc: 'When seeding demo data, create a demonstration CA ("không dùng cho giao dịch thật") and signing certificates for the demo leaders and the demo unit in the keystore (existing files are kept). Never allowed in production.',
    schema: booleanFromEnv.optional(),
    defaultText: 'true outside production',
  }),
  // --- Secrets at rest (docs/adr/0020-secrets-at-rest.md) ------------------------------------
  secretsKey: entry({
    env: 'SECRETS_KEY',
    doc: 'Key-encryption key of the secrets kept in the database (officials\' TOTP secrets, the private keys that sign API tokens, webhook secrets): 32 random bytes in base64 (`openssl rand -base64 32`). Every node needs the same key; keep it out of database backups. Outside production, when unset, a key is generated once into `DATA_DIR/secrets.key` (development) or a published key applies (tests). To change it, move the old value to `SECRETS_KEY_PREVIOUS`, set the new one, restart, and run `npm run cli -- secrets rotate-key`.',
    schema: z.string().optional().superRefine((v, ctx) => {
      const parsed = v === undefined ? undefined : parseSecretKey(v);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
    }),
    defaultText: 'DATA_DIR/secrets.key (outside production only)',
    requiredInProduction: true,
  }),
  secretsKeyPrevious: entry({
    env: 'SECRETS_KEY_PREVIOUS',
    doc: 'Comma-separated earlier values of `SECRETS_KEY` that still open secrets sealed with them, during a key rotation. Remove them once `npm run cli -- secrets status` shows no value under their key id.',
    schema: z.string().default('').transform((v) => v.split(',').map((k) => k.trim()).filter(Boolean)).superRefine((keys, ctx) => {
      keys.forEach((k, i) => {
        const parsed = parseSecretKey(k);
        if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: `khóa thứ ${i + 1}: ${parsed}` });
      });
    }),
    defaultText: '(none)',
  }),
  verificationRateLimitPerMinute: entry({
    env: 'VERIFICATION_RATE_LIMIT_PER_MINUTE',
    doc: 'Public look-ups of signed documents (`GET /api/v1/verify/{documentId}`, the page their QR code opens) one client address may make per minute.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).default(30),
    defaultText: '30',
  }),
  metricsToken: entry({
    env: 'METRICS_TOKEN',
    doc: 'Bearer token a Prometheus scraper sends to `GET /metrics` (`Authorization: Bearer …`). When set, the route refuses any other caller (401); in production, when unset, it answers 403 to everyone. Outside production, when unset, it is open.',
    schema: z.string().min(16, 'phải dài ít nhất 16 ký tự').optional(),
  }),
  jobsWorker: entry({
    env: 'JOBS_WORKER',
    doc: 'Run background job workers (e-mail, …) in this process. Set false on API-only nodes; at least one node must run them.',
    schema: booleanFromEnv.default(true),
    defaultText: 'true',
  }),
  jobsPollingIntervalSeconds: entry({
    env: 'JOBS_POLLING_INTERVAL_SECONDS',
    doc: 'How often an idle worker looks for new jobs.',
    schema: z.coerce.number({ message: 'phải là số' }).min(0.5).max(600).default(2),
    defaultText: '2',
  }),
  jobsBatchSize: entry({
    env: 'JOBS_BATCH_SIZE',
    doc: 'Jobs a worker takes from its queue in one fetch. A worker fetches again at once while its queue has jobs; it waits `JOBS_POLLING_INTERVAL_SECONDS` only when the queue is empty.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(1000).default(20),
    defaultText: '20',
  }),
  jobsConcurrency: entry({
    env: 'JOBS_CONCURRENCY',
    doc: 'Jobs of one queue a worker node runs at the same time (mail, SMS, each module\'s queue). A queue may declare its own.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(200).default(8),
    defaultText: '8',
  }),
  jobsLeaseSeconds: entry({
    env: 'JOBS_LEASE_SECONDS',
    doc: 'Lease of a running job: its worker renews it every third of this time while the job runs. A job whose lease lapsed (its process was killed or hung) goes back to its queue at once and is retried by any worker node, so it is picked up again within this time plus a third of it.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(3).max(3600).default(30),
    defaultText: '30',
  }),
  eventConsumersPollMs: entry({
    env: 'EVENT_CONSUMERS_POLL_MS',
    doc: 'How often a worker node looks for new dossier events for its consumers (notifications, …), in milliseconds. Nodes with JOBS_WORKER=false run no consumer. `npm run cli -- events lag` shows how far each consumer is behind.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(50).max(600000).default(1000),
    defaultText: '1000',
  }),
  eventConsumersConcurrency: entry({
    env: 'EVENT_CONSUMERS_CONCURRENCY',
    doc: 'Consumers a worker node runs at once, each in its own transaction (PostgreSQL only; the embedded database runs one transaction at a time, so it runs them in turn). A consumer takes all its partitions with new events in one transaction per pass. Keep it below `DATABASE_POOL_MAX`.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(64).default(4),
    defaultText: '4',
  }),
  eventConsumerMaxAttempts: entry({
    env: 'EVENT_CONSUMER_MAX_ATTEMPTS',
    doc: 'Attempts at one event (with exponential backoff from 1 s, at most 10 min apart) before a consumer parks it as a dead letter and stops that partition until `npm run cli -- events replay`.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(100).default(8),
    defaultText: '8',
  }),
  // --- Webhooks (Standard Webhooks) to other systems ------------------------------------------
  webhookAllowedHosts: entry({
    env: 'WEBHOOK_ALLOWED_HOSTS',
    doc: 'Comma-separated host names or addresses that webhook subscriptions may reach although they are private, loopback or link-local (e.g. a ministry system on the internal network). Every other such address is refused when a subscription is registered and again at each delivery, after DNS resolution.',
    schema: z.string().default('').transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)),
    defaultText: '(none)',
  }),
  webhookTimeoutMs: entry({
    env: 'WEBHOOK_TIMEOUT_MS',
    doc: 'How long one webhook delivery waits for the subscriber\'s answer, in milliseconds.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(100).max(120000).default(10000),
    defaultText: '10000',
  }),
  webhookBackoffMs: entry({
    env: 'WEBHOOK_BACKOFF_MS',
    doc: 'First retry delay of a failed webhook delivery; doubled at each failure, at most `WEBHOOK_MAX_BACKOFF_MS`.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(0).max(3600000).default(5000),
    defaultText: '5000',
  }),
  webhookMaxBackoffMs: entry({
    env: 'WEBHOOK_MAX_BACKOFF_MS',
    doc: 'Longest wait between two attempts at one webhook message.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(0).max(86400000).default(7200000),
    defaultText: '7200000 (2 h)',
  }),
  webhookRetryHours: entry({
    env: 'WEBHOOK_RETRY_HOURS',
    doc: 'How long a webhook message is retried after it was queued; a failure after that makes it a dead letter, replayable from the administration page.',
    schema: z.coerce.number({ message: 'phải là số' }).min(0).max(720).default(24),
    defaultText: '24',
  }),
  webhookDisableAfterDays: entry({
    env: 'WEBHOOK_DISABLE_AFTER_DAYS',
    doc: 'A subscription whose deliveries have all failed for this many days is disabled and its owner told by e-mail.',
    schema: z.coerce.number({ message: 'phải là số' }).min(0).max(365).default(5),
    defaultText: '5',
  }),
  webhookSecretOverlapHours: entry({
    env: 'WEBHOOK_SECRET_OVERLAP_HOURS',
    doc: 'After a secret rotation, how long deliveries are signed with both the new and the previous secret (the default of the rotation request).',
    schema: z.coerce.number({ message: 'phải là số' }).min(0).max(720).default(24),
    defaultText: '24',
  }),
  webhookPollMs: entry({
    env: 'WEBHOOK_POLL_MS',
    doc: 'How often a worker node looks for webhook messages to deliver when it has nothing to do, in milliseconds.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(50).max(600000).default(1000),
    defaultText: '1000',
  }),
  // --- National Public Service Portal (DVCQG) through the data-sharing platform adapter ----
  dvcqgBaseUrl: entry({
    env: 'DVCQG_BASE_URL',
    doc: 'Address of the data-sharing platform adapter (LGSP/NDXP, X-Road style) that forwards to the National Public Service Portal, e.g. `https://lgsp.example.gov.vn/XrdAdapter/RestService/forward`. The sync of dossiers and their history to the portal is off when unset. Outside production it may point at the bundled simulator (`npm run sim:dvcqg -- --port 8090`).',
    schema: z.url({ message: 'phải là một URL đầy đủ' }).optional(),
  }),
  dvcqgDstcode: entry({
    env: 'DVCQG_DSTCODE',
    doc: 'Destination subsystem code the adapter forwards to (`dstcode` query parameter): the Government Office\'s public-service provider.',
    schema: z.string().min(1).default('VN:GOV:000.00.00.G22:vpcpdvcprovider'),
    defaultText: 'VN:GOV:000.00.00.G22:vpcpdvcprovider',
  }),
  dvcqgUsername: entry({
    env: 'DVCQG_USERNAME',
    doc: 'Account the adapter issues a session token to (`POST …/auth`). The development default is the simulator\'s default account; production requires the real one when `DVCQG_BASE_URL` is set.',
    schema: z.string().min(1).default(DVCQG_DEV_USERNAME),
    defaultText: 'opendvc-dev',
  }),
  dvcqgPassword: entry({
    env: 'DVCQG_PASSWORD',
    doc: 'Password of `DVCQG_USERNAME`. The development default (`opendvc-dev-secret`) is refused in production.',
    schema: z.string().min(1).default(DVCQG_DEV_PASSWORD),
    defaultText: 'opendvc-dev-secret (outside production only)',
  }),
  dvcqgTlsCertFile: entry({
    env: 'DVCQG_TLS_CERT_FILE',
    doc: 'PEM client certificate presented to the adapter (mutual TLS), with `DVCQG_TLS_KEY_FILE`.',
    schema: z.string().min(1).transform((p) => path.resolve(p)).optional(),
  }),
  dvcqgTlsKeyFile: entry({
    env: 'DVCQG_TLS_KEY_FILE',
    doc: 'PEM private key of `DVCQG_TLS_CERT_FILE`.',
    schema: z.string().min(1).transform((p) => path.resolve(p)).optional(),
  }),
  dvcqgTlsCaFile: entry({
    env: 'DVCQG_TLS_CA_FILE',
    doc: 'PEM certificate authority the adapter\'s server certificate is checked against (the system\'s authorities when unset).',
    schema: z.string().min(1).transform((p) => path.resolve(p)).optional(),
  }),
  dvcqgTimeoutMs: entry({
    env: 'DVCQG_TIMEOUT_MS',
    doc: 'How long one call to the adapter (connection and answer) may take before it counts as failed and is retried.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(100).max(300000).default(15000),
    defaultText: '15000',
  }),
  dvcqgMaxAttempts: entry({
    env: 'DVCQG_MAX_ATTEMPTS',
    doc: 'Failed attempts in a row at syncing one dossier, none of which got anything accepted (exponential backoff from `DVCQG_BACKOFF_MS`, at most 10 min apart), before it is parked as a dead letter for an administrator to replay. A refusal the portal will repeat (invalid data) parks it at once. Attempts made while the portal is out (calls failing one after another across dossiers) do not count: the sync then probes the portal with one dossier every `DVCQG_BACKOFF_MS` doubled, at most 30 s apart.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(100).default(12),
    defaultText: '12',
  }),
  dvcqgBackoffMs: entry({
    env: 'DVCQG_BACKOFF_MS',
    doc: 'Wait before the first retry of a dossier whose sync failed; doubled per attempt, at most 10 minutes.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(0).max(600000).default(2000),
    defaultText: '2000',
  }),
  dvcqgConcurrency: entry({
    env: 'DVCQG_CONCURRENCY',
    doc: 'Dossiers one worker node syncs at the same time, the next due one taken as soon as one is done (each dossier\'s own calls stay in order). `BENCH_ONLY=dvcqg npm run bench` measures what a setting drains with the portal answering in 200 ms.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(200).default(16),
    defaultText: '16',
  }),
  dvcqgPollMs: entry({
    env: 'DVCQG_POLL_MS',
    doc: 'How often a worker node looks for dossiers to sync when it has nothing to do, in milliseconds.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(50).max(600000).default(1000),
    defaultText: '1000',
  }),
  dvcqgAgencyCode: entry({
    env: 'DVCQG_AGENCY_CODE',
    doc: 'Electronic code of the agency as the portal knows it. A dossier code that does not start with it is sent as `{code}-{yyMMdd}-{5 random digits}`, the local code kept as the other code (domain brief §2.7).',
    schema: z.string().min(1).optional(),
    defaultText: 'DOSSIER_RECEIVING_UNIT_CODE',
  }),
  dvcqgFileLinkSecret: entry({
    env: 'DVCQG_FILE_LINK_SECRET',
    doc: 'Secret that signs the expiring download links of dossier files sent to the portal (at least 32 characters). Required in production when `DVCQG_BASE_URL` is set; a development default applies otherwise.',
    schema: z.string().min(32, 'phải có ít nhất 32 ký tự').optional(),
    defaultText: 'a published development secret (outside production only)',
  }),
  statisticsPublicCacheSeconds: entry({
    env: 'STATISTICS_PUBLIC_CACHE_SECONDS',
    doc: 'How long each node keeps the public transparency figures (`/cong-khai`, `GET /api/v1/public/statistics`) before computing them again, in seconds; also their HTTP `max-age`.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(86400).default(300),
    defaultText: '300',
  }),
  dvcqgFileLinkTtlSeconds: entry({
    env: 'DVCQG_FILE_LINK_TTL_SECONDS',
    doc: 'How long a file download link sent to the portal stays valid.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(60).max(30 * 86400).default(7 * 86400),
    defaultText: '604800 (7 days)',
  }),
  dvcqgSimulator: entry({
    env: 'DVCQG_SIMULATOR',
    doc: 'Start the national portal simulator (`simulators/dvcqg/`) on loopback as a child process of `npm start` and sync to it, when `DVCQG_BASE_URL` is unset. Never in production.',
    schema: booleanFromEnv.optional(),
    defaultText: 'true outside production',
  }),
  // --- National business registration portal (Cổng thông tin quốc gia về đăng ký doanh nghiệp) ----
  businessRegistryUrl: entry({
    env: 'BUSINESS_REGISTRY_URL',
    doc: 'Address of the national business registration portal\'s lookup service (`GET {url}/api/v1/enterprises/{taxCode}`), used to fill an organisation\'s name and head-office address from its tax code in e-forms. Lookup is off when unset. Outside production `npm start` points it at the bundled simulator (`npm run sim:business-registry -- --port 8096`) unless `BUSINESS_REGISTRY_SIMULATOR=false`.',
    schema: z.url({ message: 'phải là URL' }).optional(),
  }),
  businessRegistryApiKey: entry({
    env: 'BUSINESS_REGISTRY_API_KEY',
    doc: 'API key sent as `x-api-key` to the business registration portal (none when unset).',
    schema: z.string().min(1).optional(),
  }),
  businessRegistryTimeoutMs: entry({
    env: 'BUSINESS_REGISTRY_TIMEOUT_MS',
    doc: 'How long a lookup waits for the business registration portal before it answers "unavailable" (the applicant then types the details).',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(100).max(30000).default(3000),
    defaultText: '3000',
  }),
  businessRegistrySimulator: entry({
    env: 'BUSINESS_REGISTRY_SIMULATOR',
    doc: 'Start the business registration portal simulator (`simulators/business-registry/`) on loopback as a child process of `npm start` and look up in it, when `BUSINESS_REGISTRY_URL` is unset. Never in production.',
    schema: booleanFromEnv.optional(),
    defaultText: 'true outside production',
  }),
  dvcqgFileHosts: entry({
    env: 'DVCQG_FILE_HOSTS',
    doc: 'Hosts (`host` or `host:port`, comma-separated) that files of dossiers filed on the national portal may be fetched from. A file link to any other host, or one that redirects, is refused (no request is made). Empty: such dossiers are accepted only without files.',
    schema: z.string().default('').transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)),
    defaultText: '(none)',
  }),
  dvcqgCataloguePullCron: entry({
    env: 'DVCQG_CATALOGUE_PULL_CRON',
    doc: 'When the procedures the national portal publishes are pulled and compared with the catalogue (cron, Vietnam time); `off` disables the scheduled pull (`npm run cli -- catalogue pull` still works).',
    schema: z.string().trim().default('30 2 * * *').refine((v) => v === 'off' || /^\S+( \S+){4}$/.test(v), 'phải là biểu thức cron 5 trường (phút giờ ngày tháng thứ) hoặc off')
      .transform((v) => (v === 'off' ? null : v)),
    defaultText: '30 2 * * * (02:30 every day)',
  }),
  paymentProviders: entry({
    env: 'PAYMENT_PROVIDERS',
    doc: 'Online payment providers this installation offers, comma-separated: `national` (the national payment platform of the National Public Service Portal) and `vnpay` (a commercial gateway on the VNPAY 2.1.0 protocol). Empty: fees are shown but paid only by bank transfer (VietQR) or at the counter. A unit may narrow the list in `PAYMENT_UNIT_ACCOUNTS`.',
    schema: z.string().default('national,vnpay').transform((v) => v.split(',').map((p) => p.trim()).filter(Boolean))
      .pipe(z.array(z.enum(['national', 'vnpay'], { message: 'chỉ gồm national, vnpay' }))),
    defaultText: 'national,vnpay',
  }),
  paymentSimulators: entry({
    env: 'PAYMENT_SIMULATORS',
    doc: 'Start the payment simulators (national platform and VNPAY protocol, `simulators/payments/`) on loopback as child processes of `npm start`, and point the providers at them unless `PAYMENT_NATIONAL_URL` / `PAYMENT_VNPAY_URL` are set. Their pages say "MÔI TRƯỜNG THỬ NGHIỆM — không phải giao dịch thật". Never in production.',
    schema: booleanFromEnv.optional(),
    defaultText: 'true outside production',
  }),
  paymentNationalUrl: entry({
    env: 'PAYMENT_NATIONAL_URL',
    doc: 'Base address of the national payment platform\'s partner API (INIT and QUERY are posted to `{url}/api/thanhtoan/init` and `{url}/api/thanhtoan/query`).',
    schema: z.url({ message: 'phải là một URL đầy đủ' }).optional(),
  }),
  // --- National Single Window (NSW) connector ------------------------------------------
  nswEndpointUrl: entry({
    env: 'NSW_ENDPOINT_URL',
    doc: 'The National Single Window\'s SOAP endpoint (`receiveRequest`) that receives the reception notices (type 11, function 03) and results (type 12, function 04) of dossiers filed through it. Sending is off when unset (applications are still received). Outside production it may point at the bundled simulator (`npm run sim:nsw`, `http://127.0.0.1:8095/nsw/receiveRequest`).',
    schema: z.url({ message: 'phải là một URL đầy đủ' }).optional(),
  }),
  nswProcedureCodes: entry({
    env: 'NSW_PROCEDURE_CODES',
    doc: 'JSON object: the NSW procedure code (`documentType`) → the catalogue procedure code and case (`"2.002081/TH1"`). The defaults are illustrative: MAE\'s NSW codes were not found in public sources (domain brief §5.5).',
    schema: z.string().default('{"BNNMT0100071":"2.002071/TH1","BNNMT0100081":"2.002081/TH1","BNNMT0100082":"2.002082/TH1","BNNMT0100083":"2.002083/TH1"}')
      .transform((v, ctx) => {
        try { return JSON.parse(v) as unknown; } catch { ctx.addIssue({ code: 'custom', message: 'phải là JSON' }); return z.NEVER; }
      })
      .pipe(z.record(z.string().min(1), z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'giá trị có dạng MÃ_THỦ_TỤC/MÃ_TRƯỜNG_HỢP'))),
    defaultText: 'illustrative codes BNNMT0100071, …81, …82, …83 for 2.002071, 2.002081, 2.002082, 2.002083',
  }),
  nswParty: entry({
    env: 'NSW_PARTY',
    doc: 'JSON object: this ministry\'s address in NSW envelopes (`From` of what it sends, `To` of what it receives): `Identity`, `Name`, `CountryCode`, `MinistryCode`, `OrganizationCode`, `UnitCode`.',
    schema: z.string().default('{"Identity":"BNNMT","Name":"Bộ Nông nghiệp và Môi trường","CountryCode":"VN","MinistryCode":"BNNMT","OrganizationCode":"BNNMT","UnitCode":"000.00.01.G99"}')
      .transform((v, ctx) => {
        try { return JSON.parse(v) as unknown; } catch { ctx.addIssue({ code: 'custom', message: 'phải là JSON' }); return z.NEVER; }
      })
      .pipe(z.object({ Identity: z.string().min(1), Name: z.string().min(1), CountryCode: z.string().min(2), MinistryCode: z.string().min(1), OrganizationCode: z.string().min(1), UnitCode: z.string().min(1) })),
    defaultText: 'BNNMT, Bộ Nông nghiệp và Môi trường, VN',
  }),
  nswMaxMessageBytes: entry({
    env: 'NSW_MAX_MESSAGE_BYTES',
    doc: 'Largest SOAP request the NSW endpoint reads (attachments travel in it as base64); a larger one is refused before it is parsed.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1024).max(200 * 1024 * 1024).default(40 * 1024 * 1024),
    defaultText: '41943040 (40 MiB)',
  }),
  nswMaxXmlDepth: entry({
    env: 'NSW_MAX_XML_DEPTH',
    doc: 'Deepest nesting of XML elements accepted in an NSW message.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(8).max(500).default(32),
    defaultText: '32',
  }),
  nswTimeoutMs: entry({
    env: 'NSW_TIMEOUT_MS',
    doc: 'How long one call to the NSW endpoint may take before it counts as failed and is retried.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(100).max(300000).default(30000),
    defaultText: '30000',
  }),
  nswMaxAttempts: entry({
    env: 'NSW_MAX_ATTEMPTS',
    doc: 'Failed attempts at sending one message to the NSW (exponential backoff from `NSW_BACKOFF_MS`, at most 10 min apart) before it is parked as DEAD.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(100).default(12),
    defaultText: '12',
  }),
  nswBackoffMs: entry({
    env: 'NSW_BACKOFF_MS',
    doc: 'Wait before the first retry of an NSW message whose sending failed; doubled per attempt, at most 10 minutes.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(0).max(600000).default(2000),
    defaultText: '2000',
  }),
  nswPollMs: entry({
    env: 'NSW_POLL_MS',
    doc: 'How often a worker node looks for NSW messages to send, in milliseconds.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(50).max(600000).default(1000),
    defaultText: '1000',
  }),
  paymentNationalPartnerCode: entry({
    env: 'PAYMENT_NATIONAL_PARTNER_CODE',
    doc: 'Partner code (`MaDoiTac`) the national payment platform issued to this installation.',
    schema: z.string().min(1).default('OPENDVC'),
    defaultText: 'OPENDVC',
  }),
  paymentNationalSecret: entry({
    env: 'PAYMENT_NATIONAL_SECRET',
    doc: 'Partner secret appended to the pipe-joined fields before hashing `MaXacThuc` (SHA-256). The default is the simulators\' published demo secret, refused in production.',
    schema: z.string().min(8).default('opendvc-demo-national-secret'),
    defaultText: 'demo secret',
  }),
  paymentNationalToken: entry({
    env: 'PAYMENT_NATIONAL_TOKEN',
    doc: 'Bearer token sent with INIT and QUERY to the national payment platform.',
    schema: z.string().min(1).default('opendvc-demo-national-token'),
    defaultText: 'demo token',
  }),
  paymentVnpayUrl: entry({
    env: 'PAYMENT_VNPAY_URL',
    doc: 'Base address of the VNPAY-protocol gateway: the payer is sent to `{url}/paymentv2/vpcpay.html`, `querydr` is posted to `{url}/merchant_webapi/api/transaction`.',
    schema: z.url({ message: 'phải là một URL đầy đủ' }).optional(),
  }),
  paymentVnpayTmnCode: entry({
    env: 'PAYMENT_VNPAY_TMN_CODE',
    doc: 'Merchant terminal code (`vnp_TmnCode`).',
    schema: z.string().min(1).default('OPENDVC1'),
    defaultText: 'OPENDVC1',
  }),
  paymentVnpayHashSecret: entry({
    env: 'PAYMENT_VNPAY_HASH_SECRET',
    doc: 'Secret of `vnp_SecureHash` (HMAC-SHA512). The default is the simulators\' published demo secret, refused in production.',
    schema: z.string().min(8).default('OPENDVCDEMOVNPAYHASHSECRET'),
    defaultText: 'demo secret',
  }),
  paymentUnitAccounts: entry({
    env: 'PAYMENT_UNIT_ACCOUNTS',
    doc: 'JSON object: per receiving unit code (or `*` for every unit) the beneficiary account of the VietQR code, `{ "bankBin": "970415", "accountNumber": "…", "accountName": "…", "providers": ["national"] }`; `providers` narrows `PAYMENT_PROVIDERS` for the unit.',
    schema: z.string().default('{"*":{"bankBin":"970415","accountNumber":"113000006100","accountName":"KHO BAC NHA NUOC (MINH HOA)"}}')
      .transform((v, ctx) => {
        try { return JSON.parse(v) as unknown; } catch { ctx.addIssue({ code: 'custom', message: 'phải là JSON' }); return z.NEVER; }
      })
      .pipe(z.record(z.string(), z.object({
        bankBin: z.string().regex(/^\d{6}$/, 'bankBin là mã BIN 6 chữ số'),
        accountNumber: z.string().regex(/^[0-9A-Za-z]{1,19}$/, 'số tài khoản không hợp lệ'),
        accountName: z.string().min(1),
        providers: z.array(z.enum(['national', 'vnpay'])).optional(),
      }))),
    defaultText: 'an illustrative treasury account for every unit',
  }),
  paymentAttemptMinutes: entry({
    env: 'PAYMENT_ATTEMPT_MINUTES',
    doc: 'How long a payment attempt stays open; after it (and a last query to the provider) an unpaid attempt expires.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(1).max(1440).default(15),
    defaultText: '15',
  }),
  paymentQueryCron: entry({
    env: 'PAYMENT_QUERY_CRON',
    doc: 'When worker nodes query the providers about pending attempts (QUERY / querydr) until each is settled or expired: cron of five fields, or `off`.',
    schema: z.string().trim().default('* * * * *').refine((v) => v === 'off' || /^\S+( \S+){4}$/.test(v), 'phải là biểu thức cron 5 trường hoặc off')
      .transform((v) => (v === 'off' ? null : v)),
    defaultText: '* * * * * (every minute)',
  }),
  paymentReconcileCron: entry({
    env: 'PAYMENT_RECONCILE_CRON',
    doc: 'When a worker node reconciles the previous day (Asia/Ho_Chi_Minh) against each provider\'s list of paid transactions and logs the mismatches (the accountant\'s page computes any day on demand): cron of five fields, or `off`.',
    schema: z.string().trim().default('30 1 * * *').refine((v) => v === 'off' || /^\S+( \S+){4}$/.test(v), 'phải là biểu thức cron 5 trường hoặc off')
      .transform((v) => (v === 'off' ? null : v)),
    defaultText: '30 1 * * * (01:30 every day)',
  }),
  webConcurrency: entry({
    env: 'WEB_CONCURRENCY',
    doc: 'Serving processes on this node (Node.js cluster): one per processor core lets a node use all of them. With more than one, the first process starts the simulators, builds the web app and seeds, then starts that many serving processes, shares the port among them, restarts one that stops, and answers `GET /metrics` for all of them together. Requires PostgreSQL (`DATABASE_URL`): the embedded database opens in one process only. Limits per client address (`RATE_LIMIT_PER_MINUTE`, …) are counted by each process, as by each node.',
    schema: z.coerce.number({ message: 'phải là số' }).int('phải là số nguyên').min(1, 'ít nhất 1').max(64, 'nhiều nhất 64').default(1),
    defaultText: '1',
  }),
  shutdownTimeoutMs: entry({
    env: 'SHUTDOWN_TIMEOUT_MS',
    doc: 'How long a graceful shutdown waits for requests in flight before it gives up.',
    schema: z.coerce.number({ message: 'phải là số' }).int().min(0).default(10000),
    defaultText: '10000',
  }),
} as const;

type Entries = typeof configEntries;
/** Settings whose defaults depend on other settings (filled in by loadConfig). */
type DerivedSettings = {
  /** Derived: which database engine runs. */
  databaseEngine: 'pglite' | 'postgres';
  signingKeystoreDir: string;
  signingPkcs12Passphrase: string;
  signingDemoPki: boolean;
  /** PUBLIC_URL, or http://HOST:PORT when it is unset (never in production: it is required there). */
  publicUrl: string;
  dvcqgAgencyCode: string;
  dvcqgFileLinkSecret: string;
  paymentSimulators: boolean;
  dvcqgSimulator: boolean;
  businessRegistrySimulator: boolean;
};
export type Config = Omit<{ [K in keyof Entries]: z.output<Entries[K]['schema']> }, keyof DerivedSettings> & DerivedSettings;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates configuration; throws one ConfigError that lists every problem. */
/** The address the server itself listens on, as a browser on this machine reaches it. */
function derivedPublicUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, e] of Object.entries(configEntries) as [keyof Entries, ConfigEntry<z.ZodType>][]) {
    const raw = env[e.env];
    const parsed = e.schema.safeParse(raw === '' ? undefined : raw);
    if (parsed.success) values[key] = parsed.data;
    else problems.push(`${e.env}: ${parsed.error.issues.map((i) => i.message).join('; ')} (giá trị: ${JSON.stringify(raw)})`);
  }
  if (values.nodeEnv === 'production') {
    for (const e of Object.values(configEntries) as ConfigEntry<z.ZodType>[]) {
      if (e.requiredInProduction && !env[e.env]) problems.push(`${e.env}: bắt buộc khi NODE_ENV=production (required in production)${e.env === 'SECRETS_KEY' ? ' — khóa mã hóa các bí mật lưu trong cơ sở dữ liệu, 32 byte base64, tạo bằng `openssl rand -base64 32` (the key that encrypts secrets stored in the database)' : ''}`);
    }
  }
  if (values.oidcIssuerUrl && (!values.oidcClientId || !values.oidcClientSecret)) problems.push('OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: bắt buộc khi có OIDC_ISSUER_URL (required with the issuer)');
  if (values.mailProvider === 'smtp' && !values.smtpUrl) problems.push('SMTP_URL: bắt buộc khi MAIL_PROVIDER=smtp (required with the smtp provider)');
  if (values.smsProvider === 'http') {
    const missing = (['SMS_GATEWAY_URL', 'SMS_GATEWAY_KEY'] as const).filter((name) => !env[name]);
    if (missing.length > 0) problems.push(`${missing.join(', ')}: bắt buộc khi SMS_PROVIDER=http (required with the http provider)`);
  }
  if (values.storageDriver === 's3') {
    const missing = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((name) => !env[name]);
    if (missing.length > 0) problems.push(`${missing.join(', ')}: bắt buộc khi STORAGE_DRIVER=s3 (required with the s3 driver)`);
  }
  if (values.nodeEnv === 'production' && values.signingDemoPki === true) problems.push('SIGNING_DEMO_PKI: không được bật khi NODE_ENV=production (the demo PKI is not for production)');
  if (values.nodeEnv === 'production' && values.signingPkcs12Passphrase === DEMO_SIGNING_PASSPHRASE) problems.push('SIGNING_PKCS12_PASSPHRASE: không được dùng mật khẩu mẫu khi NODE_ENV=production (the demo passphrase is published)');
  if (values.nodeEnv === 'production' && values.dvcqgBaseUrl) {
    if (!env.DVCQG_USERNAME || !env.DVCQG_PASSWORD || values.dvcqgPassword === DVCQG_DEV_PASSWORD) problems.push('DVCQG_USERNAME, DVCQG_PASSWORD: bắt buộc (không dùng giá trị mẫu) khi có DVCQG_BASE_URL và NODE_ENV=production (the adapter account is required)');
    if (!values.dvcqgFileLinkSecret) problems.push('DVCQG_FILE_LINK_SECRET: bắt buộc khi có DVCQG_BASE_URL và NODE_ENV=production (required with the adapter)');
  }
  if (Boolean(values.dvcqgTlsCertFile) !== Boolean(values.dvcqgTlsKeyFile)) problems.push('DVCQG_TLS_CERT_FILE, DVCQG_TLS_KEY_FILE: phải có cả hai (both or neither)');
  if (values.nodeEnv === 'production' && values.businessRegistrySimulator === true) problems.push('BUSINESS_REGISTRY_SIMULATOR: không được bật khi NODE_ENV=production (the simulator is not the business registration portal)');
  if (values.nodeEnv === 'production' && values.dvcqgSimulator === true) problems.push('DVCQG_SIMULATOR: không được bật khi NODE_ENV=production (the simulator is not the national portal)');
  if (values.nodeEnv === 'production' && values.paymentSimulators === true) problems.push('PAYMENT_SIMULATORS: không được bật khi NODE_ENV=production (simulated payments are not real)');
  if (values.nodeEnv === 'production' && (values.paymentProviders as string[] | undefined)?.includes('national') && env.PAYMENT_NATIONAL_URL && !env.PAYMENT_NATIONAL_SECRET) problems.push('PAYMENT_NATIONAL_SECRET: bắt buộc khi NODE_ENV=production và dùng national (the demo secret is published)');
  if (values.nodeEnv === 'production' && (values.paymentProviders as string[] | undefined)?.includes('vnpay') && env.PAYMENT_VNPAY_URL && !env.PAYMENT_VNPAY_HASH_SECRET) problems.push('PAYMENT_VNPAY_HASH_SECRET: bắt buộc khi NODE_ENV=production và dùng vnpay (the demo secret is published)');
  if ((values.webConcurrency as number | undefined ?? 1) > 1 && !values.databaseUrl) problems.push('WEB_CONCURRENCY: lớn hơn 1 cần PostgreSQL (DATABASE_URL) — cơ sở dữ liệu nhúng chỉ mở được trong một tiến trình (several serving processes need PostgreSQL)');
  if (problems.length > 0) throw new ConfigError(problems);
  const databaseEngine = values.databaseUrl ? 'postgres' : 'pglite';
  return {
    ...(values as Omit<Config, 'databaseEngine'>),
    databaseEngine,
    publicUrl: (values.publicUrl as string | undefined) ?? derivedPublicUrl(values.host as string, values.port as number),
    seedOnStart: (values.seedOnStart as boolean | undefined) ?? databaseEngine === 'pglite',
    logPretty: (values.logPretty as boolean | undefined) ?? values.nodeEnv === 'development',
    s3ForcePathStyle: (values.s3ForcePathStyle as boolean | undefined) ?? Boolean(values.s3Endpoint),
    signingKeystoreDir: (values.signingKeystoreDir as string | undefined) ?? path.join(values.dataDir as string, 'signing'),
    signingPkcs12Passphrase: (values.signingPkcs12Passphrase as string | undefined) ?? DEMO_SIGNING_PASSPHRASE,
    signingDemoPki: (values.signingDemoPki as boolean | undefined) ?? values.nodeEnv !== 'production',
    dvcqgAgencyCode: (values.dvcqgAgencyCode as string | undefined) ?? (values.dossierReceivingUnitCode as string),
    dvcqgFileLinkSecret: (values.dvcqgFileLinkSecret as string | undefined) ?? DEV_DVCQG_FILE_LINK_SECRET,
    paymentSimulators: (values.paymentSimulators as boolean | undefined) ?? values.nodeEnv !== 'production',
    dvcqgSimulator: (values.dvcqgSimulator as boolean | undefined) ?? values.nodeEnv !== 'production',
    businessRegistrySimulator: (values.businessRegistrySimulator as boolean | undefined) ?? values.nodeEnv !== 'production',
  } as Config;
}

/** Markdown table of every setting, for docs/configuration.md. */
export function renderConfigurationDoc(): string {
  const rows = (Object.values(configEntries) as ConfigEntry<z.ZodType>[]).map(
    (e) => `| \`${e.env}\` | ${e.defaultText ? `\`${e.defaultText}\`` : '—'} | ${e.requiredInProduction ? 'yes' : ''} | ${e.doc} |`,
  );
  return [
    '# Configuration',
    '',
    '<!-- Generated by `npm run openapi` from server/platform/config/config.ts. Do not edit by hand. -->',
    '',
    'All settings are environment variables. With none set, `npm start` runs on the embedded database with demo data.',
    'The server checks every value at start and lists all problems at once before exiting.',
    '',
    '| Variable | Default | Required in production | Meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    '## SMS gateway protocol (`SMS_PROVIDER=http`)',
    '',
    'Each message is one request, sent from the `sms.send` job (or the job that makes a one-time code), never inside a citizen\'s request:',
    '',
    '```http',
    'POST {SMS_GATEWAY_URL}',
    'Content-Type: application/json',
    'X-Api-Key: {SMS_GATEWAY_KEY}',
    'Idempotency-Key: sms_…',
    '',
    '{"messageId": "sms_…", "to": "+84912345678", "text": "…"}',
    '```',
    '',
    'Any 2xx means the gateway took the message. 408, 429, 5xx, a network error or no answer within `SMS_GATEWAY_TIMEOUT_MS` are temporary: the job tries again with growing delays (the same `messageId`, which a gateway may use to drop a repeat). Any other status is a refusal: the message is recorded as `failed` and not retried. Each number receives at most `SMS_PER_NUMBER_PER_HOUR` messages an hour (table `sms_deliveries`; the text is not stored).',
    '',
  ].join('\n');
}
