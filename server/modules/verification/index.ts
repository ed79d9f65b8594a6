/** Public verification of signed documents (the QR code's page). */
export { verificationRoutes } from './verification.routes.js';
export { verifyDocument } from './verification.usecases.js';
export type { DocumentVerification } from './verification.schemas.js';

import type { AppModule } from '../../platform/modules.js';
import { verificationRoutes as routes } from './verification.routes.js';

export const verificationModule: AppModule = {
  name: 'verification',
  routes: async (app, prefix) => {
    await app.register(routes, { prefix });
  },
};
