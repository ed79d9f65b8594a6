export { workflowsAdminRoutes } from './workflows.routes.js';
export { seedWorkflows, seedWorkflowsFromDir } from './workflows.seed.js';
export { caseLabel, DEFAULT_WORKFLOW_CODE, publishWorkflowVersion, validationContext, versionInForce, workflowAtVersion, workflowForCase, workflowHash } from './workflows.usecases.js';
export * from './workflows.tables.js';
export { createWorkflowsRepository } from './workflows.repository.js';
export { workflowDefinitionSchema, workflowStepSchema } from './workflows.schemas.js';

import type { AppModule } from '../../platform/modules.js';
import { workflowsAdminRoutes } from './workflows.routes.js';
import { seedWorkflowsFromDir } from './workflows.seed.js';

export const workflowsModule: AppModule = {
  name: 'workflows',
  routes: async (app, prefix) => {
    await app.register(workflowsAdminRoutes, { prefix });
  },
  seed: async ({ db, report }) => report('workflows seeded', { ...(await seedWorkflowsFromDir({ db })) }),
};
