export { workflowsAdminRoutes } from './workflows.routes.js';
export { seedWorkflows, seedWorkflowsFromDir } from './workflows.seed.js';
export { DEFAULT_WORKFLOW_CODE, workflowForCase } from './workflows.usecases.js';
