/** Public surface of the dossiers module. */
export { dossiersRoutes } from './dossiers.routes.js';
export { seedCaseForms, seedCaseFormsFromDir } from './dossiers.forms-seed.js';
export { appointmentFor, nationalStatusLabels, toNationalStatus } from './dossiers.models.js';
export { sweepDrafts } from './dossiers.drafts-sweep.js';
export { dossierProcessingRoutes } from './dossiers.processing.routes.js';
export type { ResultSigning } from './dossiers.results.usecases.js';
