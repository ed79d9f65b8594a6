/**
 * buildApp(deps) → a Fastify instance with every route, ready for `listen` or `inject`.
 * The composition root: dependencies are passed in, nothing is read from the environment here.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './platform/config/config.js';
import type { Database, DatabaseHandle } from './platform/db/create-database.js';
import { createRateLimitedError, createRouteNotFoundError } from './platform/errors/common.errors.js';
import { registerErrorHandling, sendProblem } from './platform/errors/error-handler.js';
import { healthRoutes } from './platform/http/health.routes.js';
import { registerInputGuard } from './platform/http/input-guard.js';
import { hstsWanted, registerResponsePolicy, requestIdOf } from './platform/http/response-policy.js';
import { loggerOptions } from './platform/logging/logger.js';
import { registerRequestLogging } from './platform/logging/request-logging.js';
import { createMailer, type Mailer } from './platform/mail/mailer.js';
import { createSmsSender, type SmsSender } from './platform/sms/sms-sender.js';
// --- files and jobs ---
import { createObjectStorage, type ObjectStorage } from './platform/storage/index.js';
import { createKeystore, type Keystore } from './platform/signing/index.js';
import { createMalwareScanner, type MalwareScanner } from './platform/files/index.js';
import { createJobQueue, type JobQueue } from './platform/jobs/index.js';
// --- end files and jobs ---
import { allConsumers, allMetricSources, allQueues, registerModuleRoutes, registerWorkers } from './composition.js';
import { registerMetrics } from './platform/metrics/metrics.js';
import { configureSecrets } from './platform/secrets/index.js';
import { systemClock, type Clock } from './platform/clock.js';
import { consumerAdminRoutes, createConsumerRunner, type ConsumerRunner } from './platform/events/index.js';

z.config(z.locales.vi());

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    config: Config;
    /** The time modules schedule by (the real clock unless a test passed its own to buildApp). */
    clock: Clock;
    mailer: Mailer;
    /** Outgoing SMS (SMS_PROVIDER); only jobs send. */
    sms: SmsSender;
    /** Uploaded and generated files (STORAGE_DRIVER). */
    storage: ObjectStorage;
    /** Malware scan of uploads (MALWARE_SCANNER). */
    malwareScanner: MalwareScanner;
    /** Background jobs; main.ts starts and stops it, modules enqueue with enqueueInTransaction. */
    jobs: JobQueue;
    /** Signing certificates of officials and units (SIGNING_KEYSTORE_DIR). */
    keystore: Keystore;
    /** The event consumers of this node (main.ts starts them on worker nodes; tests drain them). */
    eventConsumers: ConsumerRunner;
  }
}

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  /** Tests pass false to keep output quiet. */
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: Writable;
  /** Replaces the mailer chosen by configuration. */
  mailer?: Mailer;
  /** Replaces the storage chosen by configuration. */
  storage?: ObjectStorage;
  /** Replaces the job queue built here (which is not started: main.ts starts it). */
  jobs?: JobQueue;
  /** Replaces the real clock for the modules that schedule by it (tests move time forward). */
  clock?: Clock;
}

export const API_PREFIX = '/api/v1';

export async function buildApp({ config, database, logger = true, logStream, mailer, storage, jobs, clock = systemClock }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? loggerOptions(config, logStream) : false,
    trustProxy: config.trustProxy,
    // X-Request-Id is read by requestIdOf (length and characters checked), never taken as is.
    requestIdHeader: false,
    genReqId: requestIdOf,
    // One line per request instead (platform/logging/request-logging.ts).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', database.db);
  app.decorate('config', config);
  app.decorate('clock', clock);
  // Secrets kept in the database are sealed and opened with the configured key.
  configureSecrets(config, app.log);
  app.decorate('mailer', mailer ?? createMailer(config, app.log));
  app.addHook('onClose', async () => app.mailer.close());
  app.decorate('sms', createSmsSender(config, app.log));
  // --- files and jobs ---
  app.decorate('storage', storage ?? createObjectStorage(config));
  app.decorate('keystore', createKeystore({ dir: config.signingKeystoreDir, passphrase: config.signingPkcs12Passphrase }));
  app.decorate('malwareScanner', createMalwareScanner(config, { storage: app.storage }));
  app.decorate('jobs', jobs ?? createJobQueue({ database, config, logger: app.log, queues: allQueues }));
  await registerWorkers(app.jobs, { db: database.db, config, storage: app.storage, scanner: app.malwareScanner, mailer: app.mailer, sms: app.sms, logger: app.log });
  // --- end files and jobs ---
  const consumers = allConsumers(config);
  app.decorate('eventConsumers', createConsumerRunner({ db: database.db, consumers, maxAttempts: config.eventConsumerMaxAttempts, concurrency: database.engine === 'postgres' ? config.eventConsumersConcurrency : 1, logger: app.log }));
  app.addHook('onClose', async () => app.eventConsumers.stop());
  registerResponsePolicy(app);
  registerErrorHandling(app, () => database.probe(1000));
  registerInputGuard(app);
  registerRequestLogging(app);

  // @fastify/helmet builds helmet's middleware anew on every request (its directives parsed each
  // time, a few per cent of a search's CPU); these options make the same headers every time, so
  // they are recorded from the first request's and set again on the next (`global: false`: the
  // plugin sets them itself only on a route with its own `helmet` option, which none has).
  await app.register(helmet, {
    global: false,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine writes its CSS variables in a style element.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // No 'unsafe-eval': e-forms are validated by modules precompiled on the server (ADR 0021).
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        // The document template editor shows its PDF preview (made by the page from a same-origin response) in a frame.
        frameSrc: ["'self'", 'blob:'],
        upgradeInsecureRequests: null,
      },
    },
    hsts: hstsWanted(config.publicUrl),
  });
  let securityHeaders: [string, number | string | string[]][] | undefined;
  app.addHook('onRequest', (request, reply, done) => {
    if ((request.routeOptions.config as { helmet?: unknown } | undefined)?.helmet !== undefined) return done();
    const raw = reply.raw;
    if (securityHeaders) {
      for (const [name, value] of securityHeaders) raw.setHeader(name, value);
      return done();
    }
    const before = new Set(raw.getHeaderNames());
    reply.helmet();
    securityHeaders = raw.getHeaderNames().filter((name) => !before.has(name)).map((name) => [name, raw.getHeader(name)!]);
    done();
  });
  // Most citizens are on phones: gzip/brotli JSON and web assets above 1 KB.
  // Brotli's default quality (11) costs hundreds of milliseconds on the JS bundle; 4 is near gzip's cost.
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: () => createRateLimitedError(),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OpenDVC API',
        version: '1.0.0',
        description: 'Public API of the OpenDVC online public services platform. Errors are application/problem+json with a stable `code`.',
        license: { name: 'AGPL-3.0-or-later' },
      },
      servers: [{ url: config.publicUrl }],
      tags: [
        { name: 'Catalogue', description: 'Administrative procedures (service levels 1–2)' },
        { name: 'Accounts', description: 'Registration, sessions (cookie `opendvc_session`, CSRF double-submit with the `csrf` cookie and `X-CSRF-Token` header), profile' },
        { name: 'Organisations', description: 'Applicants\' businesses and organisations, members and authorised representatives' },
        { name: 'Back office', description: 'Officials\' inbox, workflow actions, the workspace, result drafting, signing and issue, return, apology letters and the control sheet' },
        { name: 'Dossiers', description: 'Online dossiers: drafts, attachments, submission, supplements, withdrawal, timeline and the public tracking' },
        { name: 'Reception', description: 'The one-stop desk: reception queue, receive, request supplement, refuse, counter intake' },
        { name: 'Other systems', description: 'API clients of other systems: OAuth 2.0 client credentials, bearer access tokens, JWKS' },
        { name: 'Administration', description: 'Administrators: units, officials and their role grants (API clients are under Other systems)' },
        { name: 'Notifications', description: 'The signed-in person\'s in-app notifications (the portal\'s bell); e-mail copies go out with them' },
        { name: 'Receipts', description: 'Electronic fee receipts (biên lai thu phí, lệ phí điện tử) issued when a dossier\'s payment is recorded, sealed with the collecting unit\'s certificate' },
        { name: 'Verification', description: 'Public verification of signed documents: signer, number and dates, SHA-256 of the original file' },
        { name: 'Calendar', description: 'Working calendar: holidays, compensatory days, make-up Saturdays, due dates (Asia/Ho_Chi_Minh)' },
        { name: 'Operations' },
      ],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // The reference page sets a few inline styles; scripts stay limited to its own files.
    staticCSP: "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'",
    transformStaticCSP: (header) => header,
    uiConfig: { docExpansion: 'list', deepLinking: true },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes(database));
  registerMetrics(app, { config, database, jobs: app.jobs, consumers, sources: allMetricSources(config) });
  // Every module's routes, in the composition root's order.
  await registerModuleRoutes(app, API_PREFIX);
  await app.register(consumerAdminRoutes, { prefix: API_PREFIX, consumers, guard: app.requireAdministrator });

  registerWebApp(app, config.webDistDir);
  return app;
}

/** Serves the built web app; unknown non-API GETs that want HTML get index.html (client routing). */
function registerWebApp(app: FastifyInstance, distDir: string) {
  const indexFile = path.join(distDir, 'index.html');
  const hasWeb = fs.existsSync(indexFile);
  if (hasWeb) {
    // preCompressed: the build writes each file's .br and .gz beside it (web/vite.config.ts), sent as
    // they are to a browser that accepts them; other files are compressed per request as before.
    app.register(fastifyStatic, { root: distDir, prefix: '/', wildcard: false, index: false, cacheControl: false, preCompressed: true, setHeaders: (res, file) => {
      // Vite fingerprints assets, so they can be cached for good; index.html must never be.
      res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    } });
  }
  // Client-side routes (/, /thu-tuc/1.012601, …) get index.html; the API and missing asset files get a 404 problem.
  const assetLike = /\.(js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|otf|json|txt|xml|webmanifest)$/i;
  if (hasWeb) {
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const pathname = request.url.split('?')[0]!;
      if (pathname === '/api' || pathname.startsWith('/api/') || assetLike.test(pathname)) {
        return sendProblem(reply, request, createRouteNotFoundError());
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  app.setNotFoundHandler(
    { preHandler: app.rateLimit ? app.rateLimit({ max: 120, timeWindow: '1 minute' }) : undefined },
    async (request, reply) => sendProblem(reply, request, createRouteNotFoundError()),
  );
}
