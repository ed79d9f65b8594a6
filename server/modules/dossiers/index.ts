/** Public surface of the dossiers module. */
import type { AppModule } from '../../platform/modules.js';
import { createSigningPort } from '../../platform/signing/index.js';
import { runDossiersCommand, dossiersUsage } from './dossiers.commands.js';
import { deadlineSweepUsage, registerDeadlineSweepJob, runDeadlineSweepCommand, sweepDeadlinesQueue } from './dossiers.deadline-sweep.js';
import { seedCaseFormsFromDir as seedForms } from './dossiers.forms-seed.js';
import { filesRescanQueue, registerDossierJobs, sweepDraftsQueue } from './dossiers.jobs.js';
import { dossierProcessingRoutes as processingRoutes } from './dossiers.processing.routes.js';
import { dossiersRoutes as routes } from './dossiers.routes.js';
import { createObjectStorage } from '../../platform/storage/index.js';
import { createDossierNotificationsConsumer } from './dossiers.notifications.consumer.js';

export { dossiersRoutes } from './dossiers.routes.js';
export { seedCaseForms, seedCaseFormsFromDir } from './dossiers.forms-seed.js';
export { appointmentFor, nationalStatusLabels, toNationalStatus, toNationalStatusOf } from './dossiers.models.js';
export { sweepDrafts } from './dossiers.drafts-sweep.js';
export { dossierProcessingRoutes } from './dossiers.processing.routes.js';
export type { ResultSigning } from './dossiers.results.usecases.js';
export * from './dossiers.tables.js';
export * from './document-templates.tables.js';
export { publishedTemplateTexts } from './document-templates.repository.js';
export {
  initialTexts,
  isTemplateKind,
  renderTemplate,
  sampleValues,
  templateKinds,
  TEMPLATE_DEFINITIONS,
  validateTemplate,
  type TemplateDefinition,
  type TemplateKind,
  type TemplateProblem,
  type TemplateTexts,
} from './documents/templates.js';
export { renderApology, renderControlSheet, renderReceiptSlip, renderRefusal, renderResult, renderSupplementRequest } from './documents/index.js';
export { sampleApology, sampleControlSheet, sampleReceiptSlip, sampleRefusal, sampleSupplementRequest } from './documents/documents.samples.js';
export { sampleResult } from './documents/result.samples.js';
export { dossierEventPayloads, dossierEventSource, dossierEventSchema, dossierEventTypes, presentStreamEvent, type DossierEventType, type DossierStreamEvent } from './dossiers.events.js';
export { NOTIFICATIONS_CONSUMER } from './dossiers.notifications.consumer.js';
export { recordPaid, recordPaymentRequested, releaseFilingHold, type PaidRecord, type PaymentActor, type PaymentRequestedRecord, type WorkflowPayments } from './dossiers.payments.js';
export { loadDossierFor, relationTo } from './dossiers.access.js';
export type { DossierRelation } from './dossiers.access.js';
export { appendDossierEvent, type NewDossierEvent } from './dossiers.repository.js';
export { deliversOnline, effectiveDeliveryMethod } from './dossiers.delivery.models.js';
export { fileInboundDossier, findDossierByCode, type InboundDossier, type InboundFile } from './dossiers.inbound.js';
export { fileExternalDossier, type ExternalFile, type ExternalFilingInput, type ExternalFilingResult } from './dossiers.external.js';

export const dossiersModule: AppModule = {
  name: 'dossiers',
  routes: async (app, prefix) => {
    await app.register(routes, { prefix });
    await app.register(processingRoutes, { prefix, signing: createSigningPort(app.keystore), payments: app.hasDecorator('workflowPayments') ? app.workflowPayments : undefined });
  },
  queues: [sweepDraftsQueue, filesRescanQueue, sweepDeadlinesQueue],
  workers: async (jobs, deps) => {
    await registerDossierJobs(jobs, deps);
    await registerDeadlineSweepJob(jobs, deps);
  },
  consumers: (config) => [createDossierNotificationsConsumer(config)],
  seed: async ({ db, report }) => report('e-forms seeded', { ...(await seedForms({ db })) }),
  cli: [
    {
      group: 'dossiers',
      usage: `${dossiersUsage}\n${deadlineSweepUsage}`,
      // The sweeps queue e-mails: the job schema must exist even if no server has started yet.
      needsJobs: true,
      run: async ({ handle, config, command, out }) => {
        if (command === 'sweep-deadlines') return runDeadlineSweepCommand({ db: handle.db, config, out });
        return runDossiersCommand({ db: handle.db, config, storage: createObjectStorage(config), command, out });
      },
    },
  ],
};
